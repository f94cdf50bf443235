"""A page as its reader reads it: the words of each paragraph, with their part and anchor.

The page is parsed with MyST's own Markdown parser (configured from conf.py, as `python -m
tools check` does) and its markup is stripped: a `{term}` role reads as its text, a link as
its words, emphasis stays (it is part of the text) and is kept on each word. What the reader
does not read as words (link targets, index entries, `(label)=` anchors, note references,
comments, HTML) is kept apart as markup items, each with the paragraph it stands in or before.

Paragraphs are numbered as the build numbers them (tools/edition/letter_page/paragraphs.py, whose
`container_prefix` decides the part): p1… the author's text, h1… the headnote, s1… the note
on the source. Notes are named by their label, headings and the dateline by what they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..core.allowed import yaml_alias_line
from ..core.markdown import NOT_MARKDOWN, directive_of
from ..core.paragraph_numbering import container_prefix

TEXT, HEADNOTE, SOURCE_NOTE, NOTES = "text", "headnote", "source note", "notes"
PART_OF_PREFIX = {"p": TEXT, "h": HEADNOTE, "s": SOURCE_NOTE}
EMPHASIS, STRONG = 1, 2  # style bits of a run of characters
ROLE_WITH_TARGET = re.compile(r"(?s)(?P<text>.*?)\s*<(?P<target>[^<>]+)>")
INLINE_STYLE = {"em_open": EMPHASIS, "em_close": EMPHASIS, "strong_open": STRONG, "strong_close": STRONG}
# the kinds of markup, as the report names them
LINK, INDEX_ENTRY, ANCHOR = "links", "index entries", "anchors"
NOTE_REFERENCE, OTHER = "note references", "other markup"

STRAIGHT_QUOTES = str.maketrans("“”‘’", "\"\"''")
Segment = tuple[str, int]  # characters and their style
Word = tuple[Segment, ...]
PARAGRAPH_BREAK: Word = (("¶", 0),)


@dataclass(frozen=True)
class Paragraph:
    part: str  # TEXT, HEADNOTE, SOURCE_NOTE or NOTES
    anchor: str  # p12, h3, s1, note 4, title, dateline, heading before p5
    words: tuple[Word, ...]


@dataclass(frozen=True)
class MarkupItem:
    kind: str  # LINK, INDEX_ENTRY, ANCHOR, NOTE_REFERENCE, OTHER
    key: str  # what identifies it: a link's target, an index entry's line, an anchor's label
    anchor: str  # the paragraph it stands in, or the next paragraph after it


@dataclass
class Reading:
    metadata: dict
    paragraphs: list[Paragraph] = field(default_factory=list)
    markup: list[MarkupItem] = field(default_factory=list)

    @property
    def title(self) -> str:
        """The front matter's title, else the page's first heading."""
        heading = next((p for p in self.paragraphs if p.anchor == "title"), None)
        return str(self.metadata.get("title") or (plain_words(heading.words) if heading else ""))


@dataclass
class Walk:
    """The state of reading one page: the paragraph counters and the items waiting for the
    next paragraph's anchor."""

    numbered: bool
    reading: Reading
    counts: dict[str, int] = field(default_factory=dict)
    waiting: list[tuple[str, str]] = field(default_factory=list)  # (kind, key) before the next paragraph
    headings: list[int] = field(default_factory=list)  # the headings waiting for the next paragraph's anchor

    def number(self, prefix: str) -> str:
        self.counts[prefix] = self.counts.get(prefix, 0) + 1
        return f"{prefix}{self.counts[prefix]}" if self.numbered else f"¶{self.counts[prefix]}"

    def add(self, part: str, anchor: str, words: tuple[Word, ...], markup: list[tuple[str, str]]) -> None:
        self.settle(anchor, markup)
        self.reading.paragraphs.append(Paragraph(part, anchor, words))

    def settle(self, anchor: str, markup: list[tuple[str, str]]) -> None:
        """Give the items and headings waiting for a paragraph the anchor of the one that came."""
        for kind, key in self.waiting + markup:
            self.reading.markup.append(MarkupItem(kind, key, anchor))
        self.waiting = []
        for position in self.headings:
            heading = self.reading.paragraphs[position]
            self.reading.paragraphs[position] = Paragraph(TEXT, f"heading before {anchor}", heading.words)
        self.headings = []


def as_set(text: str) -> str:
    """Text as the build sets it, so that typing a quote or a dash either way is no change: the
    build curls quotes and makes -- and --- dashes (conf.py's smartquotes_action "qD"); the
    report shows quotes straight."""
    return text.translate(STRAIGHT_QUOTES).replace("---", "—").replace("--", "–")


def words_of(runs: Iterable[Segment]) -> tuple[Word, ...]:
    """Split styled runs of characters into words at white space; a word keeps its styles."""
    words: list[Word] = []
    current: list[Segment] = []
    for text, style in runs:
        for piece in re.split(r"(\s+)", text):
            if not piece:
                continue
            if piece.isspace():
                if current:
                    words.append(tuple(current))
                current = []
            elif current and current[-1][1] == style:
                current[-1] = (current[-1][0] + piece, style)
            else:
                current.append((piece, style))
    if current:
        words.append(tuple(current))
    return tuple(words)


def settings_of(options: dict[str, str]) -> str:
    """A directive's options as markup: a changed option is a changed item."""
    return "".join(f" :{option}: {value}" for option, value in sorted(options.items()))


def plain_words(words: Iterable[Word]) -> str:
    return " ".join("".join(text for text, _ in word) for word in words)


def inline(children: list[Token]) -> tuple[list[Segment], list[tuple[str, str]]]:
    """The text a reader reads in an inline token's children, and the markup around it."""
    runs: list[Segment] = []
    markup: list[tuple[str, str]] = []
    style = 0
    for child in children:
        if child.type in INLINE_STYLE:
            style ^= INLINE_STYLE[child.type]
        elif child.type == "text":
            runs.append((as_set(child.content), style))
        elif child.type == "code_inline":
            runs.append((child.content, style))
        elif child.type in ("softbreak", "hardbreak"):
            runs.append((" ", style))
        elif child.type == "myst_role":
            name = child.meta.get("name", "")
            found = ROLE_WITH_TARGET.fullmatch(child.content)
            runs.append((found["text"] if found else child.content, style))
            markup.append((LINK, f"{{{name}}}`{found['target'] if found else child.content}`"))
        elif child.type == "link_open":
            markup.append((LINK, str(child.attrs.get("href", ""))))
        elif child.type == "footnote_ref":
            markup.append((NOTE_REFERENCE, f"[^{child.meta.get('label', '')}]"))
        elif child.type not in ("link_close",):
            markup.append((OTHER, child.markup or child.content or child.type))
    return runs, markup


class Reader:
    """Reads pages with one MyST parser (conf.py's settings)."""

    def __init__(self, md: MarkdownIt) -> None:
        self.md = md

    def read(self, text: str, numbered: bool) -> Reading:
        """`numbered`: a selection, whose paragraphs have p/h/s anchors; other pages count ¶1, ¶2…"""
        walk = Walk(numbered, Reading({}))
        env: dict = {}  # the page's link definitions, which a directive's body sees too (as in MyST)
        self.blocks(self.md.parse(text, env), walk, [], env)
        walk.settle("end", [])
        return walk.reading

    def blocks(self, tokens: list[Token], walk: Walk, containers: list[list[str]], env: dict) -> None:
        """Walk block tokens; `containers`: the classes of the enclosing containers, outermost first."""
        note: str | None = None
        item_number = ""
        for position, token in enumerate(tokens):
            if token.type == "front_matter":
                try:
                    # an anchor or alias is refused unread (it can grow without bound when written out)
                    found = ({"front matter (YAML anchor or alias, refused)": f"line {alias + 1}"}  # after the ---
                             if (alias := yaml_alias_line(token.content)) else yaml.safe_load(token.content))
                except yaml.YAMLError as error:
                    found = {"front matter (not valid YAML)": str(error).split("\n")[0]}
                walk.reading.metadata = found if isinstance(found, dict) else {}
            elif token.type == "footnote_reference_open":
                note = str(token.meta.get("label", ""))
            elif token.type == "footnote_reference_close":
                note = None
            elif token.type == "list_item_open":
                item_number = f"{token.info}." if token.info else ""
            elif token.type == "myst_target":
                walk.waiting.append((ANCHOR, f"({token.content})="))
            elif token.type in ("myst_line_comment", "html_block", "hr", "code_block"):
                walk.waiting.append((OTHER, token.content.strip() or token.type))
            elif token.type == "inline" and tokens[position - 1].type == "heading_open":
                runs, markup = inline(token.children or [])
                walk.reading.markup += [MarkupItem(kind, key, "heading") for kind, key in markup]
                if tokens[position - 1].tag == "h1":
                    walk.add(TEXT, "title", words_of(runs), [])
                else:
                    walk.headings.append(len(walk.reading.paragraphs))
                    walk.reading.paragraphs.append(Paragraph(TEXT, "heading", words_of(runs)))
            elif token.type == "inline" and tokens[position - 1].type == "paragraph_open":
                runs, markup = inline(token.children or [])
                if item_number:
                    runs.insert(0, (item_number + " ", 0))
                    item_number = ""
                self.paragraph(walk, containers, note, words_of(runs), markup)
            elif directive := directive_of(token, 0):
                self.directive(walk, containers, directive.name, directive.argument, directive.options,
                               directive.body, env)
            elif token.type == "fence":  # a code block: not the book's prose
                walk.waiting.append((OTHER, token.content.strip() or token.type))

    def paragraph(self, walk: Walk, containers: list[list[str]], note: str | None, words: tuple[Word, ...],
                  markup: list[tuple[str, str]]) -> None:
        if note is not None:
            walk.add(NOTES, f"note {note}", words, markup)
            return
        prefix = container_prefix(reversed(containers))
        if prefix is None:  # the dateline
            walk.add(TEXT, "dateline", words, markup)
        else:
            walk.add(PART_OF_PREFIX[prefix], walk.number(prefix), words, markup)

    def directive(self, walk: Walk, containers: list[list[str]], name: str, argument: str,
                  options: dict[str, str], body: str, env: dict) -> None:
        if name == "index-entries":
            walk.waiting += [(INDEX_ENTRY, line.strip()) for line in body.split("\n") if line.strip()]
        elif name == "container":
            classes = argument.split() + options.get("class", "").split()
            self.blocks(self.md.parse(body, env), walk, [*containers, classes], env)
        elif name == "toctree":
            self.contents(walk, options, body)
        else:
            walk.waiting.append((OTHER, f"{{{name}}} {argument}{settings_of(options)}".strip()))
            if name not in NOT_MARKDOWN:
                self.blocks(self.md.parse(body, env), walk, containers, env)

    @staticmethod
    def contents(walk: Walk, options: dict[str, str], body: str) -> None:
        """A `{toctree}`: its caption is text readers read (a part's name in every format's contents),
        each entry a link, its other options markup."""
        settings = settings_of({option: value for option, value in options.items() if option != "caption"})
        entries = [(LINK, entry.strip()) for entry in body.split("\n") if entry.strip()]
        if "caption" in options:
            walk.add(TEXT, "contents caption", words_of([(as_set(options["caption"]), 0)]),
                     [(OTHER, f"{{toctree}}{settings}"), *entries])
        else:
            walk.waiting += [(OTHER, f"{{toctree}}{settings}"), *entries]
