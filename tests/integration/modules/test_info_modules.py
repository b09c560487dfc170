"""descriptor_info and ns_info run by pytest-ansible on localhost: real module runs, real results."""

import pytest

from conftest import REPO

SAMPLE = str(REPO / "descriptors" / "sample_ns")
FQCN = "smartnfvo.nfvo."
# pytest-ansible's fixtures warn about its own host manager and ansible-core's collection finder set-up.
pytestmark = [pytest.mark.filterwarnings("ignore:Host management is deprecated:DeprecationWarning"),
              pytest.mark.filterwarnings("ignore:AnsibleCollectionFinder has already been configured:UserWarning")]


def only(result):
    """The one host's result of an ad-hoc run."""
    return result["localhost"]


def test_descriptor_info_plans_the_sample_ns(controller):
    out = only(getattr(controller, FQCN + "descriptor_info")(path=SAMPLE, ns_name="t-pyans", vl_cidrs={"mgmt_net": "10.205.0.0/24"}))
    assert not out.get("failed"), out.get("msg")
    assert out["changed"] is False
    assert out["descriptor"]["kind"] == "nsd"
    assert sorted(v["name"] for v in out["plan"]["vnfs"]) == ["client", "firewall", "web"]
    assert out["plan"]["ns_name"] == "t-pyans"
    assert "10.205.0." in str(out["plan"]), "vl_cidrs not applied to the plan"
    assert out["diagram"].lstrip().startswith(("graph", "flowchart"))


def test_descriptor_info_names_a_missing_descriptor(controller):
    missing = str(REPO / "descriptors" / "no_such_nsd")
    out = only(getattr(controller, FQCN + "descriptor_info")(path=missing))
    assert out.get("failed") and "no_such_nsd" in out["msg"], out
    assert "Traceback" not in str(out)


def test_descriptor_info_rejects_an_unknown_option(controller):
    out = only(getattr(controller, FQCN + "descriptor_info")(path=SAMPLE, no_such_option=1))
    assert out.get("failed") and "no_such_option" in out["msg"], out


@pytest.mark.parametrize("check", [False, True])
def test_ns_info_on_an_empty_local_vim(ansible_adhoc, controller, local_vim_dir, check):
    host = controller
    if check:
        host = ansible_adhoc(inventory=str(REPO / "inventories" / "localhost.yml"), host_pattern="localhost",
                             connection="local", check=True)["localhost"]
    out = only(getattr(host, FQCN + "ns_info")(vim_type="local", local_vim_dir=local_vim_dir))
    assert not out.get("failed"), out.get("msg")
    assert out["changed"] is False
    assert out["ns_instances"] == []
