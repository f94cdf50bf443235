"""The scripts and stylesheets of the project's extensions (`static/`), for the HTML site only:
the EPUB has no scripts, and its stylesheet is Sphinx's own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.util.fileutil import copy_asset

STATIC = Path(__file__).parent / "static"


def add_assets(app: Sphinx, *names: str) -> None:
    if app.builder.name != "html":
        return
    for name in names:
        if name.endswith(".js"):
            app.add_js_file(name, loading_method="defer")
        else:
            app.add_css_file(name)


def copy_static(app: Sphinx, builder: Builder) -> None:
    """`static/` into the site's `_static/` when the pages are about to be written (a page's links carry each
    file's checksum), so a build refused before writing writes nothing. Not named in html_static_path: a
    setting changed while the builder starts would make the next build find the configuration changed
    (stable_config.py)."""
    if builder.name == "html":
        copy_asset(STATIC, Path(app.outdir) / "_static", force=True)


def use_assets(app: Sphinx, *names: str) -> None:
    """Call from an extension's setup: its files are added once the builder is known, and `static/` is copied."""
    app.setup_extension(__name__)
    app.connect("builder-inited", lambda app: add_assets(app, *names))


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("write-started", copy_static)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
