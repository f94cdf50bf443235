"""A person's edit and the importer's new output, merged three ways (`git merge-file`).

When a file the importer wrote was edited by a person and the importer's output for it has
changed since, the edit is merged into the new output: base = the output the edit started
from, ours = the edit, theirs = the new output. A clean merge is written; a conflict writes
nothing for that file and is shown with what to do.

The manifest records the SHA-256 of the output each file started from. The text itself is
found, in this order:

- in `.import-base/<file>`: the importer's output for a file it merged (the merged file is
  the only one committed, so its base must be kept beside it);
- in git's history of the file: the importer's output, as committed (a generated file is
  committed as the importer writes it, and a person edits it from there).

Only merged files carry a copy, so the repository holds no second copy of the book. When
neither place has the text (the output was never committed), the edit is protected as before
and the message says so.
"""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import write  # the manifest's hash (write imports this module too: both import the module, not names)

BASE_FOLDER = ".import-base"
HISTORY_DEPTH = 200  # commits of a file's history searched for the output an edit started from
MERGED, CONFLICT, KEPT, NO_BASE = "merged", "conflict", "kept", "no base"
LABELS = ("your edit", "the importer's output you edited", "the importer's new output")


@dataclass(frozen=True)
class Merge:
    outcome: str  # MERGED, CONFLICT, KEPT (the output has not changed: nothing to merge), NO_BASE
    text: str = ""  # the merged text (MERGED) or the conflicting stretches, marked (CONFLICT)


def git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)


def from_history(root: Path, name: str, recorded: str) -> str | None:
    """The committed version of `name` whose hash the manifest recorded, newest first."""
    try:
        commits = git(root, "log", f"-n{HISTORY_DEPTH}", "--format=%H", "--", name)
    except FileNotFoundError:
        return None  # no git: the edit stays protected
    for commit in commits.stdout.split() if commits.returncode == 0 else []:
        shown = git(root, "show", f"{commit}:{name}")
        if shown.returncode == 0 and write.digest(shown.stdout) == recorded:
            return shown.stdout
    return None


def base_text(root: Path, name: str, recorded: str) -> str | None:
    kept = root / BASE_FOLDER / name
    if kept.is_file() and write.digest(text := kept.read_text(encoding="utf-8")) == recorded:
        return text
    return from_history(root, name, recorded)


def merge_file(edited: str, base: str, output: str) -> tuple[int, str]:
    """`git merge-file -p --diff3`: the number of conflicts and the merged text."""
    with tempfile.TemporaryDirectory(prefix="import-merge-") as folder:
        paths = []
        for role, text in zip(("ours", "base", "theirs"), (edited, base, output), strict=True):
            path = Path(folder) / role
            path.write_text(text, encoding="utf-8", newline="\n")
            paths.append(str(path))
        labels = [argument for label in LABELS for argument in ("-L", label)]
        done = subprocess.run(["git", "merge-file", "-p", "--diff3", *labels, *paths],
                              capture_output=True, text=True, check=False)
    if done.returncode < 0 or done.returncode > 127:
        raise OSError(f"git merge-file failed: {done.stderr.strip()}")
    return done.returncode, done.stdout


def conflicts_only(merged: str) -> str:
    """The conflicting stretches of a merge, each with its line in the merged text."""
    shown, inside = [], False
    for number, line in enumerate(merged.split("\n"), 1):
        if line.startswith("<<<<<<< "):
            inside = True
            shown.append(f"line {number}:")
        if inside:
            shown.append(line)
        if line.startswith(">>>>>>> "):
            inside = False
    return "\n".join(shown)


def merge_edit(root: Path, name: str, edited: str, recorded: str | None, output: str) -> Merge:
    """What becomes of `name`, edited by a person, now that the importer's output is `output`."""
    if recorded == write.digest(output):
        return Merge(KEPT)
    base = base_text(root, name, recorded) if recorded else None
    if base is None:
        return Merge(NO_BASE)
    conflicts, merged = merge_file(edited, base, output)
    return Merge(CONFLICT, conflicts_only(merged)) if conflicts else Merge(MERGED, merged)


def reconcile(report: write.WriteReport, root: Path, name: str, edited: str, recorded: str | None,
              output: str) -> None:
    """File `name` in the write plan: merged (with its text), conflicting (with the conflict),
    kept as edited, or protected (no base to merge from)."""
    found = merge_edit(root, name, edited, recorded, output)
    if found.outcome == MERGED and found.text == output:  # the new output makes the same edit
        report.written.append(name)
    elif found.outcome == MERGED:
        report.merged[name] = found.text
    elif found.outcome == CONFLICT:
        report.conflicts[name] = found.text
    else:
        (report.kept if found.outcome == KEPT else report.protected).append(name)


def keep_bases(root: Path, files: dict[str, str], merged: list[str], settled: list[str]) -> None:
    """Keep the importer's output beside each merged file (the base of the next merge); drop the
    copy of a file that is the importer's output again (`settled`) or no longer produced."""
    folder = root / BASE_FOLDER
    for name in merged:
        write.atomic_write(folder / name, files[name])
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*"), reverse=True):
        name = path.relative_to(folder).as_posix()
        if path.is_file() and (name in settled or name not in files):
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    if not any(folder.iterdir()):
        folder.rmdir()
