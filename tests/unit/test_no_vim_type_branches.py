"""Callers ask a driver's capabilities; only the registry knows the VIM types (issue 12).

A branch on the VIM's type outside plugins/module_utils/_nfvo/vim/registry.py (and outside a VIM's own
package, which may name itself) fails here, in Python and in the roles, playbooks and molecule scenarios."""
import pathlib
import re

from repo import REPO as _REPO

REPO = pathlib.Path(_REPO)

TYPES = r"(?:local|openstack|kubernetes)"
PYTHON = [
    re.compile(r"vim_type\W{0,3}\s*(?:[!=]=|\bin\b|\bnot in\b)"),
    re.compile(r"""[!=]=\s*["']%s["']""" % TYPES),
    re.compile(r"""["']%s["']\s*[!=]=""" % TYPES),
    re.compile(r"""\bin\s*[(\[{]\s*["']%s["']""" % TYPES),
    re.compile(r"isinstance\([^)]*(?:LocalDriver|OpenStackDriver|KubernetesDriver)"),
]
YAML = [
    re.compile(r"""[!=]=\s*["']%s["']""" % TYPES),
    re.compile(r"""["']%s["']\s*[!=]=""" % TYPES),
    re.compile(r"\bvim_type\b"),
]
ALLOWED = ("plugins/module_utils/_nfvo/vim/registry.py",)
OWN_PACKAGES = ("plugins/module_utils/_nfvo/vim/local/", "plugins/module_utils/_nfvo/vim/openstack/",
                "plugins/module_utils/_nfvo/vim/kubernetes/")


def _code_lines(path):
    """Lines of a Python file outside its docstrings and comments (DOCUMENTATION blocks name the types)."""
    in_string = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.strip()
        if in_string:
            if in_string in stripped:
                in_string = None
            continue
        for quote in ('r"""', '"""', "'''"):
            if stripped.startswith(quote) or (("= " + quote) in stripped):
                rest = stripped.split(quote, 1)[1]
                if quote.lstrip("r") not in rest:
                    in_string = quote.lstrip("r")
                break
        if in_string or stripped.startswith("#"):
            continue
        yield number, line.split(" #", 1)[0]


def test_no_vim_type_branch_in_python():
    found = []
    for path in sorted((REPO / "plugins").rglob("*.py")):
        rel = path.relative_to(REPO).as_posix()
        if rel in ALLOWED or rel.startswith(OWN_PACKAGES) or rel.startswith("plugins/doc_fragments/"):
            continue
        for number, line in _code_lines(path):
            if any(p.search(line) for p in PYTHON):
                found.append("%s:%d: %s" % (rel, number, line.strip()))
    assert not found, "branches on the VIM type (ask driver.capabilities instead):\n" + "\n".join(found)


def test_no_vim_type_branch_in_roles_and_playbooks():
    found = []
    for top in ("roles", "playbooks", "extensions"):
        for path in sorted((REPO / top).rglob("*.y*ml")):
            rel = path.relative_to(REPO).as_posix()
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if line.lstrip().startswith("#"):
                    continue
                if any(p.search(line) for p in YAML):
                    found.append("%s:%d: %s" % (rel, number, line.strip()))
    assert not found, "branches on the VIM type (use the ns/vnf result's vim.capabilities):\n" + "\n".join(found)


def test_the_check_sees_a_branch():
    """The patterns catch the forms the code had before (so the tests above cannot pass vacuously)."""
    for line in ('if params.get("vim_type") == "local":', "if kind == 'openstack':", 'x in ("local", "openstack")',
                 "isinstance(driver, LocalDriver)"):
        assert any(p.search(line) for p in PYTHON), line
    for line in ("{{ 'fail' if ns_instantiate_vim == 'local' else 'skip' }}", "vim_type: local"):
        assert any(p.search(line) for p in YAML), line
