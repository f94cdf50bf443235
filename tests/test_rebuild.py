"""What a contributor's rebuild does (the preview's loop), on a small crafted project with the book's conf.py
and extensions: nothing changed, nothing read and no "The configuration has changed"; one page edited, that
page alone read again, and the Glossary written again with its "Mentioned in" up to date; the pages gathered
from every page (the Glossary, the Works cited, the Index) left as they are when the edit changes nothing
they show, and written again when it does. No timing here: `python -m tools.bench` measures the speed,
beside plain Sphinx."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, edit
from test_attacks import book_skeleton

import tools.edition as edition

PAGES = {
    "index.md": "# A small book\n\n```{toctree}\nchapters/01-a-letter\nglossary/terms\nglossary/works-cited\n```\n",
    "chapters/01-a-letter.md": "# A letter\n\nA word on {term}`Bukharin <Bukharin, N.>`.\n",
    # not glossary/index: the book's Glossary there gets the notes of this edition, for entries it lacks here
    "glossary/terms.md": "# Glossary\n\n```{glossary}\nBukharin, N.\n  – A Bolshevik.\n\n"
                         "Rykov, A.\n  – Another Bolshevik.\n```\n",
    "glossary/works-cited.md": "# Works cited\n\n```{bibliography}\n:list: bullet\n"
                               ":filter: type != \"periodical\"\n```\n",
    "references.bib": "@book{marx-herr-vogt,\n  author = {Karl Marx},\n  title = {{Herr Vogt}},\n  year = {1860},\n}\n",
}
GATHERED = ("glossary/terms.html", "glossary/works-cited.html", "genindex.html")
READ = re.compile(r"^reading sources\.\.\. \[\s*\d+%\] (\S+)$", re.M)
WRITTEN = re.compile(r"^writing output\.\.\. \[\s*\d+%\] (\S+)$", re.M)


def build(root: Path, out: Path, builder: str = "html") -> str:
    """Sphinx as the Makefile runs it, without -q: its report of what it read and wrote, one line per page.
    NO_COLOR, since Sphinx colours its report under CI=true (as CI sets it) and then writes its progress as
    one line redrawn with terminal codes."""
    done = subprocess.run([str(ROOT / ".venv/bin/sphinx-build"), "-M", builder, str(root), str(out), "-W",
                           "--keep-going", "-n"], capture_output=True, text=True, check=False,
                          env={**os.environ, "NO_COLOR": "1"})
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return done.stdout + done.stderr


@pytest.fixture(scope="module")
def small_book(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("rebuild") / "book"
    root.mkdir()
    book_skeleton(root)
    (root / "tools").unlink()  # a copy of the edition, with its bytecode, for the last test to edit
    shutil.copytree(ROOT / "tools", root / "tools", ignore=shutil.ignore_patterns("node_modules"))
    with (root / "conf.py").open("a", encoding="utf-8") as conf:  # the headnotes' pointers name the book's pages
        conf.write('\nsuppress_warnings = ["edition.text-pointer"]\n')
    for name, text in PAGES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    out = root.parent / "build"
    build(root, out)
    return root, out


def mentioned_in(out: Path, term_id: str) -> str:
    """The "Mentioned in" line of a Glossary entry ('' for none)."""
    html = (out / "html" / "glossary" / "terms.html").read_text(encoding="utf-8")
    entry = html.split(f'id="{term_id}"', 1)[1].split("</dd>", 1)[0]
    return entry.split("Mentioned in", 1)[1] if "Mentioned in" in entry else ""


def test_an_unchanged_rebuild_reads_and_writes_nothing(small_book: tuple[Path, Path]) -> None:
    output = build(*small_book)
    assert "The configuration has changed" not in output
    assert "0 added, 0 changed, 0 removed" in output
    assert READ.findall(output) == [] and WRITTEN.findall(output) == []


def test_an_edit_is_read_alone_and_the_glossary_written_again(small_book: tuple[Path, Path]) -> None:
    root, out = small_book
    assert mentioned_in(out, "term-Rykov-A.") == ""
    chapter = root / "chapters" / "01-a-letter.md"
    edit(chapter, chapter.read_text(encoding="utf-8") + "\nAnd one on {term}`Rykov <Rykov, A.>`.\n")
    output = build(root, out)
    assert READ.findall(output) == ["chapters/01-a-letter"]
    assert {"chapters/01-a-letter", "glossary/terms"} <= set(WRITTEN.findall(output))
    assert "A letter" in mentioned_in(out, "term-Rykov-A.")
    assert "The configuration has changed" not in output


def written_state(out: Path) -> dict[str, tuple[int, str]]:
    """Each gathered page's modification time and text."""
    pages = [out / "html" / name for name in GATHERED]
    return {page.name: (page.stat().st_mtime_ns, page.read_text(encoding="utf-8")) for page in pages}


def test_an_edit_that_changes_nothing_gathered_leaves_those_pages_as_they_were(
        small_book: tuple[Path, Path]) -> None:
    root, out = small_book
    before = written_state(out)
    chapter = root / "chapters" / "01-a-letter.md"
    edit(chapter, chapter.read_text(encoding="utf-8") + "\nA sentence that names no one.\n")
    build(root, out)
    assert "names no one" in (out / "html" / "chapters" / "01-a-letter.html").read_text(encoding="utf-8")
    assert written_state(out) == before


def test_an_edit_that_cites_a_work_and_adds_an_index_entry_updates_the_works_cited_and_the_index(
        small_book: tuple[Path, Path]) -> None:
    root, out = small_book
    works_cited, index = out / "html" / "glossary" / "works-cited.html", out / "html" / "genindex.html"
    assert "Cited in" not in works_cited.read_text(encoding="utf-8")
    assert "chapters/01-a-letter.html#" not in index.read_text(encoding="utf-8")
    chapter = root / "chapters" / "01-a-letter.md"
    edit(chapter, chapter.read_text(encoding="utf-8") + "\n```{index-entries}\nsingle: Maslow, A.\n```\n\n"
         "Marx answered in [*Herr Vogt*](#work-marx-herr-vogt).\n")
    build(root, out)
    cited = works_cited.read_text(encoding="utf-8").split("Cited in", 1)
    assert len(cited) == 2 and "A letter" in cited[1]
    maslow = index.read_text(encoding="utf-8").split("Maslow, A.", 1)[1].split("</li>", 1)[0]
    assert "chapters/01-a-letter.html#" in maslow


def test_an_edit_of_the_edition_reads_every_page_again(small_book: tuple[Path, Path]) -> None:
    """What the saved environment holds of each page, the edition's code made: when that code changes, every
    page is read again though none changed (tools.edition's env_version), and, as `make book` builds another
    format first on the same environment (here Sphinx's builder that writes nothing), the site's every page is
    written again all the same."""
    root, out = small_book
    code = root / "tools" / "edition" / "selections.py"
    edit(code, code.read_text(encoding="utf-8") + "\n# an edit\n")
    pages = sorted(name.removesuffix(".md") for name in PAGES if name.endswith(".md"))
    assert sorted(READ.findall(build(root, out, "dummy"))) == pages
    output = build(root, out)
    assert (READ.findall(output), sorted(WRITTEN.findall(output))) == ([], pages)


def test_the_edition_s_version_follows_its_files_not_their_bytecode(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    code = tmp_path / "edition"
    (code / "__pycache__").mkdir(parents=True)
    (code / "part.py").write_text("WORD = 1\n", encoding="utf-8")
    monkeypatch.setattr(edition, "BUILD_INPUTS", (code,))
    version = edition.code_version.__wrapped__  # uncached: the build computes it once
    before = version()
    (code / "__pycache__" / "part.cpython-311.pyc").write_bytes(b"what running the code leaves")
    assert version() == before
    (code / "part.py").write_text("WORD = 2\n", encoding="utf-8")
    assert version() != before
