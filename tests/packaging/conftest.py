"""Session fixtures: the collection built by ansible-galaxy and installed offline in a clean path."""

import pytest

import galaxy_helpers


@pytest.fixture(scope="session")
def tarball(tmp_path_factory):
    return galaxy_helpers.build(tmp_path_factory.mktemp("build"))


@pytest.fixture(scope="session")
def collections_path(tmp_path_factory):
    return tmp_path_factory.mktemp("collections")


@pytest.fixture(scope="session")
def installed(tarball, collections_path):
    return galaxy_helpers.install(tarball, collections_path)


@pytest.fixture(scope="session")
def user_env(installed, collections_path):
    return galaxy_helpers.user_env(collections_path)


@pytest.fixture(scope="session")
def outside(tmp_path_factory):
    """A working directory outside the repository (no ansible.cfg, no .collections)."""
    return tmp_path_factory.mktemp("cwd")
