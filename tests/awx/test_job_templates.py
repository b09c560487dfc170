"""awx/smartnfvo_job_templates.json is what `awx import` takes (the shape of `awx export`): every LCM
playbook has a job template whose references resolve inside the file and whose survey asks only for
variables the playbook reads."""

import re

import yaml

import galaxy_helpers

REPO = galaxy_helpers.REPO
RESOURCES = {"execution_environments", "projects", "inventory", "inventory_sources", "job_templates"}
SURVEY_TYPES = {"text", "textarea", "password", "integer", "float", "multiplechoice", "multiselect"}
LCM_PLAYBOOKS = ("instantiate_ns", "terminate_ns", "scale_ns", "heal_vnf")


def keys_of(export, resource):
    return [asset["natural_key"] for asset in export[resource]]


def test_export_shape(export):
    assert set(export) == RESOURCES
    for resource, assets in export.items():
        assert assets, resource
        for asset in assets:
            assert asset["name"] and asset["natural_key"]["name"] == asset["name"], asset
    for source in export["inventory_sources"]:
        assert source["natural_key"]["type"] == "inventory_source"


def test_references_resolve(export):
    projects, inventories = keys_of(export, "projects"), keys_of(export, "inventory")
    ees = keys_of(export, "execution_environments")
    for jt in export["job_templates"]:
        assert jt["project"] in projects and jt["inventory"] in inventories and jt["execution_environment"] in ees, jt["name"]
    for source in export["inventory_sources"]:
        assert source["inventory"] in inventories and source["source_project"] in projects
        assert source["source"] == "scm" and (REPO / source["source_path"]).is_file(), source["source_path"]
        config = yaml.safe_load((REPO / source["source_path"]).read_text())
        assert config["plugin"] == "smartnfvo.nfvo.vnfs" and source["source_path"].endswith("vnfs.yml")
    assert export["projects"][0]["default_environment"] in ees


def playbook_variables(playbook):
    """Names the playbook reads from the outside: every identifier inside its Jinja expressions."""
    text = (REPO / playbook).read_text()
    names = set()
    for expression in re.findall(r"\{\{(.*?)\}\}", text, re.S):
        names.update(re.findall(r"(?<![.\w'\"])([a-z_][a-z0-9_]*)\b", expression))
    return names


def test_every_lcm_playbook_has_a_job_template_with_a_matching_survey(export):
    by_playbook = {jt["playbook"]: jt for jt in export["job_templates"]}
    shipped = {p.stem for p in (REPO / "playbooks").glob("*.yml")}
    for name in LCM_PLAYBOOKS:
        if name not in shipped:
            continue
        jt = by_playbook.get("playbooks/%s.yml" % name)
        assert jt, "no job template runs playbooks/%s.yml" % name
        assert jt["survey_enabled"]
        spec = jt["related"]["survey_spec"]["spec"]
        variables = [q["variable"] for q in spec]
        assert len(variables) == len(set(variables)), "duplicate survey variables in %s" % jt["name"]
        used = playbook_variables(jt["playbook"])
        unused = [v for v in variables if v not in used]
        assert not unused, "%s asks for variables %s that %s never reads" % (jt["name"], unused, jt["playbook"])
        for required in ("ns_name", "vim", "nsd", "params"):
            assert required in variables, "%s: no survey question for %s" % (jt["name"], required)
        for question in spec:
            assert question["type"] in SURVEY_TYPES and question["question_name"], question
            if question["type"] == "multiplechoice":
                assert question["default"] in question["choices"], question
            if question["type"] == "integer":
                assert question["min"] <= question["default"] <= question["max"], question


def test_every_job_template_runs_a_shipped_playbook(export):
    for jt in export["job_templates"]:
        assert (REPO / jt["playbook"]).is_file(), jt["playbook"]
