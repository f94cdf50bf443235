from collections import Counter
from pathlib import Path

import pytest

from tools.core.errors import SourceError
from tools.importer import repair
from tools.importer.model import Block


def blocks(*texts: str) -> list[Block]:
    return [Block(10 * number, text) for number, text in enumerate(texts, 1)]


LEXICON = Counter({"supporting": 2, "one-fifth": 1, "leadership": 3, "left-centrist": 1})
LONG = "An unknown number of" + " words" * 12


def rejoin(*texts: str, decisions: dict[str, str] | None = None, paragraphs: dict[int, str] | None = None) -> list[str]:
    evidence = repair.Evidence(LEXICON, decisions or {}, paragraphs or {})
    joined, _ = repair.rejoin_page_breaks(blocks(*texts), evidence, "t.txt")
    return [block.text for block in joined]


def test_hyphen_joined_when_the_book_writes_the_word_whole() -> None:
    assert rejoin("under cover of support-", "ing the theory.") == ["under cover of supporting the theory."]


def test_hyphen_kept_when_the_book_writes_the_compound() -> None:
    assert rejoin("remained left-", "centrist, combining.") == ["remained left-centrist, combining."]


def test_undecidable_hyphen_is_an_error_naming_the_place() -> None:
    with pytest.raises(SourceError, match=r"t.txt:20: one- \+ 'twentieth") as error:
        rejoin("a budget of one-", "twentieth of its size.")
    assert "hyphenation.yaml" in error.value.hint


def test_curated_hyphen_decision_settles_what_book_and_word_list_cannot() -> None:
    assert rejoin("one-", "twentieth.", decisions={"one-twentieth": "keep"}) == ["one-twentieth."]
    assert rejoin("re-", "viled him.", decisions={"re-viled": "join"}) == ["reviled him."]


WORDS = frozenset({"coexistence", "inadequately", "re-ally", "really", "left", "centrist"})


@pytest.mark.parametrize(("first", "second", "book", "decision"), [
    ("coex", "istence", {}, "join"),  # the word list has only the joined form
    ("in", "adequately", {}, "join"),
    ("leader", "ship", {}, "join"),  # the book decides; the list does not know the word
    ("left", "centrist", {}, "keep"),  # the book has the compound; the list has neither form
    ("re", "ally", {}, None),  # the list has both forms ("re-ally", ally again): undecided
    ("re", "ally", {"re-ally": 1}, "keep"),  # the book first
    ("coex", "istence", {"coex-istence": 1}, "keep"),
    ("otzo", "vism", {}, None),
])
def test_the_book_then_the_word_list_decide(first: str, second: str, book: dict, decision: str | None) -> None:
    evidence = repair.Evidence(LEXICON + Counter(book), word_list=WORDS)
    assert repair.decide_hyphen(first, second, evidence) == decision


def test_curated_decisions_come_last() -> None:
    evidence = repair.Evidence(LEXICON, {"coex-istence": "keep", "leader-ship": "keep", "re-ally": "join"},
                               word_list=WORDS)
    assert repair.decide_hyphen("coex", "istence", evidence) == "join"
    assert repair.decide_hyphen("leader", "ship", evidence) == "join"
    assert repair.decide_hyphen("re", "ally", evidence) == "join"


@pytest.mark.parametrize(("first", "second", "joined"), [
    # the book's four page breaks inside emphasis (chapters 17, 33, 40, 23)
    ("the differences on *domes-*", "*tic* questions? Voices", "the differences on *domestic* questions? Voices"),
    ("Only a *strong* and *authorita-*", "*tive* leadership, capable",
     "Only a *strong* and *authoritative* leadership, capable"),
    (LONG + " *The formula characterizes every party that maneuvers between the main*",
     "*classes of modern society.* Under our", LONG + " *The formula characterizes every party that maneuvers "
     "between the main classes of modern society.* Under our"),
    (LONG + " postscript (all in *The*", "*Stalin School of Falsification*).",
     LONG + " postscript (all in *The Stalin School of Falsification*)."),
])
def test_emphasis_running_on_across_the_break_is_one(first: str, second: str, joined: str) -> None:
    evidence = repair.Evidence(LEXICON + Counter({"domestic": 3, "authoritative": 1}))
    result, changes = repair.rejoin_page_breaks(blocks(first, second), evidence, "t.txt")
    assert [block.text for block in result] == [joined]
    assert len(changes) == 1


def test_emphasis_that_ends_before_the_break_stays_apart() -> None:
    assert rejoin("He signed it.", "*L. Trotsky*") == ["He signed it.", "*L. Trotsky*"]
    assert rejoin("With greetings,\\\n*L. Trotsky*", "*P.S.* One more thing.") == [
        "With greetings,\\\n*L. Trotsky*", "*P.S.* One more thing."]


def test_lowercase_continuation_is_rejoined_with_a_space() -> None:
    assert rejoin("defend Soviet power", "in the past.") == ["defend Soviet power in the past."]


def test_long_open_paragraph_joins_a_capitalised_continuation() -> None:
    assert rejoin(LONG, "Oppositionists maintained.") == [LONG + " Oppositionists maintained."]


def test_short_open_paragraph_joins_a_capitalised_continuation() -> None:
    first = "Charges that we broke the promise given at the Fifteenth"
    assert rejoin(first, "Congress are rude.") == [first + " Congress are rude."]


@pytest.mark.parametrize(("first", "second"), [
    ("we will first of all name", "*Bela Kun*, without intending"),
    ("and especially since", "1923, you would end up"),
    ("under the name of communism", "(in Germany, in Czechoslovakia)"),
    ("a letter to", "[Kamenev] about it."),
])
def test_a_mark_after_an_open_word_continues_the_sentence(first: str, second: str) -> None:
    assert rejoin(first, second) == [f"{first} {second}"]


@pytest.mark.parametrize(("first", "second"), [
    ("in the following way", "(a) Do everything possible."),
    ("for the points", "2. For an Opposition group."),
    ("a list", "* an item"),
    ("assassinated at the start of World War", "**Kaganovich, L.** (1893–1991) – A CC member"),
    ("With best greetings", "*L. Trotsky*"),
])
def test_items_and_signatures_after_an_open_word_stay_apart(first: str, second: str) -> None:
    assert rejoin(first, second) == [first, second]


def test_finished_paragraphs_signatures_and_points_stay_apart() -> None:
    assert rejoin("It ended.", "Next one.") == ["It ended.", "Next one."]
    assert rejoin("M. Alsky", "A. Beloborodov") == ["M. Alsky", "A. Beloborodov"]
    assert rejoin("Best wishes\nG. Sokolnikov", "II. ACCOUNT") == ["Best wishes\nG. Sokolnikov", "II. ACCOUNT"]
    assert rejoin("the right:", "a. The right is opposed.") == ["the right:", "a. The right is opposed."]
    assert rejoin("## I", "is not joined") == ["## I", "is not joined"]
    assert rejoin("Dear L.B. [Kamenev],", "It has been several days.") == [
        "Dear L.B. [Kamenev],", "It has been several days."]


@pytest.mark.parametrize("texts", [
    ("With best Marxist and Communist greetings,", "*L. Trotsky*", "p.s. Where would you like me"),
    ("I warmly shake your hand,", "*Leon Trotsky*", "p.s.—Have gone through the draft"),
    ("With anticapitulationist greetings,  \n*L. Trotsky*", "p.s.—I almost forgot your argument"),
    (LONG + ". With sincere greetings,", "Yours,  \nL.D. Trotsky"),
    (LONG, "P.S. A postscript after an open end."),
])
def test_closings_signatures_and_postscripts_stay_apart(texts: tuple[str, ...]) -> None:
    assert rejoin(*texts) == list(texts)


def test_editors_decide_what_the_rule_cannot() -> None:
    assert rejoin("an article by Ya.", "Yakovlev, a member") == ["an article by Ya.", "Yakovlev, a member"]
    assert rejoin("an article by Ya.", "Yakovlev, a member", paragraphs={20: "join"}) == [
        "an article by Ya. Yakovlev, a member"]
    assert rejoin("defend Soviet power", "in the past.", paragraphs={20: "apart"}) == [
        "defend Soviet power", "in the past."]
    evidence = repair.Evidence(LEXICON, {}, {20: "join"})
    _, changes = repair.rejoin_page_breaks(blocks("by Ya.", "Yakovlev"), evidence, "t")
    assert [c.rule for c in changes] == ["paragraph-rejoined-by-decision"]


DECISION = {"line": 4, "first_ends": "by Ya.", "second_starts": "Yakovlev,", "decision": "join", "reason": "r"}


def test_paragraph_decisions_are_checked_against_the_source() -> None:
    lines = ["an article by Ya.", "", "---", "Yakovlev, a member"]
    assert repair.check_paragraph_decisions(lines, [DECISION], "s.txt", "d.yaml") == {4: "join"}


@pytest.mark.parametrize("change", [{"line": 3}, {"first_ends": "by Yu."}, {"second_starts": "Yakov,"},
                                    {"decision": "maybe"}, {"line": 99}])
def test_stale_paragraph_decision_is_an_error(change: dict) -> None:
    lines = ["an article by Ya.", "", "---", "Yakovlev, a member"]
    with pytest.raises(SourceError, match="page-break decision for s.txt:") as error:
        repair.check_paragraph_decisions(lines, [DECISION | change], "s.txt", "d.yaml")
    assert error.value.path == "d.yaml" and "join, apart" in error.value.hint


def test_changes_record_the_words() -> None:
    _, changes = repair.rejoin_page_breaks(blocks("our leader-", "ship is"), repair.Evidence(LEXICON), "t")
    assert [(c.rule, c.removed, c.added) for c in changes] == [("hyphen-joined", "leader- ship", "leadership")]


def test_page_footnote_is_lifted_and_the_paragraph_rejoined() -> None:
    lifted, changes = repair.lift_page_footnotes(blocks(
        "party legality is possible.\\*", LONG + " with any section", "---",
        "\\* It is necessary to note.", "of the party in any place."), "t")
    texts = [b.text for b in repair.drop_rules(lifted)]
    assert texts[0] == "party legality is possible.[^asterisk-1]"
    assert texts[-1] == "[^asterisk-1]: It is necessary to note."
    joined, _ = repair.rejoin_page_breaks(blocks(*texts), repair.Evidence(LEXICON), "t")
    assert joined[1].text.endswith("with any section of the party in any place.")
    assert [c.rule for c in changes] == ["page-footnote"]


def test_page_footnote_without_marker_is_an_error() -> None:
    with pytest.raises(SourceError, match="without a marker") as error:
        repair.lift_page_footnotes(blocks("text", "---", "\\* note"), "t.txt")
    assert (error.value.path, error.value.line) == ("t.txt", 30)


def test_broken_emphasis_is_repaired_per_line() -> None:
    fixed, changes = repair.repair_broken_emphasis(blocks(
        "- Bonaparte, Napoleon I** (1769–1821) – Emperor.\n- Bonapartism** – A regime.",
        "- My Life.* 1970.", "- a real list item"))
    assert [b.text for b in fixed] == [
        "**Bonaparte, Napoleon I** (1769–1821) – Emperor.\n**Bonapartism** – A regime.",
        "- *My Life.* 1970.", "- a real list item"]
    assert len(changes) == 2


def test_unescape_dollar() -> None:
    assert repair.unescape(blocks("equal to U.S.\\$5, or ten"))[0].text == "equal to U.S.$5, or ten"


def test_errata_apply_to_the_named_line_only() -> None:
    lines, changes = repair.apply_errata(["Tomskey and", "Tomskey"], [
        {"line": 2, "old": "Tomskey", "new": "Tomsky", "reason": "r"}], "errata.yaml", "s.txt")
    assert lines == ["Tomskey and", "Tomsky"]
    assert changes[0].rule == "errata" and changes[0].line == 2


def test_stale_errata_entry_is_an_error_at_its_entry(tmp_path: Path) -> None:
    errata = tmp_path / "errata.yaml"
    errata.write_text('# errata\n- line: 1\n  old: "Tomskey"\n  new: "Tomsky"\n  reason: "r"\n', encoding="utf-8")
    with pytest.raises(SourceError, match=r"entry 1 \(line 2\): line 1 of s.txt has 'Tomskey' nowhere") as error:
        repair.apply_errata(["Tomsky"], [{"line": 1, "old": "Tomskey", "new": "Tomsky"}], str(errata), "s.txt")
    assert error.value.path == str(errata) and error.value.line == 2 and "current source text" in error.value.hint
