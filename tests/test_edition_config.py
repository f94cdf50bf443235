"""The edition's configuration (tools/edition/config.py): the `edition_*` values conf.py sets,
read as one dataclass and checked, so that a wrong value stops the build naming it."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sphinx.errors import ConfigError
from sphinx.testing.util import SphinxTestApp

from tools.edition.config import EditionConfig, mistakes

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


def test_every_wrong_value_is_named_at_once() -> None:
    wrong = {**GOOD, "edition_date": "yesterday", "epub_source": 1}
    assert set(mistakes(SimpleNamespace(**wrong))) == {"edition_date", "epub_source"}


@pytest.mark.sphinx("html", testroot="epub", confoverrides={"edition_date": "yesterday"})
def test_a_build_logs_the_wrong_value_as_one_error_not_a_crash(app: SphinxTestApp) -> None:
    """As MyST-Parser does with its own values: one error line naming the value (so -W fails the
    build with it, not with Sphinx's crash report), and the default in its place."""
    assert app.warning.getvalue().count("ERROR") == 1
    assert "conf.py: edition_date = 'yesterday' is not a date and time in UTC" in app.warning.getvalue()
    assert app.config.edition_date == EditionConfig.edition_date
