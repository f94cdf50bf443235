from __future__ import annotations

from pathlib import Path

import pytest

from tools.importer.pipeline import ImportResult, load_curated, run_import

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source" / "challenge-1928-29.txt"


@pytest.fixture(scope="session")
def book() -> ImportResult:
    """The real book, imported in memory once for the whole session."""
    return run_import(SOURCE, load_curated())


def chapter(book: ImportResult, stem: str) -> str:
    """The Markdown of the chapter whose file name contains `stem`."""
    (name,) = [name for name in book.files if name.startswith("chapters/") and stem in name]
    return book.files[name]
