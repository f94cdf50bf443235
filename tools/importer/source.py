"""Pass 1, read: the source file as a list of lines, or a clear error."""

from __future__ import annotations

import re
from pathlib import Path

from ..core.errors import SourceError
from .model import Block

BOM = "\ufeff"
# Characters no printed book has: C0 and C1 controls but tab and line feed, DEL, a carriage
# return that does not end a line (CRLF is read as LF), and a byte-order mark inside the text.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff]")


def refuse_control_characters(text: str, path: Path) -> None:
    found = CONTROL.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        column = found.start() - text.rfind("\n", 0, found.start())
        what = ("a carriage return (CR) that does not end a line" if found[0] == "\r"
                else f"the control character U+{ord(found[0]):04X}")
        hint = ("save the file with LF (or CRLF) line ends" if found[0] == "\r"
                else "remove it: it cannot be part of the book's text (a damaged copy or conversion?)")
        raise SourceError(str(path), line, f"{what} at column {column}", hint)


def read_lines(path: Path) -> list[str]:
    """Return the file's lines (without line ends); fail clearly on bad input."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(str(path), None, "source file not found",
                          "copy the book's text to this path or pass --source") from None
    except OSError as error:
        raise SourceError(str(path), None, f"cannot read: {error.strerror}",
                          "check the path and its permissions") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SourceError(str(path), line, f"not UTF-8 (byte {data[error.start]:#x})",
                          "re-save the file as UTF-8") from None
    text = text.removeprefix(BOM).replace("\r\n", "\n")  # a BOM only says the file is UTF-8
    refuse_control_characters(text, path)
    return text.split("\n")


def split_blocks(lines: list[str], start: int, end: int) -> list[Block]:
    """Blocks of lines[start:end] (0-based, end exclusive), split at blank lines."""
    blocks: list[Block] = []
    current: list[str] = []
    first = start
    for index in range(start, end):
        text = lines[index]
        if text.strip():
            if not current:
                first = index
            current.append(text)
        elif current:
            blocks.append(Block(first + 1, "\n".join(current)))
            current = []
    if current:
        blocks.append(Block(first + 1, "\n".join(current)))
    return blocks
