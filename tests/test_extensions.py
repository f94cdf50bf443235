"""The project's Sphinx extensions and the typography check, on small crafted inputs."""

from __future__ import annotations

from pathlib import Path

import pytest
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from tests.conftest import build_cleanly
from tools.__main__ import main
from tools.check.typography import check_paths, tex_text
from tools.edition.formats.capitals import book_names, in_capitals, sentence_case
from tools.edition.formats.fine_typography import tie

NBSP = "\u00a0"


def test_no_break_spaces_and_the_books_ellipsis() -> None:
    assert tie("I.N. Smirnov and V. I. Lenin") == f"I.N.{NBSP}Smirnov and V. I.{NBSP}Lenin"
    assert tie("see p. 41 and pp. 258–60") == f"see p.{NBSP}41 and pp.{NBSP}258–60"
    assert tie("wait and see . . . then...") == f"wait and see .{NBSP}.{NBSP}. then.{NBSP}.{NBSP}."
    assert tie(f"New York {NBSP} London") == "New York\u2003London"
    assert tie("two  spaces") == "two spaces"
    assert tie("the end. Then") == "the end. Then"  # a full stop is no initial


def test_typography_check_finds_each_fault(tmp_path: Path) -> None:
    page = tmp_path / "page.xhtml"
    page.write_text('<html><head><title>Lenin\'s "title"</title></head><body>'
                    "<p>Lenin's errors— real -- and  here</p><pre>code's \"fine\"</pre>"
                    "<p>Glossary – a spaced en dash; with —. a blank</p></body></html>", encoding="utf-8")
    codes = sorted(finding.code for finding in check_paths([tmp_path]))
    assert codes == ["TY001", "TY002", "TY003", "TY004"]


def test_typography_check_reads_tex_text_not_markup(tmp_path: Path) -> None:
    assert tex_text(r'a \index{""Master""@\spxentry{x}} b % it is a comment') == "a  b "
    tex = tmp_path / "book.tex"
    tex.write_text("\\documentclass{book}\n% it's the preamble\n\\begin{document}\n"
                   "\\label{\\detokenize{a--b}}Trotsky’s text\nit's straight\n\\end{document}\n",
                   encoding="utf-8")
    findings = check_paths([tex])
    assert [(f.line, f.code) for f in findings] == [(5, "TY001")]


def test_typography_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["typography", str(tmp_path / "not-built")]) == 2
    assert "build the book first" in capsys.readouterr().err
    (tmp_path / "good.xhtml").write_text("<p>Trotsky’s “text”</p>", encoding="utf-8")
    assert main(["typography", str(tmp_path)]) == 0
    (tmp_path / "bad.xhtml").write_text("<p>Trotsky's text</p>", encoding="utf-8")
    assert main(["typography", str(tmp_path)]) == 1
    assert "bad.xhtml:1: TY001 straight quote" in capsys.readouterr().out


NAMES = frozenset({"sokolnikov", "kamenev", "l.b."})


@pytest.mark.parametrize(("capitals", "sentence"), [
    ("I. LETTER FROM SOKOLNIKOV TO KAMENEV", "I. Letter from Sokolnikov to Kamenev"),
    ("II. FIVE YEARS OF SOCIAL-POLITICAL REACTION", "II. Five years of social-political reaction"),
    ("I. A 'BLOC' WITH THE RIGHTS", "I. A 'bloc' with the rights"),
    ("[KAMENEV'S ACCOUNT]", "[Kamenev's account]"),
    ("IV. KAMENEV’S ADDITIONS", "IV. Kamenev’s additions"),
    ("LETTER TO L.B. KAMENEV", "Letter to L.B. Kamenev"),
])
def test_headings_in_capitals_read_in_sentence_case_in_navigation(capitals: str, sentence: str) -> None:
    assert in_capitals(capitals) and sentence_case(capitals, NAMES) == sentence


def test_the_books_names_are_the_words_it_capitalises_within_a_sentence() -> None:
    text = ("He wrote to Kamenev. Then Kamenev left, and we met Kamenev again. The Right spoke; "
            "the right wing and the right road. Letters: a letter, the letter.")
    assert book_names(text) == {"kamenev"}  # "Right" once inside a sentence, "right" twice


@pytest.mark.parametrize("text", ["II", "Preface", "I. Letter", "AUCP and the ECCI"])
def test_only_headings_in_capitals_are_shown_in_small_capitals(text: str) -> None:
    assert not in_capitals(text)


# --- Typography and capitals in a build, on a test root (tests/roots/test-typography) -------------

@pytest.mark.sphinx("html", testroot="typography")
def test_the_text_is_tied_and_its_quotes_open_before_a_link(app: SphinxTestApp) -> None:
    """The transforms run on every page read: the words stay, only spaces and quotes change."""
    build_cleanly(app)
    first, link, _numeral = [p.astext() for p in app.env.get_doctree("letter").findall(nodes.paragraph)
                             if "dateline" not in p.parent["classes"]]
    assert first == (f"I.N.{NBSP}Smirnov wrote to E.{NBSP}van Overstraeten, see p.{NBSP}41 and pp.{NBSP}302–3. "
                     f"The book’s ellipsis .{NBSP}.{NBSP}. and the conversion’s one.{NBSP}.{NBSP}.")
    assert link == "He called it “a letter” in print."  # straight quotes would close before the link


@pytest.mark.sphinx("html", testroot="typography")
def test_capitals_in_small_capitals_in_the_text_and_sentence_case_in_navigation(app: SphinxTestApp) -> None:
    build_cleanly(app)
    page = (app.outdir / "letter.html").read_text(encoding="utf-8")
    assert '<span class="smallcaps">A LETTER FROM SOKOLNIKOV TO KAMENEV</span>' in page  # the words as printed
    assert '<span class="smallcaps">MOSCOW, JULY 9, 1928</span>' in page  # the dateline
    assert '<span class="smallcaps">II</span>' not in page  # a numeral is not words in capitals
    contents = [reference.astext() for reference in app.env.tocs["letter"].findall(nodes.reference)]
    # sentence case, the names the book capitalises kept (index.md)
    assert contents == ["A letter from Sokolnikov to Kamenev", "II"]


@pytest.mark.sphinx("latex", testroot="typography")
def test_capitals_in_the_pdf_are_small_capitals_with_a_sentence_case_bookmark(app: SphinxTestApp) -> None:
    build_cleanly(app)
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert (r"\texorpdfstring{\DUrole{smallcaps}{A LETTER FROM SOKOLNIKOV TO KAMENEV}}"
            r"{A letter from Sokolnikov to Kamenev}") in tex
