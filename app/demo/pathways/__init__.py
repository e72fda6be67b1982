"""The demo pathways: every module here holds one `PATHWAY` dict (see the demo format)."""

import importlib
import pkgutil
from typing import Any

from app.demo.catalog import SERVICE_TYPE_CODES

SECTIONS = ("role", "assessment", "measures", "evaluation", "collaboration", "referral")
LANGS = ("nb", "nn")
STATUSES = ("draft", "published", "retired")

# The order of the format table; modules not listed follow in name order.
_ORDER = ("angst", "depresjon", "spisevansker", "uro", "autisme", "vold", "smabarn")


def module_names() -> list[str]:
    """The pathway modules present in this package, in display order."""
    names = [m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")]
    return sorted(names, key=lambda n: (_ORDER.index(n) if n in _ORDER else len(_ORDER), n))


def check_pathway(data: Any) -> list[str]:
    """Everything wrong with one `PATHWAY` dict; empty when it is well-formed."""
    if not isinstance(data, dict):
        return ["PATHWAY is not a dict"]
    errors: list[str] = []
    keys = ("slug", "title", "title_nn", "summary", "target_group", "summary_nn", "target_group_nn")
    for key in keys:
        if not isinstance(data.get(key), str) or not data[key].strip():
            errors.append(f"{key}: missing or empty")
    if data.get("status") not in STATUSES:
        errors.append(f"status: {data.get('status')!r} is not one of {STATUSES}")
    types = data.get("service_types")
    if not isinstance(types, list) or not types:
        return [*errors, "service_types: missing or empty"]
    unknown = [t for t in types if t not in SERVICE_TYPE_CODES]
    if unknown:
        errors.append(f"service_types: unknown codes {unknown}")
    if len(set(types)) != len(types):
        errors.append("service_types: duplicates")
    texts = data.get("texts")
    if not isinstance(texts, dict) or "nb" not in texts:
        return [*errors, "texts: no 'nb'"]
    for lang, by_type in texts.items():
        if lang not in LANGS:
            errors.append(f"texts: unknown language {lang!r}")
            continue
        if set(by_type) != set(types):
            errors.append(
                f"texts.{lang}: service types {sorted(set(by_type) ^ set(types))} "
                "do not match service_types"
            )
        for code, sections in by_type.items():
            if set(sections) != set(SECTIONS):
                errors.append(f"texts.{lang}.{code}: sections must be exactly {SECTIONS}")
            for section, text in sections.items():
                if not isinstance(text, str) or not text.strip():
                    errors.append(f"texts.{lang}.{code}.{section}: empty")
    for slot in data.get("needs_local_adaptation", []):
        if not (isinstance(slot, tuple | list) and len(slot) == 2):
            errors.append(f"needs_local_adaptation: {slot!r} is not (service_type, section)")
        elif slot[0] not in types or slot[1] not in SECTIONS:
            errors.append(f"needs_local_adaptation: {tuple(slot)} is not a slot of the pathway")
    return errors


def load_pathways() -> list[dict[str, Any]]:
    """Every pathway module's `PATHWAY`; a malformed one is refused with what is wrong."""
    pathways = []
    for name in module_names():
        data = importlib.import_module(f"{__name__}.{name}").PATHWAY
        errors = check_pathway(data)
        if errors:
            raise ValueError(f"app/demo/pathways/{name}.py: " + "; ".join(errors))
        pathways.append(data)
    return pathways
