"""Pass 7, write: all or nothing, and never over a person's edits.

The manifest records the hash of every file as the importer last wrote it. A file whose
content no longer matches is a person's edit: it is skipped and reported, unless the run
is forced (`decide` is the one place that says so). A file the manifest lists that this
run no longer produces (a selection renamed, say) is stale: it is reported, and removed
when the run is forced, unless a person has edited it.

A person's edit is merged into the new output where the output changed (merge.py): the merged
text is written like the importer's own, and the importer's output it was merged with is kept in
`.import-base/` as the base of the next merge.

A run changes the tree as one transaction, under a lock on the project folder:

1. stage: every new file (and the new manifest) is written and flushed to disk in
   `.import-staging/` (git-ignored); a failure here removes the folder and changes nothing;
2. commit point: the journal, listing the files to put in place and to remove, is written
   into the folder (atomically, by a rename);
3. the staged files are renamed into place, the stale ones removed, the manifest last;
   then the folder goes.

A run killed before the commit point leaves the tree as it was; one killed after it is
completed by the next run (`recover`), which says so. So the manifest never lags behind
the importer's own files, and they are never taken for a person's edits.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import merge

MANIFEST = ".import-manifest.json"
STAGING = ".import-staging"  # the run's new files, its journal and its manifest until they are in place
JOURNAL = "journal.json"
STAGED_MANIFEST = "manifest.json"
FILES = "files"
SHA256 = re.compile(r"[0-9a-f]{64}")


class WriteError(Exception):
    """The tree cannot be written (or read): what, where, and what to do."""

    def __init__(self, path: Path | str, problem: str, hint: str) -> None:
        self.path, self.problem, self.hint = str(path), problem, hint
        super().__init__(f"{path}: {problem}\n  -> {hint}")


def digest(text: str | bytes) -> str:
    return hashlib.sha256(text.encode("utf-8") if isinstance(text, str) else text).hexdigest()


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    protected: list[str] = field(default_factory=list)  # edited by a person; left alone
    stale: list[str] = field(default_factory=list)  # no longer produced; left until a forced run
    stale_edited: list[str] = field(default_factory=list)  # no longer produced, edited by a person; left
    removed: list[str] = field(default_factory=list)  # no longer produced; removed by a forced run
    kept: list[str] = field(default_factory=list)  # edited by a person; the importer's output has not changed
    merged: dict[str, str] = field(default_factory=dict)  # edited, merged with the new output: the text written
    conflicts: dict[str, str] = field(default_factory=dict)  # edited, conflicting with the new output; left
    recovered: str = ""  # what this run did about an earlier run that was interrupted
    bases_written: list[str] = field(default_factory=list)  # .import-base/ copies: the base of the next merge
    bases_removed: list[str] = field(default_factory=list)  # .import-base/ copies no longer needed
    manifest_updated: bool = False

    @property
    def changed(self) -> list[str]:
        """Every path this run wrote or removed: what to commit (with the data files you changed)."""
        return sorted({*self.written, *self.merged, *self.bases_written, *self.removed, *self.bases_removed,
                       *([MANIFEST] if self.manifest_updated else [])})


def describe(error: OSError) -> str:
    return error.strerror or str(error)


def hint_for(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "free some disk space, then run the import again"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "make the folder and its files writable (chmod u+w), then run the import again"
    return "fix the cause, then run the import again"


# --- reading the tree -----------------------------------------------------------------------

def read_manifest(root: Path) -> dict[str, str]:
    """The hashes the importer recorded, or a clear error if the manifest is damaged."""
    path = root / MANIFEST
    restore = (f"restore it (git checkout -- {MANIFEST}); or delete it and run with --force, "
               "which overwrites every file the importer produces")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise WriteError(path, f"cannot read the manifest: {describe(error)}", hint_for(error)) from None
    except UnicodeDecodeError:
        raise WriteError(path, "the manifest is not UTF-8 text", restore) from None
    try:
        manifest = json.loads(text)
    except json.JSONDecodeError as error:
        raise WriteError(f"{path}:{error.lineno}", f"the manifest is not valid JSON ({error.msg})", restore) from None
    if not isinstance(manifest, dict) or not all(
            isinstance(name, str) and isinstance(value, str) and SHA256.fullmatch(value)
            for name, value in manifest.items()):
        raise WriteError(path, "the manifest is not a map of file names to SHA-256 hashes", restore)
    return manifest


def on_disk(root: Path, name: str) -> str | None:
    """The hash of the file as it is now (its bytes: a person's file need not be UTF-8), or None."""
    try:
        return digest((root / name).read_bytes())
    except FileNotFoundError:
        return None
    except OSError as error:
        raise WriteError(root / name, f"cannot read: {describe(error)}", hint_for(error)) from None


# --- deciding -------------------------------------------------------------------------------

def decide(current: str | None, new: str, recorded: str | None, force: bool) -> str:
    """What to do with one produced file: 'write', 'unchanged' or 'edited'.

    The one place where a file on disk counts as a person's edit: it exists, differs from
    what this run produces, and is not what the importer last wrote there (`recorded`, from
    the manifest). An edit is then merged, kept or protected (`plan`, merge.py).
    """
    if current is None:
        return "write"
    if current == new:
        return "unchanged"
    if current == recorded or force:
        return "write"
    return "edited"


def edited_text(root: Path, name: str) -> str | None:
    """A person's edit as text, or None if it is not UTF-8 (then it cannot be merged)."""
    try:
        return (root / name).read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return None
    except OSError as error:
        raise WriteError(root / name, f"cannot read: {describe(error)}", hint_for(error)) from None


def plan(root: Path, files: dict[str, str], manifest: dict[str, str], force: bool) -> WriteReport:
    """Decide, without writing, which files to write, keep, protect or remove."""
    report = WriteReport()
    for name in sorted(set(manifest) - set(files)):
        current = on_disk(root, name)
        if current is None:
            continue  # already gone
        if current != manifest[name]:
            report.stale_edited.append(name)
        else:
            (report.removed if force else report.stale).append(name)
    for name, text in sorted(files.items()):
        action = decide(on_disk(root, name), digest(text), manifest.get(name), force)
        if action != "edited":
            (report.written if action == "write" else report.unchanged).append(name)
        elif (edited := edited_text(root, name)) is None:
            report.protected.append(name)
        else:  # merge the edit into the new output where it can (merge.py)
            merge.reconcile(report, root, name, edited, manifest.get(name), text)
    return report


def new_manifest(manifest: dict[str, str], files: dict[str, str], report: WriteReport) -> dict[str, str]:
    """The manifest after the run. It keeps the stale files left in place, so that they are reported again;
    a protected file keeps its old record, so that it stays protected."""
    kept = set(report.stale + report.stale_edited)
    updated = {name: value for name, value in manifest.items() if name in files or name in kept}
    for name in report.written + report.unchanged + list(report.merged):
        updated[name] = digest(files[name])  # a merged file's base is now the new output
    return dict(sorted(updated.items()))


def check_writable(root: Path, names: list[str]) -> None:
    """Before anything is staged: each folder a file goes into (or the nearest one that exists) is writable."""
    folders = {root}
    for name in names:
        folder = (root / name).parent
        while not folder.exists() and folder != root:
            folder = folder.parent
        folders.add(folder)
    for folder in sorted(folders):
        if not os.access(folder, os.W_OK | os.X_OK):
            raise WriteError(folder, "this folder is not writable: nothing was written",
                             f"make it writable (chmod u+w {folder}), then run the import again")


# --- the transaction ------------------------------------------------------------------------

def write_durably(path: Path, data: str) -> None:
    """A new file with the usual permissions (the umask decides), flushed to disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def sync_folder(path: Path) -> None:
    """Make the renames in a folder durable."""
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def stage(staging: Path, writes: dict[str, str], removals: list[str], manifest: dict[str, str]) -> None:
    """Steps 1 and 2: every new file in the staging folder, then the journal (the commit point)."""
    for name, text in writes.items():
        write_durably(staging / FILES / name, text)
    write_durably(staging / STAGED_MANIFEST, json.dumps(manifest, indent=1) + "\n")
    journal = {"write": list(writes), "remove": removals}
    write_durably(staging / f"{JOURNAL}.new", json.dumps(journal, indent=1) + "\n")
    os.replace(staging / f"{JOURNAL}.new", staging / JOURNAL)
    sync_folder(staging)


def put_in_place(root: Path, staging: Path, journal: dict[str, list[str]]) -> None:
    """Step 3: rename what the journal lists into place, remove the stale files, the manifest last.
    Each step may already have been done (by a run that was interrupted): doing it again is harmless."""
    for name in journal["write"]:
        staged = staging / FILES / name
        if staged.exists():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, root / name)
    for name in journal["remove"]:
        (root / name).unlink(missing_ok=True)
        folder = (root / name).parent
        while folder != root and folder.is_dir() and not any(folder.iterdir()):  # emptied by this run
            folder.rmdir()
            folder = folder.parent
    if (staging / STAGED_MANIFEST).exists():
        os.replace(staging / STAGED_MANIFEST, root / MANIFEST)
    sync_folder(root)
    shutil.rmtree(staging)


def read_journal(staging: Path) -> dict[str, list[str]] | None:
    try:
        journal = json.loads((staging / JOURNAL).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        raise WriteError(staging / JOURNAL, f"the journal of an interrupted import cannot be read ({error})",
                         f"restore the tree from git and delete {STAGING}/, then run the import again") from None
    if not (isinstance(journal, dict) and all(isinstance(journal.get(key), list) and
                                              all(isinstance(name, str) for name in journal[key])
                                              for key in ("write", "remove"))):
        raise WriteError(staging / JOURNAL, "the journal of an interrupted import is damaged",
                         f"restore the tree from git and delete {STAGING}/, then run the import again")
    return journal


def recover(root: Path) -> str:
    """Finish or undo an earlier run that was interrupted; say what was done ('' if nothing)."""
    staging = root / STAGING
    if not staging.exists():
        return ""
    journal = read_journal(staging)
    if journal is None:  # interrupted before its commit point (nothing of it is in the tree) or after its end
        shutil.rmtree(staging)
        return "an earlier import was interrupted before or after its changes, not between: its leftovers were removed"
    put_in_place(root, staging, journal)
    return (f"an earlier import was interrupted while putting its files in place: completed it "
            f"({len(journal['write'])} files written, {len(journal['remove'])} removed)")


@contextmanager
def locked(root: Path) -> Iterator[None]:
    """Hold the project folder's lock for the run: a second import stops with a message."""
    handle = os.open(root, os.O_RDONLY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise WriteError(root, "another import is writing to this folder",
                             "wait for it to finish, then run the import again") from None
        yield
    finally:
        os.close(handle)  # releases the lock


def write_files(root: Path, files: dict[str, str], force: bool = False) -> WriteReport:
    """Write and remove what the plan allows, and record it in the manifest, all or nothing."""
    root.mkdir(parents=True, exist_ok=True)
    with locked(root):
        try:
            recovered = recover(root)
        except OSError as error:
            raise WriteError(root / STAGING, f"cannot complete an interrupted import: {describe(error)}",
                             hint_for(error)) from None
        manifest = read_manifest(root)
        report = plan(root, files, manifest, force)
        report.recovered = recovered
        updated = new_manifest(manifest, files, report)
        bases, dropped = merge.base_copies(root, files, list(report.merged), report.written + report.unchanged)
        writes = {name: files[name] for name in report.written} | report.merged | bases
        removals = report.removed + dropped
        if not writes and not removals and updated == manifest:
            return report
        report.bases_written, report.bases_removed = sorted(bases), dropped
        report.manifest_updated = updated != manifest
        check_writable(root, [*writes, *removals])
        staging = root / STAGING
        try:
            stage(staging, writes, removals, updated)
        except OSError as error:
            shutil.rmtree(staging, ignore_errors=True)
            raise WriteError(getattr(error, "filename", None) or staging,
                             f"cannot write: {describe(error)}; nothing was changed", hint_for(error)) from None
        try:
            put_in_place(root, staging, {"write": list(writes), "remove": removals})
        except OSError as error:
            raise WriteError(getattr(error, "filename", None) or root,
                             f"interrupted while putting the files in place: {describe(error)}",
                             hint_for(error) + f": it completes this run first (from {STAGING}/)") from None
    return report
