"""Where a selection comes from and who translated it, read from its source note.

The note is the editors' own sentence ("By permission of the Harvard College Library.
Translated from the Russian for this volume by George Saunders."); the letter's header
shows what it says as two fields, `source` and `translator`, which the importer writes into
the front matter. The editors' data (`source` / `translator` in tools/data/selections.yaml,
with `provenance_reason`) wins where the sentence says more than the rule can read.
"""

from __future__ import annotations

import re

from ..core.errors import SourceError
from .wordcheck import ROLE

SELECTIONS = "tools/data/selections.yaml"
WORK_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\(#[^)]*\)")
# The first sentence ends at a full stop that does not end an initial ("John G. Wright").
FIRST_SENTENCE = re.compile(r"^(?P<sentence>.*?(?<![\s.][A-Z])(?<!\bpp)\.)(?:\s|$)", re.S)
ARCHIVE = re.compile(r"^By permission of (?:the )?(?P<source>.+)\.$")
PUBLISHED = re.compile(r"^(?:From|Reprinted by permission from) (?P<source>.+?)(?:, in (?:a|the) translation\b.*)?\.$")
NAME = r"(?:[A-Z]\.|[A-Z][\w’'-]+)(?: (?:[A-Z]\.|[A-Z][\w’'-]+))*"  # 'John G. Wright', not the full stop
TRANSLATOR = re.compile(rf"\b(?:[Tt]ranslated|in a translation)\b[^.]*?\bby (?P<names>{NAME}(?: and {NAME})?)")


def plain_note(note: str) -> str:
    """The note as a reader reads it: roles and links reduced to their text (emphasis kept)."""
    return " ".join(WORK_LINK.sub(r"\g<text>", ROLE.sub(r"\g<text>", note)).split())


def source_of(note: str) -> str | None:
    """'Harvard College Library', '*Contre le courant*, February 11, 1928', or None (a note that
    names only the translation)."""
    first = FIRST_SENTENCE.match(plain_note(note))
    if not first:
        return None
    sentence = first["sentence"]
    found = ARCHIVE.match(sentence) or PUBLISHED.match(sentence)
    return found["source"] if found else None


def translators_of(note: str) -> str | None:
    """'George Saunders', 'Jeff White; L. Hall and Marilyn Vogt', or None (no translator named)."""
    names = [found["names"] for found in TRANSLATOR.finditer(plain_note(note))]
    return "; ".join(dict.fromkeys(names)) or None


def provenance(note: str | None, curated: dict) -> dict[str, str]:
    """The `source` and `translator` front-matter fields of a selection (absent when unknown)."""
    if ("source" in curated or "translator" in curated) and not curated.get("provenance_reason"):
        raise SourceError(SELECTIONS, None, f"the entry {curated.get('title')!r} gives its source or translator "
                          "without a reason", "add `provenance_reason`: what the source note says")
    read = {"source": source_of(note), "translator": translators_of(note)} if note else {}
    fields = {key: curated.get(key, read.get(key)) for key in ("source", "translator")}
    return {key: value for key, value in fields.items() if value}
