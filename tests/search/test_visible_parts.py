"""A write rebuilds only the searchable parts it changes: the written pathway below the
written layer. Other localities keep theirs (the same objects, not rebuilt)."""

from app.localities.lookups import chain_of
from app.models.base import utcnow
from app.search import visible
from app.texts.read_cache import wait_until_live
from tests.texts.test_views import put


def parts(session, code: str) -> list[visible.Part]:
    chain = chain_of(session, code)
    return visible.seen_by(session, chain, lang="nb", at=utcnow(), preview=False).parts


def texts_of(part: visible.Part) -> list[str]:
    return [sec.slot.text or "" for sec in part.sections]


def test_a_municipal_write_leaves_other_localities_parts_untouched(session, world):
    put(session, world, world.region, text="Felles tekst om henvisning")
    assert wait_until_live()
    before = {code: parts(session, code) for code in ("4601", "4624", "1106")}
    assert all(len(found) == 1 for found in before.values())

    put(session, world, world.m4601, mode="append", text="Bergen har egen koordinator")
    assert parts(session, "4624")[0] is before["4624"][0]
    assert parts(session, "1106")[0] is before["1106"][0]
    rebuilt = parts(session, "4601")[0]
    assert rebuilt is not before["4601"][0]
    assert any("Bergen har egen koordinator" in t for t in texts_of(rebuilt))


def test_a_regional_write_rebuilds_every_locality(session, world):
    put(session, world, world.region, text="Første tekst")
    assert wait_until_live()
    before = {code: parts(session, code)[0] for code in ("4601", "1106")}
    put(session, world, world.region, text="Andre tekst")
    for code, old in before.items():
        new = parts(session, code)[0]
        assert new is not old
        assert texts_of(new) == ["Andre tekst"]


def test_held_parts_are_reused_while_nothing_changes(session, world):
    put(session, world, world.region, text="Uendret")
    assert wait_until_live()
    first = parts(session, "4601")[0]
    assert parts(session, "4601")[0] is first
