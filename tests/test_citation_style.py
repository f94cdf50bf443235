"""“Cite this selection”: the notes of tools/edition/exports/chicago.py against expectations written
from The Chicago Manual of Style (17th ed.), not from the output: 14.106 (a chapter of a
single-author book: the book's author not repeated), 14.111 (a letter in a published collection:
writer to recipient, place, date), 14.110 (a part written by others than the book's author:
"by" the author after the book's title), 14.103–4 ("trans." after the chapter, "ed." after the
book), 14.76 (two authors joined by "and"; four or more "et al."), 8.159 (headline-style
titles), 9.61 (inclusive pages abbreviated), 6.119 (no comma after a title's "?"), and the
paragraph pages that letter_page/print_pages.py derives from the page breaks the importer found.
"""

from __future__ import annotations

import pytest

from tools.edition.exports.chicago import (
    Book,
    Cited,
    as_html,
    as_text,
    bibliography_entry,
    headline_case,
    headnote_note,
    page_range,
    selection_note,
    with_address,
)
from tools.edition.letter_page.print_pages import break_positions, pages_between

BOOK = Book(title="The Challenge of the Left Opposition (1928–29)", author="Leon Trotsky", editor="Naomi Allen",
            place="New York", publisher="Pathfinder Press", year="1981")
SITE = "https://example.org/chapters/"
IN_THE_BOOK = "in The Challenge of the Left Opposition (1928–29)"
PUBLISHED = "ed. Naomi Allen (New York: Pathfinder Press, 1981)"

LETTER = Cited(title="‘Pravda’ sounds the alarm", kind="letter", authors=("Leon Trotsky",), date="March 5, 1928",
               addressees=("Lev Sosnovsky",), written_at="Alma-Ata", translator="Marilyn Vogt")
ARTICLE = Cited(title="Who is leading the Comintern today?", kind="article", authors=("Leon Trotsky",),
                date="September 1928", written_at="Alma-Ata", translator="perhaps Max Eastman; John G. Wright")
APPEAL = Cited(title="Appeal of the deportees", kind="appeal", authors=("Leon Trotsky and others",),
               date="January 1928", addressees=("Presidium of the ECCI",), written_at="Moscow",
               translator="Jeff White; L. Hall and Marilyn Vogt (points 1 and 12)")
JOINT = Cited(title="Appendix A: Bukharin-Kamenev meeting", kind="appendix", authors=("G. Sokolnikov", "L. Kamenev"),
              date="July 11, 1928", addressees=("L. Kamenev", "G. Zinoviev"), written_at="Moscow",
              translator="George Saunders")
APPENDIX = Cited(title="Appendix B: Philosophical tendencies of bureaucratism", kind="appendix",
                 authors=("Leon Trotsky",), date="December 1928", written_at="Alma-Ata", translator="George Saunders")
INTRODUCTION = Cited(title="Introduction", kind="front-matter", authors=("Naomi Allen",))


def note(cited: Cited, pages: str, url: str) -> str:
    return as_text(with_address(selection_note(cited, BOOK, pages), url))


def test_a_letter_names_writer_recipient_place_and_date() -> None:
    assert note(LETTER, "61–68", SITE + "08.html") == (
        "Leon Trotsky to Lev Sosnovsky, Alma-Ata, March 5, 1928, “‘Pravda’ Sounds the Alarm,” trans. Marilyn "
        f"Vogt, {IN_THE_BOOK}, {PUBLISHED}, 61–68, {SITE}08.html.")


def test_an_article_by_the_books_author_does_not_repeat_him() -> None:
    assert note(ARTICLE, "227–265", SITE + "29.html") == (
        "Leon Trotsky, “Who Is Leading the Comintern Today?” September 1928, trans. perhaps Max Eastman; John G. "
        f"Wright, {IN_THE_BOOK}, {PUBLISHED}, 227–65, {SITE}29.html.")
    assert "in Leon Trotsky" not in note(ARTICLE, "227–265", SITE)


def test_joint_documents_join_two_authors_and_shorten_many() -> None:
    assert note(JOINT, "475–489", SITE + "49.html") == (
        "G. Sokolnikov and L. Kamenev, “Bukharin-Kamenev Meeting,” July 11, 1928, trans. George Saunders, "
        f"{IN_THE_BOOK}, by Leon Trotsky, {PUBLISHED}, 475–89, {SITE}49.html.")
    assert note(APPEAL, "29–40", SITE + "04.html") == (
        "Leon Trotsky et al., “Appeal of the Deportees,” January 1928, trans. Jeff White; L. Hall and Marilyn Vogt "
        f"(points 1 and 12), {IN_THE_BOOK}, {PUBLISHED}, 29–40, {SITE}04.html.")


def test_an_appendix_is_cited_by_its_title_without_its_place_in_the_book() -> None:
    assert note(APPENDIX, "490–516", SITE + "50.html") == (
        "Leon Trotsky, “Philosophical Tendencies of Bureaucratism,” December 1928, trans. George Saunders, "
        f"{IN_THE_BOOK}, {PUBLISHED}, 490–516, {SITE}50.html.")


def test_a_paragraph_of_the_editors_headnote_is_credited_to_the_editors() -> None:
    cited = as_text(with_address(headnote_note(LETTER, BOOK, "62"), SITE + "08.html#h2"))
    assert cited == (f"The editors, headnote to “‘Pravda’ Sounds the Alarm,” by Leon Trotsky, {IN_THE_BOOK}, "
                     f"{PUBLISHED}, 62, {SITE}08.html#h2.")
    assert not cited.startswith("Leon Trotsky")


def test_the_introduction_is_its_writers() -> None:
    assert note(INTRODUCTION, "13–28", SITE + "03.html") == (
        "Naomi Allen, introduction to The Challenge of the Left Opposition (1928–29), by Leon Trotsky, "
        f"{PUBLISHED}, 13–28, {SITE}03.html.")


def test_the_books_title_is_set_as_a_title_and_escaped() -> None:
    marked = as_html(with_address(selection_note(LETTER, BOOK, "63"), SITE + "08.html?a=1&b=2"))
    assert "<cite>The Challenge of the Left Opposition (1928–29)</cite>" in marked
    assert '<span class="edition-cite-pages">63</span>' in marked
    assert f'<span class="edition-cite-url">{SITE}08.html?a=1&amp;b=2</span>' in marked
    tricky = Cited(title="<script>", kind="article", authors=("A & B",))
    assert "<script>" not in as_html(selection_note(tricky, BOOK, ""))
    assert as_text(bibliography_entry(BOOK)) == ("Trotsky, Leon. The Challenge of the Left Opposition (1928–29). "
                                                 "Edited by Naomi Allen. New York: Pathfinder Press, 1981.")


@pytest.mark.parametrize(("title", "expected"), [
    ("The law of zigzags remains in force", "The Law of Zigzags Remains in Force"),
    ("Max Eastman: a friend of the October revolution", "Max Eastman: A Friend of the October Revolution"),
    ("A heart-to-heart talk with a well-meaning party member",
     "A Heart-to-Heart Talk with a Well-Meaning Party Member"),
    ("What to expect from the Sixth Congress", "What to Expect from the Sixth Congress"),
    ("Marxism and the relation between proletarian and peasant revolution",
     "Marxism and the Relation between Proletarian and Peasant Revolution"),
    ("Too conciliatory a line", "Too Conciliatory a Line"),
    ("The danger of Bonapartism and the Opposition’s role", "The Danger of Bonapartism and the Opposition’s Role"),
    ("What is the ‘smychka’?", "What Is the ‘Smychka’?"),
    ("Summary of charges against Trotsky", "Summary of Charges against Trotsky"),
    ("The AUCP in 1928", "The AUCP in 1928"),
])
def test_titles_in_headline_style(title: str, expected: str) -> None:
    assert headline_case(title) == expected


@pytest.mark.parametrize(("pages", "expected"), [
    ("71–72", "71–72"), ("100–104", "100–104"), ("101–108", "101–8"), ("321–328", "321–28"),
    ("498–532", "498–532"), ("1087–1089", "1087–89"), ("1496–1504", "1496–504"), ("11564–11615", "11564–615"),
    ("12991–13001", "12991–3001"), ("808–833", "808–33"), ("474", "474")])
def test_inclusive_pages_abbreviated(pages: str, expected: str) -> None:
    assert page_range(pages) == expected


def test_a_paragraphs_pages_from_the_page_breaks_found() -> None:
    text = "aaaa" + "secondpagestartsherewithwords" + "bbbb"
    assert break_positions(text, ["second page starts here with"]) == [4]
    assert break_positions(text, ["short"]) == []  # too short to be told apart: not used
    assert break_positions(text, ["second page", "second page"]) == [4]  # the second is not found after the first
    # pages 10–11, the one break found: each paragraph's page is known
    assert pages_between(0, 3, [4], 10, 11) == "10"
    assert pages_between(0, 10, [4], 10, 11) == "10–11"
    assert pages_between(5, 9, [4], 10, 11) == "11"
    # pages 10–12 with one break found: a paragraph after it is on 11 or 12, one before it on 10 or 11
    assert pages_between(5, 9, [4], 10, 12) == "11–12"
    assert pages_between(0, 3, [4], 10, 12) == "10–11"
