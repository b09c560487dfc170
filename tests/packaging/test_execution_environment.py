"""Execution environment: the collection's meta/execution-environment.yml, bindep.txt and the awx/ EE
definition give ansible-builder a valid build context (no image is built here: no container runtime)."""

import shutil

import yaml

from galaxy_helpers import GALAXY, REPO, VENV_BIN, run


def requirement_lines(path):
    return [line.split("#")[0].strip() for line in path.read_text().splitlines() if line.split("#")[0].strip()]


def test_collection_metadata_points_at_its_requirements():
    meta = yaml.safe_load((REPO / "meta" / "execution-environment.yml").read_text())
    deps = meta["dependencies"]
    assert deps == {"python": "requirements.txt", "system": "bindep.txt"}
    for name in deps.values():
        assert (REPO / name).is_file() and requirement_lines(REPO / name), "%s missing or empty" % name


def test_bindep_names_the_local_vim_tools_for_both_families():
    lines = requirement_lines(REPO / "bindep.txt")
    packages = {line.split()[0]: line for line in lines}
    for needed in ("iproute2", "openssh-client", "openssh-server", "nftables", "python3"):
        assert needed in packages, "bindep.txt lacks %s" % needed
    assert "platform:rpm" in packages["iproute"] and "platform:dpkg" in packages["iproute2"]
    # bindep parses the file (exit 0: nothing missing, 1: packages missing on this machine; 2+ is a syntax error).
    proc = run([VENV_BIN / "bindep", "-b", "-f", REPO / "bindep.txt"], check=False)
    assert proc.returncode in (0, 1), proc.stderr


def test_ansible_builder_introspects_the_installed_collection(installed, collections_path):
    out = run([VENV_BIN / "ansible-builder", "introspect", "--sanitize", collections_path]).stdout
    data = yaml.safe_load(out[out.index("python:"):]) if "python:" in out else {}
    python = " ".join(data.get("python", []))
    system = " ".join(data.get("system", []))
    for line in requirement_lines(REPO / "requirements.txt"):
        name = line.split("=")[0].split(">")[0].split("<")[0].strip()
        if name not in ("ansible-core", "PyYAML"):  # ansible-builder leaves these to the base image
            assert name.lower() in python.lower(), "introspection lost %s: %s" % (name, python)
    assert "nftables" in system and "openssh-server" in system, system


def test_ansible_builder_creates_a_build_context(tarball, tmp_path):
    ee_dir = tmp_path / "awx"
    shutil.copytree(REPO / "awx", ee_dir)
    # The definition refers to ../requirements.txt and ../bindep.txt: the same layout as the repository.
    for name in ("requirements.txt", "bindep.txt"):
        shutil.copy(REPO / name, tmp_path / name)
    (ee_dir / "collections").mkdir(exist_ok=True)
    shutil.copy(tarball, ee_dir / "collections" / tarball.name)
    context = tmp_path / "context"
    run([VENV_BIN / "ansible-builder", "create", "-f", ee_dir / "execution-environment.yml", "-c", context,
         "--output-filename", "Containerfile"], cwd=tmp_path)
    containerfile = (context / "Containerfile").read_text()
    build = context / "_build"
    assert "COPY _build/requirements.txt" in containerfile and "COPY _build/bindep.txt" in containerfile
    assert "ansible-galaxy collection install" in containerfile and "-r requirements.yml" in containerfile
    assert "ansible-core>=2.19,<2.20" in containerfile and "ansible-runner" in containerfile
    assert requirement_lines(build / "requirements.txt") == requirement_lines(REPO / "requirements.txt")
    assert requirement_lines(build / "bindep.txt") == requirement_lines(REPO / "bindep.txt")
    galaxy = yaml.safe_load((build / "requirements.yml").read_text())
    sources = [c["name"] for c in galaxy["collections"]]
    # The file the galaxy stage installs (from /build, the copied _build) is the tarball of this version.
    assert sources == ["/build/collections/%s" % tarball.name], sources
    assert (build / "collections" / tarball.name).is_file()
    assert GALAXY["version"] in tarball.name
