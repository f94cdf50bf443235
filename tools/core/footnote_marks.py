"""The book's own footnote marks: a note printed at a page's foot with an asterisk is written as
a MyST footnote named `asterisk-N` by the importer, and every format shows it with the printed
`*`, not with a number."""

from __future__ import annotations

ASTERISK_NOTE_PREFIX = "asterisk-"
ASTERISK = "*"


def asterisk_label(number: int) -> str:
    """The Markdown label of the page's `number`th asterisk note: `[^asterisk-1]`."""
    return f"[^{ASTERISK_NOTE_PREFIX}{number}]"


def printed_mark(names: list[str]) -> str | None:
    """The mark the print edition gives a footnote with these names, if not a number."""
    return ASTERISK if any(name.startswith(ASTERISK_NOTE_PREFIX) for name in names) else None
