"""Stands in for ansible-test's get-pip.py bootstrap script, which it downloads from a host CI cannot reach.

It bootstraps pip from the interpreter's own ensurepip, then installs the packages ansible-test asked for
from the package index, exactly as get-pip.py would.
"""
import ensurepip
import os
import subprocess
import sys

saved = os.environ.get("PIP_CONFIG_FILE")
ensurepip.bootstrap(upgrade=True)
# ensurepip points PIP_CONFIG_FILE at /dev/null for its own run; the real install must see the machine's pip config.
env = dict(os.environ)
env.pop("PIP_CONFIG_FILE", None)
if saved is not None:
    env["PIP_CONFIG_FILE"] = saved
args = [a for a in sys.argv[1:] if a not in ("--no-setuptools", "--no-wheel")]
subprocess.check_call([sys.executable, "-m", "pip", "install", "--upgrade"] + args, env=env)
