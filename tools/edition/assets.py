"""The scripts and stylesheets of the project's extensions (`static/`), for the HTML site only:
the EPUB has no scripts, and its stylesheet is Sphinx's own."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

STATIC = Path(__file__).parent / "static"


def add_assets(app: Sphinx, *names: str) -> None:
    if app.builder.name != "html":
        return
    if str(STATIC) not in app.config.html_static_path:
        app.config.html_static_path.append(str(STATIC))
    for name in names:
        if name.endswith(".js"):
            app.add_js_file(name, loading_method="defer")
        else:
            app.add_css_file(name)


def use_assets(app: Sphinx, *names: str) -> None:
    """Call from an extension's setup: its files are added once the builder is known."""
    app.connect("builder-inited", lambda app: add_assets(app, *names))
