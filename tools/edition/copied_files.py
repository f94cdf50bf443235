"""The second line of defence: the files the build copies into the site and the EPUB as they are
(`html_static_path`, `html_extra_path`, the edition's `static/`) are checked before anything is
written, so that a pull request that slips one past review still cannot put script on the site's
origin or a tracker into every page.

- A file's type must be one of `copied_file_types` (tools/data/allow-list.yaml): no HTML, XML or
  scripts besides the extensions' own (a page or an SVG opened at the site's address runs its
  script there);
- an SVG has only the elements and attributes of `svg_elements` and `svg_attributes` (no script,
  no event attribute, no foreignObject, no animation that could set an address), links only
  within itself (`#id`), no DOCTYPE or entity, and its styles pass the CSS rule below;
- a stylesheet loads nothing from another host: no `@import`, and every `url()` (and every image
  in `image-set()` and the like) is a file of the site or `data:`. The CSS is read as browsers
  read it (tinycss2: escapes such as `\\75 rl(` decoded, comments removed).

A refusal names the file and line and stops the build, in every format.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.parsers import expat

import tinycss2
from sphinx.application import Sphinx
from sphinx.util import logging

from tools.core import allowed

from .allow_list import Refused
from .assets import STATIC

logger = logging.getLogger(__name__)
Problem = tuple[int, str]  # (line, what)
SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
# Functions whose strings are images the browser loads (besides url())
IMAGE_FUNCTIONS = {"image-set", "-webkit-image-set", "image", "cross-fade"}


def address_problem(address: str) -> str | None:
    if allowed.scheme(address) == "data":
        return None  # inline: loads nothing
    return "loads from another host (a tracker in every page)" if allowed.is_remote(address) else None


def css_tokens(tokens: list[Any]) -> Iterator[Any]:
    for token in tokens:
        yield token
        for part in ("arguments", "content", "prelude"):
            yield from css_tokens(getattr(token, part, None) or [])


def loaded(token: Any) -> list[str]:
    """The addresses a CSS token makes the browser load."""
    if token.type == "url":
        return [token.value]
    if token.type == "function" and (token.lower_name == "url" or token.lower_name in IMAGE_FUNCTIONS):
        return [part.value for part in token.arguments if part.type in ("string", "url")]
    return []


def css_problems(text: str, first_line: int = 1) -> list[Problem]:
    found = []
    for token in css_tokens(tinycss2.parse_component_value_list(text, skip_comments=True)):
        line = first_line + token.source_line - 1
        if token.type == "at-keyword" and token.lower_value == "import":
            found.append((line, "an @import (a stylesheet from another file or host)"))
        found += [(line, f"url '{address[:60]}' {problem}") for address in loaded(token)
                  if (problem := address_problem(address))]
    return found


class SvgReader:
    """Reads an SVG with expat, noting every element, attribute and style outside the allow-list."""

    def __init__(self) -> None:
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.text
        self.parser.ProcessingInstructionHandler = self.instruction
        self.problems: list[Problem] = []
        self.style: list[str] | None = None  # the text of a <style> being read
        self.style_line = 0

    def refuse(self, what: str) -> None:
        self.problems.append((self.parser.CurrentLineNumber, what))

    def start(self, name: str, attributes: dict[str, str]) -> None:
        namespace, _, local = name.rpartition(" ")
        if namespace != SVG or local not in allowed.allow_list().svg_elements:
            self.refuse(f"the element <{local}> is not one of svg_elements")
        for attribute, value in attributes.items():
            self.attribute(attribute, value)
        if local == "style":
            self.style, self.style_line = [], self.parser.CurrentLineNumber

    def attribute(self, name: str, value: str) -> None:
        namespace, _, local = name.rpartition(" ")
        if (namespace not in ("", XLINK) or local not in allowed.allow_list().svg_attributes
                or (namespace == XLINK and local != "href")):
            self.refuse(f"the attribute {local}= is not one of svg_attributes")
        elif local == "href" and not value.startswith("#"):
            self.refuse(f"href '{value[:60]}': an SVG links only within itself (#id)")
        else:  # a style, or a paint that is a url(): fill="url(https://…)" loads too
            self.problems += [(self.parser.CurrentLineNumber, what) for _, what in css_problems(value)]

    def end(self, name: str) -> None:
        if self.style is not None:
            self.problems += css_problems("".join(self.style), self.style_line)
            self.style = None

    def text(self, data: str) -> None:
        if self.style is not None:
            self.style.append(data)

    def instruction(self, target: str, data: str) -> None:
        self.refuse(f"a processing instruction <?{target} …?> (a stylesheet from elsewhere)")


def svg_problems(data: bytes) -> list[Problem]:
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return [(1, "a DOCTYPE or entity (an SVG needs neither; entities can grow without bound)")]
    reader = SvgReader()
    try:
        reader.parser.Parse(data, True)
    except expat.ExpatError as error:
        return [(error.lineno, f"not well-formed XML ({expat.errors.messages[error.code]})")]
    return reader.problems


def file_problems(path: Path) -> list[Problem]:
    suffix = path.suffix.lower()
    if suffix not in allowed.allow_list().copied_file_types:
        return [(1, f"a {suffix or 'suffix-less'} file is not one of copied_file_types")]
    if suffix == ".svg":
        return svg_problems(path.read_bytes())
    if suffix == ".css":
        return css_problems(path.read_text(encoding="utf-8", errors="replace"))
    return []


def copied_folders(app: Sphinx) -> list[Path]:
    """The project's folders whose files the site and the EPUB copy as they are."""
    confdir = Path(app.confdir)
    return [confdir / folder for folder in [*app.config.html_static_path, *app.config.html_extra_path]]


def check_copied_files(app: Sphinx) -> None:
    refused = 0
    for folder in copied_folders(app):
        for path in sorted(item for item in folder.rglob("*") if item.is_file()):
            if path.suffix == ".js" and path.parent == STATIC:
                continue  # the extensions' own scripts: code, reviewed as code
            for line, what in file_problems(path):
                logger.error(f"a file copied into the site and the EPUB as it is: {what}", location=f"{path}:{line}")
                refused += 1
    if refused:
        raise Refused(f"{refused} problems in files copied into the site and the EPUB; nothing written")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", check_copied_files, priority=900)  # once the extensions' static/ is added
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
