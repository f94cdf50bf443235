"""The Works cited's style: titles set by what they are, entries in alphabetical order.

A book (and a play, a pamphlet, a collected edition) and a periodical are set in italics,
a piece inside a book in quotation marks, the same in HTML, EPUB and PDF, because the
style says so by the entry's type rather than by markup in the data:

    @book{…}          Karl Marx. *Capital*. 1867.
    @periodical{…}    *The Militant*.
    @incollection{…}  Leon Trotsky. “The Draft Program …” In *The Third International After Lenin*. 1928.

Entries are sorted by author's surname, then title; a work without an author by its title;
articles ('The', 'Die', 'La' …) and quotation marks ignored, as the Index ignores them.
"""

from __future__ import annotations

import re
from typing import Any

from pybtex.plugin import register_plugin
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.template import field, first_of, join, optional, sentence, tag, words

from ...core.printed_index import sort_key

STYLE = "edition"
LEADING_ARTICLE = re.compile(r"^(?:(?:the|a|an|die|der|das|la|le|les)\s+|l’)", re.I)


class EditionStyle(UnsrtStyle):
    default_sorting_style = STYLE

    def format_publication(self) -> Any:
        """'New York: Pathfinder, 1970.', 'Pathfinder, 1970.', '1867.' or nothing."""
        return first_of[
            optional[sentence[join(sep=": ")[field("address"), field("publisher")], field("year")]],
            optional[sentence[field("publisher"), field("year")]],
            optional[sentence[field("year")]],
        ]

    def get_book_template(self, e: Any) -> Any:
        return toplevel[
            optional[self.format_author_or_editor(e)],
            self.format_btitle(e, "title"),
            self.format_publication(),
            optional[sentence[field("note")]],
        ]

    def get_periodical_template(self, e: Any) -> Any:
        return toplevel[
            self.format_btitle(e, "title"),
            optional[sentence[field("note")]],
            optional[sentence[field("year")]],
        ]

    def get_incollection_template(self, e: Any) -> Any:
        return toplevel[
            optional[self.format_names("author")],
            join["“", field("title"), ".”"],
            sentence[words["In", tag("em")[field("booktitle")]]],
            self.format_publication(),
            optional[sentence[field("note")]],
        ]


def title_key(title: str) -> str:
    return sort_key(LEADING_ARTICLE.sub("", title.replace("{", "").replace("}", "").strip("“”\"' ")))


class EditionSorting(BaseSortingStyle):
    def sorting_key(self, entry: Any) -> tuple[str, str]:
        persons = entry.persons.get("author") or entry.persons.get("editor") or []
        surnames = " ".join(sort_key(" ".join(p.last_names)) for p in persons)
        title = title_key(entry.fields.get("title", ""))
        return (surnames or title, title)


def register() -> None:
    register_plugin("pybtex.style.formatting", STYLE, EditionStyle)
    register_plugin("pybtex.style.sorting", STYLE, EditionSorting)
