"""The PDF as a printed book: read from its pages (PyMuPDF), as a reader would see them.

No widow or orphan, no running head or folio on a blank page, links in the text's colour, the
contents' part headings without page numbers, the index set ragged-right, French spacing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pymupdf
import pytest
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from tests.conftest import SLUG, Built, build_cleanly
from tools.edition.formats.closings import closings

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
    left: float = 0  # where the line starts: a paragraph's lines share it (a glossary entry's are indented)


def overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    """Whether two boxes (x0, y0, x1, y1) share an area, as `Rect.intersects` says (an empty box shares
    none), in plain arithmetic: a Rect for each of the PDF's spans against each link on its page costs
    tens of seconds."""
    return (a[0] < a[2] and a[1] < a[3] and b[0] < b[2] and b[1] < b[3]
            and a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


def text_lines(page: pymupdf.Page) -> list[Line]:
    """The lines of the page's main text, top to bottom: not the running head, the folio or the footnotes."""
    spans: list[Line] = []
    for block in page.get_text("dict")["blocks"]:
        for line in block.get("lines", []):
            sizes = [span["size"] for span in line["spans"] if span["text"].strip()]
            top, bottom = line["bbox"][1], line["bbox"][3]
            if sizes and max(sizes) >= TEXT_SIZE and HEAD_AND_FOOT < bottom and top < page.rect.height - HEAD_AND_FOOT:
                spans.append(Line(top, bottom, line["bbox"][2], max(sizes), line["bbox"][0]))
    lines: list[Line] = []
    for span in sorted(spans, key=lambda line: line.top):  # the spans of one visual line are one line
        if lines and abs(lines[-1].bottom - span.bottom) < 3:
            last = lines[-1]
            lines[-1] = Line(min(last.top, span.top), last.bottom, max(last.right, span.right),
                             max(last.size, span.size), min(last.left, span.left))
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
        if len(before) < 2 or len(after) < 2 or before[-1].right < margin or abs(after[0].left - before[-1].left) > 2:
            continue  # the page before ends a paragraph (or its block: the next page starts at another edge)
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
    # the words of every link (the figures' own labels, the map's and the timeline's, have colours)
    colours = set()
    for page in pdf:
        links = [tuple(link["from"]) for link in page.get_links()]
        colours |= {span["color"] for block in page.get_text("dict")["blocks"] for line in block.get("lines", [])
                    for span in line["spans"] if any(overlap(span["bbox"], area) for area in links)}
    assert colours == {0}  # black, as the text
    assert sum(len(list(page.links())) for page in pdf) > 1000


def test_the_contents_give_pages_to_selections_not_to_parts(pdf: pymupdf.Document) -> None:
    contents = "\n".join(pdf[number].get_text() for number in range(4, 8))
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


# --- The front matter: a book's prelims in roman, the text in arabic ------------------------------

def roman(number: int) -> str:
    """1 -> 'i', 14 -> 'xiv': the prelims' folios (up to 39, more than the book's prelims need)."""
    tens, ones = divmod(number, 10)
    return "x" * tens + ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"][ones]


def first_page_of(pdf: pymupdf.Document, title: str) -> int:
    return next(page for _level, outline_title, page in pdf.get_toc() if outline_title == title) - 1


def chapter_pages(pdf: pymupdf.Document, title: str) -> range:
    """The pages of the chapter of this title: up to the next chapter or part."""
    starts = [(page - 1, outline_title) for level, outline_title, page in pdf.get_toc() if level <= 2]
    first = next(number for number, (_page, outline_title) in enumerate(starts) if outline_title == title)
    return range(starts[first][0], starts[first + 1][0] if first + 1 < len(starts) else len(pdf))


def folio(page: pymupdf.Page) -> str:
    """The page number printed at the page's foot ('' on a page without one)."""
    foot = pymupdf.Rect(0, page.rect.height - HEAD_AND_FOOT, page.rect.width, page.rect.height)
    return page.get_text(clip=foot).strip()


def test_front_matter_in_roman_folios_and_the_text_in_arabic(pdf: pymupdf.Document) -> None:
    first = first_page_of(pdf, "Appeal of the deportees")
    assert pdf.get_page_labels() == [{"startpage": 0, "prefix": "", "style": "r", "firstpagenum": 1},
                                     {"startpage": first, "prefix": "", "style": "D", "firstpagenum": 1}]
    labels = [page.get_label() for page in pdf]
    assert labels == [roman(n) for n in range(1, first + 1)] + [str(n) for n in range(1, len(pdf) - first + 1)]
    assert 10 < first < 40  # the prelims: title pages, contents, the note, About the author, Preface, Introduction
    printed = {page.number: folio(page) for page in pdf if folio(page)}
    assert len(printed) > 400 and [number for number, text in printed.items() if text != labels[number]] == []
    contents = pdf[4].get_text() + pdf[5].get_text()  # the contents give the folios the pages print
    for title in ("About the author", "Appeal of the deportees"):
        assert re.search(rf"^{title}[ .]*\n{labels[first_page_of(pdf, title)]}$", contents, re.M), title


def test_half_title_title_page_and_copyright_page_as_printed(pdf: pymupdf.Document) -> None:
    half_title, verso, title_page, copyright_page, contents = (pdf[number].get_text() for number in range(5))
    title = "THE CHALLENGE OF THE LEFT OPPOSITION\n(1928–29)\n"  # no correction mark on the title pages
    assert half_title.startswith("LEON TROTSKY\n" + title + "Speeches and Writings by the leader of the fight")
    assert half_title.count("CHALLENGE") == 1 and verso == ""
    assert title_page.startswith(title + "by Leon Trotsky\nPATHFINDER\n") and title_page.count("CHALLENGE") == 1
    assert copyright_page.startswith("Copyright © 1981 by Pathfinder Press") and contents.startswith("Contents\n")


# --- The back matter refers to the PDF's own pages ------------------------------------------------

PAGE_NUMBER = re.compile(r"[0-9]+|[ivxl]+")
NUMBERS_AFTER = re.compile(r",\s(?=(?:[0-9]+|[ivxl]+)(?:,|$))")  # 'Adler, V., 233, 385': where the pages start


@dataclass(frozen=True)
class PageLink:
    page: int  # where the number is printed
    entry: str  # the entry it stands under: a Glossary headword, a Works cited entry's first line
    number: str  # as printed
    destination: int


def middle_inside(word: tuple, area: pymupdf.Rect) -> bool:
    """Whether the centre of a word of `page.get_text("words")` (x0, y0, x1, y1, text, …) lies in `area`,
    as `Rect.contains(Point)` says (left and top edges in, right and bottom out), in plain arithmetic:
    a Point and its test for each of the Glossary's words and links cost seconds."""
    x, y = (word[0] + word[2]) / 2, (word[1] + word[3]) / 2
    return area.x0 <= x < area.x1 and area.y0 <= y < area.y1


def page_number_links(pdf: pymupdf.Document, first: int, last: int, starts_entry: Any) -> list[PageLink]:
    """Every page number printed as a link in the text block of pages first..last-1, with the entry
    it stands under (the last line before it, on its page or before, that `starts_entry(spans)`)."""
    found = []
    entry = ""
    for page in pdf.pages(first, last):
        entries = [(line["bbox"][1], "".join(span["text"] for span in line["spans"] if span["size"] >= TEXT_SIZE))
                   for block in page.get_text("dict")["blocks"] for line in block.get("lines", [])
                   if starts_entry([span for span in line["spans"] if span["text"].strip()])]
        words = page.get_text("words")
        for link in sorted(page.get_links(), key=lambda link: (link["from"].y0, link["from"].x0)):
            area = link["from"]
            if link.get("page", -1) < 0 or area.y1 > page.rect.height - HEAD_AND_FOOT:
                continue  # a link's piece over the folio, where a link broken across pages ends
            entry = next((text for top, text in reversed(entries) if top <= area.y0 + 1), entry)
            number = " ".join(word[4] for word in words if middle_inside(word, area)).strip(" ,;")
            if PAGE_NUMBER.fullmatch(number):
                found.append(PageLink(page.number, entry, number, link["page"]))
        entry = entries[-1][1] if entries else entry
    return found


def index_pages(pdf: pymupdf.Document) -> dict[str, set[str]]:
    """The PDF's Index: each heading with every page it gives (its sub-entries' included). A heading
    starts at its column's left edge; sub-entries and run-on lines are indented."""
    pages: dict[str, set[str]] = {}
    heading = ""
    for page in pdf.pages(first_page_of(pdf, "Index"), len(pdf) - 1):
        lines = [(line["bbox"][0] > page.rect.width / 2, line["bbox"][1], line["bbox"][0],
                  "".join(span["text"] for span in line["spans"]))
                 for block in page.get_text("dict")["blocks"] for line in block.get("lines", [])
                 if HEAD_AND_FOOT < line["bbox"][1] < page.rect.height - HEAD_AND_FOOT]
        left = {column: min(x for col, _y, x, _text in lines if col == column) for column, *_rest in lines}
        for column, _top, x, text in sorted(lines):
            if x < left[column] + 2:
                heading = NUMBERS_AFTER.split(text, maxsplit=1)[0]
            pages.setdefault(heading, set()).update(re.findall(r"\b(?:[0-9]+|[ivxl]+)\b", text))
    return pages


def test_the_back_matter_gives_the_pdfs_own_pages(pdf: pymupdf.Document) -> None:
    """The Glossary's "Index:" lines and the Works cited's "Cited in:" give pages of this PDF: each
    number is the folio of the page it leads to; a Glossary entry's pages are those the PDF's Index
    gives its heading (the page where the paragraph begins), and a work's page is the page on which
    the text cites it. No paragraph number: the PDF prints none."""
    labels = [page.get_label() for page in pdf]
    glossary, works = chapter_pages(pdf, "Glossary"), chapter_pages(pdf, "Works cited")
    headwords = page_number_links(pdf, glossary.start, glossary.stop,
                                  lambda spans: spans and spans[0]["flags"] & pymupdf.TEXT_FONT_BOLD)
    cited = page_number_links(pdf, works.start, works.stop, lambda spans: spans and spans[0]["text"].startswith("•"))
    assert len(headwords) > 500 and len(cited) > 150
    assert [link for link in headwords + cited if labels[link.destination] != link.number] == []
    index = index_pages(pdf)
    def in_index(link: PageLink) -> bool:  # 'Artemovsk' is 'Artemovsk case' in the Index, 'RILU (…)' 'RILU'
        return any(link.number in numbers for heading, numbers in index.items()
                   if heading.startswith(link.entry) or link.entry.startswith(heading + " ("))
    assert [link for link in headwords if not in_index(link)] == []
    def cites_a_work(link: PageLink) -> bool:
        return any(other.get("page", -1) in works for other in pdf[link.destination].get_links())
    assert [link for link in cited if not cites_a_work(link)] == []
    back_matter = "".join(page.get_text() for page in pdf.pages(glossary.start, len(pdf)))
    assert "¶" not in back_matter and "Index: " in back_matter and "Cited in: " in back_matter


# --- Closings and a list's end kept with what precedes them ---------------------------------------

MIN_LINES_AT_AN_END = 4  # a chapter's last page: never a signature or a list's last entry alone


def lines_in_text_block(page: pymupdf.Page) -> int:
    """The lines between the running head and the folio, whatever their size (a table's rows count)."""
    return len({round(line["bbox"][3]) for block in page.get_text("dict")["blocks"] for line in block.get("lines", [])
                if HEAD_AND_FOOT < line["bbox"][1] < page.rect.height - HEAD_AND_FOOT
                and "".join(span["text"] for span in line["spans"]).strip()})


def test_no_chapter_ends_with_a_page_of_a_few_lines(pdf: pymupdf.Document) -> None:
    """The last page of every selection and of the back matter's chapters carries more than a
    closing: "Vilensky (Sibiryakov)", "Yours, L.T.", a list's last entry go with the lines before them."""
    starts = sorted({page - 1 for level, _title, page in pdf.get_toc() if level == 2})
    short = []
    for start, following in zip(starts, starts[1:], strict=False):
        last = max(number for number in range(start, following) if pdf[number].get_text().strip())
        if last > start and lines_in_text_block(pdf[last]) < MIN_LINES_AT_AN_END:
            short.append(pdf[last].get_label())
    assert short == []


def test_closings_are_the_short_paragraphs_that_end_a_letter() -> None:
    def run(*texts: str) -> list[nodes.paragraph]:
        return [nodes.paragraph(text, text) for text in texts]
    long = "A paragraph of the letter, longer than a line of the PDF's type, which the closing follows."
    letter = run(long, long, "I firmly shake your hand,", "Yours, L.T.")
    assert [p.astext() for p in closings(letter)] == ["I firmly shake your hand,", "Yours, L.T."]
    postscript = run(long, "With greetings,", "L. Trotsky", "P.S. " + long, "L.T.")
    assert [p.astext() for p in closings(postscript)] == ["With greetings,", "L. Trotsky", "L.T."]
    signatories = run(long, *(f"Signatory {n}" for n in range(1, 21)))
    assert [p.astext() for p in closings(signatories)] == [f"Signatory {n}" for n in range(17, 21)]
    assert closings(run("Dear K.B.:", long)) == [] and closings(run("Many thanks.")) == []
