"""The editors' data files, each checked against a typed schema as it is read.

One msgspec Struct per kind of entry says which fields an entry has, of which type, and
which are optional; msgspec refuses a wrong type (`line: "237"`, `new: null`), a missing
field and an unknown one (a misspelt field name would otherwise be ignored). The importer
then works on the entries as read (plain dicts): the schema only decides whether they are
acceptable, and a refusal names the file, the entry's number and its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Literal

import msgspec
import yaml

from .errors import SourceError

# libyaml's safe loader where PyYAML has it: the same data, eight times faster to read
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Text = Annotated[str, msgspec.Meta(min_length=1)]
LineNumber = Annotated[int, msgspec.Meta(ge=1)]


class Entry(msgspec.Struct, forbid_unknown_fields=True):
    """An entry of a data file: unknown fields are refused."""


class Erratum(Entry):
    line: LineNumber
    old: Text
    new: str  # may be empty: a stray character removed
    reason: Text
    kind: Literal["misprint", "conversion"]  # the print edition's slip, or its conversion's
    count: LineNumber = 1  # how often `old` stands on the line: a misprint repeated there, all corrected


class AsPrinted(Entry):
    line: LineNumber
    text: Text
    reason: Text


class EditionNote(Entry):
    glossary: Text
    note: Text
    evidence: Text
    reason: Text


class TitleVariant(Entry):
    contents: Text
    printed: Text
    reason: Text


class Hyphenation(Entry):
    word: Text
    decision: Literal["join", "keep"]
    reason: Text


class PageBreak(Entry):
    line: LineNumber
    first_ends: Text
    second_starts: Text
    decision: Literal["join", "apart"]
    reason: Text


class SelectionMetadata(Entry):
    title: Text
    kind: Literal["front-matter", "letter", "circular-letter", "article", "declaration", "appeal", "theses",
                  "memorandum", "statement", "fragment", "message", "appendix", "document"]
    author: Text
    evidence: Text
    document_kind: Text | None = None
    addressee: Text | list[Text] | None = None
    addressee_place: Text | None = None
    written_at: Text | None = None
    certified_at: Text | None = None
    signatories: list[Text] | None = None
    note: Text | None = None
    source_note_ends: Text | None = None
    source_note_ends_reason: Text | None = None
    undated: Text | None = None
    short_title: Text | None = None  # the Index's locators name a long selection by it
    source: Text | None = None  # where the rule reading the source note cannot say it right
    translator: Text | None = None
    provenance_reason: Text | None = None


class GlossarySee(Entry, rename={"from_": "from"}):
    see: Text
    from_: Text
    target: Text
    reason: Text


class Alias(Entry):
    alias: Text
    headword: Text
    reason: Text
    only_in: list[Text] | None = None


class Work(Entry):
    key: Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9-]+$")]
    forms: Annotated[list[Text], msgspec.Meta(min_length=1)]


class VolumeReference(Entry, rename={"in_": "in"}):
    in_: Text
    words: Text
    target: Text | None
    reason: Text


class TextPointer(Entry):
    selection: Text
    phrase: Text
    paragraph: Annotated[str, msgspec.Meta(pattern=r"^p[0-9]+$")]
    starts: Text
    reason: Text


# Every data file of tools/data/ and its schema (a test checks that none is left out).
# The correspondence's data (read by the build: tools/edition/correspondence/data.py)
IsoDate = Annotated[str, msgspec.Meta(pattern=r"^\d{4}-\d{2}(-\d{2})?(/\d{4}-\d{2}(-\d{2})?)?$")]


class Place(Entry, frozen=True):
    name: Text
    country_today: Text
    geonames_id: Annotated[int, msgspec.Meta(ge=1)]
    latitude: Annotated[float, msgspec.Meta(ge=-90, le=90)]
    longitude: Annotated[float, msgspec.Meta(ge=-180, le=180)]
    reason: Text
    today: str = ""


class PlaceDescription(Entry, frozen=True):
    text: Text
    places: Annotated[list[Text], msgspec.Meta(min_length=1)]
    reason: Text


class Event(Entry, frozen=True):
    date: IsoDate
    label: Text
    quotation: Text
    line: LineNumber


class Correspondent(Entry, frozen=True):
    name: Text
    names: Annotated[list[Text], msgspec.Meta(min_length=1)]
    reason: Text
    headword: str = ""


SCHEMAS: dict[str, type[Entry]] = {
    "errata.yaml": Erratum, "as_printed.yaml": AsPrinted, "edition_notes.yaml": EditionNote,
    "title_variants.yaml": TitleVariant, "hyphenation.yaml": Hyphenation,
    "page_breaks.yaml": PageBreak, "selections.yaml": SelectionMetadata, "glossary_see.yaml": GlossarySee,
    "aliases.yaml": Alias, "works.yaml": Work, "volume_references.yaml": VolumeReference,
    "text_pointers.yaml": TextPointer, "places.yaml": Place, "place_descriptions.yaml": PlaceDescription,
    "events.yaml": Event, "correspondents.yaml": Correspondent,
}

ENTRY_PATH = re.compile(r"`\$\[(?P<number>\d+)\](?P<field>[^`]*)`")  # msgspec's "at `$[3].line`"


def entry_lines(text: str) -> list[int]:
    """The 1-based line where each top-level entry of a YAML list starts."""
    node = yaml.compose(text, Loader=SAFE_LOADER)
    return [item.start_mark.line + 1 for item in node.value] if isinstance(node, yaml.SequenceNode) else []


def refuse_entries(path: Path, numbers: Iterable[int], what: str, hint: str) -> None:
    """Stop at the first of these entries (1-based `numbers`) of a data file, naming each with its line."""
    numbers = sorted(numbers)
    if numbers:
        lines = entry_lines(path.read_text(encoding="utf-8"))
        listed = ", ".join(f"{n} (line {lines[n - 1]})" if n <= len(lines) else str(n) for n in numbers)
        raise SourceError(str(path), lines[numbers[0] - 1] if numbers[0] <= len(lines) else None,
                          f"entr{'y' if len(numbers) == 1 else 'ies'} {listed}: {what}", hint)


def load_data(path: Path, schema: type[Entry]) -> list[dict]:
    """The entries of a data file (a YAML list), each valid for `schema`; else a clear error."""
    try:
        text = path.read_text(encoding="utf-8")
        entries = yaml.load(text, Loader=SAFE_LOADER)
    except UnicodeDecodeError as error:
        raise SourceError(str(path), None, f"not UTF-8 ({error.reason})", "re-save the file as UTF-8") from None
    except OSError as error:
        raise SourceError(str(path), None, f"cannot read data file: {error.strerror}",
                          "restore the file (git checkout -- it) or check its permissions") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise SourceError(str(path), mark.line + 1 if mark else None,
                          f"not valid YAML: {getattr(error, 'problem', error)}", "fix the YAML syntax") from None
    if entries is None:
        return []
    if not isinstance(entries, list):
        raise SourceError(str(path), 1, f"the file holds a {type(entries).__name__}, not a list of entries",
                          "write each entry as a list item ('- field: value')")
    try:
        msgspec.convert(entries, list[schema])
    except msgspec.ValidationError as error:
        problem, _, where = str(error).partition(" - at ")
        found = ENTRY_PATH.fullmatch(where)
        if not found:
            raise SourceError(str(path), None, problem, "write the file as a list of entries") from None
        number, field = int(found["number"]), found["field"].lstrip(".")
        lines = entry_lines(text)
        fields = ", ".join(f"{name}: {kind}" for name, kind in field_types(schema).items())
        raise SourceError(str(path), lines[number] if number < len(lines) else None,
                          f"entry {number + 1}{f', field {field!r}' if field else ''}: {problem.replace('`', '')}",
                          f"each entry has the fields {fields}") from None
    return entries


def field_types(schema: type[Entry]) -> dict[str, str]:
    """Field name (as written in the file) -> its type, for the error message."""
    info = msgspec.inspect.type_info(schema)
    return {field.encode_name: type_name(field.type) + ("" if field.required else " (optional)")
            for field in info.fields}


def type_name(info: msgspec.inspect.Type) -> str:
    if isinstance(info, msgspec.inspect.UnionType):
        return " or ".join(type_name(t) for t in info.types if not isinstance(t, msgspec.inspect.NoneType))
    if isinstance(info, msgspec.inspect.ListType):
        return f"list of {type_name(info.item_type)}"
    if isinstance(info, msgspec.inspect.LiteralType):
        return "one of " + "/".join(map(str, info.values))
    if isinstance(info, msgspec.inspect.IntType):
        return "number"
    return "text"
