"""Pass 1, read: the source file as a list of lines, or a clear error."""

from __future__ import annotations

from pathlib import Path

from .model import Block, SourceError


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
    return text.replace("\r\n", "\n").split("\n")


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
