import json
from collections import Counter

from tests.conftest import chapter
from tools.importer.model import Change
from tools.importer.pipeline import ImportResult
from tools.importer.printed_index import index_words
from tools.importer.wordcheck import check_words, markdown_words


def output_words(files: dict[str, str]) -> Counter[str]:
    words = Counter[str]()
    for name, text in files.items():
        if name.endswith(".md"):
            words += markdown_words(text)
    return words + markdown_words(index_words(json.loads(files["glossary/printed-index.json"])))


def source_text() -> str:
    from tests.conftest import SOURCE
    return SOURCE.read_text(encoding="utf-8")


def test_real_book_passes(book: ImportResult) -> None:
    assert check_words(source_text(), output_words(book.files), book.changes).ok


def test_a_dropped_sentence_fails(book: ImportResult) -> None:
    files = dict(book.files)
    name = next(n for n in files if "10-pyatakov" in n)
    sentence = "It's a new speed record. "
    assert sentence in files[name]
    files[name] = files[name].replace(sentence, "")
    report = check_words(source_text(), output_words(files), book.changes)
    assert not report.ok
    assert report.unexplained_missing == Counter({"It": 1, "s": 1, "a": 1, "new": 1, "speed": 1, "record": 1})
    assert "missing from output (6 words)" in report.summary()


def test_an_invented_word_fails(book: ImportResult) -> None:
    files = dict(book.files)
    name = next(n for n in files if "10-pyatakov" in n)
    files[name] = chapter(book, "10-pyatakov").replace("speed record", "speed world record")
    assert check_words(source_text(), output_words(files), book.changes).unexplained_extra == Counter(world=1)


def test_markup_is_not_words() -> None:
    text = ("---\ntitle: Not counted\n---\n\n# Title\n\n:::{container} headnote\nSee {term}`Klim <Voroshilov, K.>`"
            "[^1]\n:::\n\n```{toctree}\n:caption: Hidden\nchapters/x\n```\n\n[^1]: Note.\n")
    assert markdown_words(text) == Counter(Title=1, See=1, Klim=1, Note=1)


def test_changes_explain_differences() -> None:
    joined = Change("hyphen-joined", 1, "support- ing", "supporting")
    report = check_words("support- ing", Counter(supporting=1), [joined])
    assert report.ok and report.rule_words["hyphen-joined"] == 3
