import json
from collections import Counter

from tests.conftest import chapter
from tools.importer.index_parser import index_words
from tools.importer.model import Change
from tools.importer.pipeline import ImportResult
from tools.importer.wordcheck import Span, check_words, markdown_words


def output_words(files: dict[str, str], book: ImportResult) -> Counter[str]:
    """The words of the book's text in `files`, as the importer's word check counts them (the
    edition's own pages, such as the correspondents', are not the book's words)."""
    words = Counter[str]()
    for name in book.book_text:
        words += markdown_words(files[name])
    return words + markdown_words(index_words(json.loads(files["glossary/printed-index.json"])))


def source_text() -> str:
    from tests.conftest import SOURCE
    return SOURCE.read_text(encoding="utf-8")


def per_file(book: ImportResult, files: dict[str, str]) -> list[tuple[Span, Counter[str]]]:
    return [(span, markdown_words(files[span.name])) for span in book.spans]


def test_real_book_passes(book: ImportResult) -> None:
    report = check_words(source_text(), output_words(book.files, book), book.changes, per_file(book, book.files))
    assert report.ok and report.files_checked == 51
    assert "each of 51 files against its own source lines: every word in place" in report.summary()


def test_a_dropped_sentence_fails(book: ImportResult) -> None:
    files = dict(book.files)
    name = next(n for n in files if "10-pyatakov" in n)
    sentence = "It's a new speed record. "
    assert sentence in files[name]
    files[name] = files[name].replace(sentence, "")
    report = check_words(source_text(), output_words(files, book), book.changes, per_file(book, files))
    assert not report.ok
    dropped = Counter({"It": 1, "s": 1, "a": 1, "new": 1, "speed": 1, "record": 1})
    assert report.unexplained_missing == dropped
    assert report.misplaced == {name: (dropped, Counter())}
    assert "missing from output (6 words)" in report.summary()
    assert f"{name} against its own source lines: missing " in report.summary()


def test_a_sentence_moved_to_another_selection_fails(book: ImportResult) -> None:
    """The whole book's words are all there, but not where the source has them."""
    files = dict(book.files)
    pyatakov = next(n for n in files if "10-pyatakov" in n)
    correspondents = next(n for n in files if "11-our-correspondents" in n)
    sentence = "It's a new speed record. "
    files[pyatakov] = files[pyatakov].replace(sentence, "")
    files[correspondents] += "\n" + sentence + "\n"
    report = check_words(source_text(), output_words(files, book), book.changes, per_file(book, files))
    assert not report.unexplained_missing and not report.unexplained_extra
    assert not report.ok and sorted(report.misplaced) == [pyatakov, correspondents]
    assert report.misplaced[correspondents][1] == Counter({"It": 1, "s": 1, "a": 1, "new": 1, "speed": 1, "record": 1})


def test_words_lost_in_one_selection_and_found_in_another_fail(book: ImportResult) -> None:
    files = dict(book.files)
    pyatakov = next(n for n in files if "10-pyatakov" in n)
    correspondents = next(n for n in files if "11-our-correspondents" in n)
    files[pyatakov] = files[pyatakov].replace("speed record.", "speed.", 1)
    files[correspondents] = files[correspondents].rstrip("\n") + " record\n"
    report = check_words(source_text(), output_words(files, book), book.changes, per_file(book, files))
    assert not report.unexplained_missing and not report.unexplained_extra
    assert report.misplaced == {pyatakov: (Counter(record=1), Counter()),
                                correspondents: (Counter(), Counter(record=1))}


def test_each_file_against_its_own_lines() -> None:
    source = "Title one\nAlpha beta.\nTitle two\nGamma delta."
    errata = Change("errata", 4, "delta", "Delta")
    spans = [(Span("one.md", 1, 2), Counter(Title=1, one=1, Alpha=1)),
             (Span("two.md", 3, 4), Counter(Title=1, two=1, Gamma=1, Delta=1, beta=1))]
    report = check_words(source, sum((words for _, words in spans), Counter()), [errata], spans)
    assert not report.unexplained_missing and not report.unexplained_extra
    assert report.misplaced == {"one.md": (Counter(beta=1), Counter()), "two.md": (Counter(), Counter(beta=1))}


def test_an_invented_word_fails(book: ImportResult) -> None:
    files = dict(book.files)
    name = next(n for n in files if "10-pyatakov" in n)
    files[name] = chapter(book, "10-pyatakov").replace("speed record", "speed world record")
    assert check_words(source_text(), output_words(files, book), book.changes).unexplained_extra == Counter(world=1)


def test_markup_is_not_words() -> None:
    text = ("---\ntitle: Not counted\n---\n\n# Title\n\n:::{container} headnote\nSee {term}`Klim <Voroshilov, K.>`"
            "[^1]\n:::\n\n```{toctree}\n:caption: Hidden\nchapters/x\n```\n\n[^1]: Note.\n")
    assert markdown_words(text) == Counter(Title=1, See=1, Klim=1, Note=1)


def test_changes_explain_differences() -> None:
    joined = Change("hyphen-joined", 1, "support- ing", "supporting")
    report = check_words("support- ing", Counter(supporting=1), [joined])
    assert report.ok and report.rule_words["hyphen-joined"] == 3
