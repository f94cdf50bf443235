"""Cross-references: crafted cases for each rule, and named places of the real book."""

import json
import re

import pytest

from tests.conftest import ROOT, chapter
from tools.core.errors import SourceError
from tools.importer import link
from tools.importer.annotate import Chapter
from tools.importer.glossary import GlossaryEntry
from tools.importer.model import Block, ContentsEntry, Selection
from tools.importer.pipeline import ImportResult, load_curated

ENTRIES = [GlossaryEntry(1, h, "– x") for h in
           ("Smirnov, I.", "Smirnov, V.", "Zinoviev, G.", "Kulak", "Kuomintang (KMT)", "Voroshilov, K.", "Klim")]
DEFINITIONS = ["– x"] * 6 + ["– See {term}`Voroshilov <Voroshilov, K.>`."]
INDEX = [{"heading": "Smirnov, V.", "pages": ["10"], "subentries": [], "see": [], "see_also": []},
         {"heading": "Smirnov, I.N.", "pages": ["20"], "subentries": [], "see": [], "see_also": []}]


def make_chapter(title: str, page: int, *texts: str) -> Chapter:
    selection = Selection(1, ContentsEntry(title, page, 1), "text", 1, title, [], last_page=page)
    return Chapter(selection, body=[Block(100 + n, t) for n, t in enumerate(texts)])


def linked(text: str, page: int = 10, aliases: list[dict] | None = None) -> str:
    report = link.LinkReport()
    forms = link.name_forms(ENTRIES, DEFINITIONS, aliases or [])
    linker = link.TermLinker(forms, link.headword_pages([e.headword for e in ENTRIES], INDEX), report)
    chapter = make_chapter("A letter", page, text)
    return linker.link_region(chapter.body, chapter)[0].text


def test_first_mention_only_with_possessive_and_initials() -> None:
    assert linked("I.N. Smirnov wrote; Zinoviev's letter; Zinoviev again.") == (
        "{term}`I.N. Smirnov <Smirnov, I.>` wrote; {term}`Zinoviev <Zinoviev, G.>`'s letter; Zinoviev again.")


def test_given_name_decides_between_namesakes() -> None:
    assert linked("Vladimir Smirnov said", page=20) == "Vladimir {term}`Smirnov <Smirnov, V.>` said"


def test_printed_index_decides_between_namesakes() -> None:
    assert linked("as Smirnov said", page=10) == "as {term}`Smirnov <Smirnov, V.>` said"
    assert linked("as Smirnov said", page=20) == "as {term}`Smirnov <Smirnov, I.>` said"


def test_undecidable_namesake_is_not_linked_but_reported() -> None:
    report = link.LinkReport()
    linker = link.TermLinker(link.name_forms(ENTRIES, DEFINITIONS, []), {}, report)
    chapter = make_chapter("A letter", 30, "as Smirnov said")
    assert linker.link_region(chapter.body, chapter)[0].text == "as Smirnov said"
    assert report.unresolved == ["A letter (line 100): 'Smirnov' could be Smirnov, I., Smirnov, V."]


def test_unresolved_name_is_reported_at_its_own_line() -> None:
    report = link.LinkReport()
    linker = link.TermLinker(link.name_forms(ENTRIES, DEFINITIONS, []), {}, report)
    chapter = make_chapter("A letter", 30, "First paragraph.", "Second,\nthird line: Smirnov said")
    linker.link_region(chapter.body, chapter)
    assert report.unresolved == ["A letter (line 102): 'Smirnov' could be Smirnov, I., Smirnov, V."]


def test_given_name_before_a_parenthetical_nickname() -> None:
    entries = [GlossaryEntry(1, h, "– x") for h in ("Sedov, L.", "Sedov, S.")]
    report = link.LinkReport()
    linker = link.TermLinker(link.name_forms(entries, ["– x", "– x"], []), {}, report)
    chapter = make_chapter("A letter", 30, "his son Leon (Lyova) Sedov, and Sergei Sedov")
    assert linker.link_region(chapter.body, chapter)[0].text == (
        "his son Leon (Lyova) {term}`Sedov <Sedov, L.>`, and Sergei {term}`Sedov <Sedov, S.>`")
    assert report.unresolved == []


def test_terms_plurals_abbreviations_and_see_aliases() -> None:
    assert linked("the kulaks and the KMT; Klim") == (
        "the {term}`kulak <Kulak>`s and the {term}`KMT <Kuomintang (KMT)>`; {term}`Klim <Voroshilov, K.>`")


def test_curated_alias_only_where_it_applies() -> None:
    aliases = [{"alias": "Grigory", "headword": "Zinoviev, G.", "only_in": ["A letter"]}]
    assert linked("Grigory will sneak", aliases=aliases) == "{term}`Grigory <Zinoviev, G.>` will sneak"
    aliases[0]["only_in"] = ["Another letter"]
    assert linked("Grigory will sneak", aliases=aliases) == "Grigory will sneak"


@pytest.mark.parametrize(("text", "expected"), [
    ("Marx had in mind Napoleon III.", "Marx had in mind {term}`Napoleon III <Bonaparte, Napoleon III>`."),
    ("not only Napoleon I, but", "not only {term}`Napoleon I <Bonaparte, Napoleon I>`, but"),
    ("Napoleon later recruited", "{term}`Napoleon <Bonaparte, Napoleon I>` later recruited"),
])
def test_napoleon_numerals(text: str, expected: str) -> None:
    entries = [GlossaryEntry(1, h, "– x") for h in ("Bonaparte, Napoleon I", "Bonaparte, Napoleon III", "Napoleon")]
    definitions = ["– x", "– x", "– See {term}`Bonaparte <Bonaparte, Napoleon I>`."]
    forms = link.name_forms(entries, definitions, load_curated().aliases)
    linker = link.TermLinker(forms, {}, link.LinkReport())
    chapter = make_chapter("A letter", 10, text)
    assert linker.link_region(chapter.body, chapter)[0].text == expected


def test_existing_markup_is_not_relinked() -> None:
    text = "see [*Kulak*](#work-x) and {doc}`Zinoviev <x>`"
    assert linked(text) == text


WORKS = link.Works([{"key": "lenin-cw", "forms": ["Lenin's *Collected Works*"]},
                    {"key": "trotsky-cw", "forms": ["Trotsky's *Collected Works*"]},
                    {"key": "china", "forms": ["*Leon Trotsky on China*"]},
                    {"key": "iskra", "forms": ["*Iskra*"]},
                    {"key": "challenge", "forms": ["*Challenge* 1926–27"]},
                    {"key": "bolshevik", "forms": ["*Bolshevik*"]}])


@pytest.mark.parametrize(("text", "expected"), [
    ("[see Lenin's *Collected Works*, vol. 36] and Trotsky's *Collected Works*",
     "[see Lenin's [*Collected Works*](#work-lenin-cw), vol. 36] and Trotsky's [*Collected Works*](#work-trotsky-cw)"),
    ("his *Collected Works*", "his *Collected Works*"),  # whose? no form says
    ("- *Leon Trotsky on China.* 1976.", "- [*Leon Trotsky on China.*](#work-china) 1976."),
    ("on *Iskra* in London; the *Dzhetysu Iskra*", "on [*Iskra*](#work-iskra) in London; the *Dzhetysu Iskra*"),
    ("(see *Challenge* 1926–27, p. 68) and *Challenge*",
     "(see [*Challenge*](#work-challenge) 1926–27, p. 68) and *Challenge*"),
    ("**Iskra** and [*Iskra*](#work-x)", "**Iskra** and [*Iskra*](#work-x)"),
])
def test_works_links_keep_the_printed_words(text: str, expected: str) -> None:
    report = link.LinkReport()
    assert WORKS.link(text, report) == expected
    assert report.works_linked == expected.count("](#work-") - text.count("](#work-")


def test_a_work_form_needs_one_italic_title() -> None:
    with pytest.raises(SourceError, match="no single"):
        link.Works([{"key": "x", "forms": ["Lenin's Collected Works"]}])


def test_a_journal_title_gets_no_glossary_link() -> None:
    """*Bolshevik*, the journal, is a work, and linked before the glossary's Bolsheviks."""
    forms = link.name_forms([GlossaryEntry(1, "Bolsheviks", "– x")], ["– x"], [])
    linker = link.TermLinker(forms, {}, link.LinkReport())
    chapter = make_chapter("A letter", 10, WORKS.link("removed from *Bolshevik* and Old Bolshevik", link.LinkReport()))
    assert linker.link_region(chapter.body, chapter)[0].text == (
        "removed from [*Bolshevik*](#work-bolshevik) and Old {term}`Bolshevik <Bolsheviks>`")


def test_letters_link_quoted_titles_and_dated_letters() -> None:
    letters = link.LetterIndex({"preobrazhensky's proposal".replace("'", ""): "18-p",
                                "problems of the international opposition": "05-p"},
                               {("May", "26"): ["19-portrait"]})
    text = ('see “Preobrazhensky\'s Proposal,” next; center" [see "Problems of the International Opposition,"'
            " and his May 26 letter to Yudin")
    assert link.link_letters(text, letters, "17-x", link.LinkReport()) == (
        "see “{doc}`Preobrazhensky's Proposal <18-p>`,” next; center\" [see \"{doc}`Problems of the "
        "International Opposition <05-p>`,\" and his {doc}`May 26 letter <19-portrait>` to Yudin")


@pytest.mark.parametrize(("text", "found"), [
    ("next in this volume", True), ("[see appendix to this volume]", True), ("elsewhere in this book", True),
    ("at the end of this volume", True), ("Translated from the Russian for this volume", False),
    ("the contents of this volume", False), ("Of great help in compiling this volume", False),
])
def test_what_refers_to_this_volume(text: str, found: bool) -> None:
    assert bool(link.VOLUME_REFERENCE.search(text)) == found


def volume_chapter(*texts: str) -> tuple[Chapter, link.LetterIndex]:
    chapter = make_chapter("A letter", 10, *texts)
    return chapter, link.LetterIndex({"appendix a: a meeting": "49-appendix-a"}, {})


def test_curated_volume_reference_links_and_is_reported() -> None:
    chapter, letters = volume_chapter("A meeting with Kamenev [see appendix to this volume].",
                                      "All his writings in this volume.")
    curated = link.curated_references([
        {"in": "A letter", "words": "appendix to this volume", "target": "Appendix A: a meeting", "reason": "r"},
        {"in": "A letter", "words": "writings in this volume", "target": None, "reason": "the whole volume"}], letters)
    link.link_curated_references(chapter, curated["A letter"], report := link.LinkReport())
    link.volume_references(chapter, curated["A letter"], report)
    linked_text = "A meeting with Kamenev [see {doc}`appendix to this volume <49-appendix-a>`]."
    assert chapter.body[0].text == linked_text
    assert report.volume_references == [
        link.VolumeReference("A letter", 100, linked_text, True),
        link.VolumeReference("A letter", 101, "All his writings in this volume.", False, "the whole volume")]
    assert report.letters_linked == 1


@pytest.mark.parametrize(("words", "target", "problem"), [
    ("appendix to this volume", "Appendix C", "no selection is titled 'Appendix C'"),
    ("nowhere in this volume", "Appendix A: a meeting", "occurs 0 times"),
    ("this volume", "Appendix A: a meeting", "occurs 2 times"),
])
def test_curated_volume_reference_data_must_fit_the_book(words: str, target: str, problem: str) -> None:
    chapter, letters = volume_chapter("[see appendix to this volume]", "in this volume")
    with pytest.raises(SourceError, match=problem):
        references = link.curated_references([{"in": "A letter", "words": words, "target": target, "reason": ""}],
                                              letters)
        link.link_curated_references(chapter, references["A letter"], link.LinkReport())


def test_one_pattern_for_all_forms_prefers_the_longest() -> None:
    texts = ["Smirnov", "Smilga", "Napoleon", "Napoleon I", "Napoleon III", "Kolya Balabolkin", "Balabolkin", "NEP"]
    pattern = re.compile(link.prefix_tree_pattern(texts))
    assert pattern.pattern.startswith("(?:Balabolkin|Kolya\\ Balabolkin|N(?:EP|apoleon")
    assert [pattern.match(text)[0] for text in ("Napoleon III.", "Napoleon I,", "Napoleon later", "Smilga's")] == [
        "Napoleon III", "Napoleon I", "Napoleon", "Smilga"]
    assert pattern.match("Smith") is None


def test_paragraphs_containing_a_word_start() -> None:
    letter = make_chapter("A letter", 10, "Alsky. Alsky again.", "alsky at the start", "Kalsky", "and M. Alsky")
    found = link.Paragraphs(letter, link.paragraphs(letter))
    assert [block.line for block, _ in found.containing("Alsky")] == [100, 101, 103]
    assert found.containing("Nobody") == []


def test_page_ranges() -> None:
    assert link.expand_pages("115–16") == [115, 116]
    assert link.expand_pages("1098–102") == list(range(1098, 1103))
    assert link.expand_pages("519g") == []


@pytest.mark.parametrize(("heading", "label", "aliases", "keys"), [
    ("Smirnov, I.N.", "", [], ["Smirnov"]),
    ("Sedov, S. (Seryozha)", "", [], ["Sedov", "Seryozha"]),
    ("Sedova, N.", "", ["Natalya", "Natalya Ivanovna"], ["Sedova", "Natalya", "Natalya Ivanovna"]),
    ("Trotsky, L.", "health of", [], ["health", "Trotsky"]),
    ("AUCP (All-Union Communist Party)", "regime in", ["Soviet Communist Party"],
     ["regime", "AUCP", "All-Union Communist Party", "Soviet Communist Party"]),
    ("Bureaucratism", "", [], ["Bureaucratism", "Bureauc"]),
    # the year before the other words: "the Russian revolutions of 1905" is where 1905 is
    ("1905 revolution", "", [], ["1905 revolution", "1905", "revolut"]),
    ("China", "defeat in (1927)", [], ["defeat", "China"]),
])
def test_index_keys(heading: str, label: str, aliases: list[str], keys: list[str]) -> None:
    assert link.index_keys(heading, label, aliases) == keys


def test_other_names_of_index_headings() -> None:
    index = [{"heading": h, "pages": [], "subentries": [], "see": see, "see_also": []} for h, see in (
        ("Natalya", ["Sedova, N."]), ("Sedova, N.", []), ("Syrtssov, S.", []), ("Smirnov, I.N.", []),
        ("Smirnov, V.", []))]
    entries = [GlossaryEntry(1, h, "– x") for h in ("Sedova, N.", "Syrtssov, S.", "Smirnov, I.", "Smirnov, V.")]
    aliases = [{"alias": "Syrtsov", "headword": "Syrtssov, S."},
               {"alias": "Ivan Nikitich", "headword": "Smirnov, I.", "only_in": ["A letter"]}]
    found = link.heading_aliases(index, link.name_forms(entries, ["– x"] * 4, aliases))
    assert found["Sedova, N."] == ["Natalya", "Sedova"]
    assert found["Syrtssov, S."] == ["Syrtssov", "Syrtsov"]
    assert "Smirnov, I.N." not in found  # 'Smirnov' is two people; 'Ivan Nikitich' holds in one letter only


def test_index_entry_found_by_another_name() -> None:
    chapter = make_chapter("A letter", 10, "Nothing here.", "Natalya is ill.")
    index = [{"heading": "Sedova, N.", "pages": ["10"], "subentries": [], "see": [], "see_also": []}]
    placed = link.place_index_entries([chapter], index, {"Sedova, N.": ["Natalya"]}, report := link.LinkReport())
    assert placed[1] == {101: ["single: Sedova, N."]}
    assert report.index_fallbacks == []


def test_index_entry_lands_on_the_paragraph_near_its_page() -> None:
    chapter = make_chapter("A letter", 10, "Nothing here.", "Alsky spoke.", "More.")
    chapter.selection.last_page = 10
    placed = link.place_index_entries([chapter], [
        {"heading": "Alsky, M.", "pages": ["10"], "subentries": [], "see": [], "see_also": []},
        {"heading": "Unmentioned", "pages": ["10"], "subentries": [], "see": [], "see_also": []},
        {"heading": "Elsewhere", "pages": ["99"], "subentries": [], "see": [], "see_also": []}],
        {}, report := link.LinkReport())
    assert placed[1] == {101: ["single: Alsky, M."], 100: ["single: Unmentioned"]}
    assert report.index_fallbacks == ["'Unmentioned' (p. 10) in 'A letter'"]


# The real book.

def term_links(text: str) -> list[tuple[str, str]]:
    return re.findall(r"\{term\}`([^`<]*) <([^>]+)>`", text)


def test_named_places(book: ImportResult) -> None:
    assert ("V. Smirnov", "Smirnov, V.") in term_links(chapter(book, "39-our-differences"))
    assert ("Sosnovsky", "Sosnovsky, L.") in term_links(chapter(book, "08-pravda-sounds"))
    assert ("Kliment Voroshilov", "Voroshilov, K.") in term_links(chapter(book, "36-the-danger")) or (
        ("Voroshilov", "Voroshilov, K.") in term_links(chapter(book, "36-the-danger")))
    assert ("Grigory", "Zinoviev, G.") in term_links(chapter(book, "07-to-a-few"))
    assert ("Napoleon III", "Bonaparte, Napoleon III") in term_links(chapter(book, "29-who-is-leading"))
    bonapartism = term_links(chapter(book, "36-the-danger"))
    assert ("Napoleon I", "Bonaparte, Napoleon I") in bonapartism
    assert ("Napoleon III", "Bonaparte, Napoleon III") in bonapartism
    assert not any(target.startswith("Bonaparte") and "III" not in target and "III" in shown
                   for shown, target in term_links("".join(book.files.values())))


@pytest.mark.parametrize(("stem", "shown", "headword"), [
    ("02-preface", "Seryozha", "Sedov, S."),
    ("07-to-a-few", "Seryozha", "Sedov, S."),
    ("18-preobrazhenskys", "Seryozha", "Sedov, S."),
    ("06-the-international", "Natalya Ivanovna", "Sedova, N."),
    ("20-the-methods", "Natalya Ivanovna", "Sedova, N."),
    ("27-the-conflicts", "Natalya", "Sedova, N."),
    ("21-rumors", "Syrtsov", "Syrtsov, S."),
    ("29-who-is-leading", "Emancipation of Labor", "Emancipation of Labour"),
    ("25-radeks-theses", "Labour Party", "British Labour Party"),
    ("03-introduction", "Lyova", "Sedov, L."),
])
def test_aliases_in_the_real_book(book: ImportResult, stem: str, shown: str, headword: str) -> None:
    assert (shown, headword) in term_links(chapter(book, stem))


def test_independent_labour_party_is_not_the_labour_party(book: ImportResult) -> None:
    assert "British Labour Party" not in [target for _, target in term_links(chapter(book, "30-remarks"))]


def test_unresolved_names_are_reported_at_their_paragraph(book: ImportResult) -> None:
    """'Leon (Lyova) Sedov' is decided by the given name; each case names its paragraph's line."""
    assert not any(case.startswith("Introduction") for case in book.links.unresolved)
    assert "Pyatakov: a politically finished man (line 709): 'Bonaparte' could be Bonaparte, Napoleon I, " \
        "Bonaparte, Napoleon III" in book.links.unresolved


def test_first_mention_per_headnote_and_per_text(book: ImportResult) -> None:
    text = chapter(book, "10-pyatakov")
    headnote, body = text.split("\n::::\n")
    for part in (headnote, body):
        targets = [target for _, target in term_links(part)]
        assert len(targets) == len(set(targets))


def test_alsky_index_entry_lands_in_the_right_selections(book: ImportResult) -> None:
    holding = sorted(name for name, text in book.files.items() if "single: Alsky, M.\n" in text)
    assert holding == ["chapters/04-appeal-of-the-deportees.md", "chapters/18-preobrazhenskys-proposal.md"]
    appeal = chapter(book, "04-appeal")
    assert "single: Alsky, M.\n```\n\nM. Alsky" in appeal


def printed_pages(tokens: list[str]) -> set[int]:
    """'115–16' -> {115, 116}; '1098–102' -> {1098, ..., 1102}; '519g' (the Glossary) -> none.
    Written here again, not taken from the importer, so that the check is independent."""
    pages: set[int] = set()
    for token in tokens:
        if token.endswith("g"):
            continue
        first, _, last = token.replace("-", "–").partition("–")
        last = first[: len(first) - len(last)] + last if last else first
        pages.update(range(int(first), int(last) + 1))
    return pages


def plain_entry(text: str) -> str:
    return re.sub(r"[“”]", '"', text.replace("*", "")).replace("’", "'").replace("‘", "'")


def test_no_index_entry_outside_its_page_references(book: ImportResult) -> None:
    """Every entry placed in a selection, heading or sub-entry, has a page reference in that
    selection's pages; and every placed entry is one of the printed Index."""
    index = json.loads(book.files["glossary/printed-index.json"])
    pages = {plain_entry(e["heading"]): printed_pages(e["pages"]) for e in index}
    pages |= {plain_entry(f"{e['heading']}; {sub['label']}"): printed_pages(sub["pages"])
              for e in index for sub in e["subentries"]}
    placed = 0
    for name, text in book.files.items():
        if not name.startswith("chapters/"):
            continue
        first, _, last = re.search(r"\npages: '?([\d–]+)", text)[1].partition("–")
        selection = set(range(int(first), int(last or first) + 1))
        for entry in re.findall(r"^single: (.+)$", text, re.M):
            assert pages[plain_entry(entry)] & selection, (entry, name)
            placed += 1
    assert placed == book.links.index_entries == 1517


def test_works_and_letters_linked(book: ImportResult) -> None:
    assert "[*My Life*](#work-trotsky-my-life)" in chapter(book, "18-preobrazhenskys")
    assert "\"{doc}`The Opposition's Errors—Real and Alleged <17-the-oppositions-errors-real-and-alleged>`,\"" in (
        chapter(book, "03-introduction"))



@pytest.mark.parametrize(("stem", "link"), [
    ("14-we-cannot", "{doc}`That declaration <23-declaration-to-the-sixth-comintern-congress>` is in this volume"),
    ("26-the-july", "(see {doc}`Appendix to this volume <49-appendix-a-bukharin-kamenev-meeting>`)"),
    ("36-the-danger", "(see {doc}`Appendix to this volume <49-appendix-a-bukharin-kamenev-meeting>`)"),
    ("41-on-the-topics", "[see {doc}`appendix to this volume <49-appendix-a-bukharin-kamenev-meeting>`]"),
    ("43-marxism", "in the {doc}`appendix to this volume <50-appendix-b-philosophical-tendencies-of-bureaucratism>`"),
])
def test_curated_volume_references_in_the_real_book(book: ImportResult, stem: str, link: str) -> None:
    assert link in chapter(book, stem)


def test_every_volume_reference_is_reported(book: ImportResult) -> None:
    references = book.links.volume_references
    assert (len(references), sum(r.linked for r in references)) == (18, 16)
    assert [(r.title, r.line) for r in references if not r.linked] == [("Preface", 125), ("Introduction", 223)]
    assert all(r.reason for r in references if not r.linked)
    assert "[not linked] Introduction, line 223: " in link.summary(book.links)


@pytest.mark.parametrize(("title", "key"), [
    ("Problems of Leninism", "stalin-problems-of-leninism"), ("Communist Manifesto", "marx-engels-manifesto"),
    ("Herr Vogt", "marx-herr-vogt"), ("The Nation", "the-nation"), ("Iskra", "iskra"), ("Capital", "marx-capital"),
    ("Nashe Slovo", "nashe-slovo"), ("Krokodil", "krokodil"), ("Krasnaya Nov.", "krasnaya-nov"),
    ("The Lessons of October", "trotsky-lessons-of-october"),
    ("Foundations of Leninism", "stalin-foundations-of-leninism"), ("Anti-Dühring", "engels-anti-duhring"),
    ("New York Times", "new-york-times"), ("Neue Rheinische Zeitung", "neue-rheinische-zeitung"),
    ("Rabochaya Gazeta", "rabochaya-gazeta"), ("Zarya Vostoka", "zarya-vostoka"),
    ("Civil War in France", "marx-civil-war-in-france"), ("Ten Days That Shook the World", "reed-ten-days"),
    ("Kharkov Proletarian", "kharkov-proletarian"), ("Bolshevik", "bolshevik"),
])
def test_works_cited_in_the_real_book(book: ImportResult, title: str, key: str) -> None:
    assert f"[*{title}*](#work-{key})" in "".join(book.files.values())


def test_works_in_the_glossary_and_in_notes(book: ImportResult) -> None:
    glossary = book.files["glossary/index.md"]
    assert "author of [*Ten Days That Shook the World*](#work-reed-ten-days)." in glossary
    assert "(see [*Challenge*](#work-challenge-1926-27) 1926–27, p. 68)" in glossary
    assert "Stalin's English-language [*Works*](#work-stalin-works)" in chapter(book, "50-appendix-b")
    assert "*Dzhetysu Iskra*" in "".join(book.files.values())  # another paper: not Iskra


def test_the_journal_bolshevik_is_not_the_bolsheviks(book: ImportResult) -> None:
    for stem in ("21-rumors", "26-the-july-plenum"):
        text = chapter(book, stem)
        assert "[*Bolshevik*](#work-bolshevik)" in text and "*{term}`Bolshevik" not in text


def test_every_title_in_further_reading_links(book: ImportResult) -> None:
    items = [line for line in book.files["glossary/further-reading.md"].splitlines() if line.startswith("- ")]
    assert len(items) == 13
    assert [item for item in items if not re.match(r"- \[\*[^*]+\*\]\(#work-[\w-]+\)", item)] == []


def test_every_work_is_in_the_bibliography_and_cited() -> None:
    bib = set(re.findall(r"^@\w+\{([^,]+),", (ROOT / "references.bib").read_text(), re.M))
    assert sorted(work["key"] for work in load_curated().works) == sorted(bib)


def test_counts(book: ImportResult) -> None:
    links = book.links
    assert (links.terms_linked, links.index_entries, links.letters_linked, links.works_linked) == (1050, 1517, 30, 219)
    assert len(links.index_fallbacks) == 22  # "Slepkov, A." p. 390 placed since the errata correct "Slepko"
    assert [re.search(r"\(line (\d+)\): '([^']+)'", case).groups() for case in links.unresolved] == [
        ("709", "Bonaparte"), ("1165", "A. Yakovlev"), ("1165", "Yakovlev"), ("1165", "Yakovlev"), ("1462", "Eltsin"),
        ("2145", "Bonaparte")] + [("2860", "Bonaparte")] * 5


def test_index_text_is_plain_and_curled() -> None:
    assert link.index_text("*Krokodil* (Soviet satirical magazine)") == "Krokodil (Soviet satirical magazine)"
    assert link.index_text('"April Theses" (Lenin)') == "“April Theses” (Lenin)"
    assert link.index_text("Workers' and peasants' parties") == "Workers’ and peasants’ parties"
    assert link.index_text("Lenin, V.I.") == "Lenin, V.I."
