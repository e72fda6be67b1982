"""The pure core of search: analysis, query parsing, trigrams, scoring and snippets."""

import pytest

from app.search import analysis, ranking
from app.search.analysis import parse_query, similarity, stem, terms


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("henvisning", "henvisningen"),
        ("henvisningen", "henvisningene"),
        ("tilvising", "tilvisinga"),
        ("barnet", "barna"),
        ("kartlegging", "kartleggingen"),
    ],
)
def test_inflections_share_a_stem(a: str, b: str) -> None:
    assert stem(a) == stem(b)


def test_terms_count_stems_and_drop_stop_words_markup_and_link_targets() -> None:
    found = terms("**Henvisningen** og henvisning til [BUP](https://bup.example.no/henvisning).")
    assert found[stem("henvisning")] == 2
    assert "og" not in found and "til" not in found
    assert "https" not in found and "example" not in found
    assert found["bup"] == 1


def test_terms_survive_control_characters_and_case() -> None:
    assert terms("ANGST\x00angst\tAngst") == {"angst": 3}


def test_synonyms_bridge_bokmal_and_nynorsk_both_ways() -> None:
    groups = analysis.synonyms()
    assert stem("tilvising") in groups[stem("henvisning")]
    assert stem("henvisning") in groups[stem("tilvising")]
    assert stem("skule") in groups[stem("skole")]


def test_parse_synonyms_ignores_comments_and_single_words() -> None:
    parsed = analysis.parse_synonyms("# a comment\nbil, vogn  # trailing\nalene\n\n")
    assert parsed == {stem("bil"): {stem("vogn")}, stem("vogn"): {stem("bil")}}


def test_a_query_word_finds_itself_its_synonyms_and_longer_compounds() -> None:
    (word,) = parse_query("Henvisning")
    assert word.weight_of(stem("henvisning")) == 1.0
    assert word.weight_of(stem("tilvising")) == analysis.SYNONYM_WEIGHT
    (angst,) = parse_query("angst")
    assert angst.weight_of(stem("angstlidelse")) == analysis.PREFIX_WEIGHT
    assert angst.weight_of("depresjon") == 0.0


@pytest.mark.parametrize("query", ['"', "''", "og i på", "  ", "\x00", "---", "«»"])
def test_queries_without_searchable_words_are_empty(query: str) -> None:
    assert parse_query(query) == []


def test_query_words_are_kept_once_in_order_and_quotes_are_text() -> None:
    parsed = parse_query('"angst" AND angsten "skole')
    assert [w.word for w in parsed] == ["angst", "and", "skole"]


def test_short_stems_do_not_match_as_prefixes() -> None:
    (word,) = parse_query("bup")
    assert word.prefix is None
    assert word.weight_of("bupx") == 0.0


def test_trigram_similarity_matches_pg_trgm() -> None:
    assert similarity("word", "word") == 1.0
    # pg_trgm: similarity('henvisning', 'henvsning') = 0.6153846
    assert similarity("henvisning", "henvsning") == pytest.approx(0.6153846, abs=1e-6)
    assert similarity("angst", "depresjon") == 0.0


def test_score_needs_every_word_and_prefers_exact_rare_frequent_terms() -> None:
    wanted = [{"angst": 1.0}, {"skol": 1.0}]
    _, n_both = ranking.score(wanted, {"angst": 1, "skol": 1}, {"angst": 2, "skol": 2}, 10)
    _, n_one = ranking.score(wanted, {"angst": 3}, {"angst": 2}, 10)
    assert (n_both, n_one) == (2, 1)
    rare, _ = ranking.score([{"a": 1.0}], {"a": 1}, {"a": 1}, 10)
    common, _ = ranking.score([{"a": 1.0}], {"a": 1}, {"a": 9}, 10)
    assert rare > common
    exact, _ = ranking.score([{"a": 1.0, "b": 0.6}], {"a": 1}, {"a": 1}, 10)
    prefix, _ = ranking.score([{"a": 1.0, "b": 0.6}], {"b": 1}, {"b": 1}, 10)
    assert exact > prefix
    often, _ = ranking.score([{"a": 1.0}], {"a": 4}, {"a": 1}, 10)
    assert often > exact


def test_a_word_in_the_labels_answers_it() -> None:
    score, answered = ranking.score([{"fast": 1.0}], {}, {}, 10, frozenset({"fast"}))
    assert answered == 1 and score == ranking.LABEL_WEIGHT


def test_snippet_marks_matches_and_escapes_everything_else() -> None:
    text = "Før **henvisning** & skriv *henvisningen*: <script>alert(1)</script>."
    html = ranking.snippet(text, frozenset({stem("henvisning")}))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&amp;" in html
    assert html.count("<mark>") == 2
    assert "<mark>henvisning</mark>" in html and "<mark>henvisningen</mark>" in html
    assert "*" not in html


def test_snippet_cuts_around_the_densest_matches() -> None:
    filler = " ".join(f"ord{i}" for i in range(80))
    text = f"{filler} angst og mer angst her {filler}"
    html = ranking.snippet(text, frozenset({"angst"}), width=12)
    assert html.startswith("…") and html.endswith("…")
    assert html.count("<mark>angst</mark>") == 2


def test_snippet_without_matches_opens_the_text() -> None:
    assert ranking.snippet("Kort tekst.", frozenset({"x"})) == "Kort tekst."


def test_the_held_vocabulary_grows_by_the_words_a_write_adds(session):
    """After a write, only new words are read; the grown vocabulary answers as a new one."""
    from sqlalchemy import insert

    from app.models import SearchWord
    from app.search import vocabulary
    from app.search.analysis import parse_query

    session.execute(insert(SearchWord), [{"word": w} for w in ["henvis", "angst", "søvn"]])
    session.commit()
    vocabulary.clear()
    before = vocabulary.expand(session, parse_query("henvsning"))
    session.execute(insert(SearchWord), [{"word": w} for w in ["koordinator", "angstlid"]])
    session.commit()
    grown = vocabulary.expand(session, parse_query("angst koordinatr"))
    vocabulary.clear()
    fresh = vocabulary.expand(session, parse_query("angst koordinatr"))
    assert grown == fresh
    assert "angstlid" in grown[0] and "koordinator" in grown[1]
    assert before == vocabulary.expand(session, parse_query("henvsning"))
