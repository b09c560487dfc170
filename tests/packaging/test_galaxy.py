"""The collection as Galaxy users get it: build, offline install, ansible-doc and playbooks by FQCN.

Everything after the build runs against the installed copy (ANSIBLE_COLLECTIONS_PATH=<tmp>, cwd outside
the repository). Plugins, roles and playbooks are discovered from the installed tree, so new ones are
covered without editing this file.
"""

import json
import os
import pathlib
import secrets
import shutil
import subprocess

import pytest
import yaml

from galaxy_helpers import FQCN, GALAXY, REPO, VENV_BIN, local_vim_problem, manifest, run, tarball_members

# Top-level entries a user of the collection may get; anything else in the tarball is a build_ignore gap.
ALLOWED_TOP = {"MANIFEST.json", "FILES.json", "README.md", "COPYING", "requirements.txt", "bindep.txt",
               "meta", "plugins", "roles", "playbooks", "descriptors", "docs", "inventories", "changelogs",
               "awx", "tests"}
ALLOWED_TESTS = {"tests/unit", "tests/sanity", "tests/config.yml"}
FORBIDDEN_PARTS = {".venv", ".collections", "collections", ".git", ".ci", ".ansible", "__pycache__", ".pytest_cache",
                   "bench", "output", "molecule", "_build", ".cache", ".tox"}
FORBIDDEN_SUFFIXES = (".pyc", ".tar.gz", ".retry", ".log", ".orig", ".rej", ".swp")
MAX_TARBALL_BYTES = 2 * 1024 * 1024

# plugins/<dir> -> ansible-doc type. action plugins pair with modules, module_utils/doc_fragments have no page.
DOC_TYPES = {"modules": "module", "inventory": "inventory", "callback": "callback", "lookup": "lookup",
             "filter": "filter", "test": "test", "connection": "connection", "become": "become", "cache": "cache",
             "vars": "vars", "strategy": "strategy", "shell": "shell", "netconf": "netconf", "cliconf": "cliconf",
             "httpapi": "httpapi"}
NEEDS_EXAMPLES = {"module", "inventory", "lookup", "filter", "test"}
NEEDS_RETURN = {"module", "lookup", "filter", "test"}


def plugin_names(installed):
    """{ansible-doc type: [FQCN, ...]} from the installed plugins/ tree."""
    found = {}
    for directory, doc_type in DOC_TYPES.items():
        root = installed / "plugins" / directory
        if not root.is_dir():
            continue
        names = sorted({p.stem for p in root.iterdir()
                        if p.suffix in (".py", ".yml", ".yaml") and not p.stem.startswith("_")})
        if names:
            found[doc_type] = ["%s.%s" % (FQCN, n) for n in names]
    return found


def role_names(installed):
    return sorted(p.name for p in (installed / "roles").iterdir() if p.is_dir()) if (installed / "roles").is_dir() else []


def playbook_names(installed):
    return sorted(p.stem for p in (installed / "playbooks").glob("*.yml"))


def test_tarball_holds_only_what_users_need(tarball):
    assert tarball.stat().st_size < MAX_TARBALL_BYTES, "tarball is %d bytes" % tarball.stat().st_size
    names = [m.name for m in tarball_members(tarball)]
    unexpected = []
    for name in names:
        parts = pathlib.PurePosixPath(name).parts
        if parts[0] not in ALLOWED_TOP:
            unexpected.append(name)
        elif parts[0] == "tests" and len(parts) > 1 and not any(
                name == t or name.startswith(t + "/") for t in ALLOWED_TESTS):
            unexpected.append(name)
        elif FORBIDDEN_PARTS.intersection(parts) or name.endswith(FORBIDDEN_SUFFIXES):
            unexpected.append(name)
    assert not unexpected, "build_ignore lets these into the tarball: %s" % unexpected[:30]
    # What the collection is made of is all there (git's view of the repository, tracked or new files).
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard",
                             "plugins", "roles", "playbooks", "descriptors", "meta", "docs"],
                            cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    missing = [f for f in listed if (REPO / f).is_file() and f not in names and "__pycache__" not in f]
    assert not missing, "files missing from the tarball: %s" % missing[:30]


def test_installs_offline_with_no_dependencies(installed, user_env, outside, collections_path):
    info = manifest(installed)["collection_info"]
    assert (info["namespace"], info["name"], info["version"]) == (GALAXY["namespace"], GALAXY["name"], GALAXY["version"])
    assert info["dependencies"] == {}, "dependencies need a Galaxy server: %s" % info["dependencies"]
    listed = run([VENV_BIN / "ansible-galaxy", "collection", "list", FQCN, "--format", "json"],
                 env=user_env, cwd=outside).stdout
    paths = json.loads(listed)
    assert any(FQCN in cols for cols in paths.values()), listed


def test_ansible_doc_every_plugin(installed, user_env, outside):
    plugins = plugin_names(installed)
    assert plugins.get("module"), "no modules found in %s" % installed
    gaps = []
    for doc_type, names in plugins.items():
        listed = run([VENV_BIN / "ansible-doc", "-t", doc_type, "-l", FQCN], env=user_env, cwd=outside).stdout
        gaps += ["%s not listed by ansible-doc -t %s -l" % (n, doc_type) for n in names if n not in listed]
        docs = json.loads(run([VENV_BIN / "ansible-doc", "-t", doc_type, "--json"] + names, env=user_env, cwd=outside).stdout)
        for name in names:
            entry = docs.get(name) or {}
            doc = entry.get("doc") or {}
            where = "%s %s" % (doc_type, name)
            if not doc.get("short_description") or not doc.get("description"):
                gaps.append("%s: DOCUMENTATION without short_description/description" % where)
            if str(installed) not in doc.get("filename", str(installed)):
                gaps.append("%s: documented from %s, not the installed copy" % (where, doc.get("filename")))
            for option, spec in (doc.get("options") or {}).items():
                if not spec.get("description"):
                    gaps.append("%s: option %s has no description" % (where, option))
            if doc_type in NEEDS_EXAMPLES and not (entry.get("examples") or "").strip():
                gaps.append("%s: no EXAMPLES" % where)
            if doc_type in NEEDS_RETURN and not entry.get("return"):
                gaps.append("%s: no RETURN" % where)
    assert not gaps, "\n".join(gaps)


def test_every_doc_fragment_is_used_and_renders(installed):
    fragments = sorted(p.stem for p in (installed / "plugins" / "doc_fragments").glob("*.py") if not p.stem.startswith("_"))
    sources = "\n".join(p.read_text() for p in (installed / "plugins").rglob("*.py") if "doc_fragments" not in p.parts)
    unused = [f for f in fragments if "%s.%s" % (FQCN, f) not in sources]
    # Users of each fragment render in test_ansible_doc_every_plugin; a fragment nobody uses is dead docs.
    assert not unused, "doc fragments used by no plugin: %s" % unused


def test_ansible_doc_every_role(installed, user_env, outside):
    roles = role_names(installed)
    if not roles:
        pytest.skip("no roles in the collection yet")
    without_specs = [r for r in roles if not (installed / "roles" / r / "meta" / "argument_specs.yml").is_file()]
    assert not without_specs, "roles without meta/argument_specs.yml: %s" % without_specs
    listed = run([VENV_BIN / "ansible-doc", "-t", "role", "-l", FQCN], env=user_env, cwd=outside).stdout
    gaps = ["role %s.%s not listed by ansible-doc -t role -l" % (FQCN, r) for r in roles if "%s.%s" % (FQCN, r) not in listed]
    for role in roles:
        docs = json.loads(run([VENV_BIN / "ansible-doc", "-t", "role", "--json", "%s.%s" % (FQCN, role)],
                              env=user_env, cwd=outside).stdout)
        main = (docs.get("%s.%s" % (FQCN, role)) or {}).get("entry_points", {}).get("main") or {}
        if not main.get("short_description"):
            gaps.append("role %s: entry point main has no short_description" % role)
        for option, spec in (main.get("options") or {}).items():
            if not spec.get("description") or not spec.get("type"):
                gaps.append("role %s: option %s lacks description or type" % (role, option))
    assert not gaps, "\n".join(gaps)


def test_every_playbook_parses_by_fqcn(installed, user_env, outside):
    names = playbook_names(installed)
    assert "validate_ns" in names
    for name in names:
        run([VENV_BIN / "ansible-playbook", "--syntax-check", "%s.%s" % (FQCN, name)], env=user_env, cwd=outside)


def test_validate_ns_runs_by_fqcn(user_env, outside):
    out = run([VENV_BIN / "ansible-playbook", "%s.validate_ns" % FQCN], env=user_env, cwd=outside).stdout
    assert "VNFs: " in out and "failed=0" in out, out[-2000:]


@pytest.fixture
def local_state_dir():
    problem = local_vim_problem()
    if problem:
        if os.environ.get("SMARTNFVO_LOCAL_VIM_REQUIRED") == "1":
            pytest.fail("local VIM unusable here: %s" % problem, pytrace=False)
        pytest.skip("local VIM unusable here: %s" % problem)
    base = pathlib.Path("/run/smartnfvo-tests")
    base.mkdir(parents=True, exist_ok=True)
    path = base / ("t-galaxy-%s" % secrets.token_hex(3))
    path.mkdir()
    yield path
    shutil.rmtree(path, ignore_errors=True)


def test_instantiate_and_terminate_by_fqcn(installed, user_env, outside, local_state_dir, tmp_path):
    """The sample NS from the installed copy's descriptors, on the local VIM, then terminated."""
    if not {"instantiate_ns", "terminate_ns"} <= set(playbook_names(installed)):
        pytest.skip("instantiate_ns/terminate_ns playbooks not in the collection yet")
    ns_name = "t-galaxy-%s" % secrets.token_hex(2)
    extra = {"ns_name": ns_name, "vim": "local", "params": {
        "local_vim_dir": str(local_state_dir), "key_dir": str(tmp_path / "keys"),
        "vl_cidrs": {"mgmt_net": "10.203.0.0/24", "client_net": "10.203.1.0/24", "server_net": "10.203.2.0/24",
                     "web.web_internal": "10.203.3.0/24"}}}
    (tmp_path / "extra.json").write_text(json.dumps(extra))
    source = tmp_path / "local.vnfs.yml"
    source.write_text(yaml.safe_dump({"plugin": "%s.vnfs" % FQCN, "sources": [{"type": "local", "state_dir": str(local_state_dir)}]}))
    group = "ns_" + ns_name.replace("-", "_")
    try:
        out = run([VENV_BIN / "ansible-playbook", "%s.instantiate_ns" % FQCN, "-e", "@%s" % (tmp_path / "extra.json")],
                  env=user_env, cwd=outside, timeout=900).stdout
        assert "failed=0" in out, out[-3000:]
        inventory = json.loads(run([VENV_BIN / "ansible-inventory", "-i", source, "--list"], env=user_env, cwd=outside).stdout)
        hosts = inventory.get(group, {}).get("hosts", [])
        assert len(hosts) >= 3, "inventory group %s: %s" % (group, hosts)
    finally:
        out = run([VENV_BIN / "ansible-playbook", "%s.terminate_ns" % FQCN, "-e", "@%s" % (tmp_path / "extra.json")],
                  env=user_env, cwd=outside, timeout=600).stdout
    assert "failed=0" in out, out[-3000:]
    inventory = json.loads(run([VENV_BIN / "ansible-inventory", "-i", source, "--list"], env=user_env, cwd=outside).stdout)
    assert not inventory.get(group, {}).get("hosts"), "hosts left after terminate: %s" % inventory.get(group)
