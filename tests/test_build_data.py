"""The data the importer writes into the project for the build (tools/core/build_data.py): read
typed, and a missing or damaged file is a clear error that says to import again."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from tools.core.build_data import BUILD_DATA, CORRECTIONS, NAME_ALIASES, NameAlias, read_build_data
from tools.core.errata import read_errata
from tools.core.errors import SourceError


def test_the_importer_wrote_every_file_the_build_reads() -> None:
    assert all((ROOT / name).is_file() for name in BUILD_DATA)
    entries = read_errata(ROOT / CORRECTIONS)
    # one per entry, numbered in order; an entry with `count` has one place per occurrence, 1 to count
    assert [erratum.number for erratum in entries if erratum.occurrence == 1] == list(range(1, entries[-1].number + 1))
    assert all(erratum.occurrence <= erratum.count for erratum in entries)


@pytest.mark.parametrize(("content", "problem"), [
    (None, "list of glossary aliases missing"),
    ("[}", "not the importer's list of glossary aliases (JSON is malformed"),
    ('[{"alias": "Zinovev"}]', "not the importer's list of glossary aliases (Object missing required field `headword`"),
    ('[{"alias": "Zinovev", "headword": "Zinoviev, G.", "url": "x"}]', "Object contains unknown field `url`"),
])
def test_a_missing_or_damaged_file_says_to_import_again(tmp_path: Path, content: str | None, problem: str) -> None:
    path = tmp_path / "aliases.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(SourceError, match="python -m tools import") as error:
        read_build_data(path, list[NameAlias], "list of glossary aliases")
    assert error.value.path == str(path) and problem in error.value.problem


def test_an_erratum_of_the_wrong_type_is_refused(tmp_path: Path) -> None:
    """The file is in the project, which a pull request changes: its numbers become ids."""
    entries = json.loads((ROOT / CORRECTIONS).read_text(encoding="utf-8"))
    entries[0]["number"] = '1" onclick="alert(1)'
    path = tmp_path / "corrections.json"
    path.write_text(json.dumps(entries), encoding="utf-8")
    with pytest.raises(SourceError, match=r"Expected `int`, got `str` - at `\$\[0\]\.number`"):
        read_errata(path)


def test_a_build_with_a_damaged_file_stops_with_what_to_do(tmp_path: Path) -> None:
    """The build says which file and what to do, as the importer does: no crash report, no traceback
    (tests/roots/test-search reads the glossary's aliases)."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "tests" / "roots" / "test-search", project)
    (project / NAME_ALIASES).write_text('[{"alias": "Zinovev"}]', encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "html", str(project), str(tmp_path / "html")],
                            capture_output=True, text=True, check=False, env={**os.environ, "PYTHONPATH": str(ROOT)},
                            timeout=300)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "sphinx-doc/sphinx/issues" not in result.stderr
    assert f"{project / NAME_ALIASES}: not the importer's list of glossary aliases" in result.stderr
    assert "run the importer again (python -m tools import --force)" in result.stderr
