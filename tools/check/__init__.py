"""`python -m tools check`: the lint for the book's Markdown that contributors edit.

Each finding is printed as `file:line: CODE message (what to do)`; the codes are stable
(CONTRIBUTING.md explains each). The pages are those Sphinx builds (conf.py decides).
"""

from __future__ import annotations

from pathlib import Path

from ..core import allowed, safety
from ..core.markdown import MarkdownBook, load
from ..core.rules import Finding, Rule
from . import frontmatter, headings, references, suppress

RULES: tuple[Rule, ...] = frontmatter.RULES + references.RULES + safety.RULES + headings.RULES
CODES: tuple[str, ...] = tuple(sorted({*(rule.code for rule in RULES), safety.SOURCE_CODE,
                                       suppress.MALFORMED, suppress.UNUSED}))


def unreadable(book: MarkdownBook) -> list[Finding]:
    """ED020: the files the build would refuse to read, and page names that are not safe addresses."""
    found = [Finding(path.relative_to(book.root).as_posix(), problem.line, safety.SOURCE_CODE, problem.message,
                     problem.fix) for path, problem in book.unreadable]
    found += [Finding(page.name, 1, safety.SOURCE_CODE, f"the page name '{page.docname}' is not allowed: {problem}",
                      "rename the file") for page in book.pages if (problem := allowed.docname_problem(page.docname))]
    return found


def check(root: Path) -> tuple[list[str], list[Finding]]:
    """The files checked (paths from the root) and their findings, in file and line order."""
    book = load(root)
    findings = unreadable(book)
    for page in book.pages:
        found = [Finding(page.name, problem.line, rule.code, problem.message, problem.fix)
                 for rule in RULES for problem in rule.check(page, book)]
        findings += suppress.apply(page, found, set(CODES))
    return [page.name for page in book.pages], sorted(findings)
