"""The allow-list (tools/data/allow-list.yaml) and the rules the lint and the build share.

The lint (`python -m tools check`) and the build (tools/edition/allow_list.py) read a page
with these same functions, so that they agree on what the Markdown may contain: which
directives and roles, which link addresses, which front matter, how large a file.
To allow a new construct, add it to tools/data/allow-list.yaml with its reason.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec
import yaml

ALLOW_LIST = Path(__file__).resolve().parent.parent / "data" / "allow-list.yaml"
MAX_FILE_BYTES = 2 * 1024 * 1024  # a page of the book is under 200 kB; a larger file is refused unread
MAX_FIELD_CHARS = 1000  # a front matter value (the longest title is under 200 characters)
MAX_LIST_ITEMS = 50  # a front matter list (addressees)
SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
DOCNAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*")


@dataclass(frozen=True)
class AllowList:
    directives: frozenset[str]
    roles: frozenset[str]
    nodes: frozenset[str]
    cross_references: frozenset[str]
    raw: frozenset[tuple[str, str]]
    link_schemes: frozenset[str]
    image_suffixes: frozenset[str]
    instead: dict[str, str]  # a refused role, lowercased -> what to write instead


Reason = Annotated[str, msgspec.Meta(min_length=1)]


class RawOutput(msgspec.Struct, forbid_unknown_fields=True):
    format: Literal["html", "latex"]
    text: str
    reason: Reason


class AllowListFile(msgspec.Struct, forbid_unknown_fields=True):
    """The shape of allow-list.yaml: every allowed name with the reason the edition needs it."""
    directives: dict[str, Reason]
    roles: dict[str, Reason]
    nodes: dict[str, Reason]
    cross_references: dict[str, Reason]
    raw: list[RawOutput]
    link_schemes: dict[str, Reason]
    image_suffixes: dict[str, Reason]
    instead: dict[str, Reason] = {}


def read_allow_list(path: Path = ALLOW_LIST) -> AllowListFile:
    """The allow-list, checked against its schema: a malformed entry stops with file and field."""
    try:
        return msgspec.convert(yaml.safe_load(path.read_text(encoding="utf-8")), AllowListFile)
    except (OSError, yaml.YAMLError, msgspec.ValidationError) as error:
        raise SystemExit(f"{path}: {error}; every entry is `name: the reason the edition needs it`") from None


@functools.cache
def allow_list() -> AllowList:
    data = read_allow_list()
    return AllowList(frozenset(name.lower() for name in data.directives),
                     frozenset(name.lower() for name in data.roles), frozenset(data.nodes),
                     frozenset(data.cross_references),
                     frozenset((item.format, item.text) for item in data.raw),
                     frozenset(data.link_schemes), frozenset(data.image_suffixes),
                     {name.lower(): advice for name, advice in data.instead.items()})


def directive_allowed(name: str) -> bool:
    return name.strip().lower() in allow_list().directives


def role_allowed(name: str) -> bool:
    return name.strip().lower() in allow_list().roles


def role_instead(name: str) -> str:
    """What to write instead of a refused role ({cite:p} is looked up as `cite:p`, then `cite`)."""
    name = name.strip().lower()
    found = allow_list().instead
    return found.get(name) or found.get(name.partition(":")[0]) or \
        "use Markdown or a role of tools/data/allow-list.yaml (to add one, see that file)"


def as_browsers_read(url: str) -> str:
    """The address as a browser resolves it: entities and %-escapes decoded (twice over, as
    Markdown and HTML each decode once), whitespace and control characters removed, lowercased."""
    for _ in range(2):
        url = urllib.parse.unquote(html.unescape(url))
    return "".join(character for character in url
                   if character.isprintable() and not character.isspace()).lower()


def scheme(url: str) -> str | None:
    match = SCHEME.match(as_browsers_read(url))
    return match[1] if match else None


def is_remote(url: str) -> bool:
    """An address on another host: with a scheme, or starting // (or /\\, which browsers read as //)."""
    read = as_browsers_read(url)
    return scheme(url) is not None or read.startswith(("//", "/\\", "\\\\", "\\/"))


def link_problem(url: str) -> str | None:
    """Why a link's address is refused, or None: http, https, mailto, or within the book."""
    found = scheme(url)
    if found is not None and found not in allow_list().link_schemes:
        return f"the {found}: scheme is not allowed"
    if found is None and is_remote(url):  # '//host/…', '\\host\…': another host, read with the page's scheme
        return "an address on another host without its scheme"
    return None


def image_problem(uri: str, page: Path, root: Path) -> str | None:
    """Why an image is refused, or None: an image file of the book's folder, not hidden, not remote.

    As Sphinx does, a path starting with / is read from the book's folder, any other from the page's.
    """
    if is_remote(uri):
        return "a remote image (it would track readers, and be missing from the EPUB and the PDF)"
    read = as_browsers_read(uri)
    if posixpath.splitext(read)[1] not in allow_list().image_suffixes:
        return f"not an image file of the allowed types ({', '.join(sorted(allow_list().image_suffixes))})"
    path = (root / uri.lstrip("/")) if uri.startswith("/") else (page.parent / uri)
    resolved = path.resolve()  # a symbolic link is followed: it may point out of the book
    if not resolved.is_relative_to(root.resolve()):
        return "an image outside the book's folder"
    if any(part.startswith(".") for part in resolved.relative_to(root.resolve()).parts):
        return "an image in a hidden folder"
    return None


def docname_problem(docname: str) -> str | None:
    """Page names become addresses: letters, digits, '.', '_', '-' and '/' only (a ':' makes a scheme)."""
    if DOCNAME.fullmatch(docname):
        return None
    return "a page name may have only letters, digits, '.', '_', '-' and '/'"


@dataclass(frozen=True)
class SourceProblem:
    line: int
    message: str
    fix: str


def decode(data: bytes) -> str | SourceProblem:
    """A file's text, or why it cannot be read: larger than MAX_FILE_BYTES, or not UTF-8 (with the line)."""
    if len(data) > MAX_FILE_BYTES:
        return SourceProblem(1, f"the file has more than {MAX_FILE_BYTES:,} bytes", "split it into smaller pages")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        return SourceProblem(line, f"the file is not UTF-8 (byte {data[error.start]:#04x} on this line)",
                             "save the file as UTF-8")


def read_source(path: Path) -> str | SourceProblem:
    """decode() of a file, reading no more than the limit allows."""
    with path.open("rb") as file:
        return decode(file.read(MAX_FILE_BYTES + 1))


def yaml_alias_line(text: str) -> int | None:
    """The line (from 1) of the first YAML anchor or alias in `text`: refused, as `&a [*b, *b]` grows
    without bound when read (a value is written out instead); None if there is none or it is not YAML."""
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return event.start_mark.line + 1
    except yaml.YAMLError:
        return None
    return None


def topmatter(text: str) -> tuple[int, str] | None:
    """The front matter as MyST reads it (from a first line starting `---` to a line starting
    `---` or `...`): its number of lines, fences included, and its YAML."""
    if not text.startswith("---"):
        return None
    lines = text.split("\n")
    end = next((number for number in range(1, len(lines)) if lines[number].startswith(("---", "..."))),
               len(lines) - 1)
    return end + 1, "\n".join(lines[1:end])


def front_matter_problems(text: str, fields: frozenset[str]) -> list[SourceProblem]:
    """Problems of the front matter of `text` against the schema: only `fields`, no YAML anchors or
    aliases, each value at most MAX_FIELD_CHARS (lines counted from the file's first)."""
    found = topmatter(text)
    if found is None:
        return []
    yaml_text = found[1]
    if alias := yaml_alias_line(yaml_text):
        return [SourceProblem(1 + alias, "the front matter uses a YAML anchor or alias (& or *)",
                              "write each value out")]
    try:
        node = yaml.compose(yaml_text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []  # not read at all (MyST warns, and the build fails; ED001 for a selection)
    if node is None:
        return []
    if not isinstance(node, yaml.MappingNode):
        return [SourceProblem(2, "the front matter is not a list of `field: value` lines",
                              "write one `field: value` per line")]
    return [problem for key, value in node.value for problem in field_problems(key, value, fields)]


def field_problems(key: yaml.Node, value: yaml.Node, fields: frozenset[str]) -> list[SourceProblem]:
    line = 2 + key.start_mark.line
    name = str(key.value)
    if not isinstance(key, yaml.ScalarNode) or name not in fields:
        shown = name if isinstance(key, yaml.ScalarNode) and len(name) <= 40 else "(not a name)"
        return [SourceProblem(line, f"unknown field '{shown}'",
                              f"the fields are {', '.join(sorted(fields))}; page settings (myst, html_meta, "
                              "substitutions) are not accepted")]
    items: list[Any] = value.value if isinstance(value, yaml.SequenceNode) else [value]
    if len(items) > MAX_LIST_ITEMS or not all(isinstance(item, yaml.ScalarNode) for item in items):
        return [SourceProblem(line, f"'{name}' is not a value or a short list of values",
                              f"write text, or a list of at most {MAX_LIST_ITEMS} names")]
    if any(len(item.value) > MAX_FIELD_CHARS for item in items):
        return [SourceProblem(line, f"'{name}' is longer than {MAX_FIELD_CHARS} characters", "shorten it")]
    return []
