"""Every valid third-party descriptor loads and plans; every invalid one gets a clear error."""
import pytest

from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.errors import DescriptorError
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.descriptor.loader import load_descriptor
from ansible_collections.smartnfvo.nfvo.plugins.module_utils._nfvo.plan.builder import build_plan

from corpus import require_corpus, shared_path, units

# Accepted by their upstream project, not (yet) by us; each for a stated reason. strict: a fix must update this list.
KNOWN_GAPS = {
    # Both packages bind six connection points to a VDU 'UPIRU' that neither defines (nor any type of that name):
    # a requirement naming neither a node template nor a node type, which TOSCA does not allow. Refused cleanly.
    "onap__vnfsdk-validation/csarvalidation/src/test/resources/sample2.csar": "CPs bind to VDU 'UPIRU', which the package does not define",
    "onap__vnfsdk-validation/csarvalidation/src/test/resources/testR02454.csar": "CPs bind to VDU 'UPIRU', which the package does not define",
}


def _cases():
    for unit, expected in units():
        marks = [pytest.mark.xfail(reason=KNOWN_GAPS[unit], strict=True)] if unit in KNOWN_GAPS else []
        yield pytest.param(unit, expected, id=unit, marks=marks)


@pytest.mark.parametrize("unit,expected", list(_cases()) or [pytest.param(None, None, id="no-corpus")])
def test_descriptor_unit(unit, expected):
    require_corpus()
    if unit is None:
        pytest.skip("INDEX.md not found")
    path = shared_path(unit)
    if expected == "accept":
        loaded = load_descriptor(path)
        plan = build_plan(loaded.model, {})
        assert plan["descriptor_id"] == loaded.model.descriptor_id
        assert plan["ns_instance_id"] and isinstance(plan["resources"], list)
        for resource in plan["resources"]:
            assert resource["name"] and "smartnfvo" in resource["tags"]
    else:
        with pytest.raises(DescriptorError) as caught:
            load_descriptor(path)
        assert caught.value.problems
        for problem in caught.value.problems:
            assert problem.file and problem.reason
            assert "Traceback" not in problem.reason and 'File "' not in problem.reason


@pytest.mark.parametrize("unit", sorted(KNOWN_GAPS))
def test_known_gaps_are_refused_cleanly(unit):
    require_corpus()
    with pytest.raises(DescriptorError) as caught:
        load_descriptor(shared_path(unit))
    assert caught.value.problems and all(p.node and "'UPIRU'" in p.reason for p in caught.value.problems)
