"""The PDF as a printed book: read from its pages (PyMuPDF), as a reader would see them.

No widow or orphan, no running head or folio on a blank page, links in the text's colour, the
contents' part headings without page numbers, the index set ragged-right, French spacing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pymupdf
import pytest
from sphinx.testing.util import SphinxTestApp

from tests.conftest import SLUG, Built, build_cleanly

HEAD_AND_FOOT = 45  # points (A5): the running head stands above, the folio below, the text block
TEXT_SIZE = 9.5  # the footnotes are set smaller than this, the text at 10 pt
HEADING_SIZE = 11  # headings are set larger than this
PARAGRAPH_GAP = 13.5  # points between two lines' baselines: more is a paragraph's or a heading's space
WIDEST_INDEX_GAP = 5  # points between two words of an index line: a justified narrow column has more


@dataclass(frozen=True)
class Line:
    top: float
    bottom: float
    right: float
    size: float  # the largest type on the line


def text_lines(page: pymupdf.Page) -> list[Line]:
    """The lines of the page's main text, top to bottom: not the running head, the folio or the footnotes."""
    spans: list[Line] = []
    for block in page.get_text("dict")["blocks"]:
        for line in block.get("lines", []):
            sizes = [span["size"] for span in line["spans"] if span["text"].strip()]
            top, bottom = line["bbox"][1], line["bbox"][3]
            if sizes and max(sizes) >= TEXT_SIZE and HEAD_AND_FOOT < bottom and top < page.rect.height - HEAD_AND_FOOT:
                spans.append(Line(top, bottom, line["bbox"][2], max(sizes)))
    lines: list[Line] = []
    for span in sorted(spans, key=lambda line: line.top):  # the spans of one visual line are one line
        if lines and abs(lines[-1].bottom - span.bottom) < 3:
            last = lines[-1]
            lines[-1] = Line(min(last.top, span.top), last.bottom, max(last.right, span.right),
                             max(last.size, span.size))
        else:
            lines.append(span)
    return lines


def widows_and_orphans(pages: list[list[Line]]) -> list[tuple[str, int]]:
    """('widow', page): a paragraph's last line alone at the top of the page; ('orphan', page): a
    paragraph's first line alone at its foot. A line that reaches the right margin runs on (the text is
    justified); a wider space than the leading before a line starts a paragraph."""
    margin = max(line.right for lines in pages for line in lines) - 2
    found = []
    for number in range(1, len(pages)):
        before, after = pages[number - 1], pages[number]
        if len(before) < 2 or len(after) < 2 or before[-1].right < margin:
            continue  # the page before ends a paragraph: nothing runs on
        ends_a_paragraph = after[0].right < margin and after[1].bottom - after[0].bottom > PARAGRAPH_GAP
        if after[0].size < HEADING_SIZE and ends_a_paragraph:
            found.append(("widow", number + 1))
        if before[-1].size < HEADING_SIZE and before[-1].bottom - before[-2].bottom > PARAGRAPH_GAP:
            found.append(("orphan", number))
    return found


@pytest.fixture(scope="module")
def pdf(built: Built) -> pymupdf.Document:
    return pymupdf.open(built.pdf)


@pytest.fixture(scope="module")
def lines(pdf: pymupdf.Document) -> list[list[Line]]:
    return [text_lines(page) for page in pdf]


def test_no_widows_or_orphans(built: Built, lines: list[list[Line]]) -> None:
    log = (built.root / "latex" / f"{SLUG}.log").read_text(encoding="utf-8", errors="replace")
    # the penalties in force at the end of the book (no package reset them), and French spacing: a full
    # stop's space factor under 2000 adds no space after it (polyglossia's French spacing writes 1006)
    found = re.search(r"edition: widowpenalty=(\d+), clubpenalty=(\d+), sfcode.=(\d+)", re.sub(r"\s+", " ", log))
    assert found and int(found[1]) == int(found[2]) == 10000 and int(found[3]) < 2000
    assert widows_and_orphans(lines) == []


def test_widows_and_orphans_are_seen() -> None:
    """The check on crafted pages: a paragraph's last line at a page's top, its first at a foot."""
    full, short, heading = Line(0, 0, 360, 10), Line(0, 0, 200, 10), Line(0, 0, 200, 14)
    def at(line: Line, bottom: float) -> Line:
        return Line(bottom - 9, bottom, line.right, line.size)
    runs_on = [at(full, 100), at(full, 112)]
    assert widows_and_orphans([runs_on, [at(short, 60), at(full, 80), at(full, 92)]]) == [("widow", 2)]
    assert widows_and_orphans([[at(short, 100), at(full, 120)], [at(full, 60), at(short, 72)]]) == [("orphan", 1)]
    assert widows_and_orphans([runs_on, [at(full, 60), at(short, 72), at(full, 92)]]) == []  # two lines carried over
    assert widows_and_orphans([runs_on, [at(heading, 60), at(full, 90)]]) == []  # a chapter opens


def test_blank_pages_carry_no_head_and_no_folio(pdf: pymupdf.Document) -> None:
    def text_block(page: pymupdf.Page) -> pymupdf.Rect:
        return pymupdf.Rect(0, HEAD_AND_FOOT, page.rect.width, page.rect.height - HEAD_AND_FOOT)
    blank = [page.number for page in pdf if not page.get_text(clip=text_block(page)).strip() and not page.get_images()]
    assert len(blank) > 10  # chapters open on a recto
    assert [number + 1 for number in blank if pdf[number].get_text().strip()] == []


def test_links_are_set_in_the_texts_colour_and_stay_clickable(pdf: pymupdf.Document) -> None:
    colours = {span["color"] for page in pdf for block in page.get_text("dict")["blocks"]
               for line in block.get("lines", []) for span in line["spans"]}
    assert colours == {0}  # black, as the text
    assert sum(len(list(page.links())) for page in pdf) > 1000


def test_the_contents_give_pages_to_selections_not_to_parts(pdf: pymupdf.Document) -> None:
    contents = "\n".join(pdf[number].get_text() for number in range(2, 6))
    for part in ("Front matter", "Letters, articles and declarations, 1928–29", "Appendices", "Back matter"):
        assert re.search(rf"^{re.escape(part)}\n(?!\d)", contents, re.M), part
    assert re.search(r"^Appeal of the deportees[ .]*\n\d+$", contents, re.M)
    outline = pdf.get_toc()
    assert [title for level, title, _ in outline if level == 1][-4:] == [
        "Front matter", "Letters, articles and declarations, 1928–29", "Appendices", "Back matter"]


def test_the_index_is_set_ragged_right(pdf: pymupdf.Document) -> None:
    index = next(page for level, title, page in pdf.get_toc() if title == "Index") - 1
    gaps = []
    for page in pdf.pages(index, len(pdf) - 1):
        words = sorted(page.get_text("words"), key=lambda word: (word[5], word[6], word[0]))
        gaps += [b[0] - a[2] for a, b in zip(words, words[1:], strict=False) if (a[5], a[6]) == (b[5], b[6])]
    assert len(gaps) > 1000 and max(gaps) < WIDEST_INDEX_GAP


# --- The parts alone, on a test root (tests/roots/test-book-parts) ----------------------------------

@pytest.mark.sphinx("latex", testroot="book-parts")
def test_each_caption_of_the_front_page_opens_its_part_in_the_pdf(app: SphinxTestApp) -> None:
    """Sphinx's LaTeX drops the captions of the toctrees it inlines: each comes back, escaped as text,
    just before its part's first chapter, as a contents heading without a page number."""
    build_cleanly(app)
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert re.findall(r"\\editionpart\{(.*?)\}\n|\\chapter\{(.*?)\}", tex) == [
        ("Front matter", ""), ("", "Preface"),
        (r"Letters, 1928\textendash{}29", ""), ("", "A letter")]  # the en dash as the LaTeX writer encodes it


@pytest.mark.sphinx("html", testroot="book-parts")
def test_the_site_shows_the_captions_itself(app: SphinxTestApp) -> None:
    build_cleanly(app)
    page = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert page.count("Front matter") == 1 and "editionpart" not in page
