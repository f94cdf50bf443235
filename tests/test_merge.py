"""Edits and the importer live together: a person's edit is merged into the importer's new output."""

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import SOURCE
from tools.__main__ import main
from tools.importer.merge import BASE_FOLDER
from tools.importer.write import MANIFEST, digest, write_files

FIRST = "# Title\n\nThe first paragraph.\n\nThe second paragraph.\n\nThe third paragraph.\n"
CHAPTER = "chapters/05-problems-of-the-international-opposition-two-letters.md"


def commit(root: Path, message: str = "import") -> None:
    """Commit everything, as a maintainer commits the importer's output."""
    if not (root / ".git").exists():
        subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", message],
                   check=True)


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    """A project whose importer output (FIRST) is committed, then edited in its first paragraph."""
    write_files(tmp_path, {"a.md": FIRST})
    commit(tmp_path)
    (tmp_path / "a.md").write_text(FIRST.replace("The first", "The very first"))
    return tmp_path


def test_edit_merges_into_new_output_and_the_base_is_kept_for_the_next_merge(imported: Path) -> None:
    output = FIRST.replace("third", "last")
    report = write_files(imported, {"a.md": output})
    merged = "# Title\n\nThe very first paragraph.\n\nThe second paragraph.\n\nThe last paragraph.\n"
    assert report.merged == {"a.md": merged} and not report.protected
    assert (imported / "a.md").read_text() == merged
    assert json.loads((imported / MANIFEST).read_text()) == {"a.md": digest(output)}
    assert (imported / BASE_FOLDER / "a.md").read_text() == output  # never committed: kept beside
    assert report.changed == [f"{BASE_FOLDER}/a.md", MANIFEST, "a.md"]  # what to commit: the base too
    # the next change of the output merges again, from the kept base
    report = write_files(imported, {"a.md": output.replace("second", "middle")})
    assert (imported / "a.md").read_text() == merged.replace("second", "middle")
    assert list(report.merged) == ["a.md"]


def test_conflict_writes_nothing_and_shows_both_sides(imported: Path) -> None:
    edited = (imported / "a.md").read_text()
    report = write_files(imported, {"a.md": FIRST.replace("The first", "The opening")})
    assert (imported / "a.md").read_text() == edited
    assert json.loads((imported / MANIFEST).read_text()) == {"a.md": digest(FIRST)}  # still the base
    conflict = report.conflicts["a.md"]
    after = " paragraph.⏎⏎The second paragraph.⏎⏎The…"
    assert conflict == ("line 3:\n"
                        f"  your edit: …# Title⏎⏎The very first{after}\n"
                        f"  the importer's output you edited: …# Title⏎⏎The first{after}\n"
                        f"  the importer's new output: …# Title⏎⏎The opening{after}")
    assert not (imported / BASE_FOLDER).exists()


def test_edit_undone_by_the_person_takes_the_new_output(imported: Path) -> None:
    (imported / "a.md").write_text(FIRST)
    output = FIRST.replace("third", "last")
    report = write_files(imported, {"a.md": output})
    assert report.written == ["a.md"] and not report.merged
    assert (imported / "a.md").read_text() == output


def test_edit_the_importer_now_makes_is_the_importers_again(imported: Path) -> None:
    output = FIRST.replace("The first", "The very first")  # say, a new errata entry
    report = write_files(imported, {"a.md": output})
    assert report.unchanged == ["a.md"]  # the file is the output now
    assert report.changed == [MANIFEST]  # no file written, yet the manifest records it: commit that
    write_files(imported, {"a.md": output.replace("third", "last")})
    assert (imported / "a.md").read_text() == output.replace("third", "last")  # no longer an edit: replaced


def test_base_copy_is_dropped_once_the_file_is_the_output_again(imported: Path) -> None:
    output = FIRST.replace("third", "last")
    write_files(imported, {"a.md": output})
    assert (imported / BASE_FOLDER / "a.md").exists()
    (imported / "a.md").write_text(output)  # the person undoes the edit after the merge
    assert write_files(imported, {"a.md": output}).unchanged == ["a.md"]
    assert not (imported / BASE_FOLDER).exists()


def test_force_overwrites_a_merged_edit_and_drops_its_base(imported: Path) -> None:
    write_files(imported, {"a.md": FIRST.replace("third", "last")})
    assert write_files(imported, {"a.md": FIRST}, force=True).written == ["a.md"]
    assert not (imported / BASE_FOLDER).exists() and (imported / "a.md").read_text() == FIRST


def test_without_the_base_the_edit_is_protected(tmp_path: Path) -> None:
    write_files(tmp_path, {"a.md": FIRST})  # never committed, and no git at all
    (tmp_path / "a.md").write_text("my own text\n")
    report = write_files(tmp_path, {"a.md": FIRST.replace("third", "last")})
    assert report.protected == ["a.md"] and (tmp_path / "a.md").read_text() == "my own text\n"


@pytest.mark.whole_book
def test_import_reports_a_conflict_and_how_to_resolve_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The real book: a person edits a paragraph whose words the importer's output then changes."""
    out = tmp_path / "book"
    assert main(["import", "--root", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"wrote {CHAPTER}\n" in printed and f"updated {MANIFEST}" in printed
    assert f"commit these with the data files you changed: git add {MANIFEST} chapters/" in printed
    commit(out)
    chapter = out / CHAPTER
    chapter.write_text(chapter.read_text().replace("understand clearly that the breaking away",
                                                   "understand plainly that the breaking apart"))
    source = tmp_path / "book.txt"  # a new reading of the print edition changes the same word
    source.write_text(SOURCE.read_text().replace("the breaking away of the", "the breaking off of the"))
    edited = chapter.read_bytes()
    capsys.readouterr()
    assert main(["import", "--root", str(out), "--source", str(source)]) == 1
    assert chapter.read_bytes() == edited
    err = capsys.readouterr().err
    assert f"conflict {CHAPTER}: your edit and the importer's new output change the same words" in err
    assert "  your edit: …must understand plainly that the breaking apart of the capitulators" in err
    assert "  the importer's new output: …must understand plainly that the breaking off of the capitulators" in err
    assert "--force" in err
    # resolved as the message says: the importer's word taken, the rest of the edit kept
    chapter.write_text(chapter.read_text().replace("breaking apart of the", "breaking off of the"))
    assert main(["import", "--root", str(out), "--source", str(source)]) == 0
    printed = capsys.readouterr().out
    assert f"merged {CHAPTER}: your edit" in printed
    assert f"wrote (the base of your edit's next merge) {BASE_FOLDER}/{CHAPTER}\n" in printed
    assert printed.endswith(f"git add {BASE_FOLDER}/{CHAPTER} {MANIFEST} {CHAPTER}\n"), printed
    assert "understand plainly that the breaking off of the" in chapter.read_text()
