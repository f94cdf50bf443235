"""The edition's own apparatus says what is true of the data that makes it: the note on the
edition (tools/data/edition-note.md) against the importer's changes per rule, the errata's kinds
against their reasons, the words kept as printed against the source, and the notes of this
edition against the Glossary. A new rule of the importer that the note does not name fails here.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from collections.abc import Callable

import pytest
import yaml
from docutils import nodes
from docutils.core import publish_doctree

from tests.conftest import ROOT, Built
from tools.edition.corrections import KINDS, errata, reader_reason
from tools.edition.edition_notes import CLASS, annotation, definitions_by_headword, edition_notes
from tools.importer.pipeline import ImportResult
from tools.importer.wordcheck import EDITION_NOTE

DATA = ROOT / "tools" / "data"
SOURCE = (ROOT / "source" / "challenge-1928-29.txt").read_text(encoding="utf-8")
WHITESPACE = re.compile(r"\s+")


def note_text() -> str:
    """The note on the edition as one line, without Markdown's emphasis marks."""
    return WHITESPACE.sub(" ", (DATA / "edition-note.md").read_text(encoding="utf-8")).replace("*", "")


def claimed(pattern: str) -> str:
    found = re.search(pattern, note_text())
    assert found, f"the note on the edition does not say: {pattern}"
    return found[1]


def retitled(book: ImportResult) -> list[tuple[str, str]]:
    """(printed heading, Contents title) of each selection whose heading differs from the Contents."""
    return [(c.removed, c.added) for c in book.changes if c.rule == "title-from-contents" and c.removed != c.added]


def number_of(rule: str) -> Callable[[ImportResult], int]:
    return lambda book: sum(change.rule == rule for change in book.changes)


def errata_of(kind: str) -> Callable[[ImportResult], int]:
    return lambda book: sum(entry.kind == kind for entry in errata(ROOT))


# Each rule of the import: what the note claims about it (a number it gives), and the count that
# makes the claim true.
CLAIMS: dict[str, list[tuple[str, Callable[[ImportResult], int]]]] = {
    "errata": [(r"(\d+) slips are corrected", number_of("errata")),
               (r"where (\d+) are misprints of the print edition", errata_of("misprint")),
               (r"and (\d+) are slips of the conversion", errata_of("conversion"))],
    "title-from-contents": [(r"(\d+) selections are titled as in the printed Contents", lambda b: len(retitled(b))),
                            (r"The headings of the (\d+) appendices lack", lambda b: sum(
                                added.startswith("Appendix ") and added.endswith(": " + printed)
                                for printed, added in retitled(b)))],
    "print-artefact-removed": [(r"without the (\d+) lines printed for the book trade",
                                number_of("print-artefact-removed"))],
    "paragraph-rejoined": [(r"is one paragraph again \((\d+) times\)", lambda b: number_of("paragraph-rejoined")(b)
                            + number_of("paragraph-rejoined-by-decision")(b))],
    "paragraph-rejoined-by-decision": [],  # counted with paragraph-rejoined
    "hyphen-joined": [(r"is joined \((\d+) times\)", number_of("hyphen-joined"))],
    "hyphen-kept": [(r"keeps its hyphen where the book writes it so \((\d+) times\)", number_of("hyphen-kept"))],
    "page-footnote": [(r"Trotsky’s (\d+) notes marked with an asterisk", number_of("page-footnote"))],
    # a number at the mark in the text and one at the note: each note's number is changed twice
    "footnote-number": [(r"the (\d+) numbered notes of Appendix A", lambda b: number_of("footnote-number")(b) // 2)],
    "notes-heading-to-footnotes": [(r"under the heading “Notes to Bukharin-Kamenev meeting”.*?that heading is "
                                    r"not (repeated)", lambda b: 1), (r"(\d+) numbered notes of Appendix A, printed "
                                    r"at its end under the heading", lambda b: b.counts["footnotes"] - 2)],
    "heading-dateline": [(r"in (\d+) headings of Appendix A", number_of("heading-dateline"))],
    "paragraph-split-at-source-note": [(r"in (\d+) selections, the printed paragraph that holds",
                                        number_of("paragraph-split-at-source-note"))],
    "glossary-separator": [(r"left out in (\d+) entries of the Glossary", number_of("glossary-separator"))],
    "emphasis-repaired": [(r"(\d+) headwords and titles whose bold or italic type", number_of("emphasis-repaired"))],
    "contents-as-toctree": [(r"the printed Contents is this edition’s table of (contents)", lambda b: 1)],
    "index-page-numbers": [(r"the (\d+) headings of the printed Index", lambda b: b.counts["index_entries"])],
    "index-see-as-data": [(r"its (\d+) See references are links", number_of("index-see-as-data"))],
    "index-as-data": [(r"are the (Index) of each format", lambda b: 1)],
}


def test_the_note_on_the_edition_names_every_rule_of_the_import(book: ImportResult) -> None:
    rules = {change.rule for change in book.changes}
    assert rules - CLAIMS.keys() == set(), "a rule the note on the edition does not name"
    assert rules >= CLAIMS.keys() - {"paragraph-rejoined-by-decision"}


@pytest.mark.parametrize("rule", sorted(CLAIMS))
def test_each_claim_of_the_note_on_the_edition_holds(book: ImportResult, rule: str) -> None:
    for pattern, count in CLAIMS[rule]:
        said = claimed(pattern)
        assert int(said) == count(book) if said.isdigit() else count(book) == 1, pattern


def test_the_note_names_the_retitled_headings_the_header_gives_as_printed(book: ImportResult) -> None:
    """Two headings read otherwise than the Contents: the header gives them as printed (its
    "Heading in print", letter_header.py, for a difference beyond a space), the note names them."""
    others = [(printed, added) for printed, added in retitled(book) if not added.endswith(": " + printed)]
    shown = [printed for printed, added in others if WHITESPACE.sub("", printed) != WHITESPACE.sub("", added)]
    assert int(claimed(r"(\d+) headings read otherwise")) == len(shown) == 2
    assert int(claimed(r"(\d+) differs only by a space after a dash")) == len(others) - len(shown) == 1
    for printed in shown:
        assert f"“{printed}”" in note_text()
        assert any(f"printed_title: {printed}" in text for name, text in book.files.items()
                   if name.startswith("chapters/"))


def test_the_notes_claims_about_the_front_page_typography_and_its_own_notes(book: ImportResult) -> None:
    half_title = claimed(r"the half-title, “([^”]+)”, is the front page’s heading")
    assert book.files["index.md"].startswith(f"# {half_title}\n")
    unspaced = sum(EDITION_NOTE.sub("", text).count("...") for name, text in book.files.items() if name.endswith(".md"))
    assert int(claimed(r"\(the (\d+) “...” of the conversion too\)")) == unspaced
    assert claimed(r"says so beside them, with its evidence \((\d+), in the Glossary") == str(len(edition_notes(ROOT)))
    assert claimed(r"in the Glossary, under “([^”]+)”\)") == edition_notes(ROOT)[0].glossary


# --- Errata: two kinds, reasons for readers ---------------------------------------------------------

def test_each_errata_entry_is_of_the_kind_its_reason_says() -> None:
    entries = yaml.safe_load((DATA / "errata.yaml").read_text(encoding="utf-8"))
    for entry in entries:
        conversion = "OCR" in entry["reason"] or "stray hyphen" in entry["reason"]
        assert entry["kind"] == ("conversion" if conversion else "misprint"), entry
    assert Counter(entry["kind"] for entry in entries).keys() == set(KINDS)


def test_readers_see_the_reasons_without_the_editors_references() -> None:
    assert reader_reason("the index (line 4794) and the letter (lines 2395, 2447) spell it") == \
        "the index and the letter spell it"
    assert reader_reason("3 times (e.g. line 733)") == "3 times"
    for entry in errata(ROOT):
        shown = reader_reason(entry.reason)
        assert not re.search(r"\blines? \d|\.yaml|source", shown), shown
        assert len(shown) > 20  # the evidence is still there


# --- Kept as printed -------------------------------------------------------------------------------

def test_the_words_kept_as_printed_and_the_books_evidence_for_them() -> None:
    entries = yaml.safe_load((DATA / "as_printed.yaml").read_text(encoding="utf-8"))
    lines = SOURCE.split("\n")
    for entry in entries:
        assert entry["text"] in lines[entry["line"] - 1]
        assert entry["line"] not in {erratum.line for erratum in errata(ROOT)}
    words = Counter(word.lower() for word in re.findall(r"[\w-]+", SOURCE))
    assert words["zig-zag"] == 1 and words["zigzag"] + words["zigzags"] == 44  # as the reason says
    assert words["co-thinkers"] == 1 and words["cothinker"] + words["cothinkers"] == 18


# --- A note of this edition ------------------------------------------------------------------------

def test_a_note_of_this_edition_follows_its_glossary_entry() -> None:
    document = publish_doctree("Chernov, M.\n  (1891–1938) – A leading Social Revolutionary.\n\n"
                               "Other, A.\n  – Someone else.\n")
    definitions = definitions_by_headword(document)
    assert set(definitions) == {"Chernov, M.", "Other, A."}
    definitions["Chernov, M."] += annotation(edition_notes(ROOT)[0])
    box = document.next_node(lambda node: isinstance(node, nodes.container) and CLASS in node["classes"])
    assert box.parent is definitions["Chernov, M."]
    assert box.astext().startswith("Note of this edition: This entry joins two men.")
    assert "Evidence: Encyclopædia Britannica" in box.astext()
    assert not list(box.findall(nodes.emphasis))  # the edition's voice is upright: italics are the book's


def test_the_note_of_this_edition_in_every_format(built: Built) -> None:
    glossary = (built.html / "glossary" / "index.html").read_text(encoding="utf-8")
    entry = glossary[glossary.index('id="term-Chernov-M."'):][:3000]
    assert f'class="{CLASS} docutils container"' in entry and "Note of this edition:" in entry
    with zipfile.ZipFile(built.epub) as epub:
        assert f'class="{CLASS}' in epub.read("glossary/index.xhtml").decode()
    tex = next((built.pdf.parent).glob("*.tex")).read_text(encoding="utf-8")
    assert r"\begin{sphinxuseclass}{edition-annotation}" in tex
    assert r"\newenvironment{sphinxclassedition-annotation}" in (ROOT / "tools/latex/edition.sty").read_text()
