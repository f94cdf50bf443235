"""The correspondence in pictures: a map of the exile, a timeline of the year and a page per
correspondent, in the site, the EPUB and the PDF, from the selections' front matter and the
data the importer writes from the editors' files (glossary/correspondence.json, from
tools/data/places.yaml, place_descriptions.yaml, events.yaml, correspondents.yaml). The site
also gets `correspondence.json`, the places, events and letters as open data.

Directives: `{correspondence-map}`, `{correspondence-timeline}`, `{correspondents}` (the pages
glossary/map.md, glossary/timeline.md, glossary/correspondents.md) and `{correspondent} NAME`
(correspondents/SLUG.md, a page per correspondent, written by the importer).
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..assets import use_assets
from ..document_data import pages_flagged
from ..unchanged_pages import gathers_from_every_page
from . import figures, links, open_data, pages, updates

STYLESHEET = "correspondence.css"


def add_stylesheet(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """The pictures' styles (dark mode, focus), on their pages only."""
    if app.builder.name == "html" and pages.is_correspondence_page(app.env, pagename):
        app.add_css_file(STYLESHEET)


def gathering_pages(env: BuildEnvironment) -> list[str]:
    return [docname for docname in pages_flagged("has_correspondence")(env)
            if not env.metadata[docname].get(updates.PERSON)]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(pages.correspondence)
    app.add_node(figures.correspondence_figure, **figures.WRITERS)
    for name, what in (("correspondence-map", "map"), ("correspondence-timeline", "timeline"),
                       ("correspondents", "correspondents"), ("correspondent", "correspondent")):
        app.add_directive(name, pages.directive(what))
    app.add_post_transform(pages.FillCorrespondence)
    app.add_post_transform(links.LinkHeaderNames)
    app.connect("doctree-resolved", links.link_register_names, priority=600)  # after the register is made
    app.connect("doctree-resolved", links.link_glossary_entries)
    app.connect("doctree-read", links.note_data)
    app.connect("doctree-read", pages.collect_first_line)
    pages.first_lines.connect(app)
    app.connect("doctree-read", pages.collect_definitions)
    pages.definitions.connect(app)
    gathers_from_every_page(app, gathering_pages)  # the map, the timeline, the list of correspondents
    updates.connect(app)  # a correspondent's page: when the pages it gathers from change
    use_assets(app)  # static/ copied (the stylesheet)
    app.connect("html-page-context", add_stylesheet)
    app.connect("build-finished", open_data.write_open_data)
    return {"version": "1.0", "env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}
