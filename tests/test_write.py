"""Re-run safety: determinism, protected edits, atomic writes, nothing written on bad input."""

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT, SOURCE
from tools.__main__ import main
from tools.importer.write import MANIFEST, digest, write_files


def run(root: Path, *extra: str, source: Path = SOURCE) -> int:
    return main(["import", "--root", str(root), "--source", str(source), *extra])


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.whole_book
def test_second_run_is_byte_identical(tmp_path: Path) -> None:
    assert run(tmp_path) == 0
    first = snapshot(tmp_path)
    assert run(tmp_path) == 0
    assert snapshot(tmp_path) == first
    assert len([n for n in first if n.startswith("chapters/")]) == 51


@pytest.mark.whole_book
def test_committed_files_match_the_importer(tmp_path: Path) -> None:
    """The repository's manifest records what the importer writes today."""
    assert run(tmp_path) == 0
    ours = json.loads((tmp_path / MANIFEST).read_text())
    committed = json.loads((ROOT / MANIFEST).read_text())
    assert ours == committed


@pytest.mark.whole_book
def test_edited_file_is_kept_unless_forced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path) == 0
    edited = tmp_path / "chapters" / "10-pyatakov-a-politically-finished-man.md"
    edited.write_text(edited.read_text() + "\nA contributor's fix.\n")
    mine = edited.read_bytes()
    assert run(tmp_path) == 0  # the importer's output has not changed: nothing to merge
    assert edited.read_bytes() == mine
    assert "kept chapters/10-pyatakov-a-politically-finished-man.md" in capsys.readouterr().out
    assert run(tmp_path, "--force") == 0
    assert b"A contributor's fix." not in edited.read_bytes()


def test_file_not_in_manifest_is_protected(tmp_path: Path) -> None:
    target = tmp_path / "index.md"
    target.write_text("# My own front page\n")
    assert write_files(tmp_path, {"index.md": "generated\n"}).protected == ["index.md"]
    assert target.read_text() == "# My own front page\n"


def test_manifest_records_hashes(tmp_path: Path) -> None:
    report = write_files(tmp_path, {"a/b.md": "text\n"})
    assert report.written == ["a/b.md"]
    assert json.loads((tmp_path / MANIFEST).read_text()) == {"a/b.md": digest("text\n")}
    assert not list(tmp_path.rglob("*.tmp"))


@pytest.mark.parametrize(("damage", "message"), [
    (lambda text: text.replace("Analogies with Thermidor\t338", "Analogies of Thermidor\t338"),
     "'Analogies of Thermidor' has no heading in the text"),
    (lambda text: text.replace("## Contents", "## Contentz"), "no '## Contents' heading"),
    (lambda text: text.replace("Tomskey", "Tomsky"), "has 'Tomskey' nowhere, not once"),
    (lambda text: text.replace("support-\n\ning", "suppart-\n\ning"), "cannot decide"),
    (lambda text: text.replace("*February 28, 1928*", "*Febuary 28, 1928*"),
     ":567: no dateline recognised at the start of 'To a few exiled friends'"),
    (lambda text: text.replace("By permission of the Harvard College Library. Translated from the Russian for "
                               "this volume by Ron Allen. Parts", "Courtesy of the Library, by Ron Allen. Parts"),
     ":701: no source note in the 15 paragraphs after the dateline of 'Pyatakov: a politically finished man'"),
    (lambda text: text.replace("## **The Challenge of", "## **A Challenge of"),
     ":3: the title pages have no block starting '## **The Challenge'"),
])
def test_bad_input_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str], damage, message) -> None:
    source = tmp_path / "book.txt"
    source.write_text(damage(SOURCE.read_text(encoding="utf-8")), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    assert run(out, source=source) == 2
    error = capsys.readouterr().err
    assert message in error and str(source) in error and "->" in error
    assert list(out.iterdir()) == []


def test_missing_source_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path, source=tmp_path / "none.txt") == 2
    assert "source file not found" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []



def test_files_no_longer_produced_are_reported_then_removed_when_forced(tmp_path: Path) -> None:
    write_files(tmp_path, {"a.md": "a\n", "old.md": "old\n"})
    report = write_files(tmp_path, {"a.md": "a\n"})
    assert (report.stale, report.removed) == (["old.md"], [])
    assert (tmp_path / "old.md").exists() and "old.md" in json.loads((tmp_path / MANIFEST).read_text())
    report = write_files(tmp_path, {"a.md": "a\n"}, force=True)
    assert (report.stale, report.removed) == ([], ["old.md"])
    assert not (tmp_path / "old.md").exists()
    assert json.loads((tmp_path / MANIFEST).read_text()) == {"a.md": digest("a\n")}


def test_stale_file_edited_by_a_person_is_never_removed(tmp_path: Path) -> None:
    write_files(tmp_path, {"a.md": "a\n", "old.md": "old\n"})
    (tmp_path / "old.md").write_text("old, with my notes\n")
    report = write_files(tmp_path, {"a.md": "a\n"}, force=True)
    assert (report.stale_edited, report.removed) == (["old.md"], [])
    assert (tmp_path / "old.md").read_text() == "old, with my notes\n"


def test_stale_file_already_deleted_leaves_the_manifest(tmp_path: Path) -> None:
    write_files(tmp_path, {"a.md": "a\n", "old.md": "old\n"})
    (tmp_path / "old.md").unlink()
    report = write_files(tmp_path, {"a.md": "a\n"})
    assert not (report.stale or report.stale_edited or report.removed)
    assert json.loads((tmp_path / MANIFEST).read_text()) == {"a.md": digest("a\n")}


@pytest.mark.whole_book
def test_renamed_selection_leaves_a_stale_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file an earlier run wrote under a former title is reported, and removed by --force."""
    old = tmp_path / "chapters" / "10-pyatakov-a-finished-man.md"
    write_files(tmp_path, {"chapters/10-pyatakov-a-finished-man.md": "# Pyatakov\n"})
    assert run(tmp_path) == 1
    assert "stale chapters/10-pyatakov-a-finished-man.md: the importer no longer produces it" in (
        capsys.readouterr().err)
    assert old.exists()
    assert run(tmp_path, "--force") == 0
    assert not old.exists()
    assert "chapters/10-pyatakov-a-finished-man.md" not in json.loads((tmp_path / MANIFEST).read_text())
    assert run(tmp_path) == 0
