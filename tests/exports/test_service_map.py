"""The service map: JSON, CSV, HSDS 3.0 (validated against the official schemas), ETags."""

import csv
import io
import json
import os
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.core.csvio import guard_cell as cell
from app.core.xlsx import XLSX
from app.exports import service_map
from app.models import ServiceType, ServiceUnit, ServiceUnitCatchment
from tests.exports.helpers import put

IN_CI = os.environ.get("CI", "").lower() == "true"
HSDS_DIR = Path(
    os.environ.get(
        "FORLOP_HSDS_SCHEMAS", Path(__file__).resolve().parents[3] / "shared/data/hsds-3.0"
    )
)


def arrange(session, world):
    """Base texts, a local append in 4601, and a hidden fastlege in 4624."""
    for st in ("helsestasjon", "fastlege", "bup"):
        put(session, world, world.region, st, text=f"Rollen til {st}.")
        put(session, world, world.region, st, section="referral", text=f"{st} henviser til BUP.")
    base = put(session, world, world.region, "helsestasjon", section="measures", text="Tiltak.")
    put(session, world, world.m4601, "helsestasjon", mode="append", text="Ring Årstad.",
        based_on=base.id)  # fmt: skip
    for section in ("role", "referral"):
        put(session, world, world.m4624, "fastlege", section=section, mode="hide", text=None)


def services(body):
    return {s["service_type"]["code"]: s for s in body["services"]}


def test_json_map_lists_services_units_and_merged_texts(client, world, session):
    arrange(session, world)
    r = client.get("/v1/localities/4601/service-map")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json"
    assert r.headers["cache-control"].startswith("public, max-age=")
    body = r.json()
    assert body["locality"]["chain"] == ["helse-vest", "bergen", "4601"]
    by_code = services(body)
    assert set(by_code) == {"helsestasjon", "fastlege", "bup"}
    hs = by_code["helsestasjon"]
    assert [u["name"] for u in hs["units"]] == ["Helsestasjonen i Årstad"]
    assert hs["units"][0]["inherited"] is False and hs["units"][0]["phone"] == "55 00 00 00"
    bup_unit = by_code["bup"]["units"][0]
    assert bup_unit["name"] == "BUP Bergen" and bup_unit["inherited"] is True
    assert bup_unit["locality"] == "bergen"
    [angst] = hs["pathways"]
    assert angst["slug"] == "angst"
    assert angst["role"]["text"] == "Rollen til helsestasjon.\n\nRing Årstad."
    assert angst["role"]["origin"] == "mixed"
    assert [(p["locality"], p["mode"]) for p in angst["role"]["layers"]] == [
        ("helse-vest", "replace"),
        ("4601", "append"),
    ]
    assert "<p>" in angst["role"]["html"]
    assert angst["referral"]["text"] == "helsestasjon henviser til BUP."
    assert angst["referral"]["origin"] == "regional"


def test_service_hidden_in_every_pathway_is_left_out(client, world, session):
    arrange(session, world)
    # Fastlege is hidden in 4624 in its only pathway (every written section hidden).
    body = client.get("/v1/localities/4624/service-map").json()
    assert "fastlege" not in services(body)
    assert "fastlege" in services(client.get("/v1/localities/4601/service-map").json())


def test_unit_of_a_type_in_no_pathway_still_appears(client, world, session):
    ppt = ServiceType(code="ppt", name="PPT", level="municipal", description="Pedagogisk.")
    session.add(ppt)
    session.flush()
    session.add(ServiceUnit(name="PPT Bergen", locality_id=world.m4601.id, service_type_id=ppt.id))
    session.commit()
    body = client.get("/v1/localities/4601/service-map").json()
    assert services(body)["ppt"]["pathways"] == []
    assert services(body)["ppt"]["units"][0]["name"] == "PPT Bergen"
    raw = client.get("/v1/localities/4601/service-map?format=csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw)))
    [row] = [r for r in rows if r["service_type"] == "ppt"]
    assert row["pathway"] == "" and row["units"] == "PPT Bergen"


def test_catchment_unit_is_seen_outside_its_community(client, world, session):
    bup = session.get(ServiceUnit, 2)
    session.add(ServiceUnitCatchment(unit_id=bup.id, locality_id=world.m1106.id))
    session.commit()
    units = services(client.get("/v1/localities/1106/service-map").json())["bup"]["units"]
    assert units[0]["name"] == "BUP Bergen" and units[0]["catchment"] == ["1106"]


def test_csv_has_bom_and_one_row_per_service_type_and_pathway(client, world, session):
    arrange(session, world)
    for r in (
        client.get("/v1/localities/4601/service-map?format=csv"),
        client.get("/v1/localities/4601/service-map", headers={"Accept": "text/csv"}),
    ):
        assert r.status_code == 200
        assert r.headers["content-type"] == "text/csv; charset=utf-8"
        assert r.content.startswith(b"\xef\xbb\xbf")
    text = r.content[3:].decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    for x in (
        client.get("/v1/localities/4601/service-map?format=xlsx"),
        client.get("/v1/localities/4601/service-map", headers={"Accept": XLSX}),
    ):
        assert x.status_code == 200 and x.headers["content-type"] == XLSX
        assert x.headers["content-disposition"] == 'attachment; filename="service-map-4601.xlsx"'
    again = client.get("/v1/localities/4601/service-map?format=xlsx",
                       headers={"If-None-Match": x.headers["etag"]})  # fmt: skip
    assert again.status_code == 304
    sheet = [[c.value or "" for c in r] for r in load_workbook(io.BytesIO(x.content)).active.rows]
    assert tuple(sheet[0]) == service_map.CSV_COLUMNS
    assert [dict(zip(sheet[0], r, strict=True)) for r in sheet[1:]] == [
        {k: cell(v) for k, v in row.items()} for row in rows
    ], "the workbook holds the CSV's rows, each cell guarded"
    assert [(row["service_type"], row["pathway"]) for row in rows] == [
        ("fastlege", "angst"),
        ("helsestasjon", "angst"),
        ("bup", "angst"),
    ]
    hs = rows[1]
    assert hs["role"] == "Rollen til helsestasjon.\n\nRing Årstad."
    assert hs["role_layers"].startswith("helse-vest:replace:r")
    assert hs["units"] == "Helsestasjonen i Årstad (55 00 00 00)"
    assert "Årstad" in r.content.decode("utf-8-sig")


def test_etag_and_304_for_every_format_and_a_change_moves_it(client, world, session):
    arrange(session, world)
    for fmt in ("json", "csv", "hsds", "fhir"):
        url = f"/v1/localities/4601/service-map?format={fmt}"
        first = client.get(url)
        tag = first.headers["etag"]
        again = client.get(url, headers={"If-None-Match": tag})
        assert again.status_code == 304 and again.content == b""
    tag = client.get("/v1/localities/4601/service-map").headers["etag"]
    put(session, world, world.m4601, "bup", mode="append", text="Ny lokal rutine.")
    changed = client.get("/v1/localities/4601/service-map", headers={"If-None-Match": tag})
    assert changed.status_code == 200 and changed.headers["etag"] != tag


def test_nynorsk_map_and_unknown_locality_and_bad_format(client, world, session):
    arrange(session, world)
    put(session, world, world.region, "helsestasjon", lang="nn", text="Rolla til helsestasjonen.")
    body = client.get("/v1/localities/4601/service-map?lang=nn").json()
    role = services(body)["helsestasjon"]["pathways"][0]["role"]
    # The nearer layer wins even in the fallback language; the region's nn text is under it.
    assert role["text"].startswith("Rolla til helsestasjonen.") and role["lang"] == "nb"
    r = client.get("/v1/localities/9999/service-map")
    assert r.status_code == 404 and r.headers["content-type"] == "application/problem+json"
    r = client.get("/v1/localities/4601/service-map?format=xml")
    assert r.status_code == 422 and "format" in r.text


def _hsds_validator():
    if not HSDS_DIR.is_dir():
        if IN_CI:
            pytest.fail(f"HSDS schemas missing at {HSDS_DIR} (set FORLOP_HSDS_SCHEMAS)")
        pytest.skip(f"HSDS schemas not found at {HSDS_DIR} (set FORLOP_HSDS_SCHEMAS)")
    from jsonschema import Draft202012Validator

    schema = json.loads((HSDS_DIR / "compiled" / "service.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_hsds_services_validate_against_the_official_schema(client, world, session):
    validator = _hsds_validator()
    arrange(session, world)
    session.get(ServiceUnit, 1).email = "arstad@example.org"
    session.get(ServiceUnit, 1).url = "https://example.org/arstad"
    session.commit()
    r = client.get("/v1/localities/4601/service-map?format=hsds")
    assert r.status_code == 200
    page = r.json()
    page_schema = json.loads((HSDS_DIR / "openapi.json").read_text())["components"]["schemas"]
    assert set(page_schema["Page"]["properties"]) <= set(page)
    assert page["total_items"] == 2 and page["size"] == 2 and page["total_pages"] == 1
    assert page["first_page"] and page["last_page"] and not page["empty"]
    for service in page["contents"]:
        errors = sorted(validator.iter_errors(service), key=lambda e: list(e.path))
        assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]
    arstad = next(s for s in page["contents"] if s["name"] == "Helsestasjonen i Årstad")
    assert arstad["organization"]["name"] == "Bergen"
    assert arstad["phones"][0]["number"] == "55 00 00 00"
    assert arstad["contacts"][0]["email"] == "arstad@example.org"
    assert [a["name"] for a in arstad["service_areas"]] == ["Bergen"]
    assert arstad["attributes"][0]["taxonomy_term"]["code"] == "helsestasjon"
    bup = next(s for s in page["contents"] if s["name"] == "BUP Bergen")
    assert bup["organization"]["name"] == "Helsefellesskapet i bergensområdet"
    # Ids are stable: the same unit gets the same HSDS id on every read.
    again = client.get("/v1/localities/4601/service-map?format=hsds").json()
    assert [s["id"] for s in again["contents"]] == [s["id"] for s in page["contents"]]


def test_hsds_paging(client, world, session):
    r = client.get("/v1/localities/4601/service-map?format=hsds&per_page=1&page=2")
    page = r.json()
    assert (page["total_items"], page["total_pages"], page["page_number"], page["size"]) == (
        2,
        2,
        2,
        1,
    )
    assert not page["first_page"] and page["last_page"] and not page["empty"]
    beyond = client.get("/v1/localities/4601/service-map?format=hsds&per_page=1&page=3").json()
    assert beyond["empty"] and beyond["contents"] == []


def test_trimmed_reads_give_what_the_merge_gives_on_every_row(client, world, session):
    """The map reads through the merged read (snapshots, else history); the texts core over
    every row must agree."""
    import random
    from datetime import UTC, datetime, timedelta

    from app.catalog.lookups import pathway_service_types
    from app.exports import content
    from app.localities.lookups import chain_of
    from app.models import PathwayServiceType
    from app.texts import queries, snapshots
    from app.texts.merge import EMPTY_SLOT, current_entries, merge_pathway, substantive_marks

    ppt = ServiceType(code="ppt", name="PPT", level="municipal", description="")
    session.add(ppt)
    session.commit()
    world.service_types["ppt"] = ppt  # local-only: not in the pathway's list
    rng = random.Random(5)
    layers = [world.region, world.bergen, world.m4601]
    now = datetime.now(UTC)
    made = [None]
    for _ in range(300):
        layer = rng.choice(layers)
        mode = "replace" if layer is world.region else rng.choice(
            ["replace", "append", "hide", "hide", "inherit"])  # fmt: skip
        rev = put(session, world, layer, rng.choice(["helsestasjon", "fastlege", "bup", "ppt"]),
            section=rng.choice(["role", "referral", "measures", "assessment"]),
            lang=rng.choice(["nb", "nn"]), mode=mode,
            text=None if mode in ("hide", "inherit") else f"T{rng.randint(0, 99)}",
            status=rng.choice(["published"] * 4 + ["draft"]),
            change_kind=rng.choice(["substantive", "editorial"]),
            based_on=rng.choice(made) if layer is not world.region else None,
            valid_from=rng.choice([None] * 6 + [now + timedelta(days=2),
                                                now - timedelta(days=2)]))  # fmt: skip
        made.append(rev.id)
    # Fixed cases on top: fastlege wholly hidden in 4601, bup shown only through measures,
    # and two revisions written at the same moment (the higher revision number wins).
    for lang in ("nb", "nn"):
        for section in ("role", "assessment", "measures", "evaluation", "collaboration",
                        "referral"):  # fmt: skip
            put(session, world, world.m4601, "fastlege", section=section, mode="hide", text=None,
                lang=lang)  # fmt: skip
        for section in ("role", "referral"):
            put(session, world, world.m4601, "bup", section=section, mode="hide", text=None,
                lang=lang)  # fmt: skip
        put(session, world, world.m4601, "bup", section="measures", text="Tiltak.", lang=lang)
    moment = datetime.now(UTC)
    for body in ("Først.", "Sist."):
        put(session, world, world.m4601, "helsestasjon", text=body, created_at=moment)
    assert session.get(PathwayServiceType, (world.pathway.id, ppt.id)) is None
    from sqlalchemy import text as sql

    # First from the layer snapshots the writes kept; then with every snapshot outdated
    # (as after a bulk import), from the history.
    for source, lang in (("snapshots", "nb"), ("snapshots", "nn"), ("history", "nb"),
                         ("history", "nn")):  # fmt: skip
        if source == "history":
            session.execute(sql("UPDATE layer_snapshot SET revisions = -1"))
            session.commit()
        chain_layers = [(c.id, c.code) for c in chain_of(session, "4601")]
        held = snapshots.read(session, [world.pathway.id], chain_layers, at=datetime.now(UTC))
        assert (world.pathway.id in held) == (source == "snapshots")
        found = content.service_map(session, code="4601", lang=lang)
        got = {(svc.service_type.code, e.slug): (e.role, e.referral)
               for svc in found.services for e in svc.pathways}  # fmt: skip
        chain = chain_of(session, "4601")
        at = datetime.now(UTC)
        rows = queries.load_rows(session, world.pathway.id, [c.id for c in chain], at=at)
        current = current_entries(rows, at=at)
        order = [t.code for t in pathway_service_types(session, world.pathway.id)]
        merged = merge_pathway([c.code for c in chain], current, order, lang,
                               marks=substantive_marks(rows, at=at))  # fmt: skip
        expected = {(m.service_type, "angst"): (dict(m.sections).get("role", EMPTY_SLOT),
                                                dict(m.sections).get("referral", EMPTY_SLOT))
                    for m in merged}  # fmt: skip

        # The view drops hidden sections; the map keeps them, flagged. Compare what shows.
        def shown(slot):
            return None if slot.hidden or slot.empty else (slot.text, slot.layers, slot.stale)

        assert set(got) == set(expected)
        # The pathway exports (FHIR, embed) read the same way: every section must agree.
        pathway_view = content.merged_pathway(session, code="4601", slug="angst", lang=lang)
        assert pathway_view.services == merged
        assert ("fastlege", "angst") not in got and ("bup", "angst") in got
        if lang == "nb":
            assert got[("helsestasjon", "angst")][0].text == "Sist."
        for key, (role, referral) in expected.items():
            assert shown(got[key][0]) == shown(role), key
            assert shown(got[key][1]) == shown(referral), key
