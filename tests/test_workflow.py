"""The GitHub workflow, which builds and publishes what a pull request changes: actions pinned by
commit, the container by digest, no credentials left for the build, read-only permissions for pull
requests; zizmor and actionlint find nothing."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, Built, given_build

WORKFLOW = ROOT / ".github" / "workflows" / "book.yml"
BIN = Path(sys.executable).parent  # the tools the project's .venv installs


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps() -> list[dict]:
    return [step for job in workflow()["jobs"].values() for step in job["steps"]]


def test_every_action_is_pinned_by_commit() -> None:
    uses = [step["uses"] for step in steps() if "uses" in step]
    assert uses and all(re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", use) for use in uses), uses


def test_the_container_is_pinned_by_digest() -> None:
    assert re.fullmatch(r"debian:bookworm@sha256:[0-9a-f]{64}", workflow()["jobs"]["build"]["container"])


def test_the_checkout_leaves_no_credentials() -> None:
    checkouts = [step for step in steps() if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts and all(step["with"]["persist-credentials"] is False for step in checkouts)


def test_pull_requests_only_read() -> None:
    found = workflow()
    assert found["permissions"] == {"contents": "read"}
    assert found["jobs"]["build"]["permissions"] == {"contents": "read"}
    writers = [name for name, job in found["jobs"].items() if set(job.get("permissions", {}).values()) - {"read"}]
    assert all("github.event_name == 'push'" in found["jobs"][name]["if"] for name in writers)


def test_zizmor_finds_nothing() -> None:
    result = subprocess.run([str(BIN / "zizmor"), "--offline", "--no-progress", str(WORKFLOW)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings" in result.stdout + result.stderr


def test_actionlint_finds_nothing() -> None:
    actionlint = shutil.which("actionlint", path=str(BIN))
    if actionlint is None:
        pytest.skip("actionlint is not installed here: tools/setup.sh could not download it from GitHub")
    result = subprocess.run([actionlint, "-no-color", str(WORKFLOW)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_given_build_must_be_whole(tmp_path: Path) -> None:
    """CI's tests check the book the workflow built (EDITION_BOOK); a folder without it is named, with what to run."""
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "index.html").write_text("<html></html>", encoding="utf-8")
    with pytest.raises(AssertionError, match=r"no complete `make book` output there \(missing .*\.epub\)"):
        given_build(tmp_path)
    for path in (Built(tmp_path).epub, Built(tmp_path).pdf):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"")
    assert given_build(tmp_path).root == tmp_path.resolve()
