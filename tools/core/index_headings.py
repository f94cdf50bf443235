"""The printed Index's headings looked up: by the glossary headword or 'See' target they name, and their pages."""

from __future__ import annotations

import re
from collections import defaultdict

from docutils.utils.smartquotes import smartyPants

EMPHASIS_MARK = re.compile(r"(?<![\w*])\*{1,2}(?=\S)|(?<=\S)\*{1,2}(?![\w*])")
PAGE_RANGE = re.compile(r"^(?P<first>\d+)(?:[–-](?P<last>\d+))?$")


def index_text(text: str) -> str:
    """An Index heading as a Sphinx index entry, which is plain text that Sphinx does not
    typeset: '*Krokodil*' -> 'Krokodil', '"Master"' -> '“Master”' (curled as in the text)."""
    return smartyPants(EMPHASIS_MARK.sub("", text), "q", "en")


def expand_pages(token: str) -> list[int]:
    """'115–16' -> [115, 116]; '519g' (a Glossary page) -> []."""
    match = PAGE_RANGE.match(token)
    if not match:
        return []
    first = int(match["first"])
    if not match["last"]:
        return [first]
    tail = match["last"]
    last = int(str(first)[: len(str(first)) - len(tail)] + tail)
    return list(range(first, last + 1))


def index_pages(entry: dict) -> set[int]:
    tokens = entry["pages"] + [page for sub in entry["subentries"] for page in sub["pages"]]
    return {page for token in tokens for page in expand_pages(token)}


def names_heading(headword: str, heading: str) -> bool:
    """Does an Index heading name the glossary headword? 'Smirnov, I.' ~ 'Smirnov, I.N.',
    'Sedov, S.' ~ 'Sedov, S. (Seryozha)', but not 'Smirnov, A.' or 'Bolsheviks' ~ 'Bolshevik Party'."""
    stem = headword.rstrip(".")
    return heading == headword or (heading.startswith(stem) and not heading[len(stem):][:1].isalpha())


class HeadingsByName:
    """The Index entries, looked up by the glossary headword they name."""

    def __init__(self, index: list[dict]) -> None:
        self.by_start: dict[str, list[dict]] = defaultdict(list)  # first two letters -> entries
        for entry in index:
            self.by_start[entry["heading"][:2]].append(entry)

    def naming(self, headword: str) -> list[dict]:
        return [entry for entry in self.by_start.get(headword[:2], ()) if names_heading(headword, entry["heading"])]


def heading_key(text: str) -> str:
    return re.sub(r"[“”‘’\"',]|\s*\([^)]*\)", "", text).strip().lower()


def heading_keys(index: list[dict]) -> dict[str, str]:
    return {heading_key(entry["heading"]): entry["heading"] for entry in index}


def find_heading(target: str, headings: dict[str, str]) -> str | None:
    """The Index heading a 'See' target names: 'Stalin' is 'Stalin, J.', 'ECCI' is
    'ECCI (Executive Committee ...)'."""
    key = heading_key(target)
    return headings.get(key) or next(
        (h for k, h in headings.items() if k.startswith(key + " ") or k.startswith(key + ".")), None)
