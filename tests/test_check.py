"""`python -m tools check`: the real book is clean; each rule fires on a crafted chapter, at its line.

Also what contributors rely on beside it: CONTRIBUTING.md explains every code, and the
pull-request workflow runs the same commands as .ci/run.
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
from tools.check import CODES, check
from tools.core.allowed import MAX_FILE_BYTES, MAX_LINES, MAX_MARKUP

CHAPTER = """\
---
title: A test letter
part: text
pages: 56–60
date: February 28, 1928
date_iso: '1928-02-28'
kind: letter
author: Leon Trotsky
addressee: Karl Radek
written_at: Alma-Ata
source_line: 563
---

# A test letter

Dear {term}`Radek <Radek, K.>`, see [*Herr Vogt*](#work-marx-herr-vogt) and {doc}`02-other`.
"""
BODY = 16  # the line of the body's paragraph; a crafted addition (after an empty line) starts at line 18
OTHER = CHAPTER.replace("A test letter", "Another letter") + "\nA [link](https://example.org) and {term}`Bolsheviks`.\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with the book's conf.py, bibliography and glossary, and one more page."""
    for name in ("conf.py", "references.bib", "glossary/index.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / "chapters").mkdir()
    (tmp_path / "chapters" / "02-other.md").write_text(OTHER, encoding="utf-8")
    return tmp_path


def found(project: Path, chapter: str) -> set[tuple[str, int]]:
    """(code, line) of the findings in a crafted chapters/01-test.md."""
    (project / "chapters" / "01-test.md").write_text(chapter, encoding="utf-8")
    _, findings = check(project)
    assert {finding.path for finding in findings} <= {"chapters/01-test.md"}, findings
    return {(finding.code, finding.line) for finding in findings}


def test_the_real_book_is_clean() -> None:
    files, findings = check(ROOT)
    assert not findings, "\n".join(map(str, findings))
    chapters = [f"chapters/{path.name}" for path in (ROOT / "chapters").glob("*.md")]
    assert {*chapters, "index.md", "glossary/index.md"} <= set(files)
    assert not {"README.md", "CONTRIBUTING.md"} & set(files)


def test_the_crafted_chapter_is_clean(project: Path) -> None:
    assert found(project, CHAPTER) == set()


def test_month_and_span_dates_are_valid(project: Path) -> None:
    assert found(project, CHAPTER.replace("'1928-02-28'", "'1928-02'")) == set()
    assert found(project, CHAPTER.replace("'1928-02-28'", "'1929-02-07/1929-02-08'")) == set()


FRONT_MATTER = [  # (code, the crafted change to the front matter, the line reported)
    ("ED001", (CHAPTER[:CHAPTER.index("# A test letter")], ""), 1),
    ("ED001", ("kind: letter", "kind: [letter"), 8),
    ("ED002", ("author: Leon Trotsky\n", ""), 2),
    ("ED019", ("addressee:", "adressee:"), 9),
    ("ED019", ("source_line: 563", "source_line: 563\nmyst:\n  enable_extensions: [html_image]"), 12),
    ("ED019", ("addressee: Karl Radek", "addressee: &a Karl Radek\nprinted_title: *a"), 9),
    ("ED019", ("written_at: Alma-Ata", f"written_at: {'Alma-Ata ' * 120}"), 10),
    ("ED002", ("source_line: 563", "source_line: '563'"), 11),
    ("ED002", ("addressee: Karl Radek", "addressee: [Karl Radek, '']"), 9),
    ("ED002", ("written_at: Alma-Ata", "written_at: ''"), 10),
    ("ED003", ("kind: letter", "kind: leter"), 7),
    ("ED004", ("part: text", "part: body"), 3),
    ("ED005", ("'1928-02-28'", "'1928-02-30'"), 6),
    ("ED005", ("'1928-02-28'", "'1928-2-28'"), 6),
    ("ED005", ("'1928-02-28'", "'1929-02-08/1929-02-07'"), 6),
    ("ED005", ("date: February 28, 1928\n", ""), 5),
    ("ED006", ("pages: 56–60", "pages: 56-60"), 4),
    ("ED006", ("pages: 56–60", "pages: 60–56"), 4),
]


@pytest.mark.parametrize(("code", "change", "line"), FRONT_MATTER)
def test_front_matter_rules(project: Path, code: str, change: tuple[str, str], line: int) -> None:
    assert change[0] in CHAPTER
    assert found(project, CHAPTER.replace(*change)) == {(code, line)}


BODIES = [  # (code, Markdown added after the body's paragraph, at line 18, and the line reported)
    ("ED007", "A {term}`misspelt <Radec, K.>` name.", 18),
    ("ED007", "Text[^1].\n\n[^1]: A note on a {term}`Nobody`.", 20),
    ("ED008", "See {doc}`03-missing`.", 18),
    ("ED009", "[*A work*](#work-no-such-work)", 18),
    ("ED009", "{cite:p}`marx-herr-vogt, no-such-key`", 18),
    ("ED010", "Some <b>bold</b> text.", 18),
    ("ED010", "<div>\nblock\n</div>", 18),
    ("ED010", "<!-- a comment -->", 18),
    ("ED010", ":::{container} note\nA line.\n\nA <span>tag</span>.\n:::", 21),
    ("ED011", "```{raw} html\n<script>alert(1)</script>\n```", 18),
    ("ED011", "```{eval-rst}\n.. raw:: html\n\n   <script>alert(1)</script>\n```", 18),
    ("ED011", "{raw-html}`<script>alert(1)</script>`", 18),
    ("ED011", "```{include} ../chapters/02-other.md\n:parser: rst\n```", 18),
    ("ED011", "```{include} ../../../../../../../etc/hostname\n:literal:\n```", 18),
    ("ED012", "[click](javascript:alert(1))", 18),
    ("ED012", "[click](JaVaScRiPt:alert(1))", 18),
    ("ED012", "<vbscript:msgbox>", 18),
    ("ED012", "A [reference][r].\n\n[r]: data:text/html,<script>alert(1)</script>", 18),
    ("ED013", "![pixel](data:image/png;base64,iVBORw0KGgo=)", 18),
    ("ED012", ":::{container} note\nA [reference][r].\n:::\n\n[r]: javascript:alert(1)", 19),
    ("ED012", "[click](jav&#x09;ascript:alert(1))", 18),
    ("ED012", "```{toctree}\njavascript://%0Aalert(1)\n```", 19),
    ("ED013", "![tracker](https://example.org/pixel.png)", 18),
    ("ED013", "![pixel](//example.org/pixel.png)", 18),
    ("ED013", "![secret](../../../etc/passwd.png)", 18),
    ("ED018", "```{Sidebar}\nText.\n```", 18),
    ("ED018", "A {download}`file <../conf.py>`.", 18),
    ("ED018", '```{bibliography}\n:filter: title % "(a+)+$"\n```', 19),
    ("ED018", "```{toctree}\n:caption: Part\n:glob:\n```", 20),
    ("ED018", "```{toctree}\n:caption: " + "A long caption. " * 19 + "\n```", 19),
    ("ED018", ":::{container} note\n:name: edition-previews\nText.\n:::", 19),
    ("ED021", "(Edition_Previews)=\n## A section", 18),
    ("ED021", "## P12", 18),
    # nine containers one inside the other (the book nests two): the ninth is not read
    ("ED018", "".join(":" * (12 - n) + "{container} a\n" for n in range(9)) + "Text.\n"
     + "".join(":" * (4 + n) + "\n" for n in range(9)), 26),
    ("ED014", "# A second title", 18),
    ("ED015", "### A section two levels down", 18),
]


@pytest.mark.parametrize(("code", "markdown", "line"), BODIES)
def test_body_rules(project: Path, code: str, markdown: str, line: int) -> None:
    assert found(project, CHAPTER + "\n" + markdown + "\n") == {(code, line)}


def test_a_page_without_title(project: Path) -> None:
    assert found(project, CHAPTER.replace("# A test letter", "## A test letter")) == {("ED014", 1), ("ED015", 14)}


def test_an_included_file_is_refused_and_not_read(project: Path) -> None:
    (project / "chapters" / "part.md.txt").write_text("# Its own title\n\nA <b>tag</b>.\n", encoding="utf-8")
    (project / "chapters" / "01-test.md").write_text(CHAPTER + "\n```{include} part.md.txt\n```\n", encoding="utf-8")
    files, findings = check(project)
    assert "chapters/part.md.txt" not in files
    assert [(item.path, item.line, item.code) for item in findings] == [("chapters/01-test.md", 18, "ED011")]


@pytest.mark.parametrize(("content", "line"), [
    (b"# A page\n" + b"x" * MAX_FILE_BYTES, 1),
    ("# A page\n\nCaf\u00e9\n".encode("latin-1"), 3),
    # what the parser would take time growing faster than the page to read: refused unread
    (b"# A page\n" + b"a\n\n" * (MAX_LINES // 2), MAX_LINES + 1),  # too many lines
    (b"# A page\n\n" + b"[" * 30_000 + b"\n", 3),  # one paragraph too long (every [ is looked for to its end)
    (b"# A page\n\n" + (b"*" * (MAX_MARKUP // 5) + b"\n\n") * 6, 13),  # too much markup: the sixth 10,000 *
])
def test_a_page_too_large_not_utf8_or_too_slow_to_read_is_reported_unread(project: Path, content: bytes,
                                                                          line: int) -> None:
    (project / "chapters" / "01-test.md").write_bytes(content)
    files, findings = check(project)
    assert "chapters/01-test.md" not in files
    assert [(item.path, item.line, item.code) for item in findings] == [("chapters/01-test.md", line, "ED020")]


def test_a_page_name_that_is_not_a_safe_address(project: Path) -> None:
    (project / "chapters" / "javascript:alert(1).md").write_text(CHAPTER, encoding="utf-8")
    findings = check(project)[1]
    assert [(item.path, item.code) for item in findings] == [("chapters/javascript:alert(1).md", "ED020")]


def test_every_rule_is_tested() -> None:
    tested = {code for code, *_ in FRONT_MATTER + BODIES} | {"ED016", "ED017", "ED020"}
    assert tested == set(CODES)


# --- Suppressions ---------------------------------------------------------------------------

TERM = "A {term}`Nobody` here."  # ED007


@pytest.mark.parametrize("comment", ["% check: ignore ED007 — a name the glossary will have",
                                     "% check: ignore ED007, ED009: two reasons apply",
                                     "%check: ignore ED007 because the glossary will have it"])
def test_a_suppression_with_a_reason_silences(project: Path, comment: str) -> None:
    assert found(project, CHAPTER + f"\n{comment}\n{TERM}\n") == set()


def test_suppressions_stack(project: Path) -> None:
    comments = "% check: ignore ED009 — a work to be added\n% check: ignore ED007 — a name"
    chapter = CHAPTER + f"\n{comments}\n{TERM} [*X*](#work-x)\n"
    assert found(project, chapter) == set()


@pytest.mark.parametrize("code", ["ED010", "ED011", "ED012", "ED013", "ED018", "ED019", "ED020", "ED021"])
def test_a_security_code_cannot_be_silenced(project: Path, code: str) -> None:
    chapter = CHAPTER + f"\n% check: ignore {code} — the print edition has it\nSome <b>bold</b> text.\n"
    assert ("ED016", 18) in found(project, chapter)
    if code == "ED010":
        assert ("ED010", 19) in found(project, chapter)


def test_a_suppression_in_the_front_matter(project: Path) -> None:
    comment = "# check: ignore ED003 — a kind the schema does not know yet"
    chapter = CHAPTER.replace("kind: letter", f"{comment}\nkind: leter")
    assert found(project, chapter) == set()


@pytest.mark.parametrize("comment", ["% check: ignore ED007", "% check: ignore ED007 —", "% check: ignore ED007 — ...",
                                     "% check: ignore ED099 — no such code", "% check: skip ED007 — wrong word"])
def test_a_bad_suppression_is_reported_and_silences_nothing(project: Path, comment: str) -> None:
    assert found(project, CHAPTER + f"\n{comment}\n{TERM}\n") == {("ED016", 18), ("ED007", 19)}


def test_a_suppression_that_silences_nothing_is_reported(project: Path) -> None:
    assert found(project, CHAPTER + "\n% check: ignore ED007 — there was a name here\nPlain text.\n") == {("ED017", 18)}
    assert found(project, CHAPTER + f"\n% check: ignore ED009 — wrong code\n{TERM}\n") == {("ED017", 18), ("ED007", 19)}


# --- The command ------------------------------------------------------------------------------

def run_check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tools", "check", "--root", str(root)],
                          cwd=ROOT, capture_output=True, text=True, check=False)


def test_the_command_on_the_real_book() -> None:
    result = run_check(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.fullmatch(r"checked \d+ files: no findings\n", result.stdout)


def test_the_command_prints_file_line_code_and_what_to_do(project: Path) -> None:
    (project / "chapters" / "01-test.md").write_text(CHAPTER.replace("Radek, K.", "Radec, K."), encoding="utf-8")
    result = run_check(project)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"chapters/01-test.md:{BODY}: ED007 {{term}} 'Radec, K.' is not a glossary headword (did you mean "
        "'Radek, K.'? write {term}`text <Headword>` with a headword of glossary/index.md, or add the entry "
        "to the glossary)",
        "checked 3 files: 1 finding"]


def test_the_command_without_a_project(tmp_path: Path) -> None:
    result = run_check(tmp_path)
    assert result.returncode == 2
    assert "no conf.py" in result.stderr


# --- What contributors read and what CI runs --------------------------------------------------

def test_contributing_explains_every_code() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert list(CODES) == sorted(set(CODES)), "codes are unique and in order"
    assert re.findall(r"^\| (ED\d{3}) \|", text, flags=re.M) == list(CODES)


def test_the_workflow_runs_what_ci_runs() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "book.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    build = workflow["jobs"]["build"]
    commands = [step["run"] for step in build["steps"] if "run" in step]
    assert ".ci/run" in commands and "make book" in commands
    assert commands.index(".ci/run") < commands.index("make book")
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    (make_book,) = [step for step in build["steps"] if step.get("run") == "make book"]
    assert set(make_book["env"]) == {"EDITION_BASEURL", "EDITION_URL_PREFIX"}
    uses = [step["uses"].split("@")[0] for job in workflow["jobs"].values() for step in job["steps"] if "uses" in step]
    assert {"actions/upload-artifact", "actions/upload-pages-artifact", "actions/deploy-pages"} <= set(uses)
