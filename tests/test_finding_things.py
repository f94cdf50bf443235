"""Finding things (index, glossary, works cited): on small crafted inputs, and on the real book in
its three formats (the session's `built`, `site` and `browser`)."""

from __future__ import annotations

import html
import itertools
import json
import re
import zipfile
from pathlib import Path

import pymupdf
import pytest
from docutils import nodes
from playwright.sync_api import Browser
from pybtex.database import Entry, Person
from sphinx.testing.util import SphinxTestApp

from tests.conftest import ROOT, Built, build_cleanly, glossary_headwords, works_in_bibliography
from tools.core import printed_index
from tools.core.printed_index import PrintedIndex, page_label, pages_within, sort_key
from tools.edition.finding.bibliography_style import EditionSorting, EditionStyle, register
from tools.edition.finding.index_directive import glossary_term_entries, latex_index
from tools.edition.finding.works_cited import place_label
from tools.importer.link import LinkReport, cross_reference_entries

# --- small inputs ------------------------------------------------------------------------

# Where the printed Index itself breaks its rule (it files letter by letter elsewhere).
PRINTED_SLIPS = {("February revolution (1917)", "February “left turn.”"),
                 ("International Opposition", "Internationalism"), ("Lentsner", "Leninism")}


def test_sort_key_files_headings_as_the_printed_index_does() -> None:
    headings = list(printed_index.load(ROOT).headings)
    out_of_order = {(a, b) for a, b in itertools.pairwise(headings) if sort_key(a) > sort_key(b)}
    assert out_of_order == PRINTED_SLIPS
    assert sort_key("Bakunin, M.") < sort_key("“Balabolkin” (Bukharin)") < sort_key("Bauer, O.")
    assert sort_key("Economism") < sort_key("1848 revolution") < sort_key("Eltsin, B.")
    assert sort_key("Stalin, J.") < sort_key("Stalin faction (“centrists”)")
    assert sort_key("McCulloch, J.R.") < sort_key("MacDonald, R.") < sort_key("Manuilsky, D.")


CRAFTED_INDEX = PrintedIndex([
    {"line": 1, "heading": "AUCP (All-Union Communist Party)", "pages": ["131", "519g"], "see": [], "see_also": [],
     "subentries": [{"label": "Tenth Congress", "pages": ["140"]}, {"label": "regime in", "pages": ["22"]}]},
    {"line": 2, "heading": "Anarchism", "pages": ["44", "354"], "see": [], "see_also": [], "subentries": []},
    {"line": 3, "heading": '"Master"', "pages": ["300"], "see": [], "see_also": [], "subentries": []},
])


def test_glossary_terms_merge_into_printed_headings_or_add_none() -> None:
    term = [("single", "AUCP", "term-AUCP", "main", None)]
    assert glossary_term_entries(term, CRAFTED_INDEX) == [
        ("single", "AUCP (All-Union Communist Party)", "term-AUCP", "", None)]
    # the Index gives no Glossary page for Anarchism: no entry, and no second heading
    assert glossary_term_entries([("single", "Anarchism", "term-Anarchism", "main", None)], CRAFTED_INDEX) == []


def test_a_see_that_names_a_sub_entry_keeps_its_words() -> None:
    index = [{"heading": "Central Committee (of AUCP)", "see": [], "see_also": [], "pages": [], "subentries": []},
             {"heading": "July plenum", "see": ["Central Committee, July 1928 plenum"], "see_also": [],
              "pages": [], "subentries": []},
             {"heading": "Nowhere", "see": ["No such heading"], "see_also": [], "pages": [], "subentries": []}]
    report = LinkReport()
    assert cross_reference_entries(index, report) == ["see: July plenum; Central Committee, July 1928 plenum"]
    assert report.unmatched_cross_references == ["Nowhere -> No such heading"]


def test_locator_pages_are_the_printed_pages_within_the_selection() -> None:
    assert pages_within(("94", "108", "442–45", "530–31g"), 439, 445) == ["442–45"]
    assert page_label(["444"]) == "p.\u00a0444"
    assert page_label(["302–3"]) == "pp.\u00a0302–3" and page_label(["243", "245"]) == "pp.\u00a0243, 245"
    assert CRAFTED_INDEX.get("AUCP (All-Union Communist Party)").glossary_pages() == ["519"]


class PlainEncoder:
    """The one method of the LaTeX translator that latex_index uses."""

    def encode(self, text: str) -> str:
        return text


def test_pdf_index_keys_sort_as_printed_and_keep_subentries_in_printed_order() -> None:
    translator = PlainEncoder()
    heading = latex_index(translator, ("single", "“Master”", "p1", "", None), CRAFTED_INDEX)  # type: ignore[arg-type]
    assert heading == r"\index{master@\spxentry{“Master”}}"
    sub = latex_index(translator, ("single", "AUCP (All-Union Communist Party); regime in", "p1", "", None),
                      CRAFTED_INDEX)  # type: ignore[arg-type]
    assert sub.startswith(r"\index{aucp allunioncommunistparty@") and "!001regimein@" in sub
    see = latex_index(translator, ("seealso", "Bolshevik Party; AUCP (All-Union Communist Party)", "x", "", None),
                      CRAFTED_INDEX)  # type: ignore[arg-type]
    assert see == (r"\edindexname{aucp allunioncommunistparty}{AUCP (All-Union Communist Party)}"
                   r"\index{bolshevikparty@\spxentry{Bolshevik Party}|seealso{aucp allunioncommunistparty}}")
    # a See to a sub-entry has no key xindy could check: the PDF leaves it out
    assert latex_index(translator, ("see", "July plenum; Central Committee, July 1928 plenum", "x", "", None),
                       CRAFTED_INDEX) == ""  # type: ignore[arg-type]


def formatted(entry: Entry) -> str:
    register()
    style = EditionStyle()
    return " ".join(next(iter(style.format_entries([entry]))).text.render_as("html").split())


def test_works_cited_style_sets_titles_by_type() -> None:
    book = Entry("book", fields={"title": "Herr Vogt", "year": "1860"}, persons={"author": [Person("Karl Marx")]})
    assert formatted(book) == "Karl Marx. <em>Herr Vogt</em>. 1860."
    periodical = Entry("periodical", fields={"title": "The Militant"})
    assert formatted(periodical) == "<em>The Militant</em>."
    piece = Entry("incollection", fields={"title": "The Draft Program", "booktitle": "The Third International",
                                          "year": "1928"}, persons={"author": [Person("Leon Trotsky")]})
    assert formatted(piece) == "Leon Trotsky. “The Draft Program.” In <em>The Third International</em>. 1928."


def test_works_cited_sort_ignores_articles() -> None:
    sorting = EditionSorting()
    titles = ["Die Rote Fahne", "The Militant", "Iskra", "Leningradskaya Pravda", "Anti-Dühring"]
    entries = [Entry("periodical", fields={"title": title}) for title in titles]
    assert [e.fields["title"] for e in sorting.sort(entries)] == [
        "Anti-Dühring", "Iskra", "Leningradskaya Pravda", "The Militant", "Die Rote Fahne"]


def test_cited_in_places_say_what_part_of_the_page() -> None:
    terms = {"term-Hamlet": "Hamlet"}
    assert [place_label(a, terms) for a in ("p12", "h2", "s1", "term-Hamlet", "id7")] == [
        "¶\u00a012", "headnote", "source note", "Hamlet", "note"]


# --- the real book ---------------------------------------------------------------------------

def index_items(page: str) -> list[tuple[str, str]]:
    """(heading id, heading text) in the order the Index page sets them (a corrected heading's
    words are a link to their correction: the words alone)."""
    return [(ident, html.unescape(re.sub(r"<[^>]+>", "", text))) for ident, text in
            re.findall(r'<li id="(ix-[^"]+)"><span class="index-heading">(.*?)</span>', page)]


def ids_of(path: Path, cache: dict[Path, set[str]]) -> set[str]:
    if path not in cache:
        cache[path] = set(re.findall(r'\bid="([^"]+)"', path.read_text(encoding="utf-8")))
    return cache[path]


def broken_links(page: Path, links: list[str], root: Path) -> list[str]:
    """Links of `page` whose file or id does not exist."""
    cache: dict[Path, set[str]] = {}
    broken = []
    for link in links:
        file, _hash, anchor = html.unescape(link).partition("#")
        target = (page.parent / file).resolve() if file else page
        if not target.is_file() or (anchor and anchor not in ids_of(target, cache)):
            broken.append(link)
    return broken


def test_index_has_one_heading_per_subject_sorted_as_printed(built: Built) -> None:
    page = (built.html / "genindex.html").read_text(encoding="utf-8")
    items = index_items(page)
    texts = [text for _id, text in items]
    printed = set(printed_index.load(ROOT).headings)
    assert set(texts) == printed and len(texts) == len(set(texts))  # every printed heading, once
    assert not {"AUCP", "Cadets", "Brest-Litovsk treaty"} & set(texts)
    assert [sort_key(t) for t in texts] == sorted(sort_key(t) for t in texts)
    assert texts.index("“Balabolkin” (Bukharin)") == texts.index("Bakunin, M.") + 1
    assert "[1]" not in page


def test_index_locators_name_selection_and_page_and_open_the_paragraph(built: Built) -> None:
    page_path = built.html / "genindex.html"
    page = page_path.read_text(encoding="utf-8")
    locators = re.findall(r'<a class="index-locator" href="([^"]+)">([^<]+)</a>', page)
    assert len(locators) > 1500
    # a paragraph or a Glossary entry (an entry for a note printed at the end: the paragraph it annotates)
    assert all(re.search(r"#(?:[phs]\d+|term-.+)$", href) for href, _label in locators)
    assert all(re.search(r", pp?\.\u00a0\d", label) for _href, label in locators)
    assert broken_links(page_path, [href for href, _label in locators], built.html) == []
    # '1905 revolution' in the Marxism article: the paragraph that speaks of 1905, not the one before
    revolution = page.split('<li id="ix-1905-revolution">')[1].split("</li>")[0]
    href = re.search(r'href="(chapters/43-[^"]+)">Marxism and peasant revolution, p.\u00a0444<', revolution)[1]
    file, anchor = href.split("#")
    chapter = (built.html / file).read_text(encoding="utf-8")
    paragraph = re.search(rf'<p (?:class="[^"]*" )?id="{anchor}">(.*?)</p>', chapter, re.S)
    assert "revolutions of 1905" in paragraph[1]


def test_index_see_references_are_links_to_headings(built: Built) -> None:
    page = (built.html / "genindex.html").read_text(encoding="utf-8")
    see = re.findall(r'<a class="index-see" href="#([^"]+)">', page)
    ids = {ident for ident, _text in index_items(page)}
    printed = json.loads((ROOT / "glossary" / "printed-index.json").read_text(encoding="utf-8"))
    # every See and See also the printed Index gives is a link, to a heading of this Index
    assert len(see) == sum(len(entry["see"]) + len(entry["see_also"]) for entry in printed)
    assert set(see) <= ids
    klim = page.split('<li id="ix-klim">')[1].split("</li>")[0]
    assert "<em>See</em>" in klim and 'href="#ix-voroshilov-k"' in klim


def test_epub_index_is_the_same_index(built: Built) -> None:
    with zipfile.ZipFile(built.epub) as epub:
        page = epub.read("genindex.xhtml").decode()
        links = re.findall(r'<a class="index-locator" href="([^"]+)"', page)
        assert links and all(".xhtml#" in link for link in links)
        file, anchor = links[0].split("#")
        assert f'id="{anchor}"' in epub.read(file).decode()
    html_page = (built.html / "genindex.html").read_text(encoding="utf-8")
    assert index_items(page) == index_items(html_page)
    assert '<nav class="az-bar"' in page


def pdf_index_text(built: Built) -> str:
    with pymupdf.open(built.pdf) as pdf:  # pypdf runs the Index's ragged-right words together
        pages = [page.get_text() for page in pdf.pages(len(pdf) - 20)]
    start = next(n for n, text in enumerate(pages) if text.lstrip().startswith("Index"))
    return "\n".join(pages[start:])


def test_pdf_index_has_one_heading_per_subject(built: Built) -> None:
    text = pdf_index_text(built)
    headings = re.findall(r"^(\S[^,\n]*?),? \d", text, re.M)
    assert "AUCP" not in headings and headings.count("Cadets (Constitutional Democrats)") <= 1
    assert text.index("Bakunin, M.") < text.index("“Balabolkin” (Bukharin)") < text.index("Bauer, O.")
    assert "see Left Opposi" in text  # the See of the printed Index


def test_glossary_letters_separators_and_locators(built: Built) -> None:
    path = built.html / "glossary" / "index.html"
    page = path.read_text(encoding="utf-8")
    bar = re.search(r'<p class="az-bar">(.*?)</p>', page, re.S)[1]
    letters = re.findall(r'href="#(term-[^"]+)">([A-Z])<', bar)
    assert [letter for _id, letter in letters] == sorted(letter for _id, letter in letters)
    assert len(letters) >= 20 and all(f'id="{ident}"' in page for ident, _letter in letters)
    definitions = re.findall(r"<dd><p>(.*?)</p>", page, re.S)
    assert len(definitions) == len(glossary_headwords())
    assert not [d for d in definitions if d.startswith(("–", "—", "-"))]
    locators = re.findall(r'<p class="index-locators">(.*?)</p>', page, re.S)
    assert len(locators) > 150
    links = [href for found in locators for href in re.findall(r'href="([^"]+)"', found)]
    assert broken_links(path, links, built.html) == []
    adler = page.split('id="term-Adler-V."')[1].split("</dd>")[0]
    assert re.search(r'Index: <a [^>]*href="../chapters/33-[^"]+#p\d+"[^>]*>322</a>', adler)


def test_glossary_mentions_are_in_book_order(built: Built) -> None:
    page = (built.html / "glossary" / "index.html").read_text(encoding="utf-8")
    order = re.findall(r"^(chapters/[^\n]+)$", (ROOT / "index.md").read_text(encoding="utf-8"), re.M)
    for found in re.findall(r'<p class="mentioned-in">(.*?)</p>', page, re.S):
        pages = [re.sub(r"\.html.*", "", href.removeprefix("../")) for href in re.findall(r'href="([^"]+)"', found)]
        assert pages == sorted(pages, key=order.index)


def works_cited_items(page: str) -> list[str]:
    return [" ".join(item.split()) for item in re.findall(r'<li id="cite-[^"]+"><p>(.*?)</p>', page, re.S)]


def test_works_cited_titles_by_type_sorted_without_fillers(built: Built) -> None:
    path = built.html / "glossary" / "works-cited.html"
    page = path.read_text(encoding="utf-8")
    items = works_cited_items(page)
    assert len(items) == works_in_bibliography()
    for title in ("Herr Vogt", "Capital", "The Brothers Karamazov", "History of American Trotskyism",
                  "The Militant", "Iskra", "Neue Rheinische Zeitung"):
        assert any(f"<em>{title}</em>" in item for item in items), title
    assert any("“The Draft Program of the Communist International—A Criticism of Fundamentals.”" in item
               for item in items)
    assert not [item for item in items if re.search(r"Periodical\.|Russian book", item)]
    books, periodicals = (works_cited_items(part) for part in page.split('<section id="periodicals">'))
    titles = [sort_key(re.sub(r"^(?:The|Die) ", "", html.unescape(re.search(r"<em>(.*?)</em>", item)[1])))
              for item in periodicals]
    assert titles == sorted(titles) and titles[0].startswith("biulleten") and titles[-1] == "zaryavostoka"
    authors = [re.match(r"(.*?)\. (?:<em>|“)", html.unescape(item))[1].split()[-1] for item in books
               if not item.startswith("<em>")]
    assert authors[0] == "Cannon" and authors[-1] == "Zinoviev"
    trotsky = [re.search(r"<em>(.*?)</em>", item)[1] for item in books if item.startswith("Leon Trotsky. <em>")]
    assert trotsky.index("The Case of Leon Trotsky") < trotsky.index("My Life") < trotsky.index(
        "Writings of Leon Trotsky (1929–40)")
    with zipfile.ZipFile(built.epub) as epub:
        assert "<em>Herr Vogt</em>" in epub.read("glossary/works-cited.xhtml").decode()
    tex = (built.root / "latex" / "challenge-left-opposition-1928-29.tex").read_text(encoding="utf-8")
    assert r"\sphinxstyleemphasis{Herr Vogt}" in tex and r"\sphinxstyleemphasis{The Militant}" in tex


def test_works_cited_say_where_they_are_cited(built: Built) -> None:
    path = built.html / "glossary" / "works-cited.html"
    page = path.read_text(encoding="utf-8")
    cited = re.findall(r'<p class="cited-in">(.*?)</p>', page, re.S)
    assert len(cited) >= 70
    links = [href for found in cited for href in re.findall(r'href="([^"]+)"', found)]
    assert broken_links(path, links, built.html) == []
    my_life = page.split('id="cite-trotsky-my-life"')[1].split("</li>")[0]
    assert re.search(r'href="../chapters/18-preobrazhenskys-proposal.html#h\d+">headnote<', my_life)


@pytest.mark.parametrize("width", [390, 1280])
def test_index_letters_jump_and_nothing_overflows(browser: Browser, site: str, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 844 if width == 390 else 900})
    for address in ("genindex.html", "glossary/index.html", "glossary/works-cited.html"):
        page.goto(f"{site}/{address}")
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    page.goto(f"{site}/genindex.html")
    page.click(".az-bar a[href='#letter-M']")
    page.wait_for_url("**/genindex.html#letter-M")  # a fragment navigation scrolls as it changes the address
    top = page.evaluate("document.getElementById('letter-M-heading').getBoundingClientRect().top")
    assert 0 <= top < 200
    page.close()


# --- The Glossary's A–Z bar alone, on a test root (tests/roots/test-glossary-letters) --------------

@pytest.mark.sphinx("html", testroot="glossary-letters")
def test_glossary_bar_leads_to_the_first_entry_filed_under_each_letter(app: SphinxTestApp) -> None:
    """Filed as the printed Index files: '“Balabolkin”' under B after 'Bakunin', so B leads to Bakunin;
    '1848 revolution' under E (eighteen forty-eight); no letter without an entry."""
    build_cleanly(app)
    page = (app.outdir / "glossary" / "index.html").read_text(encoding="utf-8")
    bar = re.search(r'<p class="az-bar">(.*?)</p>', page, re.S)[1]
    assert re.findall(r'href="#(term-[^"]+)">([A-Z])<', bar) == [
        ("term-Adler-V.", "A"), ("term-Bakunin-M.", "B"), ("term-1848-revolution", "E"), ("term-Zinoviev-G.", "Z")]
    assert page.index('class="az-bar"') < page.index('<dl class="simple glossary">')


@pytest.mark.sphinx("latex", testroot="glossary-letters")
def test_the_pdf_has_no_glossary_bar(app: SphinxTestApp) -> None:
    build_cleanly(app)
    doctree = app.env.get_and_resolve_doctree("glossary/index", app.builder)
    assert not [p for p in doctree.findall(nodes.paragraph) if "az-bar" in p["classes"]]


# --- Works cited alone, on a test root (tests/roots/test-works-cited) --------------------------------

@pytest.mark.sphinx("html", testroot="works-cited")
def test_works_cited_set_by_type_and_say_where_they_are_cited(app: SphinxTestApp) -> None:
    """The letter cites *Herr Vogt* in its headnote and its first paragraph, the piece "The Draft
    Program" and the periodical *The Militant* in its second: a book and a periodical in italics, a
    piece in quotation marks and its book in italics; each place linked to its paragraph; the
    periodicals in a list of their own, whose ids carry its key prefix."""
    build_cleanly(app)
    page = (app.outdir / "works-cited.html").read_text(encoding="utf-8")
    entries = re.findall(r'<li id="(cite-[^"]+)"><p>(.*?)</p>\s*<p class="cited-in">(.*?)</p>', page, re.S)
    letter = "chapters/01-a-letter.html"  # "¶ 1" with a no-break space, as place_label writes it
    assert [(ident, text, re.sub(r'<a class="reference internal" href="([^"]+)">', r"[\1]", cited))
            for ident, text, cited in entries] == [
        ("cite-marx-herr-vogt", "Karl Marx. <em>Herr Vogt</em>. 1860.",
         f"Cited in: [{letter}#h1]A letter</a> ([{letter}#h1]headnote</a>, [{letter}#p1]¶\u00a01</a>)"),
        ("cite-trotsky-draft-program", "Leon Trotsky. “The Draft Program.” In <em>The Third International</em>. 1928.",
         f"Cited in: [{letter}#p2]A letter</a> ([{letter}#p2]¶\u00a02</a>)"),
        ("cite-periodical-militant", "<em>The Militant</em>.",
         f"Cited in: [{letter}#p2]A letter</a> ([{letter}#p2]¶\u00a02</a>)")]
    text = (app.outdir / letter).read_text(encoding="utf-8")
    # the title links to its entry and keeps the face the text gives it
    link = '<a class="reference internal" href="../works-cited.html#cite-marx-herr-vogt">'
    assert text.count(f'{link}<span class="std std-ref"><em>Herr Vogt</em>') == 2  # the headnote's and p1's
