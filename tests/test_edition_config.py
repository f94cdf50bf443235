"""The edition's configuration (tools/edition/config.py): the `edition_*` values conf.py sets,
read as one dataclass and checked, so that a wrong value stops the build naming it."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sphinx.errors import ConfigError

from tools.edition.config import EditionConfig

GOOD = {"edition_date": "2026-11-25T00:00:00Z", "edition_downloads_required": True,
        "epub_accessibility_summary": "Text with structured headings.",
        "epub_source": "The print edition."}


def test_the_book_s_values_are_read_as_set() -> None:
    assert EditionConfig.of(SimpleNamespace(**GOOD)) == EditionConfig(**GOOD)


@pytest.mark.parametrize(("name", "value", "message"), [
    ("edition_date", "25 November 2026", "edition_date = '25 November 2026' is not a date and time in UTC"),
    ("edition_date", "2026-11-25", "edition_date = '2026-11-25' is not a date and time in UTC"),
    ("edition_downloads_required", "yes", "edition_downloads_required = 'yes' is not a bool"),
    ("epub_accessibility_summary", None, "epub_accessibility_summary = None is not a str"),
])
def test_a_wrong_value_is_named_with_what_to_write(name: str, value: object, message: str) -> None:
    with pytest.raises(ConfigError, match=f"^conf.py: {message}"):
        EditionConfig.of(SimpleNamespace(**{**GOOD, name: value}))
