"""The small things a reader trips on, in every format: the author's asterisk notes marked `*`,
previous/next with their titles visible, the page's foot within a phone's width, the register's
correspondents one per person by surname, navigation labels that say where they lead, search
excerpts from the text, one search control, an EPUB without Sphinx's leftovers and with an honest
publisher, a glossary preview that sets the name apart.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import quote
from xml.etree import ElementTree

import pymupdf
import pytest
from playwright.sync_api import Browser, Page

from tests.conftest import OPF, ROOT, Built
from tools.edition.finding.chronology import correspondent_options, surname_first, without_qualifier
from tools.edition.selections import SelectionData

TOPICS = "/chapters/41-on-the-topics-of-the-day.html"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


# --- The author's asterisk notes ---------------------------------------------------------------

@pytest.fixture(scope="module")
def crafted_notes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A page with an asterisk note and a numbered one, built as HTML and as LaTeX source."""
    project = tmp_path_factory.mktemp("notes")
    (project / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        'extensions = ["myst_parser", "tools.edition.formats.footnote_marks"]\n', encoding="utf-8")
    (project / "index.md").write_text(
        "# Notes\n\nThe printed mark.[^asterisk-1] And a numbered note.[^note]\n\n"
        "[^asterisk-1]: The author's note.\n\n[^note]: The editors' note.\n", encoding="utf-8")
    for builder in ("html", "latex"):
        subprocess.run([str(ROOT / ".venv/bin/sphinx-build"), "-b", builder, "-q", "-W", str(project),
                        str(project / "_build" / builder)], check=True, capture_output=True)
    return project / "_build"


def test_an_asterisk_note_is_marked_as_printed_on_a_page(crafted_notes: Path) -> None:
    html = (crafted_notes / "html" / "index.html").read_text(encoding="utf-8")
    references = re.findall(r'class="footnote-reference[^"]*"[^>]*>(.*?)</a>', html)
    marks = [re.sub(r"<[^>]+>|\[|\]", "", reference) for reference in references]
    assert marks == ["*", "2"]  # the numbered note keeps the number docutils gave it
    labels = re.findall(r'<span class="label">(.*?)</span>\s*</span>', html)
    assert [re.sub(r"<[^>]+>|\[|\]", "", label) for label in labels] == ["*", "2"]


def test_an_asterisk_note_is_marked_as_printed_in_latex(crafted_notes: Path) -> None:
    tex = next((crafted_notes / "latex").glob("*.tex")).read_text(encoding="utf-8")
    # LaTeX's footnote environment takes the number; the mark it prints is "*"
    assert re.search(r"\{\\renewcommand\{\\thefootnote\}\{\*\}%\n\\begin\{footnote\}\[1\]"
                     r"\\sphinxAtStartFootnote\nThe author’s note\.\n%\n\\end\{footnote\}\}", tex)
    assert "\\begin{footnote}[2]" in tex and tex.count("\\renewcommand{\\thefootnote}") == 1


def test_the_books_asterisk_notes_are_marked_in_every_format(built: Built) -> None:
    for stem in ("41-on-the-topics-of-the-day", "50-appendix-b-philosophical-tendencies-of-bureaucratism"):
        html = (built.html / "chapters" / f"{stem}.html").read_text(encoding="utf-8")
        assert re.search(r'class="footnote-reference[^"]*"[^>]*><span class="fn-bracket">\[</span>\*<', html), stem
        with zipfile.ZipFile(built.epub) as epub:
            xhtml = epub.read(f"chapters/{stem}.xhtml").decode("utf-8")
        assert re.search(r'epub:type="noteref"[^>]*>(<span class="fn-bracket">\[</span>)?\*<', xhtml), stem
        assert 'role="doc-backlink">*</a>' in xhtml, stem  # as printed: no "*." in the notes
    with pymupdf.open(built.pdf) as pdf:
        texts = [page.get_text() for page in pdf]
    (page,) = [text for text in texts if "a certain honest section of the rights" in text]
    assert "even inevitable.*" in page.replace("\n", "")  # the mark in the text
    # and opening the note at the page's foot (text extraction may set the mark on a line of its own)
    assert re.search(r"\n\*\s+It is necessary to note that a certain", page)
    (page,) = [text for text in texts if "See our definition of the political meaning" in text]
    assert re.search(r"\n\*\s+See our definition", page)


# --- A selection's header and foot on a phone and a desktop -----------------------------------

def letter(browser: Browser, site: str, path: str, viewport: dict[str, int]) -> Page:
    page = browser.new_page(viewport=viewport)
    page.goto(site + path)
    page.wait_for_load_state("load")
    return page


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP])
def test_previous_and_next_show_their_titles(browser: Browser, site: str, viewport: dict[str, int]) -> None:
    page = letter(browser, site, "/chapters/17-the-oppositions-errors-real-and-alleged.html", viewport)
    nav = page.locator(".letter-nav").first
    links = nav.locator("a")
    assert links.all_inner_texts() == ["No. 13 The general outline of my work", "No. 15 Preobrazhensky’s proposal"]
    for link in links.all():
        title = link.locator(".letter-nav-title")
        box = title.bounding_box()
        assert title.is_visible() and box is not None and box["width"] > 40
        link_box = link.bounding_box()
        assert link_box is not None and link_box["x"] + link_box["width"] <= viewport["width"]
        assert link.get_attribute("title", timeout=1000).endswith(link.locator(".letter-nav-title").inner_text())
    page.close()


@pytest.mark.parametrize("path", ["/chapters/17-the-oppositions-errors-real-and-alleged.html",
                                  "/chapters/47-protest-against-deportation.html"])
def test_the_pages_foot_stays_within_a_phone(browser: Browser, site: str, path: str) -> None:
    page = letter(browser, site, path, PHONE)
    links = page.locator(".prev-next-area a")
    assert links.count() == 2
    for link in links.all():
        box = link.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        # the theme hides what overflows a link: its title must fit inside it, not be cut off
        assert link.evaluate("a => a.scrollWidth <= a.clientWidth"), link.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.close()


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1000, "height": 800}, DESKTOP])
def test_one_search_control(browser: Browser, site: str, viewport: dict[str, int]) -> None:
    page = letter(browser, site, TOPICS, viewport)
    controls = page.locator(".search-button__button")
    assert [control.is_visible() for control in controls.all()].count(True) == 1
    page.close()


# --- The register's correspondents -----------------------------------------------------------

def selection(authors: tuple[str, ...], addressees: tuple[str, ...]) -> SelectionData:
    return SelectionData(docname="x", title="x", part="text", pages="1", date="", date_iso="1928-07-11",
                         kind="letter", authors=authors, addressees=addressees, addressee_place="", written_at="",
                         translator="")


def test_correspondents_are_one_option_per_person_by_surname() -> None:
    found = [selection(("G. Sokolnikov; L.\u00a0Kamenev",), ("L. Kamenev (Sokolnikov’s letter)",
                                                         "G. Zinoviev (Kamenev’s account)")),
             selection(("Leon Trotsky",), ("Central Committee of the AUCP", "Karl Radek")),
             selection(("Leon Trotsky",), ("‘Pyotr’ (‘Peter’), unidentified (letter II)", "Leading Oppositionists")),
             selection(("Leon Trotsky",), ("Mustafa Kemal, President of the Turkish Republic",))]
    assert [option["label"] for option in correspondent_options(found)] == [
        "Central Committee of the AUCP", "Kamenev, L.", "Kemal, Mustafa, President of the Turkish Republic",
        "Leading Oppositionists", "‘Pyotr’ (‘Peter’), unidentified", "Radek, Karl", "Sokolnikov, G.", "Zinoviev, G."]
    assert {option["value"] for option in correspondent_options(found)} >= {"L. Kamenev", "G. Sokolnikov"}
    assert without_qualifier("L. Kamenev (Sokolnikov’s letter)") == ("L. Kamenev", " (Sokolnikov’s letter)")
    assert surname_first("Sixth Congress of the Communist International") is None


def register(browser: Browser, site: str, query: str = "", viewport: dict[str, int] = DESKTOP) -> Page:
    page = browser.new_page(viewport=viewport)
    page.goto(f"{site}/glossary/chronology.html{query}")
    page.wait_for_selector(".register-filters")
    return page


def test_the_register_filters_by_one_person(browser: Browser, site: str) -> None:
    page = register(browser, site)
    labels = page.locator("select[name=correspondent] option").all_inner_texts()[1:]  # after "Any"
    assert labels.count("Kamenev, L.") == 1 and not [label for label in labels if ";" in label or "letter)" in label]
    keys = [re.sub(r"['‘’]", "", label).casefold() for label in labels]
    assert keys == sorted(keys)
    assert labels.index("Beloborodov, Aleksandr") < labels.index("Kamenev, L.") < labels.index("Radek, Karl")
    page.select_option("select[name=correspondent]", label="Kamenev, L.")
    assert page.locator(".register-entry:visible .register-head a").all_inner_texts() == [
        "Appendix A: Bukharin-Kamenev meeting"]
    assert page.url.endswith("?correspondent=L.+Kamenev")
    page.close()


def test_an_unknown_correspondent_in_the_address_is_said(browser: Browser, site: str) -> None:
    page = register(browser, site, "?correspondent=" + quote("Nobody Known"))
    status = page.locator(".register-count")
    assert status.inner_text().startswith("No correspondent “Nobody Known” in the register — showing all")
    assert page.locator(".register-entry:visible").count() == page.locator(".register-entry").count()
    page.select_option("select[name=kind]", "circular letter")  # the reader's own choice replaces the message
    assert not status.inner_text().startswith("No correspondent")
    page.close()


# --- Navigation, search, the EPUB's package, previews ------------------------------------------

def test_the_pdf_outline_names_numeral_sections_and_has_one_case_style(built: Built) -> None:
    with pymupdf.open(built.pdf) as pdf:
        titles = [title for _, title, _ in pdf.get_toc()]
    assert "Problems of the International Opposition, I" in titles
    assert "Problems of the International Opposition, II" in titles
    assert not [title for title in titles if re.fullmatch(r"[IVX]+\.?", title)]
    assert "V. What is the right wing?" in titles and "I. Letter from Sokolnikov to Kamenev" in titles
    assert not [title for title in titles if len(title) > 4 and title.isupper()]


def test_search_excerpts_come_from_the_text_not_the_header(browser: Browser, site: str) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{site}/search.html?q=Beloborodov")
    page.wait_for_selector("#search-results[aria-busy=false]", state="attached")
    passages = page.locator("#search-results .edition-search-passages a").all_inner_texts()
    assert passages and not [text for text in passages if re.search(r"Number:|Kind:|Print edition:", text)]
    page.close()


def test_the_epub_has_no_sphinx_leftovers_and_an_honest_publisher(built: Built) -> None:
    with zipfile.ZipFile(built.epub) as epub:
        names = epub.namelist()
        opf = ElementTree.fromstring(epub.read("content.opf"))
        pages = [epub.read(name).decode("utf-8") for name in names if name.endswith(".xhtml")]
    assert not [name for name in names if Path(name).name in {"file.png", "minus.png", "plus.png", "pygments.css"}]
    assert not [page for page in pages if "pygments.css" in page]
    (publisher,) = [element.text for element in opf.iter(f"{{{OPF['dc']}}}publisher")]
    (source,) = [element.text for element in opf.iter(f"{{{OPF['dc']}}}source")]
    assert publisher == "The Challenge of the Left Opposition (1928–29), a digital edition"
    assert "Pathfinder Press, 1981" in source and "ISBN 978-0-87348-616-3" in source and "\n" not in source


def test_a_glossary_preview_sets_the_name_apart(browser: Browser, site: str) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(site + "/chapters/10-pyatakov-a-politically-finished-man.html")
    page.locator("article a.reference.internal[href*='#term-']:not(details *)", has_text="Pyatakov").first.hover()
    name = page.locator("#edition-preview .edition-preview-name")
    assert name.inner_text() == "Pyatakov, Yu."
    style = name.evaluate("n => [getComputedStyle(n).display, getComputedStyle(n).fontWeight]")
    assert style[0] == "block" and int(style[1]) >= 600
    tip_text = page.locator("#edition-preview").inner_text()
    assert tip_text.startswith("Pyatakov, Yu.\n(1890–1937)")  # its own line, the definition after it
    page.close()

