"""Data entries that nothing used: a stale entry stops the run, as a wrong one does.

An entry that names a selection the Contents lacks, a variant no heading needs, a
hyphenation the book already decides, an alias or a work's form that the text never
has, is a sign that the source or the data has changed under the editors' feet (a
Contents line lost, a title retyped): the run stops and names the entry.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from ..core.errors import SourceError
from ..core.schema import refuse_entries
from .glossary import SEE, GlossaryEntry
from .link import LinkReport
from .model import Change
from .repair import Evidence, decide_hyphen
from .segment import BACK_MATTER, Layout


def check_titles(layout: Layout, data_dir: Path, selections: dict[str, dict], variants: dict[str, str]) -> None:
    """Each selection has its metadata, and each metadata or title-variant entry its selection."""
    titles = [entry.title for entry in layout.entries if entry.title not in BACK_MATTER]
    missing = [title for title in titles if title not in selections]
    if missing:
        raise SourceError(str(data_dir / "selections.yaml"), None, f"no entry for {missing}",
                          "add an entry (title, kind, author, evidence) for each selection the Contents lists")
    refuse_entries(data_dir / "selections.yaml", (n for n, title in enumerate(selections, 1) if title not in titles),
          "the Contents lists no such selection",
          "if the source lost a Contents line, restore the source; if the selection was retitled, "
          "correct the entry's title; otherwise remove the entry")
    refuse_entries(data_dir / "title_variants.yaml", (n for n, title in enumerate(variants, 1) if title not in titles),
          "the Contents lists no such selection", "correct the entry's `contents` title, or remove the entry")


def check_glossary_see(data_dir: Path, curated: dict[tuple[str, str], str], entries: list[GlossaryEntry]) -> None:
    said = {(entry.headword, match["target"].rstrip("."))
            for entry in entries for match in SEE.finditer(entry.definition)}
    refuse_entries(data_dir / "glossary_see.yaml", (n for n, key in enumerate(curated, 1) if key not in said),
          "no Glossary entry of that headword says 'See' that name",
          "correct `from` (the headword) and `see` (the name after 'See'), or remove the entry")


def check_hyphenation(data_dir: Path, decisions: dict[str, str], changes: list[Change], evidence: Evidence) -> None:
    """An entry is used where a word broken across a page break needed it: the book and the
    word list could not decide."""
    undecided = replace(evidence, hyphenation={})
    needed = set()
    for change in changes:
        if change.rule.startswith("hyphen-"):
            first, _, second = change.removed.partition("- ")
            if decide_hyphen(first, second, undecided) is None:
                needed.add(f"{first}-{second}".lower())
    refuse_entries(data_dir / "hyphenation.yaml", (n for n, word in enumerate(decisions, 1) if word not in needed),
          "no word broken across a page break needs this decision (the book or the word list decides it, "
          "or the word is not broken)", "remove the entry")


def check_aliases(data_dir: Path, aliases: list[dict], links: LinkReport) -> None:
    """Each alias links its headword at least once where it applies."""
    refuse_entries(data_dir / "aliases.yaml",
          (n for n, alias in enumerate(aliases, 1) if not links.aliases_linked[(alias["alias"], alias["headword"])]),
          "the alias links nothing: the text never has it in the selections where it applies (`only_in`), "
          "or another name links the headword first in each of them",
          "write the alias as the text prints it and `only_in` as the Contents titles the selections, "
          "or remove the entry")


def check_as_printed(data_dir: Path, entries: list[dict], lines: list[str]) -> None:
    """Each word kept as printed still stands on its line (after the errata: none corrects it)."""
    refuse_entries(data_dir / "as_printed.yaml",
                   (n for n, entry in enumerate(entries, 1)
                    if entry["line"] > len(lines) or entry["text"] not in lines[entry["line"] - 1]),
                   "the line does not have these words (as printed, and not corrected by an errata entry)",
                   "correct the line number or the words, or remove the entry")


def check_edition_notes(data_dir: Path, notes: list[dict], headwords: list[str]) -> None:
    """Each note of this edition names a Glossary entry."""
    refuse_entries(data_dir / "edition_notes.yaml",
                   (n for n, note in enumerate(notes, 1) if note["glossary"] not in headwords),
                   "the Glossary has no entry with this headword", "write the headword as the Glossary prints it")


def check_works(data_dir: Path, output: str, works: list[dict]) -> None:
    """Each work is linked from the text."""
    linked = set(re.findall(r"\(#work-([\w-]+)\)", output))
    refuse_entries(data_dir / "works.yaml", (n for n, work in enumerate(works, 1) if work["key"] not in linked),
          "the text has none of the work's forms", "correct the forms as the text prints them, or remove the entry")
