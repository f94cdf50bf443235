"""CONTRIBUTING.md's worked example ("Fix a typo"), followed step by step on a copy of the tree.

The commands and the errata entry are read from CONTRIBUTING.md itself, so that the page and
what works cannot drift apart. The slip of the example is one the edition has corrected
already; as the page says, its entry is taken out first, and the steps put it back.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

CONTRIBUTING = ROOT / "CONTRIBUTING.md"
ERRATA = "tools/data/errata.yaml"
# What a clone holds that the example does not need: environments, builds, caches, packages.
NOT_COPIED = shutil.ignore_patterns(".git", ".venv", "_build", "node_modules", "__pycache__", ".pytest_cache",
                                    ".ruff_cache", "*.egg-info", ".import-staging")


def section(title: str) -> str:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    start = text.index(f"\n## {title}\n")
    return text[start:text.index("\n## ", start + 1)]


def run(copy: Path, *command: str) -> str:
    done = subprocess.run(command, cwd=copy, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def git(copy: Path, *args: str) -> str:
    return run(copy, "git", "-c", "user.name=t", "-c", "user.email=t@t", *args)


@pytest.mark.whole_book
def test_the_worked_example_fixes_the_typo(tmp_path: Path) -> None:
    steps = section("Fix a typo")
    misprint = re.search(r'grep -n "(\w+)" source/challenge-1928-29\.txt', steps)[1]
    (block,) = re.findall(r"```yaml\n(.*?)```", steps, re.S)
    entry_text = "\n".join(line.removeprefix("   ") for line in block.split("\n")).strip() + "\n"
    (entry,) = yaml.safe_load(entry_text)
    assert entry["old"] == misprint

    copy = tmp_path / "clone"
    shutil.copytree(ROOT, copy, ignore=NOT_COPIED, symlinks=True)
    errata = copy / ERRATA
    before = errata.read_text(encoding="utf-8")
    assert entry_text in before, "the example is the entry the edition made"
    errata.write_text(before.replace(entry_text, ""), encoding="utf-8")  # as the page says: take it out
    import_book = (sys.executable, "-m", "tools", "import")
    run(copy, *import_book)
    chapters = [path for path in (copy / "chapters").glob("*.md") if misprint in path.read_text(encoding="utf-8")]
    assert len(chapters) == 1, "without the entry, one chapter reads the misprint"
    git(copy, "init", "-q")
    git(copy, "add", "-A")
    git(copy, "commit", "-qm", "the tree without the entry")

    # 1. Find the line in the source.
    found = run(copy, "grep", "-n", misprint, "source/challenge-1928-29.txt")
    assert [int(line.partition(":")[0]) for line in found.splitlines()] == [entry["line"]]
    # 2. Add the entry to errata.yaml, in line order.
    lines = [int(n) for n in re.findall(r"^- line: (\d+)$", before.replace(entry_text, ""), re.M)]
    after = next(n for n in lines if n > entry["line"])
    text = errata.read_text(encoding="utf-8")
    at = text.index(f"- line: {after}\n")
    errata.write_text(text[:at] + entry_text + text[at:], encoding="utf-8")
    # 3. Run the importer and look at the result.
    printed = run(copy, *import_book)
    chapter = chapters[0].relative_to(copy).as_posix()
    assert "errata" in printed and f"wrote {chapter}\n" in printed
    diff = git(copy, "diff", "--word-diff=plain", "--", chapter)
    assert re.search(rf"\[-\S*{entry['old']}\S*-\]\{{\+\S*{entry['new']}\S*\+\}}", diff), diff
    # 4. Commit the entry with what the importer wrote: the files the page names, which the import listed.
    changed = {line[3:] for line in git(copy, "status", "--porcelain").splitlines()}
    assert changed == {ERRATA, chapter, "glossary/corrections.json", ".import-manifest.json", "reports/import.txt"}
    assert printed.rstrip().endswith("git add " + " ".join(sorted(changed - {ERRATA})))
    assert (copy / ERRATA).read_text(encoding="utf-8") == before  # the tree is as the edition has it again
