"""A build leaves the configuration as conf.py gives it, so that the next build does not say "The
configuration has changed" when nothing did.

Sphinx compares conf.py's settings with those it pickled at the end of the last build. The themes
add their template folders to `templates_path` while the builder starts, after that comparison, so
the pickled list always had two more folders than conf.py's. The template loader has read the list
by the time `builder-inited` is emitted: the setting is given its own value back then. (The
settings that the theme and Sphinx complete are given complete in conf.py; the project's static
files are copied without changing `html_static_path`, assets.py.)
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config


def remember_templates_path(app: Sphinx, config: Config) -> None:
    app.edition_templates_path = list(config.templates_path)  # type: ignore[attr-defined]


def restore_templates_path(app: Sphinx) -> None:
    app.config.templates_path[:] = app.edition_templates_path  # type: ignore[attr-defined]


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", remember_templates_path)
    app.connect("builder-inited", restore_templates_path)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
