"""`python -m tools diff`: crafted pull requests and the reports a reviewer reads."""

import os
import re
import runpy
import shutil
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import ROOT, SELECTIONS, Built
from tools.__main__ import main
from tools.core.markdown import parser
from tools.diff import review
from tools.diff.compare import ReadingChange, Side
from tools.diff.print_edition import ERRATA, PrintEdition, erratum_for, import_print_edition
from tools.diff.reading import Reader, plain_words
from tools.importer.wordcheck import Span

CHAPTER = "chapters/05-problems-of-the-international-opposition-two-letters.md"
TITLE = "### Problems of the International Opposition (two letters)"
ERRATUM = '- line: 415\n  old: "breaking away"\n  new: "breaking off"\n  reason: "a crafted slip"\n  kind: conversion\n'


def with_erratum(text: str) -> str:
    """errata.yaml with ERRATUM in its place: the entries stand in line order."""
    at = text.index("- line: 537\n")
    return text[:at] + ERRATUM + text[at:]


IMPORTS: dict[str, PrintEdition] = {}


@pytest.fixture(autouse=True)
def one_import_per_errata(monkeypatch: pytest.MonkeyPatch) -> None:
    """The print edition imported once per errata file, not once per test: the crafted pull requests
    share the source text (the importer's own tests cover the import)."""
    def imported(root: Path) -> PrintEdition:
        errata = (root / ERRATA).read_text(encoding="utf-8")
        if errata not in IMPORTS:
            IMPORTS[errata] = import_print_edition(root)
        return IMPORTS[errata]
    monkeypatch.setattr(review, "import_print_edition", imported)


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@t", *args],
                          check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A project with one chapter, the source text and the editors' data, committed as `main`."""
    for name in ("conf.py", CHAPTER, "source/challenge-1928-29.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "tools" / "data", tmp_path / "tools" / "data")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "base")
    git(tmp_path, "checkout", "-qb", "pull-request")
    return tmp_path


def edit(root: Path, name: str, change: Callable[[str], str]) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert change(text) != text, f"the crafted change does not apply to {name}"
    path.write_text(change(text), encoding="utf-8")


def report(root: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The report for the pull request, committed, against main (the default base)."""
    git(root, "commit", "-qam", "the pull request")
    capsys.readouterr()
    assert main(["diff", "--root", str(root)]) == 0
    return capsys.readouterr().out


def test_one_word_of_the_text_without_an_erratum_is_flagged(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, CHAPTER, lambda text: text.replace("the breaking away of", "the breaking off of"))
    found = report(repo, capsys)
    assert ("> ⚠ **1 change departs from the print edition without an errata entry** (“Problems of the "
            "International Opposition (two letters)”: p1). Add an entry to `tools/data/errata.yaml`") in found
    assert (f"{TITLE}\n\n`{CHAPTER}`\n\n**Author's text**\n\n| ¶ | Before | After | Print edition |\n"
            "|---|---|---|---|\n"
            "| p1 | … clearly that the breaking ~~away~~ of the capitulators (Zinoviev … "
            "| … clearly that the breaking **off** of the capitulators (Zinoviev … "
            "| ⚠ **departs, no errata entry** |\n") in found
    assert "Markup" not in found and "Other files" not in found


def test_one_word_with_its_erratum_is_covered(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, CHAPTER, lambda text: text.replace("the breaking away of", "the breaking off of"))
    edit(repo, "tools/data/errata.yaml", with_erratum)
    found = report(repo, capsys)
    assert "> ✓ Every changed word agrees with the print edition" in found
    assert ("| p1 | … clearly that the breaking ~~away~~ of the capitulators (Zinoviev … "
            "| … clearly that the breaking **off** of the capitulators (Zinoviev … "
            "| ✓ errata, line 415: breaking away → breaking off |\n") in found
    assert "### Errata (`tools/data/errata.yaml`)\n\n- added: line 415: breaking away → breaking off" in found


def test_erratum_not_yet_imported_is_reported(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, "tools/data/errata.yaml", with_erratum)
    found = report(repo, capsys)
    assert f"- ⚠ `{CHAPTER}` does not read breaking off yet: run `python -m tools import`" in found


def test_headnote_fix(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, CHAPTER, lambda text: text.replace("The second letter is addressed", "The second letter was addressed"))
    found = report(repo, capsys)
    assert ("**Headnote**\n\n| ¶ | Before | After | Print edition |\n|---|---|---|---|\n"
            "| h5 | … Kamenev. The second letter ~~is~~ addressed to an unidentified … "
            "| … Kamenev. The second letter **was** addressed to an unidentified … "
            "| ⚠ **departs, no errata entry** |\n"
            ) in found
    assert "**Author's text**" not in found


def test_links_only(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, CHAPTER, lambda text: text.replace("{term}`Souvarine <Souvarine, B.>` group", "Souvarine group")
         .replace("and Hugo Urbahns;", "and Hugo {term}`Urbahns <Urbahns, H.>`;"))
    found = report(repo, capsys)
    assert found == ("## What changes for readers\n\nCompared with `" + git(repo, "rev-parse", "main")[:12]
                     + "`: 1 page of the book changed.\n\n" + TITLE + f"\n\n`{CHAPTER}`\n\n"
                     "**Markup only** (no word a reader reads changed), not shown word by word: "
                     "links: 1 added (h3), 1 removed (h2).\n")


def test_new_paragraph_anchor(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, CHAPTER, lambda text: text.replace("\nWe must not lose even a minute",
                                                  "\n(not-a-minute-to-lose)=\n\nWe must not lose even a minute"))
    found = report(repo, capsys)
    assert ("**Markup only** (no word a reader reads changed), not shown word by word: "
            "anchors: 1 added `(not-a-minute-to-lose)=` (p42).") in found


def test_metadata_new_paragraph_and_emphasis(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, CHAPTER, lambda text: text.replace("date: January 1928", "date: February 1928")
         .replace("We must not lose even a minute", "A new paragraph.\n\nWe must *not* lose even a minute"))
    found = report(repo, capsys)
    assert "| date | January 1928 | February 1928 |" in found
    assert "| p42 | — | **A new paragraph.** | ⚠ **departs" in found
    assert "| p43 | We must ~~not~~ lose even a minute, … | We must ***not*** lose even a minute, … | ⚠" in found


GLOSSARY = "glossary/index.md"
ISHCHENKO = "Ishchenko, A.\n  – A Left Oppositionist exiled to Kainsk in 1928.\n\n"


def test_a_glossary_entry_added_by_hand_is_an_addition(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """CONTRIBUTING's route for an entry the print edition lacks is this edition's addition; a word
    changed in a printed entry still departs."""
    git(repo, "checkout", "-q", "main")
    (repo / "glossary").mkdir()
    shutil.copy(ROOT / GLOSSARY, repo / GLOSSARY)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "the glossary")
    git(repo, "checkout", "-qB", "pull-request")
    edit(repo, GLOSSARY, lambda text: text.replace("\nJacobins\n", "\n" + ISHCHENKO + "Jacobins\n", 1))
    found = report(repo, capsys)
    assert ("> ＋ **1 addition by this edition**, not the print edition's words (“Glossary”: ¶69): review them "
            "as the edition's own.") in found
    assert ("| ¶69 | — | **Ishchenko, A. – A Left Oppositionist exiled to Kainsk in 1928.** "
            "| ＋ added by this edition (not in the print edition) |") in found
    assert "departs" not in found
    edit(repo, GLOSSARY, lambda text: text.replace("Jacobins\n  The most radical", "Jacobins\n  The more radical", 1))
    found = report(repo, capsys)
    assert "> ⚠ **1 change departs from the print edition without an errata entry** (“Glossary”: ¶70)" in found
    assert "> ＋ **1 addition by this edition**" in found


def test_bad_base_is_a_clear_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "no-such-commit", "--root", str(repo)]) == 2
    assert "error: 'no-such-commit' is not a commit here: give a branch, tag or commit" in capsys.readouterr().err


@pytest.mark.skipif(os.geteuid() != 0, reason="giving the clone to another user needs root (as in CI's container)")
def test_git_refusing_the_clone_is_shown_in_gits_words(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """A container job checks out as another user than the one that runs git: git's own message says so."""
    subprocess.run(["chown", "-R", "1001:1001", str(repo)], check=True)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))  # no safe.directory of this machine's
    assert main(["diff", "--root", str(repo)]) == 2
    error = capsys.readouterr().err
    assert "detected dubious ownership in repository" in error and "safe.directory" in error
    subprocess.run(["git", "config", "--global", "--add", "safe.directory", str(repo)], check=True)
    assert main(["diff", "--root", str(repo)]) == 0  # what the workflow does before the diff


class Anchors(HTMLParser):
    """The text of each numbered paragraph of a built page."""

    def __init__(self) -> None:
        super().__init__()
        self.current: str | None = None
        self.in_mark = False
        self.text: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        anchor = dict(attrs).get("id") or ""
        if tag == "p" and re.fullmatch(r"[phs]\d+", anchor):
            self.current = anchor
            self.text[anchor] = ""
        if "correction-mark" in (dict(attrs).get("class") or ""):  # the "c" after a corrected name
            self.in_mark = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self.current = None
        if tag == "a":
            self.in_mark = False

    def handle_data(self, data: str) -> None:
        if self.current and not self.in_mark:
            self.text[self.current] += data


def first_words(text: str) -> list[str]:
    """The first words, without what the build adds or turns (list numbers, note numbers, quotes)."""
    text = re.sub(r"^\d+\. |\[\d+\]", "", " ".join(text.split())).translate(str.maketrans("“”‘’", "\"\"''"))
    return re.findall(r"\w+", text)[:6]


def test_paragraph_anchors_are_the_builds(built: Built) -> None:
    """The report's p12, h3, s1 are the ids of the built book's paragraphs (tools/edition/letter_page/paragraphs.py)."""
    reader = Reader(parser(runpy.run_path(str(ROOT / "conf.py"))))
    chapters = sorted((ROOT / "chapters").glob("*.md"))
    assert len(chapters) == SELECTIONS
    for chapter in chapters:
        reading = reader.read(chapter.read_text(encoding="utf-8"), numbered=True)
        ours = {p.anchor: first_words(plain_words(p.words)) for p in reading.paragraphs
                if re.fullmatch(r"[phs]\d+", p.anchor)}
        page = Anchors()
        page.feed((built.html / "chapters" / f"{chapter.stem}.html").read_text(encoding="utf-8"))
        assert ours == {anchor: first_words(text) for anchor, text in page.text.items()}, chapter.name


def test_renamed_page_and_an_index_entry(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    renamed = CHAPTER.replace("05-problems", "05-the-problems")
    git(repo, "mv", CHAPTER, renamed)
    edit(repo, renamed, lambda text: text.replace("single: Anarchism\n", ""))
    found = report(repo, capsys)
    assert f"`{renamed}`, renamed from `{CHAPTER}`" in found
    assert "not shown word by word: index entries: 1 removed (h1)." in found


def test_a_quote_typed_curly_is_no_change_for_readers(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The build curls straight quotes (smartquotes): typing them either way changes nothing a reader sees."""
    edit(repo, CHAPTER, lambda text: text.replace('"Trotskyism"', "“Trotskyism”"))
    assert ": no pages of the book changed.\n" in report(repo, capsys)


def test_of_two_errata_on_one_word_the_one_around_the_change_is_named() -> None:
    """"Slepko" is corrected on two lines of one selection: each change names its own entry."""
    def words(text: str) -> tuple:
        return tuple(((word, 0),) for word in text.split())

    errata = [{"line": 3177, "old": "Slepko, Sten", "new": "Slepkov, Sten", "reason": "r"},
              {"line": 3179, "old": "Uglanov and Slepko has", "new": "Uglanov and Slepkov has", "reason": "r"}]
    side = Side(words("allusion to Uglanov and"), words("Slepkov"), words("has proved erroneous."), True, True)
    before = Side(side.lead, words("Slepko"), side.tail, True, True)
    change = ReadingChange("p19", before, side, 0, 1)
    assert erratum_for(change, Span("chapters/40", 3100, 3300), errata) == errata[1]
    assert erratum_for(change, Span("chapters/40", 3180, 3300), errata) is None  # not on its lines


def test_front_matter_with_a_yaml_alias_is_refused_unread() -> None:
    """A pull request's alias bomb in front matter is not expanded into the report."""
    bomb = "---\ntitle: &a [x, x]\nkind: [*a, *a, *a]\n---\n\n# Page\n\nText.\n"
    reader = Reader(parser(runpy.run_path(str(ROOT / "conf.py"))))
    assert reader.read(bomb, True).metadata == {"front matter (YAML anchor or alias, refused)": "line 2"}
