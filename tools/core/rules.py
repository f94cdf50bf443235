"""Rules, their stable codes, and the findings they report.

A rule is a function of a page and the book that yields problems (line, message, what to
do); `@rule("ED007")` gives it its code, and its docstring says what the code means
(CONTRIBUTING.md lists them all). Codes are never renumbered or reused.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from .markdown import MarkdownBook, Page


class Problem(NamedTuple):
    line: int
    message: str
    fix: str  # what to do about it


Check = Callable[[Page, MarkdownBook], Iterator[Problem]]


@dataclass(frozen=True)
class Rule:
    code: str
    check: Check


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    code: str
    message: str
    fix: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.code} {self.message} ({self.fix})"


def rule(code: str) -> Callable[[Check], Rule]:
    """Make a rule of a check function."""
    def make(check: Check) -> Rule:
        return Rule(code, check)
    return make
