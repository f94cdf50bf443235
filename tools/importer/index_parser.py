"""The printed Index as data: headings, sub-entries, page references, cross-references.

Kept for the linking work; its page numbers are data, not text to show.
"""

from __future__ import annotations

import re

from .model import Block, Change

# Page references end an entry: ", 40, 115–16, 519g" (g: the Glossary page).
# The comma before them may stand inside a closing quote: '"Master," 106'.
PAGES = re.compile(r"(?:,[\"”]?\s*\d+(?:[–-]\d+)?g?)+$")
PAGE = re.compile(r"\d+(?:[–-]\d+)?g?")
SEE_PART = re.compile(r"\.?\s*\*See( also)?\*\s+(?P<targets>.+)$")


def split_pages(text: str) -> tuple[str, list[str]]:
    """'Alsky, M., 40, 123' -> ('Alsky, M.', ['40', '123'])."""
    text = re.sub(r"(?<=\d)\.\s*$", "", text)  # 'Stalin faction ..., 475–89.'
    match = PAGES.search(text)
    if not match:
        return text.strip(), []
    closing_quote = match[0][1] if match[0][1] in "\"”" else ""  # '"Master," 106' -> '"Master"'
    return text[: match.start()].strip() + closing_quote, PAGE.findall(match[0])


def parse_entry(text: str) -> dict:
    """One Index line -> {heading, pages, subentries, see, see_also}."""
    entry: dict = {"see": [], "see_also": []}
    see = SEE_PART.search(text)
    if see:
        key = "see_also" if see[1] else "see"
        entry[key] = [target.strip() for target in see["targets"].rstrip(".").split(";")]
        text = text[: see.start()]
    first, *rest = text.split("; ")
    heading, colon, sub = first.partition(": ")
    if colon:  # 'Trotsky, L.: health of, 135; deportation of, 457': a heading without pages
        first, rest = heading, [sub, *rest]
    entry["heading"], entry["pages"] = split_pages(first)
    entry["subentries"] = []
    for part in rest:
        label, pages = split_pages(part)
        entry["subentries"].append({"label": label, "pages": pages})
    return entry


def index_lines(blocks: list[Block]) -> list[tuple[int, str]]:
    """(source line, text) of each entry; an entry cut by a page break is rejoined."""
    lines: list[tuple[int, str]] = []
    for block in blocks:
        for offset, raw in enumerate(block.text.split("\n")):
            text = raw.strip().removeprefix("- ").strip()
            if lines and (lines[-1][1].endswith((",", ";")) or text.startswith("*See")):
                lines[-1] = (lines[-1][0], f"{lines[-1][1]} {text}")
            elif text:
                lines.append((block.line + offset, text))
    return lines


def parse_index(blocks: list[Block]) -> tuple[list[dict], list[Change]]:
    """All Index entries in printed order, with their source lines."""
    entries, changes = [], []
    for line, text in index_lines(blocks):
        entry = {"line": line, **parse_entry(text)}
        pages = entry["pages"] + [p for sub in entry["subentries"] for p in sub["pages"]]
        changes.append(Change("index-page-numbers", line, " ".join(pages), ""))
        if entry["see"] or entry["see_also"]:
            words = " ".join(["See"] * bool(entry["see"]) + ["See also"] * bool(entry["see_also"]))
            changes.append(Change("index-see-as-data", line, words, ""))
        entries.append(entry)
    return entries, changes


def index_words(entries: list[dict]) -> str:
    """The words of the Index that are kept (all but the page numbers)."""
    parts = []
    for entry in entries:
        parts.append(entry["heading"])
        parts.extend(sub["label"] for sub in entry["subentries"])
        parts.extend(entry["see"] + entry["see_also"])
    return "\n".join(parts)
