"""Documentation: antsibull-docs lints the installed collection's plugin and role docs, and the user guide
in docs/ is complete enough to follow (its links resolve, its commands name things that exist)."""

import re

import pytest

from galaxy_helpers import FQCN, REPO, VENV_BIN, run

GUIDE = REPO / "docs"
# Paths the guide tells the reader to create (build output).
GENERATED = {"awx/collections"}
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def test_antsibull_docs_lint(installed, user_env, outside):
    # On the installed copy: the repository links itself under .collections, a loop antsibull-docs would copy.
    proc = run([VENV_BIN / "antsibull-docs", "lint-collection-docs", "--plugin-docs", "--validate-collection-refs", "all",
                "--disallow-unknown-collection-refs", "--check-extra-docs-refs", installed],
               env=user_env, cwd=outside, check=False, timeout=300)
    assert proc.returncode == 0 and not proc.stdout.strip(), proc.stdout + proc.stderr


def guide_pages():
    return sorted(GUIDE.rglob("*.md"))


def test_guide_exists_and_covers_the_topics():
    pages = guide_pages()
    if not pages:
        pytest.fail("docs/ holds no Markdown guide")
    text = "\n".join(p.read_text() for p in pages).lower()
    for topic in ("getting started", "local vim", "openstack", "clouds.yaml", "flavor_map", "image_map", "csar",
                  "sol001", "vl_cidrs", "scale", "heal", "terminate", "inventory", "awx", "survey",
                  "execution environment", "troubleshooting", "instantiate_end"):
        assert topic in text, "the guide never mentions %r" % topic


def test_guide_links_resolve():
    broken = []
    for page in guide_pages() + [REPO / "README.md"]:
        for target in LINK.findall(page.read_text()):
            if "://" in target or target.startswith("mailto:"):
                continue
            if not (page.parent / target).exists():
                broken.append("%s -> %s" % (page.relative_to(REPO), target))
    assert not broken, "broken links: %s" % broken


def test_guide_names_only_existing_modules_roles_and_playbooks():
    text = "\n".join(p.read_text() for p in guide_pages())
    missing = []
    for name in sorted(set(re.findall(re.escape(FQCN) + r"\.([a-z_]+)", text))):
        candidates = [REPO / "plugins" / d / (name + ".py") for d in ("modules", "inventory", "callback", "lookup", "filter")]
        candidates += [REPO / "roles" / name, REPO / "playbooks" / (name + ".yml")]
        if not any(c.exists() for c in candidates):
            missing.append(FQCN + "." + name)
    for path in sorted(set(re.findall(r"\b((?:playbooks|inventories|descriptors|awx|roles)/[\w./-]+\w)", text))):
        if path in GENERATED:
            continue
        if not (REPO / path).exists():
            missing.append(path)
    assert not missing, "the guide names what does not exist: %s" % missing
