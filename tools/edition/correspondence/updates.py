"""Which correspondents' pages a build writes again.

A correspondent's page gathers from other pages when it is written: the letters that name them
(date, title, first line), the selections that link their Glossary entry, and the Glossary. So
it is written again when one of those pages is read again, before or after the change (a letter
that no longer names them, a mention taken out). Only those pages: writing all of them after any
edit cost an incremental build about as much as the edit itself (the theme's sidebar makes each
page written cost a tenth of a second). The data file is a dependency of every one of them
(`{correspondent}`), and the map, the timeline and the list are written again after any change.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..letter_page.mentions import glossary_docs, mentions
from ..selections import selection_of
from ..unchanged_pages import written_for_other_pages
from . import data

PERSON = "correspondent"  # the metadata of a correspondent's page: whose page it is


def person_pages(env: BuildEnvironment) -> dict[str, str]:
    """Correspondent's name -> their page."""
    return {meta[PERSON]: docname for docname, meta in env.metadata.items() if meta.get(PERSON)}


def related(env: BuildEnvironment, docname: str) -> set[str]:
    """The correspondents whose pages show something of this page: its letter's parties, the
    Glossary entries it links, every one with an entry if it is the Glossary."""
    known = data.known(env)
    selection = selection_of(env, docname)
    names = {known.person_of[plain].name for name in (data.correspondent_names(selection) if selection else [])
             if (plain := data.straight(name)) in known.person_of}
    linked = {target.lower() for target in mentions(env).get(docname, {})}
    glossary = docname in glossary_docs(env)
    return names | {person.name for person in known.people
                    if person.headword and (person.headword.lower() in linked or glossary)}


def connect(app: Sphinx) -> None:
    touched: set[str] = set()  # the pages read again or removed in this build
    before: set[str] = set()  # the correspondents those pages related to before they changed

    def purged(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        touched.add(docname)
        if data.has_data(env):
            before.update(related(env, docname))

    def reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
        touched.update(docnames)  # an added page is read, never purged

    def rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
        names = set(before)
        if data.has_data(env):
            names.update(name for docname in touched & env.all_docs.keys() for name in related(env, docname))
        pages = person_pages(env)
        touched.clear()
        before.clear()
        return sorted(pages[name] for name in names if name in pages)

    app.connect("env-purge-doc", purged, priority=400)  # before the page's own data goes (priority 500)
    app.connect("env-before-read-docs", reading)
    app.connect("env-updated", rewrite)
    written_for_other_pages(app, lambda env: person_pages(env).values())  # and kept when they would read the same
