"""The importer under bad input and faults: a message, never a traceback; all or nothing."""

from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import shutil
import signal
from pathlib import Path

import pytest

from tests.conftest import ROOT, SOURCE
from tools.__main__ import main
from tools.core import schema
from tools.core.allowed import read_allow_list
from tools.core.errors import SourceError
from tools.importer import consistency, write
from tools.importer.pipeline import DATA_DIR, ImportResult, load_curated, run_import
from tools.importer.write import MANIFEST, STAGING, WriteError, digest, write_files


def run(root: Path, source: Path = SOURCE) -> int:
    return main(["import", "--root", str(root), "--source", str(source)])


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# --- bad input: file, line, what is wrong, what to do; exit 2; nothing written ---------------

SOURCE_TEXT = SOURCE.read_text(encoding="utf-8")


LINES = SOURCE_TEXT.split("\n")
SELECTIONS = (DATA_DIR / "selections.yaml").read_text(encoding="utf-8").split("\n")
CORRESPONDENTS = next(n for n, line in enumerate(SELECTIONS, 1) if line == '- title: "Our correspondents"')


def line_of(lines: list[str], start: str) -> int:
    return next(n for n, line in enumerate(lines, 1) if line.startswith(start))


@pytest.mark.parametrize(("source", "message"), [
    (SOURCE_TEXT.replace("Our correspondents\t78\n", "\n"),
     f"selections.yaml:{CORRESPONDENTS}: entry 11 (line {CORRESPONDENTS}): the Contents lists no such selection"),
    (SOURCE_TEXT.replace("Pyatakov", "Pya\0takov", 1),
     f"book.txt:{next(n for n, line in enumerate(LINES, 1) if 'Pyatakov' in line)}: the control character U+0000"),
    ("\n".join(LINES[:616]), "book.txt:{}: the source is not the whole book (truncated or damaged?): Contents entry"),
    ("", "book.txt: the source is not the whole book (truncated or damaged?): the file is empty"),
    (SOURCE_TEXT.replace("\n", "\r"), "book.txt:1: a carriage return (CR) that does not end a line"),
    (SOURCE_TEXT.replace("\n# Index\n", "\n# Indexes\n"),
     f"book.txt:{line_of(LINES, '<i>Index</i>')}: the source is not the whole book (truncated or damaged?): "
     "Contents entry 'Index' has no heading in the text"),
])
def test_damaged_source_stops_before_anything_is_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], source: str, message: str) -> None:
    (tmp_path / "book.txt").write_text(source, encoding="utf-8", newline="")
    out = tmp_path / "out"
    assert run(out, tmp_path / "book.txt") == 2
    error = capsys.readouterr().err
    head, _, tail = message.partition("{}")
    assert head in error and tail in error and "\n  -> " in error and "Traceback" not in error, error
    assert not out.exists()


@pytest.mark.whole_book
def test_a_byte_order_mark_is_dropped(tmp_path: Path, book: ImportResult) -> None:
    (tmp_path / "book.txt").write_text("\ufeff" + SOURCE_TEXT, encoding="utf-8")
    assert run_import(tmp_path / "book.txt", load_curated()).files == book.files


@pytest.mark.parametrize(("erratum", "message"), [
    ('line: "237"', "entry 2, field 'line': Expected int, got str"),
    ("line: [237]", "entry 2, field 'line': Expected int, got array"),
    ("line: 0", "entry 2, field 'line': Expected int >= 1"),
    ("new: null", "entry 2, field 'new': Expected str, got null"),
    ("lines: 237", "entry 2: Object contains unknown field lines"),
])
def test_a_data_entry_of_the_wrong_type_is_named(tmp_path: Path, erratum: str, message: str) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    text = (data / "errata.yaml").read_text(encoding="utf-8")
    field = erratum.partition(":")[0]
    original = {"line": "line: 237", "new": 'new: "Tomsky"', "lines": "line: 237"}[field]
    start = text.index("- line: 237\n")
    (data / "errata.yaml").write_text(text[:start] + text[start:].replace(original, erratum, 1), encoding="utf-8")
    with pytest.raises(SourceError) as error:
        load_curated(data)
    line = text[:start].count("\n") + 1
    assert str(error.value).startswith(f"{data / 'errata.yaml'}:{line}: {message}")
    assert "each entry has the fields line: number, old: text, new: text, reason: text" in error.value.hint


def test_every_data_file_has_a_schema_and_keeps_it() -> None:
    # the allow-list is the build's, not the importer's: tools/core/allowed.py has its schema
    assert sorted([*schema.SCHEMAS, "allow-list.yaml"]) == sorted(path.name for path in DATA_DIR.glob("*.yaml"))
    for name, entry in schema.SCHEMAS.items():
        assert schema.load_data(DATA_DIR / name, entry), name
    assert read_allow_list().directives


def test_an_allow_list_entry_without_its_reason_is_refused(tmp_path: Path) -> None:
    text = (DATA_DIR / "allow-list.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "allow-list.yaml"
    broken.write_text(text.replace("  glossary: the glossary (glossary/index.md)", "  glossary:"), encoding="utf-8")
    with pytest.raises(SystemExit, match=r"allow-list.yaml: Expected `str`, got `null` - at `\$.directives\[...\]`"):
        read_allow_list(broken)


@pytest.mark.whole_book
def test_an_unused_data_entry_stops_the_run(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    with (data / "aliases.yaml").open("a", encoding="utf-8") as stream:
        stream.write('- alias: "Syrtsova"\n  headword: "Lenin, V.I."\n  reason: "a test"\n')
    with pytest.raises(SourceError, match=r"aliases.yaml:\d+: entry \d+ \(line \d+\): the alias links nothing"):
        run_import(SOURCE, load_curated(data))


# --- data entries checked against each other and the book ------------------------------------

ERRATUM = '- line: {line}\n  old: "{old}"\n  new: "{new}"\n  reason: "a test"\n  kind: conversion\n'
ERRATA_HEAD = "# a crafted errata file\n"


def errata_file(tmp_path: Path, *entries: tuple[int, str, str]) -> Path:
    path = tmp_path / "errata.yaml"
    path.write_text(ERRATA_HEAD + "".join(ERRATUM.format(line=line, old=old, new=new) for line, old, new in entries),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize(("entries", "message"), [
    ([(237, "Tomskey", "Tomskey")], "entry 1 (line 2): `old` and `new` are the same ('Tomskey')"),
    ([(237, "Tomskey", "Tomsky"), (237, "Tomskey", "Tomsky")],
     "entry 2 (line 7): line 237, 'Tomskey' is corrected by entry 1 already"),
    ([(403, "Pyatakoff", "Pyatakov"), (237, "Tomskey", "Tomsky")],
     "entry 2 (line 7): out of order: line 237 after an entry for line 403"),
])
def test_errata_that_cannot_be_right_are_refused(tmp_path: Path, entries: list, message: str) -> None:
    path = errata_file(tmp_path, *entries)
    with pytest.raises(SourceError) as error:
        consistency.check_errata(path, schema.load_data(path, schema.Erratum), LINES)
    line = int(message.partition("(line ")[2].partition(")")[0])
    assert str(error.value).startswith(f"{path}:{line}: {message}"), error.value


def test_errata_on_one_line_go_in_the_order_of_their_words(tmp_path: Path) -> None:
    line = LINES.index(next(text for text in LINES if "Tomskey" in text and "Rykov" in text)) + 1
    right = errata_file(tmp_path, (line, "Rykov", "Rykov."), (line, "Tomskey", "Tomsky"))
    before, after = sorted([(LINES[line - 1].index(w), w) for w in ("Rykov", "Tomskey")])
    assert before[1] == "Rykov", "the crafted order is the line's"
    consistency.check_errata(right, schema.load_data(right, schema.Erratum), LINES)
    wrong = errata_file(tmp_path, (line, "Tomskey", "Tomsky"), (line, "Rykov", "Rykov."))
    with pytest.raises(SourceError, match=f"entry 2 \\(line 7\\): out of order: line {line} after"):
        consistency.check_errata(wrong, schema.load_data(wrong, schema.Erratum), LINES)


REPEATED = 1009  # a source line where "Bukharin" stands four times


def data_with_erratum(tmp_path: Path, entry: str) -> Path:
    """A copy of tools/data with `entry` added to errata.yaml in line order."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    text = (data / "errata.yaml").read_text(encoding="utf-8")
    after = next(match.start() for match in re.finditer(r"^- line: (\d+)$", text, re.M) if int(match[1]) > REPEATED)
    (data / "errata.yaml").write_text(text[:after] + entry + text[after:], encoding="utf-8")
    return data


@pytest.mark.whole_book
def test_a_misprint_repeated_on_a_line_is_one_entry_with_its_count(tmp_path: Path, book: ImportResult) -> None:
    assert LINES[REPEATED - 1].count("Bukharin") == 4
    source = tmp_path / "book.txt"
    source.write_text("\n".join([*LINES[:REPEATED - 1], LINES[REPEATED - 1].replace("Bukharin", "Bukharn"),
                                 *LINES[REPEATED:]]), encoding="utf-8")
    data = data_with_erratum(tmp_path, '- line: 1009\n  old: "Bukharn"\n  new: "Bukharin"\n  count: 4\n'
                                       '  reason: "a test"\n  kind: conversion\n')
    result = run_import(source, load_curated(data))
    assert {name: text for name, text in result.files.items() if name.endswith(".md")} == {
        name: text for name, text in book.files.items() if name.endswith(".md")}  # the book's text as before
    assert result.files["reports/import.txt"].count("line 1009: 'Bukharn' -> 'Bukharin'") == 4


def test_an_erratum_whose_count_is_wrong_names_its_entry(tmp_path: Path) -> None:
    data = data_with_erratum(tmp_path, '- line: 1009\n  old: "Bukharin"\n  new: "Bukharin,"\n  count: 3\n'
                                       '  reason: "a test"\n  kind: conversion\n')
    entry_line = (data / "errata.yaml").read_text(encoding="utf-8").split("\n").index("- line: 1009") + 1
    with pytest.raises(SourceError) as error:
        run_import(SOURCE, load_curated(data))
    assert str(error.value).startswith(f"{data / 'errata.yaml'}:{entry_line}: entry ")
    assert f"line 1009 of {SOURCE} has 'Bukharin' 4 times, not 3 times" in str(error.value)


def aliases_with(tmp_path: Path, entry: str) -> Path:
    data = tmp_path / "tools" / "data"
    shutil.copytree(DATA_DIR, data)
    with (data / "aliases.yaml").open("a", encoding="utf-8") as stream:
        stream.write(entry)
    return data


DECLARATION = "Declaration to the Sixth Comintern Congress"


@pytest.mark.whole_book
def test_an_only_in_alias_settles_an_ambiguous_surname(tmp_path: Path, book: ImportResult) -> None:
    chapter = "chapters/23-declaration-to-the-sixth-comintern-congress.md"
    assert "Radek <Radek, K.>`, {term}`Rakovsky <Rakovsky, Kh.>`, and Eltsin," in book.files[chapter]
    data = aliases_with(tmp_path, f'- alias: "Eltsin"\n  headword: "Eltsin, B."\n  only_in: ["{DECLARATION}"]\n'
                                  '  reason: "a test"\n')
    files = run_import(SOURCE, load_curated(data)).files
    assert "{term}`Rakovsky <Rakovsky, Kh.>`, and {term}`Eltsin <Eltsin, B.>`," in files[chapter]
    assert "{term}`Eltsin <Eltsin, V.>` is in Ust-Vym" in files["chapters/11-our-correspondents.md"]


@pytest.mark.whole_book
@pytest.mark.parametrize(("entry", "message"), [
    ('- alias: "Eltsin"\n  headword: "Eltsin, A."\n  reason: "a test"\n',
     "the glossary has no headword 'Eltsin, A.'"),
    ('- alias: "Eltsin"\n  headword: "Eltsin, B."\n  only_in: ["Declaration to the Sixth Congress"]\n'
     '  reason: "a test"\n', "`only_in` names no selection titled 'Declaration to the Sixth Congress'"),
    ('- alias: "Eltsin"\n  headword: "Eltsin, B."\n'
     '  only_in: ["Problems of the International Opposition (two letters)"]\n  reason: "a test"\n',
     "the alias links nothing"),
])
def test_an_alias_that_cannot_work_names_its_entry(tmp_path: Path, entry: str, message: str) -> None:
    data = aliases_with(tmp_path, entry)
    text = (data / "aliases.yaml").read_text(encoding="utf-8")
    line, number = text[:text.rindex("- alias:")].count("\n") + 1, text.count("- alias:")
    with pytest.raises(SourceError) as error:
        run_import(SOURCE, load_curated(data))
    assert str(error.value).startswith(f"{data / 'aliases.yaml'}:{line}: entry {number} (line {line}): {message}")


@pytest.mark.whole_book
def test_an_alias_may_name_a_glossary_entry_added_by_hand(tmp_path: Path, book: ImportResult) -> None:
    data = aliases_with(tmp_path, '- alias: "Ishchenko"\n  headword: "Ishchenko, A."\n  reason: "a test"\n')
    glossary = book.files["glossary/index.md"].replace(
        "\nJacobins\n", "\nIshchenko, A.\n  – A Left Oppositionist exiled to Kainsk in 1928.\n\nJacobins\n", 1)
    assert "Ishchenko, A." in glossary
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "index.md").write_text(glossary, encoding="utf-8")
    files = run_import(SOURCE, load_curated(data)).files
    assert "There was a letter from {term}`Ishchenko <Ishchenko, A.>` from Kainsk" in files[
        "chapters/11-our-correspondents.md"]


# --- the tree: what is on disk ---------------------------------------------------------------

@pytest.mark.whole_book
def test_a_damaged_manifest_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / MANIFEST).write_text('{"index.md": "ab', encoding="utf-8")
    before = tree(tmp_path)
    assert run(tmp_path) == 2
    error = capsys.readouterr().err
    assert f"{MANIFEST}:1: the manifest is not valid JSON" in error and "git checkout" in error
    assert tree(tmp_path) == before


def test_a_file_edited_into_invalid_utf8_is_a_persons_edit(tmp_path: Path) -> None:
    write_files(tmp_path, {"a.md": "a\n"})
    (tmp_path / "a.md").write_bytes(b"caf\xe9\n")
    assert write_files(tmp_path, {"a.md": "b\n"}).protected == ["a.md"]
    assert (tmp_path / "a.md").read_bytes() == b"caf\xe9\n"


def test_a_read_only_folder_stops_before_anything_is_written(tmp_path: Path, monkeypatch) -> None:
    write_files(tmp_path, {"chapters/a.md": "a\n", "glossary/g.md": "g\n"})
    before = tree(tmp_path)
    # the tests run as root, whom no permission stops: the folder says it is read-only as it would to a user
    real_access = os.access
    monkeypatch.setattr(write.os, "access", lambda path, mode: Path(path).name != "glossary"
                        and real_access(path, mode))
    with pytest.raises(WriteError, match="glossary: this folder is not writable: nothing was written"):
        write_files(tmp_path, {"chapters/a.md": "A\n", "glossary/g.md": "G\n"})
    assert tree(tmp_path) == before


def test_a_full_disk_changes_nothing(tmp_path: Path, monkeypatch) -> None:
    write_files(tmp_path, {"a.md": "a\n", "b.md": "b\n"})
    before = tree(tmp_path)
    calls = []

    def full(handle: int) -> None:
        calls.append(handle)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(write.os, "fsync", full)
    with pytest.raises(WriteError, match="No space left on device; nothing was changed") as error:
        write_files(tmp_path, {"a.md": "A\n", "b.md": "B\n"})
    assert "free some disk space" in error.value.hint
    assert tree(tmp_path) == before and not (tmp_path / STAGING).exists()


def test_a_second_run_stops_while_one_is_active(tmp_path: Path) -> None:
    handle = os.open(tmp_path, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        with pytest.raises(WriteError, match="another import is writing to this folder"):
            write_files(tmp_path, {"a.md": "a\n"})
    finally:
        os.close(handle)
    assert write_files(tmp_path, {"a.md": "a\n"}).written == ["a.md"]


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_files_are_written_with_the_umask(tmp_path: Path, umask: int) -> None:
    previous = os.umask(umask)
    try:
        write_files(tmp_path, {"chapters/a.md": "a\n"})
    finally:
        os.umask(previous)
    assert (tmp_path / "chapters" / "a.md").stat().st_mode & 0o777 == 0o666 & ~umask
    assert (tmp_path / MANIFEST).stat().st_mode & 0o777 == 0o666 & ~umask


def test_an_unexpected_error_is_a_message(monkeypatch, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    def broken(*args: object) -> None:
        raise ValueError("a case nobody foresaw")
    monkeypatch.setattr("tools.__main__.run_import", broken)
    assert run(tmp_path) == 70
    error = capsys.readouterr().err
    assert "unexpected ValueError: a case nobody foresaw" in error and "please report it" in error
    assert "Traceback" not in error


def test_staging_is_ignored_by_git_and_sphinx() -> None:
    assert f"{STAGING}/" in (ROOT / ".gitignore").read_text().split("\n")
    assert f'"{STAGING}"' in (ROOT / "conf.py").read_text()


# --- killed while writing: every step of the write phase ----------------------------------

OLD = {"chapters/01-a.md": "one\n", "chapters/02-b.md": "two\n", "chapters/03-c.md": "three\n",
       "glossary/index.md": "glossary\n", "index.md": "front\n", "gone.md": "removed by the new run\n"}
NEW = {"chapters/01-a.md": "one, corrected\n", "chapters/02-b.md": "two\n", "chapters/03-c.md": "three, again\n",
       "chapters/04-d.md": "a new selection\n", "glossary/index.md": "glossary, longer\n", "index.md": "front 2\n"}
STEPS = ("fsync", "replace", "unlink", "rmdir", "mkdir")  # what the write phase does to the disk


def killed_at(root: Path, step: int) -> tuple[int, int]:
    """Write NEW over `root` in a child process that kills itself (SIGKILL) at its `step`-th file-system
    call: (how it ended, the number of calls it made if it was not killed)."""
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # the child: count the calls, die at the chosen one, report the count otherwise
        count = 0

        def counted(call):
            def wrapper(*args, **kwargs):
                nonlocal count
                count += 1
                if count == step:
                    os.kill(os.getpid(), signal.SIGKILL)
                return call(*args, **kwargs)
            return wrapper
        for name in STEPS:
            setattr(os, name, counted(getattr(os, name)))
        try:
            write_files(root, NEW, force=True)
            os.write(writing, str(count).encode())
        finally:
            os._exit(0)
    os.close(writing)
    _, status = os.waitpid(child, 0)
    with os.fdopen(reading) as stream:
        calls = stream.read()
    return os.waitstatus_to_exitcode(status), int(calls or 0)


def expected(files: dict[str, str]) -> dict[str, bytes]:
    manifest = json.dumps({name: digest(text) for name, text in sorted(files.items())}, indent=1) + "\n"
    return {MANIFEST: manifest.encode()} | {name: text.encode() for name, text in files.items()}


@pytest.fixture
def no_flush(monkeypatch: pytest.MonkeyPatch) -> None:
    """fsync does nothing (a kill is not a power cut: the kernel keeps what was written); still a step."""
    monkeypatch.setattr(os, "fsync", lambda handle: None)


@pytest.mark.whole_book
@pytest.mark.usefixtures("no_flush")
def test_a_run_killed_at_any_step_is_undone_or_completed(tmp_path: Path) -> None:
    write_files(tmp_path / "count", OLD)
    steps = killed_at(tmp_path / "count", 0)[1]
    assert steps > 15
    outcomes = set()
    for step in range(1, steps + 1):
        root = tmp_path / str(step)
        write_files(root, OLD)
        assert killed_at(root, step)[0] == -signal.SIGKILL
        after = tree(root)
        leftovers = (root / STAGING).exists()
        visible = {name: data for name, data in after.items() if not name.startswith(STAGING)}
        # what a person sees before the next run: the old tree, the new one, or one the next run completes
        outcomes.add("old" if visible == expected(OLD) else "new" if visible == expected(NEW) else "mixed")
        assert leftovers or visible in (expected(OLD), expected(NEW)), step
        report = write_files(root, NEW)  # not forced: nothing may be taken for a person's edit
        assert not report.protected and not report.stale_edited, (step, report)
        assert bool(report.recovered) == leftovers, (step, report.recovered)
        assert report.stale in ([], ["gone.md"])  # removed by a forced run only
        write_files(root, NEW, force=True)
        assert tree(root) == expected(NEW), step
    assert outcomes == {"old", "mixed", "new"}


@pytest.mark.whole_book
@pytest.mark.usefixtures("no_flush")
def test_after_a_kill_the_previous_files_can_be_imported_again(tmp_path: Path) -> None:
    """Killed while putting files in place, then the change being imported reverted: no 'edits'."""
    write_files(tmp_path / "count", OLD)
    steps = killed_at(tmp_path / "count", 0)[1]
    for step in range(steps, 0, -1):  # the last step that leaves a mixed tree: one file put in place
        shutil.rmtree(tmp_path / "tree", ignore_errors=True)
        write_files(tmp_path / "tree", OLD)
        assert killed_at(tmp_path / "tree", step)[0] == -signal.SIGKILL
        if tree(tmp_path / "tree").get("chapters/04-d.md") is None and (tmp_path / "tree" / STAGING).exists():
            break
    tmp_path /= "tree"
    assert (tmp_path / STAGING / "journal.json").exists() and (tmp_path / "chapters/01-a.md").read_text() == NEW[
        "chapters/01-a.md"]
    report = write_files(tmp_path, OLD)
    assert "completed it" in report.recovered and not report.protected and not report.stale_edited
    assert report.stale == ["chapters/04-d.md"]  # the new selection, no longer produced
    write_files(tmp_path, OLD, force=True)
    assert tree(tmp_path) == expected(OLD)
