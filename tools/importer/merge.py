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

import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import write  # the manifest's hash (write imports this module too: both import the module, not names)

BASE_FOLDER = ".import-base"
HISTORY_DEPTH = 200  # commits of a file's history searched for the output an edit started from
MERGED, CONFLICT, KEPT, NO_BASE = "merged", "conflict", "kept", "no base"
LABELS = ("your edit", "the importer's output you edited", "the importer's new output")
TOKEN = re.compile(r"\n|[^\S\n]+|\S+")
MARKERS = ("<<<<<<< ", "||||||| ", "=======", ">>>>>>> ")  # git merge-file's, in this order
CONTEXT = 12  # tokens (words and spaces) shown either side of a conflict


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
        shown = git(root, "show", f"{commit}:./{name}")  # ./: from `root`, as `git log` took the name
        if shown.returncode == 0 and write.digest(shown.stdout) == recorded:
            return shown.stdout
    return None


def base_text(root: Path, name: str, recorded: str) -> str | None:
    kept = root / BASE_FOLDER / name
    if kept.is_file() and write.digest(text := kept.read_text(encoding="utf-8")) == recorded:
        return text
    return from_history(root, name, recorded)


def tokens(text: str) -> list[str]:
    """Words, runs of spaces and line ends: prose merges word by word, not paragraph by paragraph."""
    return TOKEN.findall(text)


def as_lines(text: str) -> str:
    """One token a line for `git merge-file`; a line end is an empty line (no other token is empty)."""
    return "".join(("" if token == "\n" else token) + "\n" for token in tokens(text))


def from_lines(lines: list[str]) -> str:
    return "".join(line or "\n" for line in lines)


@dataclass(frozen=True)
class Conflict:
    line: int  # in the edited file
    before: str  # the words just before, the same in all three
    ours: str
    base: str
    theirs: str
    after: str

    def shown(self) -> str:
        sides = zip(LABELS, (self.ours, self.base, self.theirs), strict=True)
        return f"line {self.line}:\n" + "\n".join(
            f"  {label}: …{self.before}{text}{self.after}…".replace("\n", "⏎") for label, text in sides)


def merge_file(edited: str, base: str, output: str) -> tuple[str, list[Conflict]]:
    """`git merge-file --diff3` on the three texts, word by word: the merged text, or the conflicts."""
    with tempfile.TemporaryDirectory(prefix="import-merge-") as folder:
        paths = []
        for role, text in zip(("ours", "base", "theirs"), (edited, base, output), strict=True):
            path = Path(folder) / role
            path.write_text(as_lines(text), encoding="utf-8", newline="\n")
            paths.append(str(path))
        done = subprocess.run(["git", "merge-file", "-p", "--diff3", *paths], capture_output=True, text=True,
                              check=False)
    if not 0 <= done.returncode <= 127:
        raise OSError(f"git merge-file failed: {done.stderr.strip()}")
    merged: list[str] = []
    found: list[tuple[int, list[list[str]]]] = []  # where in `merged`, and ours, base, theirs
    sides: list[list[str]] | None = None  # the conflict being read
    for line in done.stdout.split("\n")[:-1]:
        if line.startswith(MARKERS[0]):
            sides = [[]]
        elif sides is not None and line.startswith(MARKERS[1:3]):
            sides.append([])
        elif sides is not None and line.startswith(MARKERS[3]):
            found.append((len(merged), sides))
            sides = None
        elif sides is not None:
            sides[-1].append(line)
        else:
            merged.append(line)
    conflicts = [Conflict(1 + from_lines(merged[:at]).count("\n"), from_lines(merged[max(0, at - CONTEXT):at]),
                          *map(from_lines, sides), from_lines(merged[at:at + CONTEXT])) for at, sides in found]
    return from_lines(merged), conflicts


def merge_edit(root: Path, name: str, edited: str, recorded: str | None, output: str) -> Merge:
    """What becomes of `name`, edited by a person, now that the importer's output is `output`."""
    if recorded == write.digest(output):
        return Merge(KEPT)
    base = base_text(root, name, recorded) if recorded else None
    if base is None:
        return Merge(NO_BASE)
    try:
        merged, conflicts = merge_file(edited, base, output)
    except OSError:  # no git to merge with: the edit stays protected
        return Merge(NO_BASE)
    if conflicts:
        return Merge(CONFLICT, "\n".join(conflict.shown() for conflict in conflicts))
    return Merge(MERGED, merged)


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
