"""Correspondents' names as the front matter writes them, and how the book's finding aids sort
and address them: shared by the importer (which writes a page per correspondent) and the build
(the register's Correspondent filter, the correspondents' pages and links)."""

from __future__ import annotations

import re

PRINCIPAL = "Leon Trotsky"  # the book's author: a correspondent only as the other party
QUALIFIER = re.compile(r" \([^()]*\)$")  # "L. Kamenev (Sokolnikov's letter)"
QUOTES = re.compile(r"['‘’\"“”]")
GROUP = re.compile(r"ists$")  # "Leading Oppositionists": a group, not a person's surname
UNSIGNED = "unsigned"


def slug(text: str) -> str:
    """'Novo-Bayazet' -> 'novo-bayazet'; "L. Kamenev" -> 'l-kamenev' (an id and an address)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def without_qualifier(name: str) -> tuple[str, str]:
    """'L. Kamenev (Sokolnikov's letter)' -> ('L. Kamenev', " (Sokolnikov's letter)"): the person,
    then which part of the selection is theirs."""
    found = QUALIFIER.search(name)
    return (name[:found.start()], found.group()) if found else (name, "")


def surname_first(name: str) -> str | None:
    """'L. Kamenev' -> 'Kamenev, L.'; None for a body, a group or a description ('Central
    Committee of the AUCP', 'Leading Oppositionists'), which is sorted as it reads."""
    head, comma, rest = name.partition(",")
    words = QUOTES.sub("", head).split()
    if not 1 < len(words) <= 3 or not all(word[0].isupper() for word in words) or GROUP.search(words[-1]):
        return None
    return f"{words[-1]}, {' '.join(words[:-1])}{comma}{rest}"


def sort_key(name: str) -> tuple[str, str]:
    """Persons by surname ('Kamenev, L.'), bodies as they read, in one alphabet: as the register's
    Correspondent filter and the printed Index order names, so a reader finds them in the same place."""
    return QUOTES.sub("", surname_first(name) or name).casefold(), name


def other_parties(addressees: list[str] | tuple[str, ...], authors: list[str] | tuple[str, ...]) -> list[str]:
    """Who a selection names as its other party: its addressees and its authors but Trotsky
    ('G. Sokolnikov; L. Kamenev' is two authors), as the front matter writes them."""
    writers = [name for field in authors for name in field.split("; ")]
    return [name for name in [*addressees, *writers] if not name.startswith(PRINCIPAL) and name != UNSIGNED]
