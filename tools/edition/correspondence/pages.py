"""What the directives put on their pages, filled in once every selection has been read
(a post-transform, before Sphinx resolves references, so that the links made here are resolved
as the text's own are):

- `{correspondence-map}`: the map, then its text alternative: each place, with today's name,
  GeoNames id and every letter written there or sent there;
- `{correspondence-timeline}`: the timeline, then its text alternative: the selections by
  date with kind and correspondent, and the events with the book's words that date them;
- `{correspondents}`: every correspondent, by surname, with the count of their letters, each
  leading to their page;
- `{correspondent} NAME` (a correspondent's page, correspondents/SLUG.md, which the importer
  writes): the Glossary entry, where they were and when, every letter to or from them with its
  date and first line, the selections that mention them, and their places on the map.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from docutils import nodes
from docutils.utils.smartquotes import smartyPants
from sphinx import addnodes
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from ...core.build_data import CORRESPONDENCE, CorrespondentPage
from ..document_data import DocumentData
from ..letter_page.letter_header import numbers_of
from ..letter_page.mentions import sources_by_term, term_ids
from ..letter_page.paragraphs import in_selection
from ..selections import selections
from . import data
from .figures import figure_node
from .links import CORRESPONDENTS_PAGE, MAP_PAGE, link_to
from .map import map_key, map_svg
from .timeline import PRINTED_PARTS, timeline_svg
from .updates import PERSON

FIRST_LINE = 90  # characters of a letter's first paragraph quoted on a correspondent's page
# docname -> its first paragraph's opening words, as (text, emphasised?) runs: the book's italics kept
first_lines = DocumentData[list[tuple[str, bool]]]("edition_first_lines")
# Glossary docname -> {a correspondent's headword: its definition}, kept as read: shown on their page
definitions = DocumentData[dict[str, nodes.definition]]("edition_correspondent_definitions")
logger = logging.getLogger(__name__)


class correspondence(nodes.General, nodes.Element):  # noqa: N801 (docutils names nodes in lower case)
    """Placeholder for what a directive shows (`what`: map, timeline, correspondents or correspondent,
    `name`: the correspondent's)."""


def directive(what: str) -> type[SphinxDirective]:
    class Placeholder(SphinxDirective):
        optional_arguments = 1 if what == "correspondent" else 0
        final_argument_whitespace = True

        def run(self) -> list[nodes.Node]:
            self.env.metadata[self.env.docname]["has_correspondence"] = "yes"
            self.env.note_dependency(CORRESPONDENCE)  # an import that changes the data rewrites the page
            name = " ".join(self.arguments)
            if what == "correspondent":
                if name not in {person.name for person in data.known(self.env).people}:
                    logger.warning("no correspondent is named %r (%s lists them): import again, or name one of "
                                   "them", name, CORRESPONDENCE, location=self.get_location())
                    return []
                self.env.metadata[self.env.docname][PERSON] = name  # written again as updates.py says
            return [correspondence(what=what, name=name)]

    return Placeholder


def collect_first_line(app: Any, doctree: nodes.document) -> None:
    """The opening words of a selection's text (its paragraph p1), emphasis kept."""
    if not in_selection(app.env.docname):
        return
    paragraph = next((p for p in doctree.findall(nodes.paragraph) if "p1" in p["ids"]), None)
    if paragraph is None:
        return
    runs: list[tuple[str, bool]] = []
    length = 0
    for text in paragraph.findall(nodes.Text):
        emphasised = any(isinstance(parent, nodes.emphasis) for parent in ancestors(text))
        words = str(text)
        if length + len(words) > FIRST_LINE:
            cut = words[: FIRST_LINE - length].rsplit(" ", 1)[0]
            runs.append((cut + " …", emphasised))
            break
        runs.append((words, emphasised))
        length += len(words)
    first_lines(app.env)[app.env.docname] = runs


def collect_definitions(app: Any, doctree: nodes.document) -> None:
    """The Glossary entries of the correspondents, kept with the environment: their pages show
    them without loading the Glossary's doctree each (it took longer than the rest of the page)."""
    if not data.has_data(app.env):
        return
    headwords = {person.headword for person in data.known(app.env).people if person.headword}
    found = {}
    for item in doctree.findall(nodes.definition_list_item):
        term = item.next_node(nodes.term)
        if term is not None and term.astext() in headwords:
            found[term.astext()] = item.next_node(nodes.definition).deepcopy()
    if found:
        definitions(app.env)[app.env.docname] = found


def ancestors(node: nodes.Node) -> list[nodes.Node]:
    found = []
    while node.parent is not None:
        node = node.parent
        found.append(node)
    return found


def runs_to_nodes(runs: list[tuple[str, bool]]) -> list[nodes.Node]:
    return [nodes.emphasis(words, words) if emphasised else nodes.Text(words) for words, emphasised in runs]


class FillCorrespondence(SphinxPostTransform):
    default_priority = 5  # before ReferencesResolver (10): the glossary's copied links are resolved too

    def run(self, **kwargs: Any) -> None:
        placeholders = list(self.document.findall(correspondence))
        if not placeholders:
            return
        self.data = data.known(self.env)
        self.found = data.letters(self.env)
        self.numbered = numbers_of(selections(self.env))
        for placeholder in placeholders:
            what = placeholder["what"]
            fill = {"map": self.map, "timeline": self.timeline, "correspondents": self.correspondents}
            placeholder.replace_self(self.correspondent(placeholder["name"]) if what == "correspondent"
                                     else fill[what]())

    # --- links ----------------------------------------------------------------------------

    @property
    def is_print(self) -> bool:
        return self.app.builder.format == "latex"

    def link(self, docname: str, anchor: str, *content: nodes.Node) -> nodes.Node:
        """A link to a page, or to a place in it (the PDF links to the page: its lists have no anchors)."""
        return make_refnode(self.app.builder, self.env.docname, docname, "" if self.is_print else anchor,
                            list(content) or [nodes.Text(self.env.titles[docname].astext())])

    def selection_link(self, docname: str) -> nodes.Node:
        return self.link(docname, "", nodes.Text(self.env.titles[docname].astext()))

    def href(self) -> Callable[[str], str] | None:
        """Addresses of selections for the timeline's marks (the site only: the others have no links in it)."""
        if self.app.builder.name != "html":
            return None
        return lambda docname: self.app.builder.get_relative_uri(self.env.docname, docname)

    def number_text(self, letter: data.Letter) -> str:
        number = self.numbered.get(letter.selection.docname, "")
        return f"No. {number}" if number.isdigit() else number

    def letter_line(self, letter: data.Letter) -> list[nodes.Node]:
        """'May 24, 1928, No. 18, Preobrazhensky's proposal (letter; to …; written at …)', each
        correspondent leading to their page (but on their own)."""
        selection = letter.selection
        line = [nodes.Text(f"{selection.date}, {self.number_text(letter)}, "), self.selection_link(selection.docname),
                nodes.Text(f" ({selection.kind}")]
        if names := data.correspondent_names(selection):
            line.append(nodes.Text("; to " if selection.addressees else "; by "))
            for number, name in enumerate(names):
                line += [nodes.Text("; ")] if number else []
                own = self.data.person(name).docname == self.env.docname
                line.append(nodes.Text(name) if own else link_to(self.app, self.env.docname, name))
        places = ([f"written at {selection.written_at}"] if selection.written_at else []) + (
            [f"addressee in {selection.addressee_place}"] if selection.addressee_place else [])
        return [*line, nodes.Text("".join(f"; {place}" for place in places) + ")")]

    # --- the map ----------------------------------------------------------------------------

    def map(self) -> list[nodes.Node]:
        by_place = data.letters_by_place(self.found)
        places = self.data.places
        picture = figure_node(
            "correspondence-map", map_svg(self.found, by_place, places, legend=False),
            map_svg(self.found, by_place, places),
            alt=("Map of the places of the correspondence, from Constantinople in the west to Barnaul in the "
                 "east, with Lake Baikal beyond; Alma-Ata, where Trotsky was exiled, in the south; the places "
                 "are listed below."),
            caption=("The places of the letters, 1928–29, under the book’s names (today’s beside them where "
                     "they differ). Coastlines, seas, lakes and rivers from Natural Earth (public domain); no "
                     "borders are drawn, as today’s are not 1928’s. The Aral Sea is drawn as it was about "
                     "2000: in 1928 it was larger."), printed=[map_svg(self.found, by_place, places)], turn=True,
            key=map_key())
        listing = nodes.bullet_list(classes=["cm-places"])
        for name in sorted(by_place):
            listing += self.place_item(places[name], by_place[name])
        return [picture, nodes.rubric("", "The places and their letters", classes=["cm-list-title"]), listing]

    def place_item(self, place: data.Place, letters: list[data.Letter]) -> nodes.list_item:
        head = nodes.paragraph("", "", nodes.strong(place.name, place.name),
                               nodes.Text(f" ({'today ' + place.today + ', ' if place.today else ''}"
                                          f"{place.country_today}; "),
                               nodes.reference("", f"GeoNames {place.geonames_id}", refuri=place.geonames_url),
                               nodes.Text(")"))
        entries = nodes.bullet_list()
        for letter in letters:
            entries += nodes.list_item("", nodes.paragraph("", "", *self.letter_line(letter)))
        return nodes.list_item("", head, entries, ids=[] if self.is_print else [place.anchor])

    # --- the timeline -----------------------------------------------------------------------

    def timeline(self) -> list[nodes.Node]:
        events = self.data.events
        picture = figure_node(
            "correspondence-timeline", timeline_svg(self.found, self.numbered, events, self.href()),
            timeline_svg(self.found, self.numbered, events, None),
            alt=("Timeline from January 1928 to February 1929: each selection by date and kind, with the "
                 "year’s events beside the axis; both are listed below."),
            caption="The selections by date, with the year’s events as the book dates them.",
            printed=[timeline_svg(self.found, self.numbered, events, None, part) for part in PRINTED_PARTS])
        selections_list = nodes.bullet_list(classes=["cm-timeline-list"])
        for letter in self.found:
            selections_list += nodes.list_item("", nodes.paragraph("", "", *self.letter_line(letter)))
        events_list = nodes.bullet_list(classes=["cm-events-list"])
        for event in events:
            events_list += nodes.list_item("", nodes.paragraph("", "", *self.event_line(event)))
        return [picture, nodes.rubric("", "The year’s events, in the book’s words", classes=["cm-list-title"]),
                events_list, nodes.rubric("", "The selections by date", classes=["cm-list-title"]), selections_list]

    def event_line(self, event: data.Event) -> list[nodes.Node]:
        where = self.docname_of_line(event.line)
        line: list[nodes.Node] = [nodes.strong(event.label, event.label),
                                  nodes.Text(f" ({display_date(event.date)}): “"),
                                  *runs_to_nodes(markdown_runs(event.quotation)), nodes.Text("” (")]
        line += [self.selection_link(where) if where else nodes.Text("the book"), nodes.Text(")")]
        return line

    def docname_of_line(self, line: int) -> str | None:
        """The page a source line went to: the last selection starting at or before it."""
        starts = sorted((int(self.env.metadata[s.docname].get("source_line", 0)), s.docname)
                        for s in selections(self.env))
        before = [docname for start, docname in starts if start <= line]
        return before[-1] if before else None

    # --- the correspondents -----------------------------------------------------------------

    def correspondents(self) -> list[nodes.Node]:
        """Everyone, by surname, with the count of their letters: each leads to their page."""
        contents = nodes.bullet_list(classes=["cm-contents"])
        for person in self.data.people:
            count = count_letters(len(data.letters_of(self.data, person, self.found)))
            contents += nodes.list_item("", nodes.paragraph("", "", self.link(data.page_of(self.env, person), "",
                                                                              nodes.Text(data.shown(person.name))),
                                                            nodes.Text(f" ({count})")))
        return [contents]

    def correspondent(self, name: str) -> list[nodes.Node]:
        """A correspondent's page: Glossary entry, whereabouts, letters, mentions."""
        person = next(person for person in self.data.people if person.name == name)
        letters = data.letters_of(self.data, person, self.found)
        found: list[nodes.Node] = []
        if person.headword and (entry := Glossary(self.env).entry(person.headword)):
            docname, term_id, definition = entry
            found += [nodes.paragraph("", "", nodes.Text("Glossary: "),
                                      self.link(docname, term_id, nodes.Text(person.headword))),
                      nodes.container("", *definition, classes=["cm-glossary"])]
        found += self.whereabouts(person, letters)
        found += [nodes.rubric("", "Letters", classes=["cm-list-title"]), self.letter_list(letters)]
        found += self.mentioned_in(person)
        if not self.is_print:  # a way back to the list, where each page is a page (the PDF's are sections of it)
            found.append(nodes.paragraph("", "", self.link(CORRESPONDENTS_PAGE, "", nodes.Text("All correspondents")),
                                         classes=["cm-all"]))
        return found

    def letter_list(self, letters: list[data.Letter]) -> nodes.bullet_list:
        listing = nodes.bullet_list(classes=["cm-letters-list"])
        for letter in letters:
            item = nodes.paragraph("", "", *self.letter_line(letter))
            opening = first_lines(self.env).get(letter.selection.docname)
            quoted = [nodes.paragraph("", "", nodes.Text("First line: “"), *runs_to_nodes(opening),
                                      nodes.Text("”"), classes=["cm-first-line"])] if opening else []
            listing += nodes.list_item("", item, *quoted)
        return listing

    def mentioned_in(self, person: CorrespondentPage) -> list[nodes.Node]:
        """'Mentioned in: …': the selections that link the correspondent's Glossary entry."""
        term_id = term_ids(self.env).get(person.headword.lower()) if person.headword else None
        sources = sources_by_term(self.env).get(term_id, {}) if term_id else {}
        if not sources:
            return []
        paragraph = nodes.paragraph("", "", nodes.Text("Mentioned in: "), classes=["cm-mentioned"])
        for number, source in enumerate(sorted(sources)):
            paragraph += [nodes.Text("; ")] if number else []
            paragraph += self.link(source, sources[source], nodes.Text(self.env.titles[source].astext()))
        return [paragraph]

    def whereabouts(self, person: CorrespondentPage, letters: list[data.Letter]) -> list[nodes.Node]:
        """'Where, as the letters say: Novo-Bayazet (today Gavar), February 1928 – March 10, 1928 (on the map).'
        An addressee is where their letters went; a writer, where theirs were written."""
        seen: dict[str, list[data.Letter]] = {}
        for letter in letters:
            addressed = any(self.data.person(name) == person for name in letter.selection.addressees)
            for place in letter.addressee_at if addressed else letter.written_at:
                seen.setdefault(place.name, []).append(letter)
        if not seen:
            return [nodes.paragraph("", "The letters do not say where.", classes=["cm-where"])]
        paragraph = nodes.paragraph("", "", nodes.Text("Where, as the letters say: "), classes=["cm-where"])
        for number, (name, at) in enumerate(seen.items()):
            place = self.data.places[name]
            first, last = at[0].selection.date, at[-1].selection.date
            paragraph += [nodes.Text("; ")] if number else []
            paragraph += [self.link(MAP_PAGE, place.anchor, nodes.Text(place.label)),
                          nodes.Text(f", {first}" if first == last else f", {first} – {last}")]
        paragraph += nodes.Text(" (on the map).")
        return [paragraph]


class Glossary:
    """The Glossary's entries by headword: where they are and their definitions, to show them again."""

    def __init__(self, env: BuildEnvironment) -> None:
        self.env = env
        self.objects = env.domains.standard_domain.objects

    def entry(self, headword: str) -> tuple[str, str, list[nodes.Node]] | None:
        found = self.objects.get(("term", headword))  # the domain keeps a term as written
        if found is None:
            return None
        docname, term_id = found
        kept = definitions(self.env).get(docname, {}).get(headword)
        if kept is None:
            return None
        definition = kept.deepcopy()
        for node in definition.findall(nodes.Element):
            node["ids"] = []  # the entry's own anchors stay with the Glossary
        for node in definition.findall(addnodes.pending_xref):
            node["refdoc"] = self.env.docname  # its links resolved from this page, not the Glossary's
        return docname, term_id, list(definition.children)


def count_letters(count: int) -> str:
    return f"{count} selection{'' if count == 1 else 's'}"


def display_date(iso: str) -> str:
    """'1928-07-04/1928-07-12' -> 'July 4, 1928 – July 12, 1928'; '1928-02' -> 'February 1928'."""

    def one(part: str) -> str:
        if len(part) == 7:
            return datetime.date.fromisoformat(part + "-01").strftime("%B %Y")
        day = datetime.date.fromisoformat(part)
        return f"{day.strftime('%B')} {day.day}, {day.year}"

    return " – ".join(one(part) for part in iso.split("/"))


def markdown_runs(text: str) -> list[tuple[str, bool]]:
    """A quotation as the source has it, '*Pravda*' in italics: the book's emphasis kept, its
    quotes curled as Sphinx curls the text's (it does not see what is added here)."""
    parts = smartyPants(text, "q", "en").split("*")
    return [(part, number % 2 == 1) for number, part in enumerate(parts) if part]


def is_correspondence_page(env: BuildEnvironment, docname: str) -> bool:
    return bool(env.metadata.get(docname, {}).get("has_correspondence"))


