"""AWX-style tests: the collection built and installed offline (tests/packaging/galaxy_helpers.py), the job
template export in awx/, and ansible-runner private data directories."""

import json
import pathlib
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "packaging"))

import galaxy_helpers  # noqa: E402  (path set just above)

EXPORT = galaxy_helpers.REPO / "awx" / "smartnfvo_job_templates.json"


@pytest.fixture(scope="session")
def export():
    return json.loads(EXPORT.read_text())


@pytest.fixture(scope="session")
def installed(tmp_path_factory):
    tarball = galaxy_helpers.build(tmp_path_factory.mktemp("build"))
    return galaxy_helpers.install(tarball, tmp_path_factory.mktemp("collections"))
