"""The site's contents sidebar, written by the edition (tools.edition.letter_page.sidebar): on every page of a
small book it is the theme's own sidebar (pydata-sphinx-theme's, under sphinx-book-theme's component), the same
marks and addresses, with the selections numbered and dated."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from tests.conftest import ROOT, build_cleanly
from tools.edition.letter_page.sidebar import the_books_sidebar

PROJECT = ROOT / "tests" / "roots" / "test-sidebar"
EDITION, THEME = "edition-sidebar-nav.html", "sbt-sidebar-nav.html"  # the component conf.py names, the theme's
NUMBER_AND_DATE = re.compile(r"<b>[^<]*</b> |<small>[^<]*</small>")  # what the edition adds to a selection's entry


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """The test root built twice: with the edition's sidebar component and with the theme's."""
    built = {}
    for component in (EDITION, THEME):
        folder = tmp_path_factory.mktemp(component.removesuffix(".html"))
        shutil.copytree(PROJECT, folder / "project")
        app = SphinxTestApp("html", srcdir=folder / "project", builddir=folder / "out",
                            confoverrides={"html_sidebars": {"**": [component]}})
        try:
            built[component] = Path(build_cleanly(app).outdir)
        finally:
            app.cleanup()
    yield built


def sidebar(site: Path, page: str) -> str:
    html = (site / page).read_text(encoding="utf-8")
    start = html.index('<nav class="bd-links bd-docs-nav"')
    return html[start:html.index("</nav>", start)]


def test_on_every_page_the_edition_writes_the_themes_sidebar(sites: dict[str, Path]) -> None:
    pages = sorted(path.relative_to(sites[THEME]).as_posix() for path in sites[THEME].rglob("*.html")
                   if "_static" not in path.parts)  # the theme's own files, no pages
    assert {"index.html", "people/smirnov.html", "chapters/02-bread-and-roses.html", "genindex.html",
            "search.html", "404.html"} <= set(pages)
    differ = [page for page in pages
              if NUMBER_AND_DATE.sub("", sidebar(sites[EDITION], page)) != sidebar(sites[THEME], page)]
    assert differ == []


def test_the_cases_compared(sites: dict[str, Path]) -> None:
    """What the comparison above covers, as the theme writes it: the page itself marked current (its link
    "#"), a page in a hidden contents list with its ancestor marked, addresses from a subfolder, a caption and
    a title with `<`, `&` and emphasis, the root page with nothing marked; the 404 page's absolute addresses
    (the theme's function writes that sidebar)."""
    chapter = sidebar(sites[THEME], "chapters/02-bread-and-roses.html")
    assert ('<p aria-level="2" class="caption" role="heading"><span class="caption-text">Front &amp; &lt;matter&gt;'
            '</span></p>') in sidebar(sites[EDITION], "chapters/02-bread-and-roses.html")
    assert ('<ul class="current nav bd-sidenav">\n<li class="toctree-l1"><a class="reference internal" '
            'href="01-to-smirnov.html">To Smirnov</a></li>\n<li class="toctree-l1 current active"><a class="current '
            'reference internal" href="#">Bread &amp; <em>roses</em> &lt; 2</a></li>\n</ul>') in chapter
    correspondent = sidebar(sites[THEME], "people/smirnov.html")
    assert ('<li class="toctree-l1"><a class="reference internal" href="../preface.html">Preface</a></li>'
            in correspondent)
    assert ('<li class="toctree-l1 current active"><a class="reference internal" href="index.html">People</a>'
            in correspondent)
    assert "current" not in sidebar(sites[THEME], "index.html")
    assert 'href="/chapters/01-to-smirnov.html">To Smirnov</a>' in sidebar(sites[EDITION], "404.html")


def test_the_selections_are_numbered_and_dated(sites: dict[str, Path]) -> None:
    page = sidebar(sites[EDITION], "chapters/02-bread-and-roses.html")
    assert 'href="../preface.html">Preface</a>' in page  # the front matter: neither
    assert 'href="01-to-smirnov.html"><b>1</b> To Smirnov<small>May 16, 1928</small></a>' in page
    assert 'href="#"><b>2</b> Bread &amp; <em>roses</em> &lt; 2<small>June 1928</small></a>' in page


@pytest.mark.parametrize(("kind", "startdepth", "show_nav_level", "options", "edition"), [
    ("sidebar", 0, 1, {"maxdepth": 1, "titles_only": True, "includehidden": True, "collapse": True}, True),
    ("sidebar", 0, 2, {"maxdepth": "1", "titles_only": True, "includehidden": True}, True),
    ("raw", 0, 1, {"maxdepth": 1, "titles_only": True, "includehidden": True}, False),
    ("sidebar", 1, 1, {"maxdepth": 1, "titles_only": True, "includehidden": True}, False),
    ("sidebar", 0, 1, {"maxdepth": 2, "titles_only": True, "includehidden": True}, False),
    ("sidebar", 0, 1, {"maxdepth": 1, "titles_only": False, "includehidden": True}, False),
    ("sidebar", 0, 1, {"maxdepth": 1, "titles_only": True}, False),
    ("sidebar", 0, 0, {"maxdepth": 1, "titles_only": True, "includehidden": True}, False),
])
def test_the_theme_writes_what_the_edition_does_not_model(kind: str, startdepth: int, show_nav_level: int,
                                                          options: dict, edition: bool) -> None:
    assert the_books_sidebar(kind, startdepth, show_nav_level, options) is edition
