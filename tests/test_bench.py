"""The benchmark's bigger book: the source made twice as big imports with every check passing."""

from pathlib import Path

from tests.conftest import SOURCE, plain
from tools.bench.scaled_source import scale_source
from tools.importer.pipeline import ImportResult, load_curated, run_import
from tools.importer.source import read_lines


def body(markdown: str) -> str:
    """The text after the front matter and the title, without index entries and links."""
    return plain(markdown.split("\n---\n", 1)[1]).split("\n", 2)[2]


def test_the_book_twice_over_is_a_book_the_importer_checks_whole(tmp_path: Path, book: ImportResult) -> None:
    source = tmp_path / "twice.txt"
    result = run_import(source, scale_source(2, SOURCE, source, load_curated()))
    assert result.words.ok  # the book-wide and the per-selection word checks pass at 2x
    assert result.counts["selections"] == 51 + 48  # the front matter is not copied
    assert len(read_lines(source)) == len(read_lines(SOURCE)) + 48 + sum(
        span.last - span.first + 1 for span in book.spans[3:])  # the copies' Contents lines and text
    (original,) = [name for name in book.files if name.endswith("-our-correspondents.md")]
    (copy,) = [name for name in result.files if name.endswith("-our-correspondents-copy-2.md")]
    assert "title: Our correspondents (copy 2)" in result.files[copy]
    assert len(body(book.files[original])) > 5000 and body(result.files[copy]) == body(book.files[original])
