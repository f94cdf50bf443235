"""Links into the text: the headnotes' pointers ("point 6", "the last paragraph") from
tools/data/text_pointers.yaml, and "Mentioned in" on the glossary, which leads to the paragraph
of the first mention (tools/edition/letter_page/text_pointers.py, mentions.py)."""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, Built
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

from tools.core.build_data import TEXT_POINTERS
from tools.core.errors import Stopped
from tools.edition.letter_page.text_pointers import TextPointer, load_pointers, problem_with

POINTER_LINK = re.compile(r'<a class="text-pointer reference internal" href="#([phs]\d+)">([^<]*)</a>')


def test_every_pointer_of_the_data_is_a_link_to_its_paragraph(built: Built) -> None:
    pointers = load_pointers(ROOT / TEXT_POINTERS)
    assert len(pointers) >= 25
    linked = {}
    for page in (built.html / "chapters").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        for anchor, words in POINTER_LINK.findall(text):
            assert re.search(rf'<p (?:class="[^"]*" )?id="{anchor}">', text), (page.name, anchor)
            linked[(page.stem, html.unescape(words))] = anchor
    assert linked == {(pointer.selection, pointer.phrase): pointer.paragraph for pointer in pointers}
    with zipfile.ZipFile(built.epub) as epub:  # the EPUB has them too
        radek = epub.read("chapters/25-radeks-theses.xhtml").decode("utf-8")
    assert POINTER_LINK.findall(radek)[0] == ("p7", "point 6")


def crafted_page() -> nodes.document:
    document = new_document("crafted.md", get_default_settings(Parser))
    headnote = nodes.container(classes=["headnote"])
    headnote += nodes.paragraph("", "", nodes.Text("Shvarts, named in point 2, is in point 22 and point 2 again."))
    headnote += nodes.paragraph("", "", nodes.Text("See "), nodes.reference("", "point 3", refuri="x.html"),
                                nodes.Text(" and the last paragraph."))
    document += headnote
    for anchor, words in (("p1", "First of all, the theses say"), ("p2", "The characterization of Shvarts")):
        document += nodes.paragraph("", words, ids=[anchor])
    return document


def pointer(phrase: str, paragraph: str = "p2", starts: str = "The characterization") -> TextPointer:
    return TextPointer("25-radeks-theses", phrase, paragraph, starts, "crafted")


def test_a_pointer_becomes_a_link_and_no_word_changes() -> None:
    document = crafted_page()
    before = document.astext()
    assert problem_with(document, pointer("the last paragraph")) is None
    (link,) = [node for node in document.findall(nodes.reference) if "text-pointer" in node["classes"]]
    assert link["refid"] == "p2" and link.astext() == "the last paragraph"
    assert document.astext() == before


@pytest.mark.parametrize(("wrong", "message"), [
    (pointer("point 2"), "“point 2” stands 2 times in the headnote, not once"),
    (pointer("point 3"), "“point 3” stands 0 times"),  # only inside a link
    (pointer("point 4"), "“point 4” stands 0 times"),
    (pointer("point 22", paragraph="p9"), "the page has no paragraph p9"),
    (pointer("point 22", paragraph="p1"),
     "paragraph p1 begins “First of all, the theses say”, not “The characterization”"),
])
def test_a_stale_pointer_says_what_is_wrong(wrong: TextPointer, message: str) -> None:
    document = crafted_page()
    problem = problem_with(document, wrong)
    assert problem is not None and problem.startswith(message)
    assert not [node for node in document.findall(nodes.reference) if "text-pointer" in node["classes"]]


def test_bad_pointer_data_is_a_clear_error(tmp_path: Path) -> None:
    data = tmp_path / "text_pointers.yaml"
    data.write_text("- selection: 25-radeks-theses\n  phrase: point 6\n  paragraph: p7\n  starts: The\n",
                    encoding="utf-8")
    with pytest.raises(Stopped, match=r"text_pointers.yaml:1: entry 1: Object missing required field reason"):
        load_pointers(data)


# --- "Mentioned in" leads to the paragraph ----------------------------------------------------

ENTRY = re.compile(r'<dt id="(term-[^"]+)"(.*?)(?=<dt id=|</dl>)', re.S)
MENTIONED_IN = re.compile(r'Mentioned in: (.*?)</p>', re.S)  # the label is plain text: italics are the book's


def test_mentioned_in_leads_to_the_paragraph_of_the_mention(built: Built) -> None:
    glossary = (built.html / "glossary" / "index.html").read_text(encoding="utf-8")
    entries = dict(ENTRY.findall(glossary))
    # "The Shvarts mentioned in point 6" is the headnote's second paragraph
    assert 'href="../chapters/25-radeks-theses.html#h2"' in entries["term-Shvarts"]
    pages: dict[str, str] = {}
    landed, elsewhere = 0, []
    for term_id, entry in entries.items():
        mentioned = MENTIONED_IN.search(entry)
        for href in re.findall(r'href="\.\./(chapters/[^"#]+)#([phs]\d+)"', mentioned.group(1) if mentioned else ""):
            page, anchor = href
            if page not in pages:  # each page read once (setdefault would read it for every link)
                pages[page] = (built.html / page).read_text(encoding="utf-8")
            text = pages[page]
            paragraph = re.search(rf'<p (?:class="[^"]*" )?id="{anchor}">(.*?)</p>', text, re.S)
            assert paragraph, (term_id, page, anchor)
            if f'index.html#{term_id}"' in paragraph.group(1):
                landed += 1
            else:
                elsewhere.append((term_id, page, anchor))
    assert landed > 850
    # the exceptions: the work's title links to Works cited, which mentions the term too
    assert {term_id for term_id, _page, _anchor in elsewhere} == {"term-Contre-le-courant"}
