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
from docutils.nodes import make_id

from .errors import Stopped

ALLOW_LIST = Path(__file__).resolve().parent.parent / "data" / "allow-list.yaml"
MAX_FILE_BYTES = 2 * 1024 * 1024  # a page of the book is under 200 kB; a larger file is refused unread
# The shape of a page, checked in one pass before it is parsed: MyST's Markdown parser takes time
# that grows faster than the page on some input (an unclosed `[` is looked for to the end of its
# paragraph, for every `[`), and time in proportion to its markup on any. Each limit is many times
# what the book has (703 lines, a paragraph of 3,885 characters, 1,054 markup characters on its
# largest pages), and together they keep the lint and the build's checks of any page under
# 10 seconds and 500 MB (`python -m tools.bench --only pathological`).
MAX_LINES = 20_000
MAX_PARAGRAPH_CHARS = 20_000
MAX_MARKUP = 50_000
MARKUP = re.compile(r"[*_`\[\]<>{}|\\&!]")  # the characters Markdown reads as markup
MAX_FIELD_CHARS = 1000  # a front matter value (the longest title is under 200 characters)
MAX_LIST_ITEMS = 50  # a front matter list (addressees)
SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
# No printed form, and commands or invalid characters to TeX and XML (^^L ends a paragraph, ^^? stops
# xelatex, XHTML cannot hold them): tab, line feed and carriage return are the only ones a page has.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
DOCNAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*")


Form = Literal["text", "number", "flag", "page", "id"]
# libyaml's safe loader where PyYAML has it: the same nodes and marks, several times faster than PyYAML's own
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_OPTION_CHARS = 300  # a caption (the longest is under 60 characters)


class ReservedId(msgspec.Struct, forbid_unknown_fields=True):
    pattern: Annotated[str, msgspec.Meta(min_length=1)]  # matched against the whole id, as docutils makes it
    reason: Annotated[str, msgspec.Meta(min_length=1)]


class OptionForm(msgspec.Struct, forbid_unknown_fields=True):
    """What an option's value may be: a `form`, or `one_of` the values listed, exactly."""
    reason: Annotated[str, msgspec.Meta(min_length=1)]
    form: Form | None = None
    one_of: list[str] | None = None


@dataclass(frozen=True)
class AllowList:
    directives: frozenset[str]
    options: dict[str, dict[str, OptionForm]]  # directive (lower case) -> option -> its form
    reserved_ids: tuple[tuple[re.Pattern[str], str], ...]  # (pattern, reason)
    roles: frozenset[str]
    nodes: frozenset[str]
    nodes_when_written: frozenset[str]  # `nodes` and those the build adds after parsing
    cross_references: frozenset[str]
    raw: frozenset[tuple[str, str]]
    raw_when_written: frozenset[tuple[str, str]]  # `raw` and the edition's own producers'
    link_schemes: frozenset[str]
    image_suffixes: frozenset[str]
    copied_file_types: frozenset[str]
    svg_elements: frozenset[str]
    svg_attributes: frozenset[str]
    instead: dict[str, str]  # a refused role, lowercased -> what to write instead


Reason = Annotated[str, msgspec.Meta(min_length=1)]


class RawOutput(msgspec.Struct, forbid_unknown_fields=True):
    format: Literal["html", "latex"]
    text: str
    reason: Reason
    after_parsing_only: bool = False  # made by one of the edition's extensions, never by the Markdown


class AllowListFile(msgspec.Struct, forbid_unknown_fields=True):
    """The shape of allow-list.yaml: every allowed name with the reason the edition needs it."""
    directives: dict[str, Reason]
    directive_options: dict[str, dict[str, OptionForm]]
    roles: dict[str, Reason]
    nodes: dict[str, Reason]
    nodes_after_parsing: dict[str, Reason]
    cross_references: dict[str, Reason]
    raw: list[RawOutput]
    link_schemes: dict[str, Reason]
    image_suffixes: dict[str, Reason]
    reserved_ids: list[ReservedId]
    copied_file_types: dict[str, Reason]
    svg_elements: dict[str, Reason]
    svg_attributes: dict[str, Reason]
    instead: dict[str, Reason] = {}


def read_allow_list(path: Path = ALLOW_LIST) -> AllowListFile:
    """The allow-list, checked against its schema: a malformed entry stops with file and field."""
    try:
        return msgspec.convert(yaml.safe_load(path.read_text(encoding="utf-8")), AllowListFile)
    except (OSError, yaml.YAMLError, msgspec.ValidationError) as error:
        raise Stopped(f"{path}: {error}; every entry is `name: the reason the edition needs it`") from None


@functools.cache
def allow_list() -> AllowList:
    data = read_allow_list()
    for directive, options in data.directive_options.items():
        for name, option in options.items():
            if (option.form is None) == (option.one_of is None):
                raise Stopped(f"{ALLOW_LIST}: directive_options, {directive}, {name}: "
                                 "give either `form` or `one_of`")
    return AllowList(frozenset(name.lower() for name in data.directives),
                     {name.lower(): options for name, options in data.directive_options.items()},
                     tuple((re.compile(item.pattern), item.reason) for item in data.reserved_ids),
                     frozenset(name.lower() for name in data.roles), frozenset(data.nodes),
                     frozenset(data.nodes) | frozenset(data.nodes_after_parsing),
                     frozenset(data.cross_references),
                     frozenset((item.format, item.text) for item in data.raw if not item.after_parsing_only),
                     frozenset((item.format, item.text) for item in data.raw),
                     frozenset(data.link_schemes), frozenset(data.image_suffixes),
                     frozenset(data.copied_file_types), frozenset(data.svg_elements), frozenset(data.svg_attributes),
                     {name.lower(): advice for name, advice in data.instead.items()})


def directive_allowed(name: str) -> bool:
    return name.strip().lower() in allow_list().directives


def option_problem(directive: str, name: str, value: str, docs: set[str]) -> str | None:
    """Why a directive's option is refused, or None: each allowed directive takes the options the
    allow-list names for it, each value of its form (no other: a `{bibliography}` `:filter:` is a
    Python expression, matched by regular expressions a crafted one can make run for hours)."""
    options = allow_list().options.get(directive.strip().lower(), {})
    if name not in options:
        takes = ", ".join(f":{option}:" for option in sorted(options)) or "no options"
        return f"the {{{directive.strip()}}} directive does not take :{name[:40]}: (it takes {takes})"
    option = options[name]
    if option.one_of is not None:
        return None if value in option.one_of else f":{name}: is one of {', '.join(repr(v) for v in option.one_of)}"
    problem = form_problem(option.form, value, docs)
    return f":{name}: {problem}" if problem else None


def reserved_id(name: str) -> str | None:
    """Why the id docutils makes of a label, `:name:` or heading ('Edition_Previews' is
    'edition-previews') is refused, or None: it is one the edition's pages, scripts or theme use."""
    made = make_id(name)
    reason = next((reason for pattern, reason in allow_list().reserved_ids if pattern.fullmatch(made)), None)
    return f"the id '{made[:40]}' is reserved ({reason})" if reason else None


def id_problem(name: str) -> str | None:
    return "is an id: it needs a letter or a digit" if not make_id(name) else reserved_id(name)


def form_problem(form: Form | None, value: str, docs: set[str]) -> str | None:
    if form == "flag":
        return None if value in ("", "None") else "is a flag: it takes no value"
    if form == "number":
        return None if value.isascii() and value.isdigit() and len(value) <= 3 else "is a number of at most 3 digits"
    if form == "page":
        return None if value.strip().lstrip("/") in docs else "names a page of the book (as a {toctree} lists it)"
    if form == "id":
        return id_problem(value)
    if len(value) > MAX_OPTION_CHARS or "\n" in value or CONTROL_CHARACTER.search(value):
        return f"is one line of text of at most {MAX_OPTION_CHARS} characters"
    return None


def role_allowed(name: str) -> bool:
    return name.strip().lower() in allow_list().roles


def role_instead(name: str) -> str:
    """What to write instead of a refused role ({cite:p} is looked up as `cite:p`, then `cite`)."""
    name = name.strip().lower()
    found = allow_list().instead
    return found.get(name) or found.get(name.partition(":")[0]) or \
        "use Markdown or a role of tools/data/allow-list.yaml (to add one, see that file)"


@functools.lru_cache(maxsize=8192)  # a build reads every link of every page: the glossary's links many times over
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
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        return SourceProblem(line, f"the file is not UTF-8 (byte {data[error.start]:#04x} on this line)",
                             "save the file as UTF-8")
    if found := CONTROL_CHARACTER.search(text):
        return SourceProblem(text.count("\n", 0, found.start()) + 1,
                             f"a control character (U+{ord(found[0]):04X}) on this line", "delete it")
    return shape_problem(text) or text


def with_control_character(value: object) -> str | None:
    """The first string of JSON-like data (dicts, lists, strings) that has a control character."""
    if isinstance(value, str):
        return value if CONTROL_CHARACTER.search(value) else None
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list | tuple) else []
    return next((found for item in items if (found := with_control_character(item))), None)


def shape_problem(text: str) -> SourceProblem | None:
    """A page too long in lines, in one paragraph or in markup for the parser to read in time."""
    lines = text.split("\n")
    if len(lines) > MAX_LINES:
        return SourceProblem(MAX_LINES + 1, f"the page has more than {MAX_LINES:,} lines", "split it into pages")
    markup = paragraph = 0
    for number, line in enumerate(lines, 1):
        paragraph = paragraph + len(line) + 1 if line.strip() else 0
        if paragraph > MAX_PARAGRAPH_CHARS:
            return SourceProblem(number, f"a paragraph of more than {MAX_PARAGRAPH_CHARS:,} characters ends "
                                 "after this line", "split it with an empty line")
        markup += len(MARKUP.findall(line))
        if markup > MAX_MARKUP:
            return SourceProblem(number, f"more than {MAX_MARKUP:,} markup characters (* _ ` [ ] < > {{ }} | \\ & !) "
                                 "by this line", "split the page, or write the characters as text")
    return None


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
        node = yaml.compose(yaml_text, Loader=YAML_LOADER)
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
    if any(CONTROL_CHARACTER.search(item.value) for item in items):
        return [SourceProblem(line, f"'{name}' has a control character (a YAML escape such as \\x0c)",
                              "delete it")]
    return []
