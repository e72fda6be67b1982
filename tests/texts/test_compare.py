"""The word-level comparison: the runs give back both texts, and the HTML is safe."""

from hypothesis import given
from hypothesis import strategies as st

from app.texts.compare import tokens, word_diff

words = st.lists(
    st.sampled_from(["angst", "barn", "<b>", "&", "SCARED", "RCADS", "\n", "  ", "ringer", "é"]),
    max_size=30,
).map(" ".join)


@given(words, words)
def test_the_runs_give_back_both_texts(old, new):
    diff = word_diff(old, new)
    assert "".join(o.text for o in diff.ops if o.op != "insert") == old
    assert "".join(o.text for o in diff.ops if o.op != "delete") == new
    assert diff.changed == (old != new)
    # Neighbouring runs never share an op: a reader sees each change once.
    assert all(a.op != b.op for a, b in zip(diff.ops, diff.ops[1:], strict=False))


@given(words, words)
def test_the_html_holds_no_markup_but_ins_and_del(old, new):
    html = word_diff(old, new).html
    stripped = html
    for tag in ("<ins>", "</ins>", "<del>", "</del>", "<br>"):
        stripped = stripped.replace(tag, "")
    assert "<" not in stripped and ">" not in stripped


def test_a_changed_word_is_one_delete_and_one_insert():
    diff = word_diff("Kartlegg angst med SCARED.", "Kartlegg angst med RCADS.")
    assert [(o.op, o.text) for o in diff.ops] == [
        ("equal", "Kartlegg angst med "),
        ("delete", "SCARED."),
        ("insert", "RCADS."),
    ]
    assert diff.html == "Kartlegg angst med <del>SCARED.</del><ins>RCADS.</ins>"


def test_markup_in_a_text_is_shown_as_text():
    diff = word_diff("a <script>x</script>", "a <b>fet</b>\nny linje")
    assert "<script>" not in diff.html and "&lt;script&gt;" in diff.html
    assert "<br>" in diff.html


def test_equal_texts_and_empty_ones():
    assert word_diff("", "").ops == [] and not word_diff("", "").changed
    assert [o.op for o in word_diff("", "ny").ops] == ["insert"]
    assert [o.op for o in word_diff("gammel", "").ops] == ["delete"]
    assert tokens("a  b\nc") == ["a  ", "b\n", "c"]
