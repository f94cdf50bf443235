"""Paragraph anchors (tools/edition/letter_page/paragraphs.py): p1… for the author's text, h1… for the
headnote, s1… for the note on the source, counted without gaps on every selection's page."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from tests.conftest import ROOT, SELECTIONS, Built, build_cleanly
from tools.edition.letter_page.paragraphs import anchor_of
from tools.importer.pipeline import ImportResult

# a paragraph may carry classes before its id (the PDF's keep-together marks: the site ignores them)
ANCHOR = re.compile(r'<p (?:class="[^"]*" )?id="([phs])(\d+)"')


def anchors(html: str) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {"p": [], "h": [], "s": []}
    for prefix, number in ANCHOR.findall(html):
        found[prefix].append(int(number))
    return found


def test_every_selection_numbers_its_paragraphs_without_gaps(built: Built) -> None:
    pages = sorted((built.html / "chapters").glob("*.html"))
    assert len(pages) == 51
    for page in pages:
        found = anchors(page.read_text(encoding="utf-8"))
        for prefix, numbers in found.items():
            assert numbers == list(range(1, len(numbers) + 1)), (page.name, prefix, numbers[:10])
        assert found["p"], page.name  # every selection has text of its own


def test_headnote_and_source_note_are_numbered_apart(built: Built) -> None:
    html = (built.html / "chapters" / "05-problems-of-the-international-opposition-two-letters.html"
            ).read_text(encoding="utf-8")
    found = anchors(html)
    assert found["h"] == [1, 2, 3, 4, 5] and found["s"] == [1]
    headnote = html[html.index('class="headnote'):html.index('class="source-note')]
    assert 'id="h1"' in headnote and 'id="p1"' not in headnote


# --- Stable: the same anchors after a re-import and after another build ------------------------

STABLE_SAMPLE = ("05-problems-of-the-international-opposition-two-letters", "25-radeks-theses",
                 "40-crisis-in-the-right-center-bloc")
ANCHORED = re.compile(r'<p (?:class="[^"]*" )?id="([phs]\d+)">(.*?)</p>', re.S)


def anchored_openings(html: str) -> list[tuple[str, str]]:
    """(anchor, the paragraph's first three words) of every numbered paragraph of a page."""
    found = []
    for anchor, inner in ANCHORED.findall(html):
        words = re.sub(r"<[^>]+>|[^\w\s]", "", inner).split()[:3]
        found.append((anchor, " ".join(words)))
    return found


def test_a_reimport_writes_the_same_markdown_so_the_same_anchors(book: ImportResult) -> None:
    """The ids are counted from the Markdown alone; the importer, run again, writes it unchanged."""
    chapters = sorted(name for name in book.files if name.startswith("chapters/"))
    assert len(chapters) == SELECTIONS
    changed = [name for name in chapters if book.files[name] != (ROOT / name).read_text(encoding="utf-8")]
    assert changed == []


def test_another_build_gives_every_paragraph_the_same_anchor(built: Built, tmp_path: Path) -> None:
    """A second, separate build of a few selections alone (no glossary, no other pages, other
    extensions) numbers their paragraphs as the book's build did."""
    project = tmp_path / "project"
    (project / "chapters").mkdir(parents=True)
    for stem in STABLE_SAMPLE:
        shutil.copy(ROOT / "chapters" / f"{stem}.md", project / "chapters")
    (project / "glossary").mkdir()  # the index entries' extension reads the printed Index's data
    shutil.copy(ROOT / "glossary" / "printed-index.json", project / "glossary")
    (project / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nroot_doc = {('chapters/' + STABLE_SAMPLE[0])!r}\n"
        'extensions = ["myst_parser", "tools.edition.finding.index_directive",'
        ' "tools.edition.letter_page.paragraphs"]\n'
        'myst_enable_extensions = ["colon_fence"]\n', encoding="utf-8")
    subprocess.run([str(ROOT / ".venv/bin/sphinx-build"), "-b", "html", "-q", str(project), str(tmp_path / "html")],
                   check=True, capture_output=True)
    for stem in STABLE_SAMPLE:
        again = anchored_openings((tmp_path / "html" / "chapters" / f"{stem}.html").read_text(encoding="utf-8"))
        first = anchored_openings((built.html / "chapters" / f"{stem}.html").read_text(encoding="utf-8"))
        assert len(first) > 20 and again == first, stem


# --- The part alone, on a test root (tests/roots/test-paragraphs) --------------------------------

@pytest.mark.sphinx("html", testroot="paragraphs")
def test_each_part_of_a_selection_is_numbered_apart(app: SphinxTestApp) -> None:
    """The test root's selection has a dateline, two headnote paragraphs, a source note inside the
    headnote (as the importer writes it), three paragraphs of text and a note: the dateline and the
    note get no anchor, the source note is counted apart from the headnote around it."""
    build_cleanly(app)
    doctree = app.env.get_doctree("chapters/01-a-letter")
    numbered = [(anchor_of(paragraph), paragraph.astext()) for paragraph in doctree.findall(nodes.paragraph)]
    assert numbered == [
        (None, "March 17, 1928"),
        ("h1", "The headnote’s first paragraph."),
        ("h2", "The headnote’s second paragraph."),
        ("s1", "The note on the source."),
        ("p1", "The text’s first paragraph."),
        ("p2", "The text’s second paragraph, with a note.1"),
        ("p3", "The text’s third paragraph."),
        (None, "The note, which has no anchor of its own."),
    ]
    page = (app.outdir / "chapters" / "01-a-letter.html").read_text(encoding="utf-8")
    assert anchors(page) == {"p": [1, 2, 3], "h": [1, 2], "s": [1]}


@pytest.mark.sphinx("html", testroot="paragraphs")
def test_pages_outside_the_selections_are_not_numbered(app: SphinxTestApp) -> None:
    build_cleanly(app)
    assert [anchor_of(p) for p in app.env.get_doctree("index").findall(nodes.paragraph)] == [None]
