"""Pass 7, write: atomic writes that never overwrite a person's edits.

The manifest records the hash of every file as the importer last wrote it. A
file whose content no longer matches is a person's edit: it is skipped and
reported, unless the run is forced. A file the manifest lists that this run no
longer produces (a selection renamed, say) is stale: it is reported, and
removed when the run is forced, unless a person has edited it.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import merge

MANIFEST = ".import-manifest.json"


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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


def atomic_write(path: Path, text: str) -> None:
    """Write to a temporary file beside `path`, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def read_manifest(root: Path) -> dict[str, str]:
    path = root / MANIFEST
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def plan(root: Path, files: dict[str, str], manifest: dict[str, str], force: bool) -> WriteReport:
    """Decide, without writing, which files to write, keep, protect or remove."""
    report = WriteReport()
    for name in sorted(set(manifest) - set(files)):
        target = root / name
        if not target.exists():
            continue  # already gone
        if digest(target.read_text(encoding="utf-8")) != manifest[name]:
            report.stale_edited.append(name)
        else:
            (report.removed if force else report.stale).append(name)
    for name, text in sorted(files.items()):
        target = root / name
        if not target.exists():
            report.written.append(name)
            continue
        current = digest(target.read_text(encoding="utf-8"))
        if current == digest(text):
            report.unchanged.append(name)
        elif current == manifest.get(name) or force:
            report.written.append(name)
        else:  # edited by a person: merge the edit into the new output (merge.py)
            merge.reconcile(report, root, name, target.read_text(encoding="utf-8"), manifest.get(name), text)
    return report


def write_files(root: Path, files: dict[str, str], force: bool = False) -> WriteReport:
    """Write and remove what the plan allows and record it in the manifest.

    The manifest keeps the stale files left in place, so that they are reported again.
    """
    manifest = read_manifest(root)
    report = plan(root, files, manifest, force)
    for name in report.written:
        atomic_write(root / name, files[name])
    for name, text in report.merged.items():
        atomic_write(root / name, text)
    for name in report.removed:
        (root / name).unlink()
    kept = set(report.stale + report.stale_edited)
    manifest = {name: value for name, value in manifest.items() if name in files or name in kept}
    for name in report.written + report.unchanged + list(report.merged):
        manifest[name] = digest(files[name])  # a merged file's base is now the new output
    merge.keep_bases(root, files, list(report.merged), report.written + report.unchanged)
    atomic_write(root / MANIFEST, json.dumps(dict(sorted(manifest.items())), indent=1) + "\n")
    return report
