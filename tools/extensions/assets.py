"""The scripts and stylesheets of the project's extensions (`static/`), for the HTML site only:
the EPUB has no scripts, and its stylesheet is Sphinx's own."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.fileutil import copy_asset

STATIC = Path(__file__).parent / "static"
COPIED = "edition_static_copied"  # the builder's flag: static/ is in the site


def add_assets(app: Sphinx, *names: str) -> None:
    if app.builder.name != "html":
        return
    copy_static(app)
    for name in names:
        if name.endswith(".js"):
            app.add_js_file(name, loading_method="defer")
        else:
            app.add_css_file(name)


def copy_static(app: Sphinx) -> None:
    """`static/` into the site's `_static/`, once a build, before any page is written (a page's links
    carry each file's checksum). Not named in html_static_path: a setting changed while the builder
    starts would make the next build find the configuration changed (stable_config.py)."""
    if getattr(app.builder, COPIED, False):
        return
    copy_asset(STATIC, Path(app.outdir) / "_static", force=True)
    setattr(app.builder, COPIED, True)


def use_assets(app: Sphinx, *names: str) -> None:
    """Call from an extension's setup: its files are added once the builder is known."""
    app.connect("builder-inited", lambda app: add_assets(app, *names))
