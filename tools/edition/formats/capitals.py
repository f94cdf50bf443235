"""Headings and datelines printed in capitals ("I. LETTER FROM SOKOLNIKOV TO KAMENEV", "MOSCOW,
JULY 9, 1928"), shown as a book shows them rather than shouted. The Markdown keeps the capitals
as printed; only their display changes:

- in the text, small capitals: HTML and EPUB `<span class="smallcaps">` (`font-variant-caps:
  all-small-caps`, edition.css), LaTeX `\\DUrole{smallcaps}` (edition.sty: capitals a size
  smaller and letterspaced, as FreeSerif has no small capitals);
- in navigation, which has no typeface of its own to show them in (the EPUB's nav and NCX, the
  site's "On this page", the PDF's outline), the same words in sentence case, as the Contents
  prints the titles of the selections and the book its other headings: "I. Letter from
  Sokolnikov to Kamenev", "V. What is the right wing?". A word keeps its capital where the book
  mostly writes it so within a sentence (a name: Kamenev, Bukharin; not "right", "centrism").
"""

from __future__ import annotations

import re
import weakref
from collections import Counter
from collections.abc import Iterable
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..document_data import DocumentData
from .latex_text import latex_text

CLASS = "smallcaps"
MIN_LETTERS = 4  # "I", "II" and the like are numerals, not words in capitals
NUMERAL = re.compile(r"^[IVXL]+\.?$")
INITIALS = re.compile(r"^(?:[A-Z]\.)+$")
POSSESSIVE = re.compile(r"['’]S$", re.IGNORECASE)
MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z,;] )([A-Z][\w'’-]*)")
LOWER_WORD = re.compile(r"\b[a-z][\w'’-]*")
# docname -> its word_case_counts (what only navigation shows, through the headings' sentence case)
word_cases = DocumentData[tuple[Counter[str], Counter[str]]]("edition_word_cases", shown_on_other_pages=False)
NAMES: weakref.WeakKeyDictionary[BuildEnvironment, frozenset[str]] = weakref.WeakKeyDictionary()


def in_capitals(text: str) -> bool:
    return sum(char.isalpha() for char in text) >= MIN_LETTERS and text.isupper()


def capitalised(word: str) -> str:
    """'KAMENEV'S' -> 'Kamenev's', 'SOCIAL-POLITICAL' -> 'Social-Political', '[KAMENEV'S' -> '[Kamenev's'."""
    return "-".join(re.sub(r"[^\W\d_]", lambda m: m[0].upper(), part.lower(), count=1) for part in word.split("-"))


def bare_word(word: str) -> str:
    """'[KAMENEV'S' -> 'kamenev', 'WING?' -> 'wing': the word as the book's vocabulary counts it."""
    return POSSESSIVE.sub("", word.strip("[]()'‘’\":;,.?!")).lower()


def sentence_case(text: str, names: frozenset[str]) -> str:
    """The words of a heading in capitals, in sentence case: 'I. LETTER FROM SOKOLNIKOV TO KAMENEV'
    -> 'I. Letter from Sokolnikov to Kamenev' (a leading numeral and initials stay as they are;
    `names` are the words the book capitalises within a sentence)."""
    words = text.split(" ")
    first = 1 if NUMERAL.match(words[0]) else 0
    cased = words[:first]
    for position, word in enumerate(words[first:]):
        if INITIALS.match(word):
            cased.append(word)
        elif position == 0 or bare_word(word) in names:
            cased.append(capitalised(word))
        else:
            cased.append(word.lower())
    return " ".join(cased)


def bare_counts(words: Iterable[str]) -> Counter[str]:
    """The words counted as `bare_word`s (each distinct form made bare once: the book has 160,000 words)."""
    counts: Counter[str] = Counter()
    for word, count in Counter(words).items():
        counts[bare_word(word)] += count
    return counts


def word_case_counts(markdown: str) -> tuple[Counter[str], Counter[str]]:
    """The words written with a capital after a word in lower case (within a sentence), and the words in lower case."""
    return (bare_counts(found[1] for found in MID_SENTENCE_CAPITAL.finditer(markdown)),
            bare_counts(found[0] for found in LOWER_WORD.finditer(markdown)))


def names_from(capitalised_words: Counter[str], lower: Counter[str]) -> frozenset[str]:
    return frozenset(word for word, count in capitalised_words.items() if count > lower[word])


def book_names(markdown: str) -> frozenset[str]:
    """The words the book mostly writes with a capital after a word in lower case (within a
    sentence): its names ('kamenev', 'thermidor'), not its common words ('right', 'letter')."""
    return names_from(*word_case_counts(markdown))


def count_word_cases(app: Sphinx, docname: str, source: list[str]) -> None:
    """Each page's counts, as it is read: a rebuild counts the pages read again, not the whole book."""
    word_cases(app.env)[docname] = word_case_counts(source[0])


def names_of(env: BuildEnvironment) -> frozenset[str]:
    """`book_names` of every page of the book, from each page's counts, once per build."""
    if env not in NAMES:
        capitalised_words: Counter[str] = Counter()
        lower: Counter[str] = Counter()
        for page_capitalised, page_lower in word_cases(env).values():
            capitalised_words.update(page_capitalised)
            lower.update(page_lower)
        NAMES[env] = names_from(capitalised_words, lower)
    return NAMES[env]


def capitals_in(doctree: nodes.Node) -> list[nodes.TextElement]:
    """Section titles and datelines whose text is in capitals."""
    titles = [title for title in doctree.findall(nodes.title) if isinstance(title.parent, nodes.section)]
    datelines = [paragraph for container in doctree.findall(nodes.container) if "dateline" in container["classes"]
                 for paragraph in container.findall(nodes.paragraph)]
    return [element for element in titles + datelines if in_capitals(element.astext())]


class capitals(nodes.inline):  # noqa: N801 (docutils names its node classes in lower case)
    """Words printed in capitals, shown in small capitals."""


def visit_html(translator: Any, node: capitals) -> None:
    translator.body.append(f'<span class="{CLASS}">')


def depart_html(translator: Any, node: capitals) -> None:
    translator.body.append("</span>")


def visit_latex(translator: Any, node: capitals) -> None:
    translator.body.append(rf"\texorpdfstring{{\DUrole{{{CLASS}}}{{")


def depart_latex(translator: Any, node: capitals) -> None:
    # the outline (PDF bookmarks) takes the second argument: the words in sentence case
    translator.body.append(f"}}}}{{{latex_text(translator, node['label'])}}}")


def show_in_small_capitals(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for element in capitals_in(doctree):
        label = sentence_case(element.astext(), names_of(app.env))
        element.children = [capitals("", "", *element.children, label=label)]


def sentence_case_in_navigation(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The contents the EPUB's nav and NCX and the site's "On this page" are made of."""
    for toc in env.tocs.values():
        for reference in toc.findall(nodes.reference):
            text = reference.astext()
            if in_capitals(text):
                reference.children = [nodes.Text(sentence_case(text, names_of(env)))]
    return []


def setup(app: Sphinx) -> dict[str, Any]:
    html = (visit_html, depart_html)
    app.add_node(capitals, html=html, epub=html, latex=(visit_latex, depart_latex))
    app.connect("source-read", count_word_cases)
    word_cases.connect(app)
    app.connect("doctree-resolved", show_in_small_capitals)
    app.connect("env-updated", sentence_case_in_navigation)
    return {"version": "1.0", "env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}
