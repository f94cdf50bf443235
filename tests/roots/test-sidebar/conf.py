"""A small book for the site's contents sidebar (tools.edition.letter_page.sidebar): captioned parts, a
numbered and dated selection, a title and a caption with `<`, `&` and emphasis, a page in a hidden
contents list of a subfolder, and a 404 page whose addresses sphinx-notfound-page rewrites, under the theme
the book uses."""

from pathlib import Path

import tools.edition

extensions = ["myst_parser", "notfound.extension", "tools.edition.letter_page.sidebar"]
nitpicky = True
html_theme = "sphinx_book_theme"
html_theme_options = {"max_navbar_depth": 1}  # as the book's conf.py
templates_path = [str(Path(tools.edition.__file__).parent / "templates")]
html_sidebars = {"**": ["edition-sidebar-nav.html"]}  # the theme's own: "sbt-sidebar-nav.html"
notfound_urls_prefix = "/"  # as the book's conf.py, served at its own host
