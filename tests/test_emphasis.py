"""Emphasis is the book's in every format: the words the Markdown emphasises (`*…*`) are italic
in the PDF and in `<em>` in the EPUB and on the site, and no other word of the text is.

Each document of the book is compared on its own: the emphasised words of its Markdown, and the
italic words of its pages in the PDF (running heads and folios left out) or of its XHTML/HTML
(the `<em>` and `<i>` of the page's text). Words are compared as runs of letters and digits
(hyphens, apostrophes and line-end hyphenation looked through), so that the PDF's layout cannot
hide or invent a difference. The generated back matter (chronology, works cited, index) has no
Markdown text and is left out; the apparatus (headnote, source note, date line) is set upright
in every format, so that italics inside it are the book's too.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pymupdf
import pytest
import yaml
from docutils.utils.smartquotes import smartyPants
from markdown_it import MarkdownIt
from playwright.sync_api import Browser

from tests.conftest import ROOT, Built, plain

Stream = list[tuple[str, bool]]  # the text, character by character, with "is it emphasised?"

# Hyphens, soft hyphens and apostrophes are looked through: "Bukharinist-Trotskyists" broken
# at the hyphen and "Kamenev's" with a curly apostrophe are the same words in every format.
LOOKED_THROUGH = str.maketrans("", "", "-\u00ad\u2010\u2011'\u2019")
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
FENCE_LINE = re.compile(r"^(?::{3,}|`{3,}).*$", re.M)  # containers and directives: their content is text
FOOTNOTE_MARK = re.compile(r"\[\^[\w-]+\]:?")
INCLUDE = "```{include} tools/data/edition-note.md\n```"
HEADER_FIELDS_WITH_EMPHASIS = ("source", "translator")
BACK_MATTER = ("Chronology of the letters", "Works cited", "Index")


def tokens(stream: Stream) -> Counter[str]:
    """The emphasised words: runs of letters and digits in one face."""
    text = unicodedata.normalize("NFKC", "".join(char for char, _ in stream))
    if len(text) != len(stream):  # a ligature or a composed letter: normalise character by character
        stream = [(c, italic) for char, italic in stream for c in unicodedata.normalize("NFKC", char)]
    stream = [(char, italic) for char, italic in stream if not char.translate(LOOKED_THROUGH) == ""]
    found: Counter[str] = Counter()
    word, word_italic = "", False
    for char, italic in [*stream, (" ", False)]:
        if char.isalnum() and (not word or italic == word_italic):
            word += char
            word_italic = italic
            continue
        if word and word_italic:
            found[word] += 1
        word, word_italic = (char, italic) if char.isalnum() else ("", False)
    return found


VOID = {"br", "img", "meta", "link", "hr", "input", "col", "wbr"}
BREAKS = {"p", "div", "li", "dt", "dd", "h1", "h2", "h3", "h4", "td", "th", "section", "aside"}


class Emphasis(HTMLParser):
    """The text of an (X)HTML page with, for each character, whether it stands in `<em>`/`<i>`:
    the whole page, or only inside the first element named `inside` or of that class."""

    def __init__(self, inside: str | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.stream: Stream = []
        self.inside = inside
        self.depth = 0 if inside else 1  # > 0 inside the element that holds the text
        self.emphasis = 0
        self.code = 0  # inside script or style

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID or tag in BREAKS:
            self.stream.append((" ", False))  # a line or block break separates words
        if tag in VOID:
            return
        if self.inside and not self.depth and self.inside in [tag, *(dict(attrs).get("class") or "").split()]:
            self.depth = 1
        elif self.inside and self.depth:
            self.depth += 1
        self.emphasis += tag in ("em", "i")
        self.code += tag in ("script", "style")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if tag in BREAKS:
            self.stream.append((" ", False))
        if self.inside and self.depth:
            self.depth -= 1
        self.emphasis -= tag in ("em", "i")
        self.code -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if self.depth and not self.code:
            self.stream += [(char, self.emphasis > 0) for char in data]


def emphasis_of_html(html: str, inside: str | None = None) -> Counter[str]:
    parser = Emphasis(inside)
    parser.feed(html)
    return tokens(parser.stream)


def header_text(text: str) -> str:
    """The front matter's fields that a selection's header shows with their emphasis (the source
    note's italics: tools/edition/letter_page/letter_header.py), as paragraphs of the page's text."""
    found = FRONT_MATTER.match(text)
    meta = yaml.safe_load(found[0].strip("-\n")) if found else {}
    return "".join(f"{meta[key]}\n\n" for key in HEADER_FIELDS_WITH_EMPHASIS if meta.get(key))


def markdown_text(path: Path) -> str:
    """The document's Markdown as CommonMark: roles, links, containers and footnote marks to text."""
    text = path.read_text(encoding="utf-8")
    text = text.replace(INCLUDE, (ROOT / "tools" / "data" / "edition-note.md").read_text(encoding="utf-8"))
    text = header_text(text) + plain(FRONT_MATTER.sub("", text))
    return FOOTNOTE_MARK.sub("", FENCE_LINE.sub("", text))


def emphasis_of_markdown(path: Path) -> Counter[str]:
    return emphasis_of_html(MarkdownIt("commonmark").render(markdown_text(path)))


def documents() -> dict[str, Path]:
    """The book's documents with a text of their own, by docname."""
    paths = [ROOT / "index.md", *sorted((ROOT / "chapters").glob("*.md")),
             ROOT / "glossary" / "index.md", ROOT / "glossary" / "further-reading.md"]
    return {path.relative_to(ROOT).with_suffix("").as_posix(): path for path in paths}


def mismatches(expected: Counter[str], found: Counter[str]) -> list[tuple[str, int, int]]:
    """(word, emphasised in the Markdown, italic in the format) for every word that differs."""
    return [(word, expected[word], found[word]) for word in sorted(expected | found) if expected[word] != found[word]]


# --- PDF -----------------------------------------------------------------------------------------

HEAD_AND_FOOT = 45  # points: the running head stands above, the folio below, the text block (A5)


def pdf_stream(page: pymupdf.Page) -> Stream:
    """The page's text block, line by line, with italic faces marked; a hyphen at a line's end joins."""
    stream: Stream = []
    height = page.rect.height
    for block in page.get_text("dict")["blocks"]:
        for line in block.get("lines", []):
            top, bottom = line["bbox"][1], line["bbox"][3]
            if bottom < HEAD_AND_FOOT or top > height - HEAD_AND_FOOT:
                continue
            for span in line["spans"]:
                italic = "Italic" in span["font"] or "Oblique" in span["font"]
                stream += [(char, italic) for char in span["text"]]
            if not stream or stream[-1][0] not in "-\u2010\u00ad":
                stream.append((" ", False))
    return stream


def pdf_title(path: Path) -> str:
    if path.parent.name == "chapters":
        return smartyPants(yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])["title"], "q", "en")
    return path.read_text(encoding="utf-8").split("\n", 1)[0].lstrip("# ")


def pdf_emphasis(pdf: Path) -> dict[str, Counter[str]]:
    """Each document's italic words, from its pages (it runs to the next document's first page)."""
    book = pymupdf.open(pdf)
    starts = {title: page - 1 for level, title, page in book.get_toc() if level <= 2}
    docs = documents()
    first = {name: (0 if name == "index" else starts[pdf_title(path)]) for name, path in docs.items()}
    boundaries = sorted({*first.values(), *(starts[title] for title in BACK_MATTER), len(book)})
    found = {}
    for name, start in first.items():
        end = boundaries[boundaries.index(start) + 1]
        found[name] = tokens([pair for number in range(start, end) for pair in pdf_stream(book[number])])
    return found


@pytest.fixture(scope="module")
def expected() -> dict[str, Counter[str]]:
    return {name: emphasis_of_markdown(path) for name, path in documents().items()}


def test_the_pdf_sets_in_italics_exactly_the_books_emphasis(built: Built, expected: dict[str, Counter[str]]) -> None:
    found = pdf_emphasis(built.pdf)
    assert sum(sum(words.values()) for words in expected.values()) > 1500  # the book's emphasis, not a few words
    assert {name: mismatches(expected[name], found[name]) for name in expected
            if mismatches(expected[name], found[name])} == {}


def test_the_epub_emphasises_exactly_the_books_emphasis(built: Built, expected: dict[str, Counter[str]]) -> None:
    with zipfile.ZipFile(built.epub) as epub:
        found = {name: emphasis_of_html(epub.read(f"{name}.xhtml").decode(), inside="body") for name in expected}
    assert {name: mismatches(expected[name], found[name]) for name in expected
            if mismatches(expected[name], found[name])} == {}


def test_the_site_emphasises_exactly_the_books_emphasis(built: Built, expected: dict[str, Counter[str]]) -> None:
    found = {name: emphasis_of_html((built.html / f"{name}.html").read_text(encoding="utf-8"), inside="bd-article")
             for name in expected}
    assert {name: mismatches(expected[name], found[name]) for name in expected
            if mismatches(expected[name], found[name])} == {}


def test_emphasis_is_compared_word_by_word() -> None:
    """The comparison itself, on crafted text: faces, hyphenation and apostrophes."""
    assert emphasis_of_html("<p><em>Pravda</em>'s line; <em>domes-tic</em> and <i>x</i></p>") == Counter(
        {"Pravda": 1, "domestic": 1, "x": 1})
    page = [(c, c.isupper()) for c in "AB cd EF-"] + [(c, True) for c in "GH ij"]
    assert tokens(page) == Counter({"AB": 1, "EFGH": 1, "ij": 1})
    assert mismatches(Counter({"Pravda": 2}), Counter({"Pravda": 1, "Kalinin": 1})) == [
        ("Kalinin", 0, 1), ("Pravda", 2, 1)]


# --- What a reader sees: no style sets a word in italics that is not emphasised, or the reverse ----

# The words (text nodes) whose face differs from their markup: italic outside <em>/<i>, upright inside.
# Not the book's text: "Cite this selection" (a citation sets the book's title in italics, as
# bibliographies do) and the heading links' marks.
FACE_MISMATCHES = """root => {
  const walker = document.createTreeWalker(document.querySelector(root), NodeFilter.SHOW_TEXT);
  const found = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!/[A-Za-z0-9]/.test(node.data) || element.closest('script, style, .headerlink, .edition-cite')) continue;
    const italic = getComputedStyle(element).fontStyle !== 'normal';
    if (italic !== Boolean(element.closest('em, i'))) found.push(node.data.trim().slice(0, 40));
  }
  return found;
}"""
SEEN = ["index", "chapters/04-appeal-of-the-deportees", "chapters/49-appendix-a-bukharin-kamenev-meeting",
        "glossary/index"]


def test_no_style_changes_the_face_of_a_word_on_the_site(browser: Browser, site: str) -> None:
    page = browser.new_page()
    found = {}
    for name in SEEN:
        page.goto(f"{site}/{name}.html")
        found[name] = page.evaluate(FACE_MISMATCHES, "article.bd-article")
    page.close()
    assert found == dict.fromkeys(SEEN, [])


def test_no_style_changes_the_face_of_a_word_in_the_epub(browser: Browser, built: Built, tmp_path: Path) -> None:
    with zipfile.ZipFile(built.epub) as epub:
        epub.extractall(tmp_path)
    page = browser.new_page()
    found = {}
    for name in SEEN:
        page.goto((tmp_path / f"{name}.xhtml").as_uri())
        found[name] = page.evaluate(FACE_MISMATCHES, "body")
    page.close()
    assert found == dict.fromkeys(SEEN, [])
