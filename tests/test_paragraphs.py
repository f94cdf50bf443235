"""Paragraph anchors (tools/extensions/paragraphs.py): p1… for the author's text, h1… for the
headnote, s1… for the note on the source, counted without gaps on every selection's page."""

from __future__ import annotations

import re

from conftest import Built

ANCHOR = re.compile(r'<p id="([phs])(\d+)"')


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
