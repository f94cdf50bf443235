"""Pass 6, render: chapters, glossary and index data as MyST Markdown and JSON."""

from __future__ import annotations

import re

import yaml

from ..core.source_text import TAG, alnum
from .annotate import Chapter, heading_level, heading_text, parse_date
from .glossary import GlossaryEntry
from .model import Block
from .provenance import provenance

HARD_BREAK = re.compile(r" {2,}\n")


def slugify(title: str) -> str:
    """'Pyatakov: a politically finished man' -> 'pyatakov-a-politically-finished-man'."""
    words = re.findall(r"[a-z0-9]+", title.lower().replace("'", "").replace("\u2019", ""))
    return "-".join(words)


def chapter_path(number: int, title: str) -> str:
    return f"chapters/{number:02d}-{slugify(title)}.md"


def paragraph(block: Block) -> str:
    """A block as Markdown; the source's two-space hard breaks become backslashes."""
    return HARD_BREAK.sub("\\\n", block.text.rstrip())


def container(css_class: str, inner: list[str], fence: str = ":::") -> str:
    return f"{fence}{{container}} {css_class}\n" + "\n\n".join(inner) + f"\n{fence}"


def front_matter(fields: dict) -> str:
    body = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{body}---\n"


PAGE_START = 24  # letters and digits that tell a page's first words apart (as the corrections' context)


def first_words(line: str) -> str:
    """The first words of a source line, as many as hold PAGE_START letters and digits, without
    markup: where a print page begins, for the build to find again (letter_page/print_pages.py)."""
    words: list[str] = []
    for word in TAG.sub("", line).replace("*", "").replace("\\", "").split():
        words.append(word)
        if len(alnum(" ".join(words))) >= PAGE_START:
            break
    return " ".join(words)


def chapter_fields(chapter: Chapter, curated: dict) -> dict:
    selection = chapter.selection
    fields: dict = {"title": selection.entry.title}
    if "short_title" in curated:
        fields["short_title"] = curated["short_title"]  # the Index's locators name the selection so
    if selection.printed_title != selection.entry.title and not selection.entry.title.endswith(
            ": " + selection.printed_title):
        fields["printed_title"] = selection.printed_title  # as printed above the text, to the letter
    fields["part"] = selection.part
    first, last = selection.entry.page, selection.last_page
    fields["pages"] = f"{first}–{last}" if last and last > first else str(first)
    if selection.page_breaks:  # where a print page begins inside a paragraph: a cited paragraph's page
        fields["page_breaks"] = selection.page_breaks
    if chapter.dateline:
        printed, iso = parse_date(chapter.dateline) or (chapter.dateline, None)
        fields["date"] = printed
        fields["date_iso"] = iso
    for key in ("kind", "author", "addressee", "addressee_place", "written_at"):
        if key in curated:
            fields[key] = curated[key]
    fields.update(provenance(chapter.source_note.text if chapter.source_note else None, curated))
    fields["source_line"] = selection.heading_line
    return fields


def index_directive(entries: list[str]) -> str:
    return "```{index-entries}\n" + "\n".join(entries) + "\n```"


def render_blocks(blocks: list[Block], index_entries: dict[int, list[str]], placed: set[int]) -> list[str]:
    """Headings at their level, paragraphs, each preceded by its index entries.

    A paragraph split in parts (headnote and source note) shares its source line:
    its index entries go before one part only (`placed` remembers).
    """
    parts = []
    for block in blocks:
        if block.line in index_entries and block.line not in placed:
            parts.append(index_directive(index_entries[block.line]))
            placed.add(block.line)
        heading = heading_text(block)
        if heading is not None:
            parts.append("#" * heading_level(heading) + " " + heading)
        else:
            parts.append(paragraph(block))
    return parts


def render_chapter(chapter: Chapter, curated: dict) -> str:
    parts = [front_matter(chapter_fields(chapter, curated)) + f"\n# {chapter.selection.entry.title}"]
    if chapter.dateline:
        parts.append(container("dateline", [chapter.dateline]))
    placed: set[int] = set()
    if chapter.source_note:
        at, note = chapter.source_note_at, chapter.source_note
        inner = render_blocks(chapter.headnote[:at], chapter.index_entries, placed)
        # A paragraph split into headnote and source note has its index entries at the headnote's part.
        shared = any(block.line == note.line for block in chapter.headnote)
        inner.append(container("source-note", render_blocks([note], {} if shared else chapter.index_entries, placed)))
        inner += render_blocks(chapter.headnote[at:], chapter.index_entries, placed)
        parts.append(container("headnote", inner, fence="::::"))
    parts.extend(render_blocks(chapter.body, chapter.index_entries, placed))
    return "\n\n".join(parts) + "\n"


def render_glossary(title: str, preamble: list[Block], entries: list[GlossaryEntry],
                    definitions: list[str], cross_references: list[str]) -> str:
    lines = [f"# {title}", ""]
    if cross_references:  # the printed Index's "See" entries have no page of their own
        lines += [index_directive(cross_references), ""]
    lines += [paragraph(block) + "\n" for block in preamble]
    lines.append("```{glossary}")
    for entry, definition in zip(entries, definitions, strict=True):
        lines += [entry.headword, f"  {definition}", ""]
    lines[-1] = "```"
    return "\n".join(lines) + "\n"


def render_page(title: str, blocks: list[Block]) -> str:
    return f"# {title}\n\n" + "\n\n".join(paragraph(block) for block in blocks) + "\n"


