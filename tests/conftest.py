# Makes `import ansible_collections.smartnfvo.nfvo...` work from a plain checkout, through the link that
# scripts/bootstrap.sh makes (.collections/ansible_collections/smartnfvo/nfvo -> the repository).
# The same path goes to ANSIBLE_COLLECTIONS_PATH before pytest-ansible configures itself (pytest.ini runs it
# with --ansible-unit-inject-only): otherwise it links the repository under ./collections and exports that
# path to every ansible-playbook the tests start, where the links lead back into .venv and .collections.
import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Helpers shared by the test suites (tests/lib), importable by name.
sys.path.insert(0, os.path.join(REPO, "tests", "lib"))
_link_root = os.path.join(REPO, ".collections")
if os.path.isdir(os.path.join(_link_root, "ansible_collections")):
    if _link_root not in sys.path:
        sys.path.insert(0, _link_root)
    os.environ.setdefault("ANSIBLE_COLLECTIONS_PATH", _link_root)
