"""FHIR R4: the merged pathway as a PlanDefinition, the service map as a Bundle.

`fhir.resources` (R4B models) checks structure and datatypes but not code values, so
the codes are checked here against the value sets the FHIR specification binds.
"""

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.healthcareservice import HealthcareService
from fhir.resources.R4B.plandefinition import PlanDefinition

from tests.exports.helpers import put

# http://hl7.org/fhir/R4/valueset-publication-status.html (required binding)
PUBLICATION_STATUS = {"draft", "active", "retired", "unknown"}
# http://hl7.org/fhir/R4/valueset-action-relationship-type.html (required binding)
ACTION_RELATIONSHIP = {
    "before-start", "before", "before-end", "concurrent-with-start", "concurrent",
    "concurrent-with-end", "after-start", "after", "after-end",
}  # fmt: skip
# http://hl7.org/fhir/R4/valueset-usage-context-type.html (extensible)
USAGE_CONTEXT = {"gender", "age", "focus", "user", "workflow", "task", "venue", "species",
                 "program"}  # fmt: skip
# http://hl7.org/fhir/R4/valueset-plan-definition-type.html (extensible)
PLAN_TYPES = {"order-set", "clinical-protocol", "eca-rule", "workflow-definition"}
CONTACT_POINT_SYSTEM = {"phone", "fax", "email", "pager", "url", "sms", "other"}
BUNDLE_TYPES = {"document", "message", "transaction", "transaction-response", "batch",
                "batch-response", "history", "searchset", "collection"}  # fmt: skip


def arrange(session, world):
    put(session, world, world.region, "helsestasjon", text="Helsestasjonen **ser** barnet.")
    put(session, world, world.region, "helsestasjon", section="referral",
        text="Henvis til fastlegen, som kan henvise videre til BUP.")  # fmt: skip
    put(session, world, world.region, "fastlege", text="Fastlegen vurderer.")
    put(session, world, world.region, "fastlege", section="referral", text="Henviser til BUP.")
    put(session, world, world.region, "bup", text="BUP utreder og behandler.")
    put(session, world, world.m4601, "bup", section="measures", mode="replace",
        text="Lokalt tiltak i Bergen.")  # fmt: skip


def check_codes(plan: dict) -> None:
    assert plan["status"] in PUBLICATION_STATUS
    assert {c["code"] for c in plan["type"]["coding"]} <= PLAN_TYPES
    for ctx in plan["useContext"]:
        assert ctx["code"]["system"] == "http://terminology.hl7.org/CodeSystem/usage-context-type"
        assert ctx["code"]["code"] in USAGE_CONTEXT
    ids = {a["id"] for a in plan["action"]}
    for action in plan["action"]:
        for rel in action.get("relatedAction", []):
            assert rel["relationship"] in ACTION_RELATIONSHIP
            assert rel["actionId"] in ids, "relatedAction must point at an action of the plan"


def test_plan_definition_is_valid_fhir_with_checked_codes(client, world, session):
    arrange(session, world)
    r = client.get("/v1/localities/4601/pathways/angst/fhir")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/fhir+json"
    plan = r.json()
    PlanDefinition.model_validate(plan)
    check_codes(plan)
    assert plan["status"] == "active" and plan["title"] == "Angst" and plan["language"] == "nb"
    jurisdiction = [c for j in plan["jurisdiction"] for c in j["coding"]]
    assert {"system": "urn:iso:std:iso:3166", "code": "NO", "display": "Norge"} in jurisdiction
    assert any(c["system"] == "urn:oid:2.16.578.1.12.4.1.1.3402" and c["code"] == "4601"
               for c in jurisdiction)  # fmt: skip
    assert plan["useContext"][0]["valueCodeableConcept"]["coding"][0]["code"] == "4601"
    assert [a["id"] for a in plan["action"]] == ["helsestasjon", "fastlege", "bup"]
    hs = plan["action"][0]
    assert hs["code"][0]["coding"][0]["code"] == "helsestasjon"
    children = {c["id"]: c for c in hs["action"]}
    assert children["helsestasjon.role"]["title"] == "Rolle"
    assert children["helsestasjon.role"]["description"] == "Helsestasjonen **ser** barnet."
    # Referrals come from the referral section's text: helsestasjon names fastlege and BUP.
    assert [x["actionId"] for x in hs["relatedAction"]] == ["fastlege", "bup"]
    assert [x["actionId"] for x in plan["action"][1]["relatedAction"]] == ["bup"]
    assert "relatedAction" not in plan["action"][2]
    bup_children = {c["id"]: c["description"] for c in plan["action"][2]["action"]}
    assert bup_children["bup.measures"] == "Lokalt tiltak i Bergen."
    assert "date" in plan and plan["date"].startswith("20")


def test_status_follows_the_pathway_and_etag(client, world, session, auth):
    arrange(session, world)
    first = client.get("/v1/localities/4601/pathways/angst/fhir")
    again = client.get(
        "/v1/localities/4601/pathways/angst/fhir", headers={"If-None-Match": first.headers["etag"]}
    )
    assert again.status_code == 304
    admin = auth("admin")

    def set_status(status: str) -> None:
        # Through the API, as an editor would: the write moves every held read of it.
        current = client.get("/v1/pathways/angst?preview=true", headers=admin)
        r = client.patch(
            "/v1/pathways/angst",
            json={"status": status},
            headers={**admin, "If-Match": current.headers["etag"]},
        )
        assert r.status_code == 200, r.text

    set_status("retired")
    plan = client.get("/v1/localities/4601/pathways/angst/fhir").json()
    assert plan["status"] == "retired"
    PlanDefinition.model_validate(plan)
    set_status("draft")
    assert client.get("/v1/localities/4601/pathways/angst/fhir").status_code == 404


def test_unknown_pathway_or_locality_is_404(client, world):
    assert client.get("/v1/localities/4601/pathways/nope/fhir").status_code == 404
    assert client.get("/v1/localities/9999/pathways/angst/fhir").status_code == 404


def test_service_map_as_fhir_bundle(client, world, session):
    arrange(session, world)
    r = client.get("/v1/localities/4601/service-map?format=fhir")
    assert r.status_code == 200 and r.headers["content-type"] == "application/fhir+json"
    bundle = r.json()
    Bundle.model_validate(bundle)
    assert bundle["type"] in BUNDLE_TYPES
    services = [e["resource"] for e in bundle["entry"]
                if e["resource"]["resourceType"] == "HealthcareService"]  # fmt: skip
    orgs = {e["resource"]["id"]: e["resource"] for e in bundle["entry"]
            if e["resource"]["resourceType"] == "Organization"}  # fmt: skip
    assert {s["name"] for s in services} == {"Helsestasjonen i Årstad", "BUP Bergen"}
    for s in services:
        HealthcareService.model_validate(s)
        assert all(t["system"] in CONTACT_POINT_SYSTEM for t in s["telecom"])
        assert s["providedBy"]["reference"].removeprefix("Organization/") in orgs
    arstad = next(s for s in services if s["name"] == "Helsestasjonen i Årstad")
    assert arstad["telecom"] == [{"system": "phone", "value": "55 00 00 00", "use": "work"}]
    assert "Helsestasjonen **ser** barnet." in arstad["extraDetails"]
    assert arstad["type"][0]["coding"][0]["code"] == "helsestasjon"
