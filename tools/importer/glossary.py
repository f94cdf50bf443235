"""The Glossary: entries as printed, 'See' references resolved to headwords."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..core.errors import SourceError
from .model import Block, Change

ENTRY = re.compile(r"^\*\*(?P<headword>[^*]+)\*\*\s*(?P<definition>.*)$", re.S)
SEE = re.compile(r"See \*\*(?P<target>[^*]+)\*\*")
# The printed layout sets a dash between a headword and its definition ('**Amsterdam** – Home
# of …'); on the page the headword stands on its own line, so the dash is left out.
SEPARATOR = re.compile(r"^[–—-]\s+")
GLOSSARY_BLOCK = re.compile(r"^```\{glossary\}\n(?P<body>.*?)^```", re.S | re.M)


@dataclass(frozen=True)
class GlossaryEntry:
    line: int
    headword: str
    definition: str


def parse_glossary(blocks: list[Block], path: str) -> tuple[list[Block], list[GlossaryEntry]]:
    """Split the repaired Glossary into its opening note and its entries."""
    preamble: list[Block] = []
    entries: list[GlossaryEntry] = []
    for block in blocks:
        # Entries printed on consecutive lines arrive as one block.
        for offset, text in enumerate(block.text.split("\n")):
            match = ENTRY.match(text)
            if match:
                entries.append(GlossaryEntry(block.line + offset, match["headword"].strip(),
                                             match["definition"].strip()))
            elif entries:
                raise SourceError(path, block.line + offset,
                                  f"Glossary line is not an entry: {text[:60]!r}",
                                  "a Glossary entry starts with its headword in bold ('**Name** – ...')")
            else:
                preamble.append(Block(block.line + offset, text))
    return preamble, entries


def drop_separators(entries: list[GlossaryEntry]) -> tuple[list[GlossaryEntry], list[Change]]:
    """'– Home of the International …' -> 'Home of the International …' (rule glossary-separator)."""
    kept, changes = [], []
    for entry in entries:
        match = SEPARATOR.match(entry.definition)
        if match:
            changes.append(Change("glossary-separator", entry.line, match[0].strip(), ""))
            entry = replace(entry, definition=entry.definition[match.end():])
        kept.append(entry)
    return kept, changes


def resolve_see(entry: GlossaryEntry, headwords: list[str], curated: dict[tuple[str, str], str],
                path: str) -> str:
    """The definition with its 'See **X**' references as links to headwords."""
    def link(match: re.Match[str]) -> str:
        target = match["target"]
        bare = target.rstrip(".")
        choice = curated.get((entry.headword, bare))
        if choice is None:
            candidates = [h for h in headwords if h in (target, bare) or h.startswith(bare + ",")]
            if len(candidates) != 1:
                raise SourceError(path, entry.line,
                                  f"'See {target}' names {len(candidates)} headwords: {candidates}",
                                  "add the intended headword to tools/data/glossary_see.yaml")
            choice = candidates[0]
        return f"See {{term}}`{target} <{choice}>`"
    return SEE.sub(link, entry.definition)


def written_headwords(markdown: str) -> set[str]:
    """The headwords of a glossary page as it stands: the lines of its ```{glossary} block that are
    not indented (as render.render_glossary writes them, and CONTRIBUTING says to add an entry)."""
    return {line.strip() for found in GLOSSARY_BLOCK.finditer(markdown)
            for line in found["body"].split("\n") if line.strip() and not line[0].isspace()}
