"""The edition's configuration: one dataclass of the values `conf.py` may set.

Each field is registered as a Sphinx config value of the same name (its default, its type, and
what a change rebuilds), and the values `conf.py` gives are checked when the configuration is
read, so that a wrong one stops the build with its name and what to write instead.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, fields
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

DATE_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def _value(default: Any, rebuild: str, doc: str) -> Any:
    return field(default=default, metadata={"rebuild": rebuild, "doc": doc})


@dataclass(frozen=True)
class EditionConfig:
    edition_date: str = _value(
        "2026-01-01T00:00:00Z", "env",
        "the date the edition's files carry (EPUB dcterms:modified, PDF dates, cmif.xml), "
        "as 2026-11-25T00:00:00Z; SOURCE_DATE_EPOCH, when set, wins")
    edition_downloads_required: bool = _value(
        False, "html", "a missing EPUB or PDF for the site's downloads is an error (make book sets it)")
    epub_accessibility_summary: str = _value(
        "", "epub", "the EPUB's schema:accessibilitySummary")
    epub_source: str = _value(
        "", "epub", "the EPUB's dc:source: the print edition the text is made from")

    @classmethod
    def of(cls, config: Config) -> EditionConfig:
        """The edition's values as `conf.py` (or `-D`) set them, checked."""
        values = {item.name: getattr(config, item.name) for item in fields(cls)}
        for item in fields(cls):
            if not isinstance(values[item.name], type(item.default)):
                raise ConfigError(f"conf.py: {item.name} = {values[item.name]!r} is not a "
                                  f"{type(item.default).__name__}: it is {item.metadata['doc']}")
        try:
            time.strptime(values["edition_date"], DATE_FORMAT)
        except ValueError:
            raise ConfigError(f"conf.py: edition_date = {values['edition_date']!r} is not a date and time "
                              "in UTC as 2026-11-25T00:00:00Z") from None
        return cls(**values)


def check(app: Sphinx, config: Config) -> None:
    EditionConfig.of(config)


def setup(app: Sphinx) -> dict[str, Any]:
    for item in fields(EditionConfig):
        app.add_config_value(item.name, item.default, item.metadata["rebuild"], types=(type(item.default),),
                             description=item.metadata["doc"])
    app.connect("config-inited", check)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
