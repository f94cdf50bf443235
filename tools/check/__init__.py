"""`python -m tools check`: the lint for the book's Markdown that contributors edit.

Each finding is printed as `file:line: CODE message (what to do)`; the codes are stable
(CONTRIBUTING.md explains each). The pages are those Sphinx builds (conf.py decides) and
the files they include.
"""

from __future__ import annotations

from pathlib import Path

from . import frontmatter, headings, references, safety, suppress
from .book import load
from .registry import Finding, Rule

RULES: tuple[Rule, ...] = frontmatter.RULES + references.RULES + safety.RULES + headings.RULES
CODES: tuple[str, ...] = (*(rule.code for rule in RULES), suppress.MALFORMED, suppress.UNUSED)


def check(root: Path) -> tuple[list[str], list[Finding]]:
    """The files checked (paths from the root) and their findings, in file and line order."""
    book = load(root)
    findings = []
    for page in book.pages:
        found = [Finding(page.name, problem.line, rule.code, problem.message, problem.fix)
                 for rule in RULES for problem in rule.check(page, book)]
        findings += suppress.apply(page, found, set(CODES))
    return [page.name for page in book.pages], sorted(findings)
