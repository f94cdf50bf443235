"""The imported book builds as an HTML site with warnings as errors."""

import re
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from tests.conftest import (
    ROOT,
    Built,
    build_cleanly,
    footnotes_of,
    glossary_entries_mentioned,
    glossary_headwords,
    works_in_bibliography,
)


@pytest.fixture(scope="session")
def html(built: Built) -> Path:
    """The site as `make book` builds it (-W --keep-going -n), once for the session."""
    return built.html


def test_every_selection_has_a_page(html: Path) -> None:
    assert len(list((html / "chapters").glob("*.html"))) == 51


def test_apparatus_is_marked_for_styling(html: Path) -> None:
    page = (html / "chapters" / "10-pyatakov-a-politically-finished-man.html").read_text()
    assert 'class="dateline' in page and 'class="headnote' in page and 'class="source-note' in page


def test_glossary_terms_and_see_links(html: Path) -> None:
    page = (html / "glossary" / "index.html").read_text()
    assert page.count('<dt id="term-') == len(glossary_headwords())
    assert 'href="#term-Ter-Vaganyan-V."' in page


def test_appendix_footnotes(html: Path) -> None:
    page = (html / "chapters" / "49-appendix-a-bukharin-kamenev-meeting.html").read_text()
    assert page.count('class="footnote-reference') == footnotes_of("49-")


def test_glossary_entries_say_where_they_are_mentioned(html: Path) -> None:
    page = (html / "glossary" / "index.html").read_text()
    entry = page.split('id="term-Zinoviev-G."')[1].split("</dd>")[0]
    assert "Mentioned in: " in entry  # each to the paragraph of the mention
    assert re.search(r'href="../chapters/07-to-a-few-exiled-friends.html#[phs]\d+"', entry)
    assert page.count('class="mentioned-in') == glossary_entries_mentioned()


def mentioned_in(page: str, term_id: str) -> list[str]:
    """The pages an entry's "Mentioned in" links to (each link leads to a paragraph of the page)."""
    entry = page.split(f'id="{term_id}"')[1].split("</dd>")[0]
    found = re.search(r'class="mentioned-in.*?</p>', entry, re.S)
    return re.findall(r'href="([^"#]*)(?:#[phs]\d+)?"', found[0]) if found else []


@pytest.mark.parametrize(("term_id", "sources"), [
    ("term-Lenin-s-Testament", ["29-who-is-leading-the-comintern-today",
                                "31-max-eastman-a-friend-of-the-october-revolution"]),
    ("term-T-an-P-ing-shan", ["29-who-is-leading-the-comintern-today"]),
    ("term-Bonaparte-Napoleon-III", ["29-who-is-leading-the-comintern-today",
                                     "36-the-danger-of-bonapartism-and-the-oppositions-role"]),
    ("term-Sedov-S.", ["02-preface", "07-to-a-few-exiled-friends", "18-preobrazhenskys-proposal"]),
])
def test_mentioned_in_for_terms_with_quotes_and_namesakes(html: Path, term_id: str, sources: list[str]) -> None:
    page = (html / "glossary" / "index.html").read_text()
    assert mentioned_in(page, term_id) == [f"../chapters/{source}.html" for source in sources]


def test_mentioned_in_counts_works_that_are_glossary_terms_but_not_the_glossary(html: Path) -> None:
    page = (html / "glossary" / "index.html").read_text()
    assert "../chapters/04-appeal-of-the-deportees.html" in mentioned_in(page, "term-Contre-le-courant")
    links = re.findall(r'class="mentioned-in.*?</p>', page, re.S)
    assert links and not any('href="#' in found or 'href="index.html' in found or 'href=""' in found
                             for found in links)


def test_index_lands_on_paragraphs_in_the_right_selections(html: Path) -> None:
    page = (html / "genindex.html").read_text()
    alsky = page.split('<li id="ix-alsky-m">')[1].split("</li>")[0]
    appeal = r'href="chapters/04-appeal-of-the-deportees.html#p\d+">Appeal of the deportees, p.\u00a040<'
    assert re.search(appeal, alsky)
    assert 'href="chapters/18-preobrazhenskys-proposal.html#p2"' in alsky


def test_works_cited_and_letters_resolve(html: Path) -> None:
    page = (html / "chapters" / "18-preobrazhenskys-proposal.html").read_text()
    assert 'href="../glossary/works-cited.html#cite-trotsky-my-life"' in page
    cited = (html / "glossary" / "works-cited.html").read_text()
    assert 'id="cite-trotsky-my-life"' in cited
    intro = (html / "chapters" / "03-introduction.html").read_text()
    assert 'href="17-the-oppositions-errors-real-and-alleged.html"' in intro


def test_works_cited_keep_the_case_of_their_titles(html: Path) -> None:
    """Every title of references.bib stands on the Works cited page as it is spelled there
    ('The Militant', not the 'plain' style's sentence case 'The militant')."""
    cited = (html / "glossary" / "works-cited.html").read_text()
    bib = (ROOT / "references.bib").read_text()
    titles = [t.replace("---", "—").replace("--", "–") for t in re.findall(r"\btitle = \{\{(.+?)\}\}", bib, re.S)]
    assert len(titles) == len(re.findall(r'<li id="cite-', cited)) == works_in_bibliography()
    assert [title for title in titles if title not in cited] == []
    assert "The militant" not in cited and "New international" not in cited


def test_index_heading_colon_lines_nest_their_sub_entries(html: Path) -> None:
    page = (html / "genindex.html").read_text()
    assert not re.search(r"Trotsky, L\.: health|Bourgeoisie: domestic|Leadership: crisis", page)
    trotsky = page.split('<li id="ix-trotsky-l">')[1].split("</ul>")[0]
    assert ">deportation of</span>" in trotsky and ">health of</span>" in trotsky
    bourgeoisie = page.split('<li id="ix-bourgeoisie">')[1].split("</ul>")[0]
    assert ">domestic</span>" in bourgeoisie and ">international</span>" in bourgeoisie


# --- "Mentioned in" alone, on a test root (tests/roots/test-mentions) ------------------------------

def mentions_of(page: str) -> dict[str, list[str]]:
    """{term id: the links of its "Mentioned in", page and paragraph} of a built glossary page."""
    found = {}
    for term_id, entry in re.findall(r'<dt id="(term-[^"]+)"(.*?)</dd>', page, re.S):
        listed = re.search(r'<p class="mentioned-in">Mentioned in: (.*?)</p>', entry, re.S)
        found[term_id] = re.findall(r'href="([^"]+)"', listed[1]) if listed else []
    return found


@pytest.mark.sphinx("html", testroot="mentions")
def test_each_entry_lists_the_selections_that_mention_it_in_book_order(app: SphinxTestApp) -> None:
    """The test root's letters: "To friends" names Zinoviev and Kamenev in its first paragraph; "To a
    comrade" names Kamenev and Bukharin twice in its second (the first mention is linked). Kamenev's
    own entry links to Zinoviev: the glossary's links are not mentions. Nobody names Trotsky."""
    build_cleanly(app)
    page = (app.outdir / "glossary" / "index.html").read_text(encoding="utf-8")
    assert mentions_of(page) == {
        "term-Bukharin-N.": ["../chapters/02-to-a-comrade.html#p2"],
        "term-Kamenev-L.": ["../chapters/01-to-friends.html#p1", "../chapters/02-to-a-comrade.html#p2"],
        "term-Trotsky-L.": [],
        "term-Zinoviev-G.": ["../chapters/01-to-friends.html#p1"],
    }
