"""The book's Markdown as the checks see it: its pages, parsed the way MyST parses them.

The pages are the files Sphinx reads (found with conf.py's `exclude_patterns` and
`source_suffix`, as Sphinx finds them); the build includes no other file. Each page is parsed
with MyST's own Markdown parser, configured from conf.py's `myst_*` settings, into a flat
list of tokens with their line in the file: block tokens, their inline children, and the
tokens of every directive's body (a `:::{container}` holds Markdown), so that a rule sees
everything the build will render.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
import runpy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from docutils.nodes import make_id
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser
from pybtex.database import parse_file
from pybtex.exceptions import PybtexError
from sphinx.project import Project

from .allowed import SourceProblem, read_source, yaml_alias_line

# Directives whose body is not Markdown: code, data, or text for another parser.
NOT_MARKDOWN = {"code", "code-block", "sourcecode", "code-cell", "literalinclude", "math", "raw",
                "eval-rst", "toctree", "index-entries", "bibliography"}
OPTION = re.compile(r":(?P<name>[\w-]+):(?:\s+(?P<value>.*))?$")
CLASSIFIER = re.compile(" +: +")  # `term : classifier` in a glossary, as Sphinx splits it


class CheckError(Exception):
    """The book cannot be checked (no conf.py, an unreadable bibliography)."""


@dataclass(frozen=True)
class Directive:
    name: str
    argument: str
    options: dict[str, str]
    body: str
    line: int  # the opening fence
    body_line: int  # the body's first line


@dataclass(eq=False)
class Page:
    path: Path
    name: str  # the path from the project's root, as findings print it
    docname: str
    text: str
    tokens: list[tuple[int, Token]] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)

    @property
    def front_matter(self) -> tuple[int, str] | None:
        """The YAML front matter's first line and text."""
        for line, token in self.tokens:
            if token.type == "front_matter":
                return line + 1, token.content
        return None


@dataclass
class MarkdownBook:
    root: Path
    pages: list[Page]
    docnames: set[str]
    headwords: dict[str, str]  # glossary headword, lowercased -> as written (Sphinx matches both)
    work_keys: set[str]  # the keys of references.bib
    suffixes: tuple[str, ...] = (".md",)  # of the pages' files (conf.py's source_suffix)
    labels: set[str] = field(default_factory=set)  # the explicit targets, `(name)=`, lowercased as Sphinx does
    anchors: dict[str, set[str]] = field(default_factory=dict)  # docname -> the names and ids of its `(name)=` targets
    unreadable: list[tuple[Path, SourceProblem]] = field(default_factory=list)  # too large, or not UTF-8


def parser(conf: dict) -> MarkdownIt:
    """MyST's parser with the book's `myst_*` settings; every link is kept so that the checks see it."""
    known = {setting.name for setting in dataclasses.fields(MdParserConfig)}
    settings = {name.removeprefix("myst_"): value for name, value in conf.items()
                if name.startswith("myst_") and name.removeprefix("myst_") in known}
    md = create_md_parser(MdParserConfig(**settings), RendererHTML)
    md.validateLink = lambda url: True  # markdown-it drops `javascript:` links; the checks report them
    return md


def directive_of(token: Token, line: int) -> Directive | None:
    """A ```` ```{name} ```` or `:::{name}` fence as a directive: argument, options, body."""
    if token.type not in ("fence", "colon_fence") or not token.info.startswith("{") or "}" not in token.info:
        return None
    name, _, argument = token.info[1:].partition("}")
    lines = token.content.split("\n")
    options: dict[str, str] = {}
    skip = 0
    if lines[0].strip() == "---" and "---" in (text.strip() for text in lines[1:]):
        skip = 1 + [text.strip() for text in lines[1:]].index("---") + 1
        block = "\n".join(lines[1:skip - 1])
        try:  # anchors and aliases are refused (ED019) before anything is built of them
            found = None if yaml_alias_line(block) else yaml.safe_load(block)
        except yaml.YAMLError:
            found = None  # MyST reports it, and the build (-W) fails
        options = {str(key): str(value) for key, value in found.items()} if isinstance(found, dict) else {}
    else:
        while skip < len(lines) and (option := OPTION.match(lines[skip])):
            options[option["name"]] = option["value"] or ""
            skip += 1
    return Directive(name.strip(), argument.strip(), options, "\n".join(lines[skip:]), line, line + 1 + skip)


def parse(md: MarkdownIt, page: Page, text: str, first_line: int, env: dict[str, Any]) -> None:
    """Add the tokens and directives of `text`, which starts at `first_line` of the page.

    `env` is the page's: a directive's body sees the page's link reference definitions, as in MyST.
    """
    line = first_line
    for token in md.parse(text, env):
        if token.map:
            line = first_line + token.map[0]
        page.tokens.append((line, token))
        inline = line
        for child in token.children or []:
            page.tokens.append((inline, child))
            inline += child.type in ("softbreak", "hardbreak")
        directive = directive_of(token, line)
        if directive:
            page.directives.append(directive)
            if directive.name.lower() not in NOT_MARKDOWN:
                parse(md, page, directive.body, directive.body_line, env)


def glossary_headwords(pages: list[Page], md: MarkdownIt) -> dict[str, str]:
    """The terms of every `{glossary}`: its lines that are not indented, as text (markup removed)."""
    headwords = {}
    for page in pages:
        for directive in page.directives:
            if directive.name != "glossary":
                continue
            for line in directive.body.split("\n"):
                if line.strip() and not line[0].isspace():
                    term = CLASSIFIER.split(line)[0]
                    tokens = md.parseInline(term)[0].children or []
                    text = "".join(token.content for token in tokens if token.type in ("text", "code_inline"))
                    headwords[text.lower()] = text
    return headwords


def work_keys(root: Path, bibfiles: list[str]) -> set[str]:
    keys = set()
    for name in bibfiles:
        try:
            keys |= set(parse_file(str(root / name), "bibtex").entries)
        except (OSError, PybtexError) as error:
            raise CheckError(f"{name}: cannot be read: {error} (correct the file, then check again)") from error
    return keys


def load(root: Path) -> MarkdownBook:
    root = root.resolve()
    if not (root / "conf.py").is_file():
        raise CheckError(f"{root}: no conf.py here (run the check in the project, or give --root the project)")
    conf = runpy.run_path(str(root / "conf.py"))
    md = parser(conf)
    project = Project(root, conf.get("source_suffix", {".rst": "restructuredtext"}))
    excluded = conf.get("exclude_patterns", []) + conf.get("templates_path", []) + conf.get("html_static_path", [])
    docnames = project.discover(excluded, conf.get("include_patterns", ["**"]))
    pages, unreadable = [], []
    for docname in sorted(docnames):
        path = project.doc2path(docname, absolute=True)
        text = read_source(path)
        if isinstance(text, SourceProblem):
            unreadable.append((path, text))
            continue
        page = Page(path, posixpath.relpath(path.as_posix(), root.as_posix()), docname, text)
        parse(md, page, page.text, 1, {})
        pages.append(page)
    labels = {token.content.lower() for page in pages for _, token in page.tokens if token.type == "myst_target"}
    return MarkdownBook(root, pages, set(docnames), glossary_headwords(pages, md),
                        work_keys(root, conf.get("bibtex_bibfiles", [])), tuple(project.source_suffix), labels,
                        {page.docname: anchors(page) for page in pages}, unreadable)


def anchors(page: Page) -> set[str]:
    """The ids a link to the page may name, as MyST finds them: its explicit targets `(name)=`, by
    name or id (the book sets no myst_heading_anchors, so a heading's id is not one)."""
    return {name for _, token in page.tokens if token.type == "myst_target"
            for name in (token.content, token.content.lower(), make_id(token.content))}


def docname_join(page: Page, target: str) -> str:
    """The document a `{doc}` target names, as Sphinx joins it to the page's document."""
    if target.startswith("/"):
        return posixpath.normpath(target[1:])
    return posixpath.normpath(posixpath.join(posixpath.dirname(page.docname), target))
