"""FHIR R4 resources: a merged pathway as a `PlanDefinition`, the service map as a `Bundle`.

Code systems we use (see examples/README.md):
- status: draft → `draft`, published → `active`, retired → `retired` (publication-status);
- jurisdiction: `urn:iso:std:iso:3166#NO`, plus the municipality number in Norway's
  municipality code list (`urn:oid:2.16.578.1.12.4.1.1.3402`); a region or health community
  has no national code and is named in `https://forlop.no/fhir/CodeSystem/locality`;
- useContext: `program` (usage-context-type) valued with that same locality coding;
- service types and sections: `https://forlop.no/fhir/CodeSystem/service-type` and `…/section`.
- `relatedAction` (relationship `before-start`: this service acts before the other starts)
  is derived from the referral section's text, which names the services it refers to,
  until referral links are structured data.
"""

import re
import uuid
from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any

from app.core.config import public_url
from app.exports.content import MergedPathway, ServiceMapData, ServiceTypeInfo, Unit
from app.localities.lookups import LocalityRow
from app.models.base import SECTION_LABELS
from app.pathways.lookups import title_in
from app.texts.merge import MergedService


def canonical(path: str) -> str:
    """A canonical URL under this deployment's public base URL (`FORLOP_PUBLIC_URL`)."""
    return f"{public_url()}/fhir/{path}"


SERVICE_TYPE_SYSTEM = "CodeSystem/service-type"
SECTION_SYSTEM = "CodeSystem/section"
LOCALITY_SYSTEM = "CodeSystem/locality"
PATHWAY_SYSTEM = "pathway"
UNIT_SYSTEM = "service-unit"
MUNICIPALITY_SYSTEM = "urn:oid:2.16.578.1.12.4.1.1.3402"
ISO_3166 = "urn:iso:std:iso:3166"
USAGE_CONTEXT_TYPE = "http://terminology.hl7.org/CodeSystem/usage-context-type"
PLAN_DEFINITION_TYPE = "http://terminology.hl7.org/CodeSystem/plan-definition-type"
BCP47 = "urn:ietf:bcp:47"
STATUS = {"draft": "draft", "published": "active", "retired": "retired"}
# Fixed, so that resource ids stay the same whatever the public URL.
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://forlop.no/fhir/")
_ID = re.compile(r"^[A-Za-z0-9\-.]{1,64}$")


def resource_id(*parts: object) -> str:
    """A FHIR id: the readable key when it fits the id grammar, else a stable UUID."""
    plain = "-".join(str(p) for p in parts)
    return plain if _ID.match(plain) else str(uuid.uuid5(_NAMESPACE, plain))


def _time(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def locality_coding(code: str, name: str, kind: str) -> dict[str, Any]:
    system = MUNICIPALITY_SYSTEM if kind == "municipality" else canonical(LOCALITY_SYSTEM)
    return {"system": system, "code": code, "display": name}


def _jurisdiction(target: LocalityRow) -> list[dict[str, Any]]:
    return [
        {"coding": [{"system": ISO_3166, "code": "NO", "display": "Norge"}]},
        {"coding": [locality_coding(target.code, target.name, target.kind)], "text": target.name},
    ]


@lru_cache(maxsize=1024)
def _mentions(st: ServiceTypeInfo) -> re.Pattern[str] | None:
    """How a text names a service type: code, name, its short form in parentheses; one
    pattern per type, made once (40 types × 40 referral texts per PlanDefinition)."""
    names = {st.code, st.code.replace("-", " "), st.name, st.name_nn or st.name}
    for name in list(names):
        head, _, rest = name.partition("(")
        names.add(head.strip())
        if rest:
            names.add(rest.split(")")[0].strip())
    # A prefix match: Norwegian adds its article at the end (fastlege → fastlegen).
    alternatives = [re.escape(n.lower()) for n in sorted(names) if len(n) >= 3]
    if not alternatives:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + ")", re.IGNORECASE)


def referral_targets(service: MergedService, others: Sequence[ServiceTypeInfo]) -> list[str]:
    """Codes of the services this service's referral text names, in the pathway's order."""
    text = next((slot.text for key, slot in service.sections if key == "referral"), None)
    if not text:
        return []
    lowered = text.lower()
    return [
        st.code
        for st in others
        if st.code != service.service_type
        and (pattern := _mentions(st)) is not None
        and pattern.search(lowered)
    ]


def plan_definition(view: MergedPathway) -> dict[str, Any]:
    """The merged pathway as a FHIR R4 PlanDefinition (a plain dict, JSON-ready)."""
    pathway, target, lang = view.pathway, view.chain[-1], view.lang
    in_view = [view.types[s.service_type] for s in view.services if s.service_type in view.types]
    actions = []
    for service in view.services:
        st = view.types.get(service.service_type)
        if st is None:
            continue
        children = [
            {
                "id": f"{st.code}.{key}",
                "title": SECTION_LABELS[key][lang],
                "code": [{"coding": [{"system": canonical(SECTION_SYSTEM), "code": key}]}],
                "description": slot.text,
            }
            for key, slot in service.sections
            if slot.text
        ]
        action: dict[str, Any] = {
            "id": st.code,
            "title": st.label(lang),
            "code": [
                {
                    "coding": [
                        {
                            "system": canonical(SERVICE_TYPE_SYSTEM),
                            "code": st.code,
                            "display": st.label(lang),
                        }
                    ]
                }
            ],
        }
        if st.description:
            action["description"] = st.description
        related = [
            {"actionId": code, "relationship": "before-start"}
            for code in referral_targets(service, in_view)
        ]
        if related:
            action["relatedAction"] = related
        if children:
            action["action"] = children
        actions.append(action)
    dates = [pathway.updated_at, *([view.latest_revision_at] if view.latest_revision_at else [])]
    title = title_in(pathway, lang)
    resource: dict[str, Any] = {
        "resourceType": "PlanDefinition",
        "id": resource_id(pathway.slug, target.code),
        "language": lang,
        "url": canonical(f"PlanDefinition/{resource_id(pathway.slug, target.code)}"),
        "identifier": [{"system": canonical(PATHWAY_SYSTEM), "value": pathway.slug}],
        "name": re.sub(r"[^A-Za-z0-9_]", "_", f"Forlop_{pathway.slug}_{target.code}"),
        "title": title,
        "type": {
            "coding": [
                {
                    "system": PLAN_DEFINITION_TYPE,
                    "code": "clinical-protocol",
                    "display": "Clinical Protocol",
                }
            ]
        },
        "status": STATUS[pathway.status],
        "experimental": False,
        "date": _time(max(dates)),
        "publisher": view.chain[0].name,
        "description": pathway.summary_in(view.lang) or title,
        "useContext": [
            {
                "code": {"system": USAGE_CONTEXT_TYPE, "code": "program", "display": "Program"},
                "valueCodeableConcept": {
                    "coding": [locality_coding(target.code, target.name, target.kind)],
                    "text": target.name,
                },
            }
        ],
        "jurisdiction": _jurisdiction(target),
        "action": actions,
    }
    if view.target_group:
        resource["usage"] = view.target_group
    return resource


def _organization(unit: Unit) -> dict[str, Any]:
    org: dict[str, Any] = {
        "resourceType": "Organization",
        "id": resource_id("locality", unit.locality),
        "active": True,
        "name": unit.locality_name,
    }
    if unit.locality_kind == "municipality":
        org["identifier"] = [{"system": MUNICIPALITY_SYSTEM, "value": unit.locality}]
    return org


def _details(data: ServiceMapData, st_code: str) -> str | None:
    svc = next(s for s in data.services if s.service_type.code == st_code)
    parts = []
    for entry in svc.pathways:
        lines = [f"### {entry.title}"]
        for key, slot in (("role", entry.role), ("referral", entry.referral)):
            if slot.text:
                lines.append(f"**{SECTION_LABELS[key][data.lang]}:** {slot.text}")
        if len(lines) > 1:
            parts.append("\n\n".join(lines))
    return "\n\n".join(parts) or None


def _healthcare_service(unit: Unit, st: ServiceTypeInfo, data: ServiceMapData) -> dict[str, Any]:
    telecom = [
        {"system": system, "value": value, "use": "work"}
        for system, value in (("phone", unit.phone), ("email", unit.email), ("url", unit.url))
        if value
    ]
    areas = [{"display": unit.locality_name}] + [{"display": n} for _, n in unit.catchment]
    resource: dict[str, Any] = {
        "resourceType": "HealthcareService",
        "id": resource_id("unit", unit.id),
        "identifier": [{"system": canonical(UNIT_SYSTEM), "value": str(unit.id)}],
        "active": True,
        "providedBy": {
            "reference": f"Organization/{resource_id('locality', unit.locality)}",
            "display": unit.locality_name,
        },
        "type": [
            {
                "coding": [
                    {
                        "system": canonical(SERVICE_TYPE_SYSTEM),
                        "code": st.code,
                        "display": st.label(data.lang),
                    }
                ]
            }
        ],
        "name": unit.name,
        "telecom": telecom,
        "coverageArea": areas,
        "communication": [{"coding": [{"system": BCP47, "code": data.lang}]}],
    }
    if st.description:
        resource["comment"] = st.description
    details = _details(data, st.code)
    if details:
        resource["extraDetails"] = details
    if unit.visiting_address:
        resource["availabilityExceptions"] = f"Besøksadresse: {unit.visiting_address}"
    return resource


def service_map_bundle(data: ServiceMapData) -> dict[str, Any]:
    """The service map as a FHIR collection Bundle of Organizations and HealthcareServices."""
    entries: list[dict[str, Any]] = []
    orgs: dict[str, dict[str, Any]] = {}
    for svc in data.services:
        for unit in svc.units:
            orgs.setdefault(unit.locality, _organization(unit))
            entries.append(_healthcare_service(unit, svc.service_type, data))
    resources = [orgs[code] for code in sorted(orgs)] + entries
    return {
        "resourceType": "Bundle",
        "id": resource_id("service-map", data.locality.code, data.lang),
        "type": "collection",
        "entry": [
            {"fullUrl": canonical(f"{r['resourceType']}/{r['id']}"), "resource": r}
            for r in resources
        ],
    }
