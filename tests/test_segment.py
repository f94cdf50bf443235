import pytest

from tools.core.errors import SourceError
from tools.importer.segment import check_structure, normalize_title, parse_contents, segment

MINI = """# TITLE PAGE

## Contents

<i>Preface</i>\t9
A letter\t11
Analogies with the past\t12
<i>Appendix A: A document</i>\t14
<i>Glossary</i>\t15
<i>Further reading</i>\t16
<i>Index</i>\t17

---

## *Preface*

Words.

# A letter

---

*May 1928*

Text.

### Analogy with the past

More text.

## A document

Appendix text.

# Glossary

**Term** – Meaning.

## Further reading

- Book.* 1970.

# Index

- Term, 15g

**BACK COVER**
""".split("\n")


def test_selections_follow_the_contents_not_heading_levels() -> None:
    variants = {"Analogies with the past": "Analogy with the past"}
    book = segment(MINI, "mini.txt", check_structure(MINI, "mini.txt", variants))
    assert [s.entry.title for s in book.selections] == [
        "Preface", "A letter", "Analogies with the past", "Appendix A: A document"]
    assert [s.part for s in book.selections] == ["front", "text", "text", "appendix"]
    assert [s.printed_title for s in book.selections][2:] == ["Analogy with the past", "A document"]
    assert [(s.entry.page, s.last_page) for s in book.selections] == [(9, 10), (11, 11), (12, 13), (14, 14)]
    # each selection's source lines run from its heading to the line before the next heading
    assert [(s.heading_line, s.end_line) for s in book.selections] == [(15, 18), (19, 26), (27, 30), (31, 34)]
    assert MINI[34] == "# Glossary"
    assert book.back_cover[0].text == "**BACK COVER**"
    assert [b.text for b in book.index] == ["- Term, 15g"]


def test_a_contents_entry_without_heading_is_an_error_with_its_line() -> None:
    with pytest.raises(SourceError, match="'Analogies with the past' has no heading in the text") as error:
        check_structure(MINI, "mini.txt", {})
    assert error.value.line == 7
    assert "title_variants.yaml" in error.value.hint


def test_contents_line_without_page_number() -> None:
    broken = [line.replace("\t11", "") for line in MINI]
    with pytest.raises(SourceError, match="without a page number"):
        parse_contents(broken, "mini.txt")


def test_missing_contents() -> None:
    with pytest.raises(SourceError, match="no '## Contents' heading"):
        check_structure(["# Just text"], "mini.txt", {})


def test_normalize_title_ignores_case_quotes_and_dash_spacing() -> None:
    assert normalize_title("# The Opposition's errors— real and alleged") == normalize_title(
        "The Opposition\u2019s errors\u2014real and alleged")
    assert normalize_title("## **B. The conciliatory tendency**") == "b. the conciliatory tendency"
