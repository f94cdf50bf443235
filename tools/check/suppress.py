"""ED016-ED017: a finding is silenced by a comment on the line before it, which gives a reason.

    % check: ignore ED010 — the printed book has a table here that Markdown cannot make

In the front matter (YAML), the comment starts with # instead of %. One comment may name
several codes (`ED005, ED006`); several comments may stand one above the other. A comment
without a reason, with an unknown code, or that silences nothing is itself a finding.
The security codes (tools/core/safety.py) cannot be silenced: the build refuses what they
report whatever the Markdown says, so a comment naming one is itself a finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.markdown import Page
from ..core.rules import Finding
from ..core.safety import SECURITY_CODES

COMMENT = re.compile(r"\s*(?P<mark>[%#])\s*check\b(?P<rest>.*)")
FORM = re.compile(r":\s*ignore\s+(?P<codes>ED\d{3}(?:\s*,\s*ED\d{3})*)\s*[—–:-]*\s*(?P<reason>.*)")
EXAMPLE = "write `% check: ignore ED010 — why the rule does not apply here`"
MALFORMED = "ED016"  # a comment that is not a suppression with a known code and a reason
UNUSED = "ED017"  # a suppression that silences nothing on its line


@dataclass
class Suppression:
    line: int
    target: int  # the line it silences: the next line that is not a suppression comment
    codes: tuple[str, ...]
    used: bool = False


def comments(page: Page) -> list[tuple[int, str]]:
    """(line, text after `check`) of the page's suppression comments: % in Markdown, # in the front matter."""
    found = page.front_matter
    yaml_lines = range(found[0], found[0] + found[1].count("\n")) if found else range(0)
    matches = [(number, COMMENT.fullmatch(text)) for number, text in enumerate(page.lines, start=1)]
    return [(number, match["rest"]) for number, match in matches
            if match and (match["mark"] == "#") == (number in yaml_lines)]


def read(page: Page, codes: set[str]) -> tuple[list[Suppression], list[Finding]]:
    """The page's suppressions, and a finding for each comment that is not one."""
    found = comments(page)
    lines = {number for number, _ in found}
    suppressions, problems = [], []
    for number, rest in found:
        form = FORM.fullmatch(rest)
        named = re.findall(r"ED\d{3}", form["codes"]) if form else []
        unknown = [code for code in named if code not in codes]
        security = sorted(SECURITY_CODES & set(named))
        if form and re.search(r"\w", form["reason"]) and not unknown and not security:
            target = next(line for line in range(number + 1, number + len(lines) + 2) if line not in lines)
            suppressions.append(Suppression(number, target, tuple(named)))
            continue
        what = (f"unknown code {', '.join(unknown)}" if unknown else
                f"{', '.join(security)} cannot be silenced: the build refuses what it reports" if security else
                "a suppression without a reason" if form else "a suppression not in the form `check: ignore`")
        problems.append(Finding(page.name, number, MALFORMED, what, EXAMPLE))
    return suppressions, problems


def apply(page: Page, findings: list[Finding], codes: set[str]) -> list[Finding]:
    """The page's findings less those its comments silence, plus the comments' own findings."""
    suppressions, problems = read(page, codes)
    kept = []
    for finding in findings:
        silencing = [item for item in suppressions if item.target == finding.line and finding.code in item.codes]
        for item in silencing:
            item.used = True
        if not silencing:
            kept.append(finding)
    unused = [Finding(page.name, item.line, UNUSED, f"the suppression of {', '.join(item.codes)} silences "
                      f"nothing on line {item.target}", "remove it") for item in suppressions if not item.used]
    return kept + unused + problems
