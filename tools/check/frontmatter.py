"""ED001-ED006: the front matter of a selection (chapters/*.md), as the importer writes it.

The chronology, the citations and the letters' metadata (tools/edition/) are built from
these fields, so a wrong type or a misspelt name breaks them quietly; the checks say where.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

from ..core.allowed import yaml_alias_line
from ..core.markdown import MarkdownBook, Page
from ..core.rules import Problem, rule
from ..core.selection_fields import OPTIONAL, REQUIRED

NAMES = ", ".join([*REQUIRED, *OPTIONAL])
PARTS = ("front", "text", "appendix")
# The kinds documented at the head of tools/data/selections.yaml.
KINDS = ("front-matter", "letter", "circular-letter", "article", "declaration", "appeal", "theses",
         "memorandum", "statement", "fragment", "message", "appendix", "document")
PAGES = re.compile(r"(?P<first>[1-9]\d*)(?:–(?P<last>[1-9]\d*))?")
ISO_DATE = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")
SELECTIONS = "tools/data/selections.yaml"
# A line that starts a field (`title: …`) or a list item (`- …`) at the margin; what follows is its value.
STARTS_ENTRY = re.compile(r"^(?:[A-Za-z_][\w-]*:(?=\s|$)|-(?=\s|$))\s*")
FENCE = "---"
CLOSERS = {"[": "]", "{": "}"}


@dataclass(frozen=True)
class Field:
    line: int
    value: Any


@dataclass(frozen=True)
class FrontMatter:
    line: int
    fields: dict[str, Field]
    error: Problem | None = None
    refused: bool = False  # read no further: anchors or aliases (ED019)


def is_selection(page: Page) -> bool:
    return page.docname.startswith("chapters/")


@functools.cache
def front_matter(page: Page) -> FrontMatter | None:
    """The page's front matter with each field's line; None if the page has none."""
    found = page.front_matter
    if found is None:
        return None
    first, text = found
    if yaml_alias_line(text):
        return FrontMatter(first, {}, refused=True)  # ED019 reports it; nothing is built of it
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        values = yaml.safe_load(text)
    except yaml.YAMLError as error:
        line, what = yaml_fault(text, error)
        return FrontMatter(first, {}, Problem(first + line, f"the front matter is not valid YAML: {what}",
                                             "write one `field: value` per line; quote values with a colon"))
    if not isinstance(values, dict) or not isinstance(node, yaml.MappingNode):
        return FrontMatter(first, {}, Problem(first, "the front matter is not a list of `field: value` lines",
                                              "write one `field: value` per line"))
    lines = {key.value: first + key.start_mark.line for key, _ in node.value}
    return FrontMatter(first, {str(key): Field(lines.get(str(key), first), value) for key, value in values.items()})


def left_open(value: str) -> str | None:
    """What a value opens and does not close on its line: 'quote', 'bracket' or None. ('' and \\"
    stand for a quote within a quoted value.)"""
    opener = value[:1]
    if opener in ("'", '"'):
        rest = value[1:].replace("''", "") if opener == "'" else re.sub(r"\\.", "", value[1:])
        return None if opener in rest else "quote"
    if opener in CLOSERS:
        return "bracket" if value.count(opener) > value.count(CLOSERS[opener]) else None
    return None


def unclosed(lines: list[str]) -> tuple[int, str] | None:
    """The line whose value opens a quote or bracket that neither it nor its continuation lines
    close, and which it is."""
    for number, line in enumerate(lines):
        entry = STARTS_ENTRY.match(line)
        value = line[entry.end():].rstrip() if entry else ""
        what = left_open(value)
        if what is None:
            continue
        following = lines[number + 1:]
        ends = next((n for n, later in enumerate(following) if STARTS_ENTRY.match(later)), len(following))
        if not any(CLOSERS.get(value[0], value[0]) in later for later in following[:ends]):
            return number, what
    return None


def missing_colon(lines: list[str]) -> int | None:
    """The first line at the margin that is neither a field, a list item nor a comment."""
    return next((number for number, line in enumerate(lines)
                 if line.strip() and not line[0].isspace() and not line.startswith("#")
                 and not STARTS_ENTRY.match(line)), None)


def yaml_fault(text: str, error: yaml.YAMLError) -> tuple[int, str]:
    """The line (0-based in `text`) and the fault of front matter that is not YAML. YAML notices a
    quote left open or a missing colon lines later, where its reading breaks down: look for them
    where a person makes them first; else take YAML's own mark (where the key or quoted value it
    was reading started, if it says)."""
    lines = text.split("\n")
    if found := unclosed(lines):
        return found[0], f"the {found[1]} opened on this line is never closed"
    if (number := missing_colon(lines)) is not None:
        return number, f"'{lines[number].strip()[:40]}' has no colon after the field's name"
    context = getattr(error, "context", None) or ""
    mark = getattr(error, "context_mark" if "scanning" in context else "problem_mark", None)
    return (mark.line if mark else 0), getattr(error, "problem", None) or str(error).split("\n")[0]


def fields(page: Page) -> dict[str, Field]:
    found = front_matter(page) if is_selection(page) else None
    return found.fields if found else {}


def suggestion(word: str, choices: tuple[str, ...] | list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    return f"did you mean '{close[0]}'? " if close else ""


@rule("ED001")
def front_matter_present(page: Page, book: MarkdownBook) -> Iterator[Problem]:
    """A selection (chapters/*.md) starts with YAML front matter between `---` lines."""
    if not is_selection(page):
        return
    found = front_matter(page)
    if found is None and page.text.split("\n", 1)[0].rstrip() == FENCE:
        yield Problem(1, "the front matter opened here is never closed",
                      "end it with a `---` line after its last field, before the title")
    elif found is None:
        yield Problem(1, "the selection has no front matter",
                      "start the file with the `---` block of fields the importer wrote: title, part, pages, ...")
    elif found.error:  # (a refused front matter has none: ED019 reports it)
        yield found.error


def type_problem(name: str, found: Field, expected: type) -> Problem | None:
    value = found.value
    if expected is list and isinstance(value, list):
        if value and all(isinstance(item, str) and item.strip() for item in value):
            return None
        return Problem(found.line, f"'{name}' is a list with an empty or non-text item", "list names, one per item")
    if expected is list:
        expected = str  # a single name, or a list of names
    if expected is int and isinstance(value, int) and not isinstance(value, bool):
        return None
    if expected is str and isinstance(value, str):
        return None if value.strip() else Problem(found.line, f"'{name}' is empty", "give it a value or remove it")
    what = "a number" if expected is int else "text"
    quote = "; put the value in quotes" if expected is str else ""
    return Problem(found.line, f"'{name}' should be {what}, not {type(value).__name__} {value!r}",
                   f"write it as {what}{quote}")


@rule("ED002")
def front_matter_fields(page: Page, book: MarkdownBook) -> Iterator[Problem]:
    """A selection's front matter has every required field, each of the right type (unknown fields: ED019)."""
    found = front_matter(page) if is_selection(page) else None
    if found is None or found.error or found.refused:
        return
    for name in REQUIRED:
        if name not in found.fields:
            yield Problem(found.line, f"the front matter has no '{name}'",
                          f"add `{name}: ...`; the fields are {NAMES}; see {SELECTIONS}")
    for name, value in found.fields.items():
        expected = REQUIRED.get(name) or OPTIONAL.get(name)
        if expected and (problem := type_problem(name, value, expected)):
            yield problem


@rule("ED003")
def known_kind(page: Page, book: MarkdownBook) -> Iterator[Problem]:
    """`kind` is one of the kinds documented in tools/data/selections.yaml."""
    kind = fields(page).get("kind")
    if kind and isinstance(kind.value, str) and kind.value not in KINDS:
        yield Problem(kind.line, f"unknown kind '{kind.value}'",
                      f"{suggestion(kind.value, KINDS)}use one of: {', '.join(KINDS)}")


@rule("ED004")
def known_part(page: Page, book: MarkdownBook) -> Iterator[Problem]:
    """`part` is front, text or appendix."""
    part = fields(page).get("part")
    if part and isinstance(part.value, str) and part.value not in PARTS:
        yield Problem(part.line, f"unknown part '{part.value}'", f"use one of: {', '.join(PARTS)}")


def iso_date(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of an ISO 8601 date, month (1928-05) or year; 0 for what is not given."""
    match = ISO_DATE.fullmatch(text)
    if not match:
        return None
    year, month, day = (int(match[part] or 0) for part in ("year", "month", "day"))
    try:
        datetime.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return year, month, day


def date_problem(text: str) -> str | None:
    dates = [date for end in text.split("/") if (date := iso_date(end))]
    if len(dates) != len(text.split("/")) or len(dates) > 2:
        return f"'date_iso' {text!r} is not an ISO 8601 date"
    if len(dates) == 2 and dates[0] >= dates[1]:
        return f"'date_iso' {text!r} ends before it starts"
    return None


@rule("ED005")
def valid_date(page: Page, book: MarkdownBook) -> Iterator[Problem]:
    """`date_iso` is an ISO 8601 date, month or span (1928-05-26, 1928-05, 1929-02-07/1929-02-08), with `date`."""
    found = fields(page)
    iso = found.get("date_iso")
    if iso and isinstance(iso.value, str) and (message := date_problem(iso.value)):
        yield Problem(iso.line, message, "write YYYY-MM-DD, YYYY-MM, or two of them joined by / for a span, in quotes")
    for given, missing in (("date", "date_iso"), ("date_iso", "date")):
        if given in found and missing not in found:
            yield Problem(found[given].line, f"'{given}' without '{missing}'",
                          "give the date as printed in `date` and as ISO 8601 in `date_iso`, or neither")


@rule("ED006")
def page_numbers(page: Page, book: MarkdownBook) -> Iterator[Problem]:
    """`pages` is a print page or a span joined by an en dash (56–60)."""
    pages = fields(page).get("pages")
    if not pages or not isinstance(pages.value, str):
        return
    match = PAGES.fullmatch(pages.value)
    if not match or (match["last"] and int(match["last"]) <= int(match["first"])):
        yield Problem(pages.line, f"'pages' {pages.value!r} is not a page or a span of pages",
                      "write the first and last print page joined by an en dash, '56–60', or one page, '474'")


RULES = (front_matter_present, front_matter_fields, known_kind, known_part, valid_date, page_numbers)
