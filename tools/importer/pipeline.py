"""The importer's passes, wired together: source text in, files (as text) out."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from english_words import get_english_words_set

from ..core import schema
from ..core.build_data import CORRECTIONS, EDITION_NOTES, NAME_ALIASES, PRINTED_INDEX, TEXT_POINTERS, json_data
from ..core.errors import SourceError
from . import annotate, consistency, glossary, index_parser, link, render, repair, usage
from .correspondence import CorrespondenceData, FrontMatter, correspondence_files
from .errata_places import errata_places
from .model import Block, Book, Change, Selection
from .segment import check_structure, segment
from .source import read_lines
from .wordcheck import Span, WordReport, check_words, markdown_words

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
# The edition's own words, curated by its editors: written into the front page (the build
# inserts no file: file inclusion is refused, so that no page can publish a file of the machine
# that builds it); the word check leaves them out, as they are not the book's.
EDITION_NOTE = "edition-note.md"
WELCOME = "welcome.md"  # what the book is, for a first-time reader, before the print edition's title pages
CORRESPONDENTS_INTRO = "correspondents-intro.md"  # what the Correspondents page says above its list
GLOSSARY = "glossary/index.md"
# The word list that decides a hyphenation the book cannot: Webster's Second and the GNU
# Collaborative International Dictionary of English, as packaged (pinned) by english-words.
WORD_LISTS = ("web2", "gcide")
TOCTREE_PARTS = (("front", "Front matter"), ("text", "Letters, articles and declarations, 1928–29"),
                 ("appendix", "Appendices"))


@dataclass
class Curated:
    """The editors' data files."""

    errata: list[dict]
    as_printed: list[dict]  # words that look like slips, kept as printed
    edition_notes: list[dict]  # notes of this edition, beside a Glossary entry
    title_variants: dict[str, str]
    hyphenation: dict[str, str]
    page_breaks: list[dict]
    selections: dict[str, dict]
    glossary_see: dict[tuple[str, str], str]
    aliases: list[dict]
    works: list[dict]
    volume_references: list[dict]
    text_pointers: list[dict]  # for the build alone: checked here, written into the project
    edition_note: str  # Markdown: the note on this edition, on the front page
    welcome: str  # Markdown: what the book is, at the head of the front page
    correspondence: CorrespondenceData  # places, descriptions, events, correspondents: for the build alone
    data_dir: Path = DATA_DIR  # where they were read: named in the messages about their entries
    # headwords of the book's glossary/index.md as it stands: an entry added there by hand (CONTRIBUTING)
    # is one an alias may name, though the print edition lacks it
    added_headwords: frozenset[str] = frozenset()


@dataclass
class ImportResult:
    files: dict[str, str]
    changes: list[Change]
    words: WordReport
    links: link.LinkReport
    spans: list[Span]  # the source lines each chapter renders, for the word check
    counts: Counter[str] = field(default_factory=Counter)
    # the Markdown whose words are the book's, which the word check counts (not the edition's own pages)
    book_text: frozenset[str] = frozenset()


def load_curated(data_dir: Path = DATA_DIR) -> Curated:
    """The data files, each checked against its schema (tools/core/schema.py)."""
    def load(name: str) -> list[dict]:
        return schema.load_data(data_dir / name, schema.SCHEMAS[name])
    return Curated(
        errata=load("errata.yaml"),
        as_printed=load("as_printed.yaml"),
        edition_notes=load("edition_notes.yaml"),
        title_variants={e["contents"]: e["printed"] for e in load("title_variants.yaml")},
        hyphenation={e["word"].lower(): e["decision"] for e in load("hyphenation.yaml")},
        page_breaks=load("page_breaks.yaml"),
        selections={e["title"]: e for e in load("selections.yaml")},
        glossary_see={(e["from"], e["see"]): e["target"] for e in load("glossary_see.yaml")},
        aliases=load("aliases.yaml"),
        works=load("works.yaml"),
        volume_references=load("volume_references.yaml"),
        text_pointers=load("text_pointers.yaml"),
        edition_note=(data_dir / EDITION_NOTE).read_text(encoding="utf-8").strip(),
        welcome=(data_dir / WELCOME).read_text(encoding="utf-8").strip(),
        correspondence=CorrespondenceData(
            load("places.yaml"), load("place_descriptions.yaml"), load("events.yaml"), load("correspondents.yaml"),
            (data_dir / CORRESPONDENTS_INTRO).read_text(encoding="utf-8").strip(), data_dir),
        data_dir=data_dir,
        added_headwords=frozenset(book_headwords(data_dir.parent.parent / GLOSSARY)),
    )


def book_headwords(path: Path) -> set[str]:
    """The headwords of the glossary page in the tree (none where there is no such page)."""
    return glossary.written_headwords(path.read_text(encoding="utf-8")) if path.is_file() else set()


def load_word_list() -> frozenset[str]:
    """The English word list, in lower case; the same on every machine (a pinned package's data)."""
    return frozenset(get_english_words_set(WORD_LISTS, lower=True))


def repair_blocks(blocks: list[Block], evidence: repair.Evidence, path: str) -> tuple[list[Block], list[Change]]:
    """The repair passes, in order, over one part of the book."""
    blocks, lifted = repair.lift_page_footnotes(blocks, path)
    blocks = repair.drop_rules(blocks)
    blocks, rejoined = repair.rejoin_page_breaks(blocks, evidence, path)
    blocks, emphasis = repair.repair_broken_emphasis(blocks)
    return repair.unescape(blocks), lifted + rejoined + emphasis


def title_change(selection: Selection) -> Change:
    return Change("title-from-contents", selection.heading_line, selection.printed_title,
                  selection.entry.title)


BACK_MATTER = ("glossary/index", "glossary/chronology", "glossary/map", "glossary/timeline",
               "glossary/correspondents", "glossary/further-reading", "glossary/works-cited", "glossary/corrections")


TITLE_HEADING, COPYRIGHT = "## **The Challenge", "Copyright"


def first_starting(blocks: list[Block], prefix: str, path: str) -> int:
    """Index of the first block starting with `prefix`; bad input if none does."""
    found = next((n for n, block in enumerate(blocks) if block.text.startswith(prefix)), None)
    if found is None:
        raise SourceError(path, blocks[0].line if blocks else 1, f"the title pages have no block starting "
                          f"{prefix!r}", "the front page is built from the heading between the half-title "
                          "and the title page ('## **The Challenge ...**') and the copyright page "
                          "('Copyright © ...') before the Contents")
    return found


def render_welcome(chapter_paths: list[tuple[Selection, str]], welcome: str) -> str:
    """What the book is, where to start reading and the downloads (tools/edition/formats/front_page.py):
    the first thing a reader meets, before the print edition's title pages. Like the note on the
    edition, the words are the edition's own (an `edition-welcome` container, not word-checked)."""
    paths = {part: [path.removesuffix(".md") for selection, path in chapter_paths if selection.part == part]
             for part in ("front", "text")}
    # the first letter, and the front matter's last piece (the editor's Introduction) before it
    start = f"```{{start-reading}}\n:first: {paths['text'][0]}\n:introduction: {paths['front'][-1]}\n```"
    return render.container("edition-welcome", [welcome, start])


def render_root(book: Book, chapter_paths: list[tuple[Selection, str]], path: str, curated: Curated) -> str:
    """The front page: what the book is and where to start, the print edition's title and
    copyright pages, a note on this edition, the contents, and the back cover."""
    title_blocks = repair.drop_rules(book.title_page)
    # The heading between the print edition's half-title and its title page titles the front page;
    # the pages themselves stay apart, as printed (the PDF sets each on a page of its own).
    heading_at = first_starting(title_blocks, TITLE_HEADING, path)
    heading = title_blocks[heading_at]
    page_blocks = [b if not b.text.startswith("#") else Block(b.line, "**" + b.text.lstrip("# *")
                   .rstrip("*") + "**") for b in title_blocks if b is not heading]
    copyright_start = first_starting(page_blocks, COPYRIGHT, path)
    parts = [f"# {heading.text.lstrip('# *').rstrip('*')}", render_welcome(chapter_paths, curated.welcome),
             render.container("half-title", [render.paragraph(b) for b in page_blocks[:heading_at]]),
             render.container("title-page", [render.paragraph(b) for b in page_blocks[heading_at:copyright_start]]),
             render.container("copyright-page", [render.paragraph(b) for b in page_blocks[copyright_start:]]),
             curated.edition_note]
    for part, caption in TOCTREE_PARTS:
        entries = [path.removesuffix(".md") for selection, path in chapter_paths if selection.part == part]
        parts.append(f"```{{toctree}}\n:caption: {caption}\n:maxdepth: 1\n\n" + "\n".join(entries) + "\n```")
    parts.append("```{toctree}\n:caption: Back matter\n:maxdepth: 1\n\n" + "\n".join(BACK_MATTER) + "\n```")
    parts.append(render.container("back-cover", [render.paragraph(b) for b in book.back_cover]))
    return "\n\n".join(parts) + "\n"


def run_import(source: Path, curated: Curated) -> ImportResult:
    """Read, segment, repair, annotate, link and render the whole book, in memory."""
    path = str(source)
    original = read_lines(source)
    layout = check_structure(original, path, curated.title_variants)  # a damaged source, before any data
    usage.check_titles(layout, curated.data_dir, curated.selections, curated.title_variants)
    consistency.check_errata(curated.data_dir / "errata.yaml", curated.errata, original)
    lines, changes = repair.apply_errata(original, curated.errata, str(curated.data_dir / "errata.yaml"), path)
    usage.check_as_printed(curated.data_dir, curated.as_printed, lines)
    book = segment(lines, path, layout)
    evidence = repair.Evidence(repair.word_counts("\n".join(lines)), curated.hyphenation,
                               repair.check_paragraph_decisions(lines, curated.page_breaks, path,
                                                                str(curated.data_dir / "page_breaks.yaml")),
                               load_word_list())
    changes.append(Change("contents-as-toctree", book.contents_blocks[0].line,
                          "\n".join(b.text for b in book.contents_blocks), ""))
    chapters = []
    for selection in book.selections:
        selection.blocks, repaired = repair_blocks(selection.blocks, evidence, path)
        selection.page_breaks = [render.first_words(lines[change.line - 1])
                                 for change in repaired if change.rule in repair.PAGE_BREAK_RULES]
        selection.blocks, notes = annotate.appendix_notes(selection.blocks)
        selection.blocks, datelines = annotate.heading_datelines(selection.blocks)
        changes += repaired + notes + datelines + [title_change(selection)]
        file_path = render.chapter_path(selection.number, selection.entry.title)
        metadata = curated.selections[selection.entry.title]
        chapter = annotate.split_apparatus(selection, path, "undated" in metadata, metadata.get("source_note_ends"))
        changes += chapter.changes
        chapters.append((chapter, file_path))

    glossary_blocks, repaired = repair_blocks(book.glossary, evidence, path)
    changes += repaired
    preamble, entries = glossary.parse_glossary(glossary_blocks, path)
    entries, separators = glossary.drop_separators(entries)
    changes += separators
    headwords = [entry.headword for entry in entries]
    consistency.check_aliases(curated.data_dir / "aliases.yaml", curated.aliases,
                              [*headwords, *curated.added_headwords], [c.selection.entry.title for c, _ in chapters])
    usage.check_edition_notes(curated.data_dir, curated.edition_notes, headwords)
    definitions = [glossary.resolve_see(e, headwords, curated.glossary_see, path) for e in entries]
    usage.check_glossary_see(curated.data_dir, curated.glossary_see, entries)
    usage.check_hyphenation(curated.data_dir, curated.hyphenation, changes, evidence)
    index_entries, page_numbers = index_parser.parse_index(book.index)
    changes += page_numbers + [Change("index-as-data", book.index[0].line, "Index", "")]

    works = link.Works(curated.works)
    links = link.link_book([(chapter, Path(file_path).stem) for chapter, file_path in chapters],
                           entries, definitions, index_entries, curated.aliases, works,
                           curated.volume_references)
    definitions = [works.link(definition, links) for definition in definitions]
    files: dict[str, str] = {}
    for chapter, file_path in chapters:
        files[file_path] = render.render_chapter(chapter, curated.selections[chapter.selection.entry.title])
    files[GLOSSARY] = render.render_glossary(
        "Glossary", preamble, entries, definitions, link.cross_reference_entries(index_entries, links))
    reading, repaired = repair_blocks(book.further_reading, evidence, path)
    changes += repaired
    reading = [Block(b.line, works.link(b.text, links)) for b in reading]
    files["glossary/further-reading.md"] = render.render_page("Further reading", reading)
    files[PRINTED_INDEX] = json_data(index_entries)
    book.back_cover, removed = repair.drop_print_artefacts(book.back_cover)
    changes += removed
    files["index.md"] = render_root(book, [(chapter.selection, p) for chapter, p in chapters], path, curated)

    usage.check_aliases(curated.data_dir, curated.aliases, links)
    usage.check_works(curated.data_dir, "\n".join(files.values()), curated.works)
    words_of = {name: markdown_words(text) for name, text in files.items() if name.endswith(".md")}
    output = markdown_words(index_parser.index_words(index_entries))
    for counted in words_of.values():
        output.update(counted)  # in place: `sum` of Counters copies the total at each step
    spans = [Span(p, chapter.selection.heading_line, chapter.selection.end_line or chapter.selection.heading_line)
             for chapter, p in chapters]
    report = check_words("\n".join(original), output, changes, [(s, words_of[s.name]) for s in spans])
    counts = Counter(selections=len(book.selections), glossary_entries=len(entries),
                     index_entries=len(index_entries),
                     footnotes=sum(text.count("\n[^") for text in files.values()))
    # the build's data, after the text checks: its JSON is not the book's text
    files[CORRECTIONS] = errata_places(original, lines, curated.errata, files)
    files[NAME_ALIASES] = json_data([{"alias": alias["alias"], "headword": alias["headword"]}
                                     for alias in curated.aliases])
    files[TEXT_POINTERS] = json_data(curated.text_pointers)
    files[EDITION_NOTES] = json_data(curated.edition_notes)
    letters = [FrontMatter(path, files[path], curated.selections[chapter.selection.entry.title])
               for chapter, path in chapters if chapter.selection.part != "front"]
    files.update(correspondence_files(curated.correspondence, letters, headwords, original))
    files["reports/import.txt"] = import_report(report, changes, counts, curated.as_printed)
    files["reports/cross-references.txt"] = link.summary(links)
    return ImportResult(files, changes, report, links, spans, counts, frozenset(words_of))


def import_report(words: WordReport, changes: list[Change], counts: Counter[str], as_printed: list[dict]) -> str:
    """What the importer did: counts, the word check per rule, every correction."""
    lines = [", ".join(f"{key}: {value}" for key, value in sorted(counts.items())), "", words.summary(), "",
             "Corrections from tools/data/errata.yaml:"]
    lines += [f"  line {c.line}: {c.removed!r} -> {c.added!r}" for c in changes if c.rule == "errata"]
    lines += ["", "Kept as printed (tools/data/as_printed.yaml):"]
    lines += [f"  line {entry['line']}: {entry['text']!r}" for entry in as_printed]
    lines += ["", "Print artefacts removed from the back cover (print-artefact-removed):"]
    lines += [f"  line {c.line}: {c.removed!r}" for c in changes if c.rule == "print-artefact-removed"]
    lines += ["", "Words hyphenated across a page break:"]
    lines += [f"  line {c.line}: {c.removed!r} -> {c.added!r} ({c.rule})"
              for c in changes if c.rule.startswith("hyphen-")]
    lines += ["", "Titles from the Contents where the heading above the text differs:"]
    lines += [f"  line {c.line}: {c.removed!r} -> {c.added!r}"
              for c in changes if c.rule == "title-from-contents" and c.removed != c.added]
    return "\n".join(lines) + "\n"

