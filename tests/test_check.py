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

from tests.conftest import ROOT, sphinx_build
from tools.check import CODES, check
from tools.core.allowed import MAX_FILE_BYTES, MAX_LINES, MAX_MARKUP
from tools.core.build_data import BUILD_DATA

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
    ("ED001", ("kind: letter", "kind: [letter"), 7),
    ("ED001", ("kind: letter", "kind: 'letter"), 7),
    ("ED001", ("written_at: Alma-Ata", 'written_at: "Alma-Ata'), 10),
    ("ED001", ("pages: 56–60", "pages 56–60"), 4),
    ("ED001", ("title: A test letter", "title A test letter"), 2),
    ("ED001", ("source_line: 563\n---\n", "source_line: 563\n\n"), 1),
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
    ("ED008", "[next](99-nope.md)", 18),
    ("ED008", "[next](02-other.html)", 18),
    ("ED008", "[next](02-other.md#p1)", 18),
    ("ED008", "A paragraph.\n\n[next](../glossary/nope.md#p1)", 20),
    ("ED009", "[*A work*](#work-no-such-work)", 18),
    ("ED018", "{cite:p}`marx-herr-vogt`", 18),
    ("ED018", "{cite:t}`marx-herr-vogt`", 18),
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


def test_links_to_pages_are_checked_as_the_build_resolves_them(project: Path) -> None:
    links = ["[next](02-other.md)", "[next](/chapters/02-other.md)",
             "[next](../chapters/02-other.md)", "[the glossary](../glossary/index.md)", "[a place](a-place)"]
    assert found(project, CHAPTER + "\n(a-place)=\n\n" + "\n\n".join(links) + "\n") == set()


LINKS_THE_BOOK_BUILDS = ["[next](02-other.md)", "[its place](02-other.md#elsewhere)",
                         "[from the root](/chapters/02-other.md)", "[up and down](../chapters/02-other.md)",
                         "[a place](a-place)", "{doc}`02-other`"]


def test_the_lint_and_the_build_agree_on_links(project: Path, tmp_path: Path) -> None:
    """The links the lint accepts build without a warning; each one it refuses is a warning of the build."""
    plain = CHAPTER.replace("{term}`Radek <Radek, K.>`", "Radek").replace(
        " see [*Herr Vogt*](#work-marx-herr-vogt) and {doc}`02-other`", "")
    refused = {18: "[missing](99-nope.md)", 20: "[a paragraph](01-test.md#p1)", 22: "[no page](02-other.html)"}
    (project / "chapters" / "01-test.md").write_text(
        plain + "\n(a-place)=\n\n" + ", ".join(LINKS_THE_BOOK_BUILDS) + ".\n", encoding="utf-8")
    (project / "chapters" / "02-other.md").write_text(
        plain.replace("A test letter", "Another letter") + "\n" + "\n\n".join(refused.values()) + "\n\n(elsewhere)=\n",
        encoding="utf-8")
    (project / "index.md").write_text("# A book\n\n```{toctree}\nchapters/01-test\nchapters/02-other\n```\n",
                                      encoding="utf-8")
    assert [(f.path, f.line, f.code) for f in check(project)[1]] == [
        ("chapters/02-other.md", line, "ED008") for line in refused]
    for name in ("_static", "tools"):
        (project / name).symlink_to(ROOT / name)
    for name in BUILD_DATA:  # what the importer writes for the build
        shutil.copy(ROOT / name, project / name)
    _status, printed = sphinx_build("-n", "-q", "-b", "html", project, tmp_path / "out")
    warned = re.findall(r"/(chapters/0[12][\w-]+\.md):(\d+): WARNING", printed)
    assert sorted((name, int(line)) for name, line in warned) == [
        ("chapters/02-other.md", n) for n in refused], printed[-3000:]


def fixes(project: Path, page: str, text: str) -> list[str]:
    (project / page).write_text(text, encoding="utf-8")
    return [finding.fix for finding in check(project)[1] if finding.path == page]


def test_a_mistyped_page_is_suggested_as_this_file_should_write_it(project: Path) -> None:
    chapter = CHAPTER.replace("{doc}`02-other`", "{doc}`02-othre` and [the next](02-othr.md)")
    assert sorted(fix.partition("?")[0] for fix in fixes(project, "chapters/01-test.md", chapter)) == [
        "did you mean '02-other'", "did you mean '02-other.md'"]
    notes = "# Notes\n\nSee {doc}`chapters/02-othr` and [it](../chapters/02-other.md).\n"
    assert [fix.partition("?")[0] for fix in fixes(project, "glossary/notes.md", notes)] == [
        "did you mean '../chapters/02-other'"]


def test_front_matter_errors_say_the_real_fault(project: Path) -> None:
    (project / "chapters" / "01-test.md").write_text(CHAPTER.replace("source_line: 563\n---\n", "source_line: 563\n"),
                                                     encoding="utf-8")
    (finding,) = check(project)[1]
    assert finding.message == "the front matter opened here is never closed"
    (project / "chapters" / "01-test.md").write_text(CHAPTER.replace("kind: letter", "kind: 'letter"),
                                                     encoding="utf-8")
    (finding,) = check(project)[1]
    assert finding.message == "the front matter is not valid YAML: the quote opened on this line is never closed"
    (project / "chapters" / "01-test.md").write_text(CHAPTER.replace("pages: 56–60", "pages 56–60"),
                                                     encoding="utf-8")
    (finding,) = check(project)[1]
    assert finding.message == "the front matter is not valid YAML: 'pages 56–60' has no colon after the field's name"


def test_a_citation_role_is_refused_with_what_to_write_instead(project: Path) -> None:
    (project / "chapters" / "01-test.md").write_text(CHAPTER + "\nAs {cite:t}`marx-herr-vogt` says.\n",
                                                     encoding="utf-8")
    (finding,) = check(project)[1]
    assert (finding.code, finding.line) == ("ED018", 18)
    assert "[*My Life*](#work-trotsky-my-life)" in finding.fix, finding


def test_the_workflow_runs_what_ci_runs() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "book.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    build = workflow["jobs"]["build"]
    runs = [step for step in build["steps"] if "run" in step]
    (book,) = [step for step in runs if "make book" in step["run"]]  # the book is built once per run
    (tests,) = [step for step in runs if step["run"] == ".ci/run"]
    assert runs.index(book) < runs.index(tests) and "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    # the tests check that build, and the address it was built with is the job's, which they read too
    assert f"BUILD={tests['env']['EDITION_BOOK']} " in book["run"] and "/make-book.log" in book["run"]
    assert {"EDITION_BASEURL", "EDITION_URL_PREFIX"} <= set(build["env"])
    assert build["defaults"]["run"]["shell"] == "bash"  # pipefail: `make book | tee` fails when make does
    uploads = [step for step in build["steps"] if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert len(uploads) == 3 and all(step["if"].startswith("${{ always() && hashFiles(") for step in uploads)
    report = next(step for step in build["steps"] if "tools diff" in step.get("run", ""))
    assert report["continue-on-error"] is True  # the reader's report never stops the tests
    trusted = next(n for n, step in enumerate(build["steps"]) if "safe.directory" in step.get("run", ""))
    assert trusted < build["steps"].index(report)  # git reads a checkout another user owns
    uses = [step["uses"].split("@")[0] for job in workflow["jobs"].values() for step in job["steps"] if "uses" in step]
    assert {"actions/upload-artifact", "actions/upload-pages-artifact", "actions/deploy-pages"} <= set(uses)
