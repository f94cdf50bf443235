"""The EPUB as the best ebook producers make one, and the site's notes: navigation grouped as the
book is, landmarks, endnotes one per item with a link back, one viewport, tables that fit a phone,
DAISY Ace with no serious or critical violation; on the site a "Notes" heading and footnote markers
that leave the line spacing alone.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from playwright.sync_api import Browser

from tests.conftest import EPUB_NS, XHTML_NS, AceRun, Built, chapters_with, footnotes_of

PARTS = ["Front matter", "Letters, articles and declarations, 1928–29", "Appendices", "Back matter"]
PHONE = {"width": 390, "height": 844}
APPENDIX_A = "chapters/49-appendix-a-bukharin-kamenev-meeting"


@pytest.fixture(scope="module")
def epub(built: Built) -> dict[str, bytes]:
    with zipfile.ZipFile(built.epub) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_navigation_is_grouped_as_the_book_with_landmarks(epub: dict[str, bytes]) -> None:
    nav = ElementTree.fromstring(epub["nav.xhtml"])
    navs = {element.get(f"{EPUB_NS}type"): element for element in nav.iter(f"{XHTML_NS}nav")}
    parts = navs["toc"].find(f"{XHTML_NS}ol").findall(f"{XHTML_NS}li")
    assert [part.find(f"{XHTML_NS}a").text for part in parts] == PARTS
    letters = parts[1].find(f"{XHTML_NS}ol").findall(f"{XHTML_NS}li")
    assert len(letters) == chapters_with(r"^part: text$")
    assert letters[0].find(f"{XHTML_NS}a").text == "Appeal of the deportees"
    assert parts[-1].findall(f"{XHTML_NS}ol/{XHTML_NS}li")[-1].find(f"{XHTML_NS}a").text == "Index"
    landmarks = [(a.get(f"{EPUB_NS}type"), a.get("href")) for a in navs["landmarks"].iter(f"{XHTML_NS}a")]
    assert [kind for kind, _ in landmarks] == ["cover", "toc", "bodymatter", "glossary", "index"]
    assert all(href.split("#")[0] in epub for _, href in landmarks)


def test_headings_in_capitals_are_sentence_case_in_the_navigation(epub: dict[str, bytes]) -> None:
    nav = epub["nav.xhtml"].decode()
    assert ">I. Letter from Sokolnikov to Kamenev</a>" in nav and "SOKOLNIKOV" not in nav
    assert ">V. What is the right wing?</a>" in nav and ">A.\u00a0The danger of Thermidor</a>" in nav  # one style
    appendix = epub[f"{APPENDIX_A}.xhtml"].decode()
    assert '<span class="smallcaps">I. LETTER FROM SOKOLNIKOV TO KAMENEV</span>' in appendix  # the text as printed
    assert '<span class="smallcaps">MOSCOW, JULY 9, 1928</span>' in appendix  # its dateline


def test_numeral_headings_carry_their_selections_words_in_the_navigation(epub: dict[str, bytes]) -> None:
    nav = epub["nav.xhtml"].decode()
    assert ">Problems of the International Opposition, I</a>" in nav
    assert ">Problems of the International Opposition, II</a>" in nav
    assert ">I</a>" not in nav and ">II</a>" not in nav
    ncx = epub["toc.ncx"].decode()
    assert "<text>Problems of the International Opposition, II</text>" in ncx


def test_endnotes_are_one_note_per_item_with_a_link_back(epub: dict[str, bytes]) -> None:
    appendix = ElementTree.fromstring(epub[f"{APPENDIX_A}.xhtml"])
    (section,) = [s for s in appendix.iter(f"{XHTML_NS}section") if s.get(f"{EPUB_NS}type") == "endnotes"]
    assert section.find(f"{XHTML_NS}h2").text == "Notes"
    notes = section.findall(f"{XHTML_NS}ol/{XHTML_NS}li")
    references = {a.get("id"): a.get("href") for a in appendix.iter(f"{XHTML_NS}a")
                  if a.get(f"{EPUB_NS}type") == "noteref"}
    assert len(notes) == len(references) == footnotes_of("49-")
    for number, note in enumerate(notes, 1):
        assert note.get(f"{EPUB_NS}type") == "endnote"
        back = note.find(f"{XHTML_NS}p/{XHTML_NS}span/{XHTML_NS}a")  # the number opens the note's first line
        assert back.text == f"{number}." and back.get("role") == "doc-backlink"
        assert references[back.get("href").lstrip("#")] == f"#{note.get('id')}"


def test_every_document_has_one_viewport(epub: dict[str, bytes]) -> None:
    documents = [name for name in epub if name.endswith(".xhtml") and name != "nav.xhtml"]
    assert {name: epub[name].count(b'name="viewport"') for name in documents} == dict.fromkeys(documents, 1)


def test_every_page_fits_a_phone(browser: Browser, epub: dict[str, bytes], tmp_path: Path) -> None:
    """No document of the EPUB scrolls sideways at 390 px: tables, the register, the index."""
    documents = [name for name, data in epub.items() if name.endswith(".xhtml")]
    assert len(documents) > 51
    for name, data in epub.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    page = browser.new_page(viewport=PHONE)
    widths = {}
    for name in documents:
        page.goto((tmp_path / name).as_uri())
        widths[name] = page.evaluate("document.documentElement.scrollWidth")
    page.close()
    assert {name: width for name, width in widths.items() if width > PHONE["width"]} == {}


def test_daisy_ace_checks_every_document(ace: AceRun) -> None:
    assert ace.result.returncode == 0, ace.result.stdout[-2000:] + ace.result.stderr[-2000:]
    assert len(ace.report["assertions"]) > 50  # the book has 51 selections, each a document Ace reads


def test_daisy_ace_finds_no_serious_or_critical_violation(ace: AceRun) -> None:
    assert ace.result.returncode == 0, ace.result.stdout[-2000:] + ace.result.stderr[-2000:]
    violations = [(found["earl:test"]["earl:impact"], found["earl:test"]["dct:title"],
                   document["earl:testSubject"]["url"])
                  for document in ace.report["assertions"] for found in document["assertions"]]
    assert [v for v in violations if v[0] in ("serious", "critical")] == []


# --- The site: one viewport, and its notes ----------------------------------------------------

def test_every_site_page_has_one_viewport(built: Built) -> None:
    pages = [built.html / "index.html", *sorted((built.html / "chapters").glob("*.html"))]
    assert [page.name for page in pages if page.read_text(encoding="utf-8").count('name="viewport"') != 1] == []


def test_the_sites_notes_have_a_heading(built: Built) -> None:
    page = (built.html / f"{APPENDIX_A}.html").read_text(encoding="utf-8")
    heading, notes = page.index('<h2 class="notes-heading">Notes</h2>'), page.index('role="doc-footnote"')
    assert heading < notes and page.count("notes-heading") == 1


# A paragraph's height against its number of lines times its line height: a marker that pushed its
# line apart would make the paragraph taller. Lines are told apart by the bottoms of the text's boxes.
LINE_SPACING = """paragraph => {
  const range = document.createRange();
  range.selectNodeContents(paragraph);
  const lineHeight = parseFloat(getComputedStyle(paragraph).lineHeight);
  const bottoms = [...range.getClientRects()].map(rect => rect.bottom).sort((a, b) => a - b);
  let lines = 0, last = -Infinity;
  for (const bottom of bottoms) if (bottom - last > lineHeight / 2) { lines += 1; last = bottom; }
  return [paragraph.getBoundingClientRect().height, lines * lineHeight];
}"""


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}])
def test_footnote_markers_leave_the_line_spacing_alone(browser: Browser, site: str, viewport: dict) -> None:
    page = browser.new_page(viewport=viewport)
    page.goto(f"{site}/{APPENDIX_A}.html")
    paragraphs = page.locator("article p:has(a.footnote-reference)")
    assert paragraphs.count() > 10
    measured = [paragraphs.nth(n).evaluate(LINE_SPACING) for n in range(paragraphs.count())]
    page.close()
    assert [m for m in measured if abs(m[0] - m[1]) > 1] == []
