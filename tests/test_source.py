from pathlib import Path

import pytest

from tools.core.errors import SourceError
from tools.importer.model import Block
from tools.importer.source import read_lines, split_blocks


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="source file not found") as error:
        read_lines(tmp_path / "nope.txt")
    assert str(tmp_path / "nope.txt") in str(error.value)


def test_non_utf8_reports_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("first\nsecond\nTh\xe9rmidor\n".encode("latin-1"))
    with pytest.raises(SourceError) as error:
        read_lines(path)
    assert error.value.line == 3
    assert "not UTF-8" in str(error.value) and "UTF-8" in error.value.hint


def test_crlf_is_read_as_lf(tmp_path: Path) -> None:
    path = tmp_path / "dos.txt"
    path.write_bytes(b"a\r\nb\r\n")
    assert read_lines(path) == ["a", "b", ""]


def test_blocks_keep_their_first_line_and_hard_breaks() -> None:
    lines = ["", "one", "two", "", "", "three", ""]
    assert split_blocks(lines, 0, len(lines)) == [Block(2, "one\ntwo"), Block(6, "three")]
