"""Markup already in a paragraph (roles, links, footnote references), which no link may enter."""

from __future__ import annotations

import re

# Markup already in a paragraph: roles, links, footnote references.
PROTECTED = re.compile(r"\{[\w:]+\}`[^`]*`|\[[^\]]*\]\([^)]*\)|\[\^[^\]]+\]")


def protected_spans(text: str) -> list[tuple[int, int]]:
    if "`" not in text and "[" not in text:
        return []
    return [match.span() for match in PROTECTED.finditer(text)]


def inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)
