import json

import pytest

from tools.core.errors import SourceError
from tools.importer.glossary import GlossaryEntry, drop_separators, parse_glossary, resolve_see
from tools.importer.index_parser import parse_entry, parse_index
from tools.importer.model import Block
from tools.importer.pipeline import ImportResult

HEADWORDS = ["Bonaparte, Napoleon I", "Bonaparte, Napoleon III", "Sedov, L.", "Sedov, S.",
             "Voroshilov, K.", "Ter-Vaganyan, V."]


def test_glossary_entries_on_consecutive_lines() -> None:
    preamble, entries = parse_glossary([
        Block(1, "*The persons ... are Soviet.*"),
        Block(3, "**Sedov, L.** (\"Lyova\") (1906–1938) – Elder son.\n**Sedov, S.** (1908–1937?) – Son.")],
        "g.txt")
    assert [b.text for b in preamble] == ["*The persons ... are Soviet.*"]
    assert [(e.line, e.headword) for e in entries] == [(3, "Sedov, L."), (4, "Sedov, S.")]
    assert entries[0].definition == "(\"Lyova\") (1906–1938) – Elder son."


def test_glossary_line_that_is_not_an_entry() -> None:
    with pytest.raises(SourceError, match="not an entry") as error:
        parse_glossary([Block(1, "**A** – B."), Block(5, "stray text")], "g.txt")
    assert error.value.line == 5


@pytest.mark.parametrize(("definition", "linked"), [
    ("– See **Voroshilov**.", "– See {term}`Voroshilov <Voroshilov, K.>`."),
    ("– See **Sedov, L.**", "– See {term}`Sedov, L. <Sedov, L.>`"),
    ("– See **Ter-Vaganyan**.", "– See {term}`Ter-Vaganyan <Ter-Vaganyan, V.>`."),
])
def test_see_references_become_term_links(definition: str, linked: str) -> None:
    assert resolve_see(GlossaryEntry(1, "X", definition), HEADWORDS, {}, "g") == linked


def test_ambiguous_see_needs_a_curated_target() -> None:
    entry = GlossaryEntry(7, "Napoleon", "– See **Bonaparte**.")
    with pytest.raises(SourceError, match="names 2 headwords"):
        resolve_see(entry, HEADWORDS, {}, "g")
    curated = {("Napoleon", "Bonaparte"): "Bonaparte, Napoleon I"}
    assert "<Bonaparte, Napoleon I>" in resolve_see(entry, HEADWORDS, curated, "g")


def test_index_entry_with_subentries_and_see_also() -> None:
    entry = parse_entry("Bolshevik Party, 108; in 1917, 69, 440–41, 520g. *See also* AUCP")
    assert entry == {"heading": "Bolshevik Party", "pages": ["108"],
                     "subentries": [{"label": "in 1917", "pages": ["69", "440–41", "520g"]}],
                     "see": [], "see_also": ["AUCP"]}


def test_index_entry_quoted_heading_and_see() -> None:
    assert parse_entry('"Master," 106')["pages"] == ["106"]
    assert parse_entry('"Master," 106')["heading"] == '"Master"'
    assert parse_entry('“Second party,” 38, 41')["heading"] == "“Second party”"
    assert parse_entry("Bolshevik-Leninists. *See* Left Opposition") == {
        "heading": "Bolshevik-Leninists", "pages": [], "subentries": [], "see": ["Left Opposition"],
        "see_also": []}


def test_index_see_also_on_its_own_line_belongs_to_the_entry() -> None:
    entries, _ = parse_index([Block(1, "- Stalin faction, 47, 475–89.  \n*See also* Centrism\n- Sten, I., 390")])
    assert [(e["heading"], e["see_also"]) for e in entries] == [("Stalin faction", ["Centrism"]), ("Sten, I.", [])]


def test_index_entry_cut_by_a_page_break_is_rejoined() -> None:
    entries, changes = parse_index([Block(10, "- Stalin, J., 116, 233,"), Block(12, "256–63\n- Stalin faction, 47.")])
    assert [(e["line"], e["heading"], e["pages"]) for e in entries] == [
        (10, "Stalin, J.", ["116", "233", "256–63"]), (13, "Stalin faction", ["47"])]
    assert changes[0].removed == "116 233 256–63"


@pytest.mark.parametrize(("line", "heading", "labels"), [
    ("Trotsky, L.: health of, 135, 143; deportation of, 457–58, 472–73",
     "Trotsky, L.", [("health of", ["135", "143"]), ("deportation of", ["457–58", "472–73"])]),
    ("Bourgeoisie: domestic, 176; international, 33–34, 142",
     "Bourgeoisie", [("domestic", ["176"]), ("international", ["33–34", "142"])]),
    ("Leadership: crisis of, 31–32; Methods, of, 132", "Leadership",
     [("crisis of", ["31–32"]), ("Methods, of", ["132"])]),
    # a colon inside a sub-entry belongs to the sub-entry
    ("Central Committee (of AUCP), 164; plenums: Feb. 1927, 130", "Central Committee (of AUCP)",
     [("plenums: Feb. 1927", ["130"])]),
])
def test_heading_colon_sub_entry(line: str, heading: str, labels: list[tuple[str, list[str]]]) -> None:
    entry = parse_entry(line)
    assert entry["heading"] == heading
    assert [(sub["label"], sub["pages"]) for sub in entry["subentries"]] == labels


def test_no_real_index_heading_holds_a_sub_entry(book: ImportResult) -> None:
    index = json.loads(book.files["glossary/printed-index.json"])
    assert [e["heading"] for e in index if ": " in e["heading"]] == []
    trotsky = next(e for e in index if e["heading"] == "Trotsky, L.")
    assert (trotsky["pages"], [sub["label"] for sub in trotsky["subentries"]]) == ([], ["health of", "deportation of"])


def test_glossary_separator_dash_is_dropped_as_a_named_change() -> None:
    entries = [GlossaryEntry(7, "Amsterdam", "– Home of the International Federation of Trade Unions."),
               GlossaryEntry(9, "Adler, V.", "(1852–1918) – Founder and leader.")]
    kept, changes = drop_separators(entries)
    assert [e.definition for e in kept] == ["Home of the International Federation of Trade Unions.",
                                           "(1852–1918) – Founder and leader."]
    assert [(c.rule, c.line, c.removed) for c in changes] == [("glossary-separator", 7, "–")]
