"""What git knows: the commit to compare with, the files changed since, and their old text."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

MAIN_BRANCHES = ("main", "origin/main")


class GitError(Exception):
    """git cannot answer (not a repository, an unknown commit): the message says what to do."""


def git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, encoding="utf-8", errors="replace",
                              check=False)
    except FileNotFoundError:
        raise GitError("git is not installed: install it (apt-get install git)") from None
    if done.returncode != 0:
        raise GitError(f"git {' '.join(args)}: {done.stderr.strip() or 'failed'}")
    return done.stdout


def resolve_base(root: Path, base: str | None) -> str:
    """The commit to compare with: `base`, or the merge base of HEAD with main (or origin/main)."""
    try:
        git(root, "rev-parse", "--git-dir")
    except GitError as error:  # git's own words: not a repository, or one it refuses ("dubious ownership")
        raise GitError(f"{root}: git cannot read this folder as a repository ({error}); the diff compares "
                       "git commits: clone the repository, or give --root the clone; for a clone owned by "
                       "another user, do what git says (git config --global --add safe.directory <path>)"
                       ) from None
    if base is not None:
        try:
            return git(root, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}").strip()
        except GitError:
            raise GitError(f"{base!r} is not a commit here: give a branch, tag or commit "
                           "(in a shallow clone, fetch the history first: git fetch --unshallow)") from None
    for branch in MAIN_BRANCHES:
        try:
            return git(root, "merge-base", "HEAD", branch).strip()
        except GitError:
            continue
    raise GitError("no merge base with main or origin/main: give the commit to compare with, "
                   "e.g. python -m tools diff origin/main")


@dataclass(frozen=True)
class FileChange:
    old: str | None  # the path at the base; None: a new file
    new: str | None  # the path now; None: removed


def changed_files(root: Path, base: str) -> list[FileChange]:
    """The files that differ between `base` and the working tree (renames followed), and the
    files not yet added to git."""
    fields = git(root, "diff", "--name-status", "-M", "-z", base, "--").split("\0")
    found = []
    position = 0
    while position < len(fields) and fields[position]:
        status = fields[position][0]
        if status == "R":
            found.append(FileChange(fields[position + 1], fields[position + 2]))
            position += 3
            continue
        path = fields[position + 1]
        found.append(FileChange(None if status == "A" else path, None if status == "D" else path))
        position += 2
    untracked = git(root, "ls-files", "--others", "--exclude-standard", "-z").split("\0")
    return found + [FileChange(None, path) for path in untracked if path]


def show(root: Path, base: str, path: str) -> str:
    """The text of `path` at `base`."""
    return git(root, "show", f"{base}:{path}")
