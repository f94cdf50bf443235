from __future__ import annotations

import re
from pathlib import Path

import pytest

from tools.importer.pipeline import ImportResult, load_curated, run_import

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source" / "challenge-1928-29.txt"


@pytest.fixture(scope="session")
def book() -> ImportResult:
    """The real book, imported in memory once for the whole session."""
    return run_import(SOURCE, load_curated())


def plain(markdown: str) -> str:
    """The Markdown without index entries and cross-reference markup (roles, work links)."""
    markdown = re.sub(r"```\{index-entries\}\n.*?```\n\n", "", markdown, flags=re.S)
    markdown = re.sub(r"\{\w+\}`([^`<]*?)(?: <[^>`]*>)?`", r"\1", markdown)
    return re.sub(r"\[(\*[^\]]+\*)\]\(#[^)]+\)", r"\1", markdown)


def chapter(book: ImportResult, stem: str) -> str:
    """The Markdown of the chapter whose file name contains `stem`."""
    (name,) = [name for name in book.files if name.startswith("chapters/") and stem in name]
    return book.files[name]
