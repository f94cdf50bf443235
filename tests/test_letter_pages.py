"""Each selection as a page of an edition of letters. The header's values
against the front matter in every format, the author's text on a phone's first screen, the
editor's note labelled and one click away, the front page for a first-time reader, the print
artefacts gone, and the corrections made public and linked both ways."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from docutils import nodes
from docutils.utils.smartquotes import smartyPants
from playwright.sync_api import Browser
from sphinx.testing.util import SphinxTestApp

from tests.conftest import ROOT, SELECTIONS, SLUG, Built, build_cleanly, chapter, chapters_with
from tools.core.errors import SourceError
from tools.edition.corrections import errata, keys, listed
from tools.edition.letter_page.editor_note import editor_note
from tools.importer.errata_places import changed_span, word_around
from tools.importer.model import Block
from tools.importer.pipeline import ImportResult
from tools.importer.provenance import provenance, source_of, translators_of
from tools.importer.repair import drop_print_artefacts

PHONE = {"width": 390, "height": 844}
CHAPTERS = sorted((ROOT / "chapters").glob("*.md"))


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def curly(text: str) -> str:
    return smartyPants(text, "q", "en")


# --- The importer: source and translator, the print artefacts, the front page ------------------

def test_source_and_translator_read_from_the_source_note() -> None:
    harvard = ("By permission of the Harvard College Library. Translated from the Russian for this volume "
               "by L. Hall and George Saunders. Parts of this letter appear in *My Life*, pp. 714–15.")
    assert (source_of(harvard), translators_of(harvard)) == ("Harvard College Library", "L. Hall and George Saunders")
    printed = ("From [*New International*](#work-new-international), April 1943, in a translation by Max "
               "Shachtman from the French Opposition journal *Contre le courant*, May 6, 1929.")
    assert (source_of(printed), translators_of(printed)) == ("*New International*, April 1943", "Max Shachtman")
    assert source_of("Translated from the Russian for this volume by Tom Twiss.") is None
    assert translators_of("From the *Militant*, April 1, 1929.") is None
    assert provenance(harvard, {"translator": "the editors' reading", "provenance_reason": "the note says so"}) == {
        "source": "Harvard College Library", "translator": "the editors' reading"}
    with pytest.raises(SourceError, match="without a reason"):
        provenance(harvard, {"title": "A letter", "translator": "someone"})
    assert provenance(None, {}) == {}


def test_every_selection_with_a_source_note_names_its_source(book: ImportResult) -> None:
    fields = {name: yaml.safe_load(text.split("---\n")[1]) for name, text in book.files.items()
              if name.startswith("chapters/")}
    with_note = [f for f in fields.values() if f["part"] != "front"]
    assert len(with_note) == 48 and all("source" in f or "translator" in f for f in with_note)
    assert sum("source" in f for f in with_note) == 47  # one note names only its translator
    assert fields["chapters/07-to-a-few-exiled-friends.md"].items() >= {
        "source": "Harvard College Library", "translator": "George Saunders"}.items()
    assert "translator: perhaps Max Eastman; John G. Wright" in chapter(book, "29-who-is-leading")


def test_print_artefacts_removed_by_a_named_rule(book: ImportResult) -> None:
    blocks = [Block(1, "ISBN 978-0-87348-616-3"), Block(3, "90000"), Block(5, "9 780873 486163"),
              Block(7, "**US\\$34 • £29**"), Block(9, "**Pathfinder**")]
    kept, changes = drop_print_artefacts(blocks)
    assert [b.text for b in kept] == ["ISBN 978-0-87348-616-3", "**Pathfinder**"]
    assert {c.rule for c in changes} == {"print-artefact-removed"} and len(changes) == 3
    front = book.files["index.md"]
    for artefact in ("90000", "780873", "US\\$34", "£29"):
        assert artefact not in front
    assert "ISBN 978-0-87348-616-3" in front and book.words.ok
    assert book.words.rule_counts["print-artefact-removed"] == 3
    assert "line 5170: '**US\\\\$34 • £29**'" in book.files["reports/import.txt"]
    assert "`print-artefact-removed`" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_front_page_starts_with_the_welcome(book: ImportResult) -> None:
    front = book.files["index.md"]
    pages = ("edition-welcome", "{container} half-title", "{container} title-page", "{container} copyright-page")
    assert [front.index(page) for page in pages] == sorted(front.index(page) for page in pages)
    assert ":first: chapters/04-appeal-of-the-deportees\n:introduction: chapters/03-introduction" in front
    assert "glossary/corrections" in front


def test_the_print_editions_title_pages_stay_apart(book: ImportResult) -> None:
    """The half-title (author, title, the publisher's line on the book) and the title page (title, author,
    publisher) are two pages of the print edition, and two containers: the PDF sets each on its own page."""
    front = book.files["index.md"]
    half_title = front.split(":::{container} half-title\n")[1].split(":::")[0]
    title_page = front.split(":::{container} title-page\n")[1].split(":::")[0]
    assert half_title.startswith("**LEON TROTSKY**") and "Speeches and Writings by the leader" in half_title
    assert "by Leon Trotsky" in title_page and "**PATHFINDER**" in title_page and "Speeches" not in title_page
    assert [page.count("THE CHALLENGE OF THE LEFT OPPOSITION") for page in (half_title, title_page)] == [1, 1]


# --- The header --------------------------------------------------------------------------------

def header_of(html: str) -> dict[str, str]:
    """{label: value} of the header's fields, as text."""
    block = html[html.index('<div class="letter-header'):]
    block = block[:block.index("</dl>")]
    pairs = re.findall(r"<dt[^>]*>(.*?)<span class=\"colon\">.*?<dd[^>]*>(.*?)</dd>", block, re.S)
    return {label: re.sub(r"<[^>]+>", "", value).strip() for label, value in pairs}


def expected_header(fields: dict, number: str | None) -> dict[str, str]:
    addressees = fields.get("addressee", [])
    addressees = "; ".join(addressees if isinstance(addressees, list) else [addressees])
    to = f"{addressees}, in {fields['addressee_place']}" if fields.get("addressee_place") else addressees
    pages = str(fields["pages"])
    expected = {"Number": number, "Kind": fields["kind"].replace("-", " ").capitalize() if fields["part"] != "front"
                else None, "Date": fields.get("date"), "To": to, "Written at": fields.get("written_at"),
                "Print edition": f"pp. {pages}" if "–" in pages else f"p. {pages}",
                "Source": fields.get("source", "").replace("*", ""), "Translated by": fields.get("translator"),
                "Heading in print": fields.get("printed_title")
                if re.sub(r"\s", "", fields.get("printed_title", "")) != re.sub(r"\s", "", fields["title"]) else None}
    if fields["author"] not in ("Leon Trotsky", "unsigned"):
        expected["By"] = fields["author"]
    return {label: curly(value) for label, value in expected.items() if value}


def without_no_break_spaces(header: dict[str, str]) -> dict[str, str]:
    return {label: value.replace("\xa0", " ") for label, value in header.items()}  # "G.\xa0Sokolnikov"


def test_header_values_are_the_front_matter(built: Built) -> None:
    numbers = iter(range(1, 46))
    appendices = iter("ABC")
    for path in CHAPTERS:
        fields = front_matter(path)
        number = {"text": lambda: f"{next(numbers)} of 45", "appendix": lambda: f"Appendix {next(appendices)}",
                  "front": lambda: None}[fields["part"]]()
        html = (built.html / "chapters" / f"{path.stem}.html").read_text(encoding="utf-8")
        assert without_no_break_spaces(header_of(html)) == expected_header(fields, number), path.name


def test_header_links_previous_and_next_in_the_book_and_by_date(built: Built) -> None:
    def navigation(stem: str) -> dict[str, list[str]]:
        html = (built.html / "chapters" / f"{stem}.html").read_text(encoding="utf-8")
        lines = re.findall(r'<p class="letter-nav"><strong>([^<]+)</strong>(.*?)</p>', html, re.S)
        return {label: re.findall(r'href="([^"]+)\.html"', line) for label, line in lines}

    # July 12, 1928: by date, Appendix A (July 11) comes before it, not no. 19 (June 24)
    assert navigation("23-declaration-to-the-sixth-comintern-congress") == {
        "In the book": ["22-a-crudely-empirical-turn", "24-what-to-expect-from-the-sixth-congress"],
        "By date": ["49-appendix-a-bukharin-kamenev-meeting", "24-what-to-expect-from-the-sixth-congress"]}
    assert navigation("24-what-to-expect-from-the-sixth-congress") == {
        "In the book": ["23-declaration-to-the-sixth-comintern-congress", "25-radeks-theses"]}
    assert navigation("01-about-the-author") == {"In the book": ["02-preface"]}


def test_header_and_labelled_note_in_the_epub_and_the_pdf(built: Built) -> None:
    with zipfile.ZipFile(built.epub) as epub:
        names = [n for n in epub.namelist() if n.startswith("EPUB/chapters/") or n.startswith("chapters/")]
        texts = {name: epub.read(name).decode("utf-8") for name in names if name.endswith(".xhtml")}
    assert len(texts) == SELECTIONS
    assert all('class="letter-header' in text for text in texts.values())
    assert all("<details" not in text for text in texts.values())  # the note open: e-readers may not open it
    headnotes = chapters_with(r"^::::\{container\} headnote$")  # each labelled once
    assert sum("Editor’s note" in text for text in texts.values()) == headnotes
    tex = (built.root / "latex" / f"{SLUG}.tex").read_text(encoding="utf-8")
    assert tex.count(r"\begin{sphinxuseclass}{letter-header}") == SELECTIONS
    assert tex.count(r"\sphinxstylestrong{Editor’s note}") == headnotes
    assert r"\sphinxlineitem{Translated by}" in tex


def test_sidebar_numbers_and_dates_the_selections(built: Built) -> None:
    html = (built.html / "chapters" / "23-declaration-to-the-sixth-comintern-congress.html").read_text(encoding="utf-8")
    sidebar = html[html.index('<nav class="bd-links'):html.index("</nav>", html.index('<nav class="bd-links'))]
    assert ('href="07-to-a-few-exiled-friends.html"><b>4</b> To a few exiled friends'
            '<small>February 28, 1928</small></a>') in sidebar
    assert 'href="#"><b>20</b> Declaration' in sidebar  # the page itself
    numbered = chapters_with(r"^part: (?:text|appendix)$")  # the front matter has no number and no date
    assert sidebar.count("<small>") == numbered and sidebar.count("<b>") == numbered


# --- A phone's first screen --------------------------------------------------------------------

def test_text_starts_on_the_first_screen_of_every_selection(browser: Browser, site: str) -> None:
    page = browser.new_page(viewport=PHONE, java_script_enabled=False)  # the layout needs no script
    late = {}
    for path in CHAPTERS:
        page.goto(f"{site}/chapters/{path.stem}.html")
        top = page.locator("#p1").evaluate("e => e.getBoundingClientRect().top")
        if top >= PHONE["height"]:
            late[path.stem] = top
    page.close()
    assert late == {}


def test_editor_note_is_labelled_indented_and_opens_with_one_click(browser: Browser, site: str) -> None:
    page = browser.new_page(viewport=PHONE, java_script_enabled=False)
    page.goto(site + "/chapters/17-the-oppositions-errors-real-and-alleged.html")
    note = page.locator("details.headnote")
    assert note.locator("summary").inner_text() == "Editor’s note"
    assert note.evaluate("e => parseFloat(getComputedStyle(e).paddingLeft)") >= 10
    assert not page.locator("#h1").is_visible()
    note.locator("summary").click()
    assert page.locator("#h1").is_visible() and page.locator("#s1").is_visible()
    page.close()


def test_front_page_offers_reading_and_downloads_on_a_phone(browser: Browser, site: str) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(site + "/index.html")
    for name in ("Start reading", "EPUB (e-readers)", "PDF (print)"):
        link = page.locator("article a", has_text=name).first
        assert link.is_visible() and link.bounding_box()["y"] < PHONE["height"], name
    assert page.locator("article a", has_text="Start reading").get_attribute("href") == \
        "chapters/04-appeal-of-the-deportees.html"
    assert page.locator("article a", has_text="EPUB (e-readers)").get_attribute("href") == f"downloads/{SLUG}.epub"
    page.close()


# --- Corrections -------------------------------------------------------------------------------

def test_corrected_word_found_from_its_entry() -> None:
    assert changed_span("Tomskey", "Tomsky") == (5, 5)  # "e" dropped before the "y"
    line = "A group which designates Manuilsky to defend its ideas"
    assert line[slice(*word_around(line, 31, 32))] == "Manuilsky"
    assert word_around("(1928–29)", 5, 6) == (1, 8)
    entries = errata(ROOT)
    data = yaml.safe_load((ROOT / "tools/data/errata.yaml").read_text(encoding="utf-8"))
    assert len(entries) == sum(entry.get("count", 1) for entry in data)  # each correction made, marked apart
    assert len(listed(ROOT)) == len(data)
    assert all(keys(entry) for entry in entries if entry.page)


def corrections_in(section: str) -> dict[int, str]:
    """The entries of a part of the Corrections page: number -> the entry's HTML."""
    # a list's last items carry the PDF's keep-together class, which the site ignores
    entries = re.finditer(r'<li(?: class="[^"]*")?><p><span class="target" id="erratum-(\d+)"></span>(.*?)</li>',
                          section, re.S)
    return {int(found[1]): found[2] for found in entries}


def test_corrections_page_lists_errata_and_links_both_ways(built: Built) -> None:
    data = yaml.safe_load((ROOT / "tools/data/errata.yaml").read_text(encoding="utf-8"))
    page = (built.html / "glossary" / "corrections.html").read_text(encoding="utf-8")
    article = page[page.index("<h1"):page.index("</article>")]
    misprints, conversion = article.split('id="slips-of-the-conversion"')
    assert "Misprints in the print edition" in misprints and "Slips of the conversion" in conversion
    groups = {"misprint": corrections_in(misprints), "conversion": corrections_in(conversion)}
    assert sum(map(len, groups.values())) == len(data)
    for number, entry in enumerate(data, 1):
        item = groups[entry["kind"]][number]  # each in the group its kind names
        text = re.sub(r"<[^>]+>", "", item).replace("\u00a0", " ")  # no-break spaces after initials
        printed, corrected = (curly(entry[key].strip()).replace("**", "") for key in ("old", "new"))
        assert f"printed “{printed}” → corrected “{corrected}”" in text
        assert "**" not in text and ("<strong>" in item) == ("**" in entry["old"])  # markup rendered, not shown
        if entry["line"] > 4700:  # the printed Index: the heading, linked on the Index page
            target = re.search(r'href="../genindex.html#(ix-[\w-]+)"', item)
            assert target and text.startswith("Index, “"), text
            index = (built.html / "genindex.html").read_text(encoding="utf-8")
            heading = index[index.index(f'<li id="{target[1]}">'):][:400]
            assert f'href="glossary/corrections.html#erratum-{number}"' in heading
            continue
        target = re.search(r'href="([^"#]+)#(corrected-\d+)"', item)
        assert target and target[2] == f"corrected-{number}", text
        marked = (built.html / "glossary" / target[1]).read_text(encoding="utf-8")
        after = marked[marked.index(f'id="{target[2]}"'):]
        after = after[after.index(">") + 1:]
        shown = re.sub(r"<[^>]+>", "", after[:600]).replace("’", "'")
        assert shown.startswith(listed(ROOT)[number - 1].word.replace("’", "'")), text
        assert f"corrections.html#erratum-{number}\"" in after[:2000]
    shown = re.sub(r"<[^>]+>", "", article)
    assert not re.search(r"\bsource line|\blines? \d|errata\.yaml|tools/", shown)  # the editors' data, not shown


def test_edition_note_links_the_corrections(built: Built) -> None:
    front = (built.html / "index.html").read_text(encoding="utf-8")
    note = front[front.index('class="edition-note'):]
    assert 'href="glossary/corrections.html"' in note
    assert "no word of the book was added or removed" not in note
    assert "barcode" in note


@pytest.mark.parametrize("path", ["/glossary/corrections.html", "/chapters/06-the-international-factor.html"])
def test_no_serious_accessibility_violation_with_the_note_open(browser: Browser, site: str, path: str) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(site + path)
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    violations = Axe().run(page).response["violations"]
    page.close()
    assert [(v["id"], v["impact"]) for v in violations if v["impact"] in {"serious", "critical"}] == []


# --- The editor's note alone, on a test root (tests/roots/test-paragraphs) ------------------------

@pytest.mark.sphinx("html", testroot="paragraphs")
def test_the_site_gives_the_headnote_closed_under_its_label(app: SphinxTestApp) -> None:
    """A <details> without `open`, its summary the label, the headnote's paragraphs (the source note
    with them) inside: the text comes first, one click opens the note."""
    build_cleanly(app)
    page = (app.outdir / "chapters" / "01-a-letter.html").read_text(encoding="utf-8")
    note = page[page.index("<details"):page.index("</details>")]
    assert re.match(r'<details class="headnote">\s*<summary>Editor’s note</summary>', note), note
    assert 'id="h1"' in note and 'id="h2"' in note and 'id="s1"' in note and 'id="p1"' not in note


@pytest.mark.sphinx("latex", testroot="paragraphs")
def test_the_pdf_and_the_epub_open_the_headnote_with_its_label(app: SphinxTestApp) -> None:
    """Paper and e-readers cannot be relied on to open a disclosure: the note is open, its label first."""
    build_cleanly(app)
    doctree = app.env.get_and_resolve_doctree("chapters/01-a-letter", app.builder)
    (headnote,) = [node for node in doctree.findall(nodes.container) if "headnote" in node["classes"]]
    assert (headnote[0]["classes"], headnote[0].astext()) == (["headnote-label"], "Editor’s note")
    assert isinstance(headnote[0][0], nodes.strong)
    assert not list(doctree.findall(editor_note))


# --- The header alone, on a test root (tests/roots/test-selections) -----------------------------------

@pytest.mark.sphinx("html", testroot="selections")
def test_header_from_the_front_matter_and_neighbours_in_the_book_and_by_date(app: SphinxTestApp) -> None:
    """The test root: the preface (front matter, unnumbered), no. 1 of the text's 2 "To Smirnov" (May 16, 1928), no. 2
    "An article" (May 1928: it stands first in May), Appendix A by G. Zinoviev (February 1929). Trotsky,
    the book's author, is not named as "By"; a neighbour by date is given where it differs from the book's."""
    build_cleanly(app)

    def page(stem: str) -> str:
        return (app.outdir / "chapters" / f"{stem}.html").read_text(encoding="utf-8")

    def navigation(stem: str) -> dict[str, list[str]]:
        lines = re.findall(r'<p class="letter-nav"><strong>([^<]+)</strong>(.*?)</p>', page(stem), re.S)
        # each link as it reads: the number, then the title (both shown: a touch screen shows no title attribute)
        return {label: [re.sub(r"<[^>]+>", "", link).replace("\u00a0", " ")
                        for link in re.findall(r"<a [^>]*>(.*?)</a>", line)] for label, line in lines}

    assert without_no_break_spaces(header_of(page("01-to-smirnov"))) == {
        "Number": "1 of 2", "Kind": "Letter", "Date": "May 16, 1928", "To": "I.N. Smirnov, in Moscow",
        "Written at": "Alma-Ata", "Print edition": "pp. 74–77"}
    assert without_no_break_spaces(header_of(page("03-a-circular"))) == {
        "Number": "Appendix A", "Kind": "Circular letter", "By": "G. Zinoviev", "Date": "February 7–8, 1929",
        "To": "L. Kamenev; K. Radek", "Print edition": "p. 474"}
    assert navigation("01-to-smirnov") == {"In the book": ["Preface", "No. 2 An article"],
                                           "By date": ["No. 2 An article", "Appendix A A circular"]}
    assert navigation("02-an-article") == {"In the book": ["No. 1 To Smirnov", "Appendix A A circular"],
                                           "By date": ["No. 1 To Smirnov"]}
    assert navigation("03-a-circular") == {"In the book": ["No. 2 An article"], "By date": ["No. 1 To Smirnov"]}
