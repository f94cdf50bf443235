"""The edition's configuration: one dataclass of the values `conf.py` may set.

Each field is registered as a Sphinx config value of the same name (its default, its type, and
what a change rebuilds), and the values `conf.py` gives are checked when the configuration is
read. A wrong one is logged as an error with its name and what to write instead, and its default
used, as MyST-Parser does with its own values: the build (run with -W) fails with that one line,
not with Sphinx's crash report.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, fields
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.util import logging

DATE_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
logger = logging.getLogger(__name__)


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
        if wrong := mistakes(config):
            raise ConfigError(next(iter(wrong.values())))
        return cls(**{item.name: getattr(config, item.name) for item in fields(cls)})


def mistakes(config: Config) -> dict[str, str]:
    """Each wrong edition value's name, with what is wrong and what to write."""
    found = {}
    for item in fields(EditionConfig):
        value = getattr(config, item.name)
        if not isinstance(value, type(item.default)):
            found[item.name] = (f"conf.py: {item.name} = {value!r} is not a "
                                f"{type(item.default).__name__}: it is {item.metadata['doc']}")
    date = config.edition_date
    if "edition_date" not in found:
        try:
            time.strptime(date, DATE_FORMAT)
        except ValueError:
            found["edition_date"] = (f"conf.py: edition_date = {date!r} is not a date and time in UTC "
                                     "as 2026-11-25T00:00:00Z")
    return found


def check(app: Sphinx, config: Config) -> None:
    for name, message in mistakes(config).items():
        logger.error(message, type="edition", subtype="config")
        setattr(config, name, getattr(EditionConfig, name))  # a dataclass keeps each default on the class


def setup(app: Sphinx) -> dict[str, Any]:
    for item in fields(EditionConfig):
        app.add_config_value(item.name, item.default, item.metadata["rebuild"], types=(type(item.default),),
                             description=item.metadata["doc"])
    app.connect("config-inited", check)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
