"""Citations in the style of The Chicago Manual of Style, 17th edition, notes and bibliography.

Pure functions, no Sphinx: what "Cite this selection" shows and copies, built from a
selection's front matter. A citation is a list of runs, each italic or not, so that the same
citation is given as HTML (the book's title in `<cite>`, italic) and as plain text. The rules followed,
by the Manual's paragraph:

- 14.106: a chapter of a single-author book: "Author, “Chapter,” in *Book*" (the book's author
  is not repeated); 14.103 and 14.104: "trans." after the chapter, "ed." after the book;
- 14.111: a letter in a published collection: "Writer to Recipient, place, date, in *Book*";
- 14.110: a part by someone else than the book's author (the introduction, the editors' preface
  and headnotes): "Writer, introduction to *Book*, by Author"; a part of another writer's piece
  (the editors' headnote to a selection): "headnote to “Selection,” by Author, in *Book*";
- 14.76: two authors joined by "and", four or more given as the first and "et al.";
- 8.159: titles in headline style (the book prints them in sentence style);
- 9.61: inclusive page numbers abbreviated (475–89, 101–8, 56–60);
- 14.6: an online source ends with its address.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

STYLE_HTML = "<cite>The Chicago Manual of Style</cite>, 17th edition (notes and bibliography)"


@dataclass(frozen=True)
class Book:
    title: str
    author: str
    editor: str
    place: str
    publisher: str
    year: str


@dataclass(frozen=True)
class Cited:
    """What a citation needs of a selection (its front matter)."""

    title: str
    kind: str  # as in the front matter: letter, article, appendix, front-matter, …
    authors: tuple[str, ...]  # as the front matter names them; "X and others" for a signed document
    date: str = ""
    addressees: tuple[str, ...] = ()
    written_at: str = ""
    translator: str = ""


@dataclass(frozen=True)
class Run:
    text: str
    italic: bool = False
    role: str = ""  # "pages" or "url": a part the site fills in for a cited paragraph


Citation = list[Run]

# Words set in lower case inside a title (8.159): articles, coordinating conjunctions,
# prepositions (whatever their length), "to" and "as".
LOWER = frozenset("""a an the and but for or nor to as about above across after against along among around at
before behind below beneath beside between beyond by down during except from in inside into like near of off on
onto out outside over past since than through throughout toward under until up upon via with within without
versus""".split())
WORD = re.compile(r"\w[\w’']*")  # numbers are words too: the last word of 'The AUCP in 1928' is 1928
# "Appendix A: " is the selection's place in the book, not its title
APPENDIX = re.compile(r"^Appendix [A-Z]: ")
SELECTION_PARTS = {"Introduction": "introduction", "Preface": "preface"}
ANONYMOUS = {"unsigned"}
EDITORS = "The editors"  # the Preface's signature, "The Editors", as a note names them
OTHERS = " and others"


def headline_case(title: str) -> str:
    """'Max Eastman: a friend of the October revolution' -> 'Max Eastman: A Friend of the
    October Revolution'; words already in capitals stay as they are."""
    words = list(WORD.finditer(title))
    result, at = [], 0
    for number, word in enumerate(words):
        text = word.group()
        before = title[at:word.start()]
        first = number == 0 or before.rstrip().endswith((":", "—", "?", "!"))
        last = number == len(words) - 1
        inside_compound = before.endswith("-")
        small = text.lower() in LOWER
        if small and not first and not last:
            text = text.lower()
        elif not (small and inside_compound and not last):
            text = text[0].upper() + text[1:]
        result += [before, text]
        at = word.end()
    return "".join(result) + title[at:]


def page_range(pages: str) -> str:
    """'475–489' -> '475–89', '101–108' -> '101–8', '56–60' -> '56–60', '100–104' -> '100–104'."""
    first, _, last = pages.partition("–")
    if not last or int(first) < 100 or int(first) % 100 == 0 or len(first) != len(last):
        return pages
    keep = 1 if int(first) % 100 < 10 else 2  # 101–8, but 321–28
    while keep < len(last) and first[:-keep] != last[:-keep]:
        keep += 1
    return f"{first}–{last[-keep:]}"


def joined(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def note_authors(authors: tuple[str, ...]) -> str:
    """The authors as a note names them: 'A and B', 'A, B, and C', four or more 'A et al.'."""
    names = [EDITORS if name == "The Editors" else name for name in authors if name not in ANONYMOUS]
    if len(names) == 1 and names[0].endswith(OTHERS):
        return names[0].removesuffix(OTHERS) + " et al."
    return f"{names[0]} et al." if len(names) > 3 else joined(names)


def citation_title(title: str) -> str:
    return headline_case(APPENDIX.sub("", title))


def edition(book: Book, pages: str) -> Citation:
    """', ed. Editor (Place: Publisher, Year), pages' after the book's title (pages if known)."""
    published = Run(f", ed. {book.editor} ({book.place}: {book.publisher}, {book.year})")
    return [published, Run(", "), Run(page_range(pages), role="pages")] if pages else [published]


def quoted(title: str) -> str:
    """A title in quotation marks with the comma inside them; its own quotes become single (13.30)."""
    inner = title.replace("“", "‘").replace("”", "’")
    return f"“{inner}”" if inner.endswith(("?", "!")) else f"“{inner},”"  # 6.119: no comma after "?"


def by_author(book: Book, authors: str) -> str:
    """', by Author' after the book's title, for a part that its author did not write."""
    return "" if book.author in authors else f", by {book.author}"


def in_book(lead: str, book: Book, authors: str, pages: str) -> Citation:
    return [Run(f"{lead} in "), Run(book.title, italic=True), Run(by_author(book, authors)), *edition(book, pages)]


def selection_note(cited: Cited, book: Book, pages: str) -> Citation:
    """The note for a selection, or for a page of it (`pages`: the pages cited)."""
    title = citation_title(cited.title)
    authors = note_authors(cited.authors)
    if cited.kind == "front-matter" and cited.title in SELECTION_PARTS:  # 14.110
        return [Run(f"{authors}, {SELECTION_PARTS[cited.title]} to "), Run(book.title, italic=True),
                Run(by_author(book, authors)), *edition(book, pages)]
    if cited.kind == "letter" and cited.addressees:  # 14.111
        lead = ", ".join([f"{authors} to {joined(list(cited.addressees))}",
                          *(part for part in (cited.written_at, cited.date) if part), quoted(title)])
    else:
        lead = ", ".join([*([authors] if authors else []), quoted(title)]) + (f" {cited.date}," if cited.date else "")
    translated = f" trans. {cited.translator}," if cited.translator else ""
    return in_book(lead + translated, book, authors, pages)


def headnote_note(cited: Cited, book: Book, pages: str) -> Citation:
    """The note for the editors' headnote to a selection (14.110). The editors sign the book's
    Preface and say there that they wrote "an editorial note preceding each selection"."""
    authors = note_authors(cited.authors)
    by = f" by {authors}," if authors else ""
    return in_book(f"{EDITORS}, headnote to {quoted(citation_title(cited.title))}{by}", book, authors, pages)


def with_address(citation: Citation, url: str) -> Citation:
    """The note ended by the address it is read at (14.6)."""
    return [*citation, Run(", "), Run(url, role="url"), Run(".")]


def bibliography_entry(book: Book) -> Citation:
    """The book as a bibliography lists it (14.111: a collection of letters is listed whole)."""
    family, given = split_name(book.author)
    return [Run(f"{family}, {given}. "), Run(book.title, italic=True),
            Run(f". Edited by {book.editor}. {book.place}: {book.publisher}, {book.year}.")]


def split_name(name: str) -> tuple[str, str]:
    """'Leon Trotsky' -> ('Trotsky', 'Leon'); 'G. Sokolnikov' -> ('Sokolnikov', 'G.'), also where a
    no-break space ties the initial to the name, as the text's typography does."""
    given, family = name.rsplit(maxsplit=1)
    return family, given


def run_html(run: Run) -> str:
    """A run as HTML: an italic run is a title, a `<cite>` (cite.js copies it as `<i>`)."""
    text = f"<cite>{html.escape(run.text)}</cite>" if run.italic else html.escape(run.text)
    return f'<span class="edition-cite-{run.role}">{text}</span>' if run.role else text


def as_html(citation: Citation) -> str:
    return "".join(run_html(run) for run in citation if run.text)


def as_text(citation: Citation) -> str:
    return "".join(run.text for run in citation)
