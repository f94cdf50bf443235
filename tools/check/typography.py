"""Typography check of the built book: the XHTML of the EPUB (or HTML) and the generated .tex.

    python -m tools typography _build/epub _build/html _build/latex/challenge-left-opposition-1928-29.tex

Fails (exit 1) on what a reader should never see in the text itself (markup, code and
index sort keys are not text):

- TY001 straight quote or apostrophe (" or ') where a curly one belongs;
- TY002 doubled dash (--, ——, ––, or a hyphen standing for a dash between spaces);
- TY003 spaced em dash ("errors— real"): the book sets em dashes closed up; the spaced
  en dash is the Glossary's separator and stays;
- TY004 two or more spaces inside a line of text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from ..core.rules import Finding

RULES = (
    ("TY001", "straight quote", re.compile(r"[\"']"), "curl it: smart quotes missed this text"),
    ("TY002", "doubled dash", re.compile(r"--|——|––|(?<=\s)-(?=\s)"), "use one en or em dash"),
    ("TY003", "spaced em dash", re.compile(r"\w[ \u00a0]?—[ \u00a0]\w|\w[ \u00a0]—\w"), "close the em dash up"),
    ("TY004", "double space", re.compile(r"\S[ \u00a0]{2,}\S"), "use one space"),
)
NOT_TEXT = {"script", "style", "pre", "code", "kbd", "samp", "head"}
# LaTeX: what is markup, not text: comments, \index{...}, \label{...}, \detokenize{...} etc.
TEX_COMMAND_ARGUMENT = re.compile(r"\\(?:index|label|detokenize|hyperref|sphinxhref|href|url|ref|"
                                  r"bibitem|sphinxcite|sphinxlineitem|spxentry|phantomsection)\b(?:\[[^\]]*\])?")
TEX_COMMENT = re.compile(r"(?<!\\)%.*$")


def check_line(path: str, line: int, text: str) -> Iterator[Finding]:
    for code, message, pattern, fix in RULES:
        for match in pattern.finditer(text):
            excerpt = text[max(match.start() - 25, 0):match.end() + 25].replace("\n", " ")
            yield Finding(path, line, code, f"{message}: …{excerpt}…", fix)


class TextExtractor(HTMLParser):
    """The text of an (X)HTML document, line by line, outside code, scripts and the head."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skipping: list[str] = []
        self.chunks: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in NOT_TEXT:
            self.skipping.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.chunks.append((self.getpos()[0], data))


def check_html(path: Path) -> list[Finding]:
    parser = TextExtractor()
    parser.feed(path.read_text(encoding="utf-8"))
    findings = []
    for line, chunk in parser.chunks:
        for offset, text in enumerate(chunk.split("\n")):
            findings += check_line(str(path), line + offset, text)
    return findings


def tex_text(line: str) -> str:
    """A line of the .tex with its comments and the arguments of non-text commands removed."""
    line = TEX_COMMENT.sub("", line)
    while match := TEX_COMMAND_ARGUMENT.search(line):
        end = skip_group(line, match.end())
        line = line[: match.start()] + line[end:]
    return line


def skip_group(text: str, start: int) -> int:
    """Index after the balanced {...} group at `start` (or `start` if none)."""
    if start >= len(text) or text[start] != "{":
        return start
    depth = 0
    for position in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[position], 0)
        if depth == 0:
            return position + 1
    return len(text)


def check_tex(path: Path) -> list[Finding]:
    lines = path.read_text(encoding="utf-8").split("\n")
    start = next((n for n, line in enumerate(lines) if line.startswith(r"\begin{document}")), len(lines))
    findings = []
    for number, line in enumerate(lines[start:], start + 1):
        findings += check_line(str(path), number, tex_text(line))
    return findings


def check_paths(paths: list[Path]) -> list[Finding]:
    findings = []
    for path in paths:
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if file.suffix in {".xhtml", ".html"}:
                findings += check_html(file)
            elif file.suffix == ".tex":
                findings += check_tex(file)
    return findings
