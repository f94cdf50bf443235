"""Hostile strings in every place a pull request can put text that reaches an output: the
Markdown (headings, a contents caption, the front matter of a selection, glossary terms and
definitions, index entries), references.bib and the data the importer writes for the build from
tools/data/ (the corrections, the aliases, the printed Index: a pull request can edit them). A
small crafted project is built as HTML, EPUB and LaTeX (with -W: the strings are text, not
errors), and every file written is read as a reader's program reads it: no script, event
attribute or `javascript:` address from the payload in any HTML or XHTML (parsed), well-formed
XML, JSON that parses, and LaTeX (the `.tex`, its index entries, the BibTeX export) with no `^^`,
`\\input` or `\\catcode` that TeX would obey.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tests.conftest import ROOT, sphinx_build
from tests.test_attacks import book_skeleton
from tools.check import check
from tools.core import schema
from tools.core.allowed import as_browsers_read
from tools.core.build_data import CORRECTIONS, EDITION_NOTES, NAME_ALIASES, TEXT_POINTERS, read_build_data
from tools.core.build_data import PRINTED_INDEX as PRINTED_INDEX_DATA
from tools.core.errata import Erratum
from tools.core.errors import SourceError

# Each is one way to smuggle a command: TeX's ^^ notation (\ { } spelt 5c 7b 7d), XeTeX's ^^^^,
# LaTeX commands typed out, the end of a script element, a script address, quotes and the
# characters of xindy (" @ ! |) and HTML (< > &). Control characters are refused wherever they come
# from (the last tests).
PAYLOAD = ("^^5cinput^^7b/etc/passwd^^7d ^^^^005cinput \\input{/etc/passwd} \\catcode`\\^=7 "
           "</script><script>alert('PWNED')</script> <img src=x onerror=alert('PWNED')> "
           "javascript:alert('PWNED') \"quoted\" 'single' @!| & %")
# Markdown keeps the text as typed only with `<` escaped (raw HTML is refused, ED010) and `\` doubled
MARKDOWN = PAYLOAD.replace("\\", "\\\\").replace("<", "\\<")
HEADWORD = f"Hostile, H. {MARKDOWN}"  # a glossary headword as the Markdown writes it


def yaml_text(text: str) -> str:
    """A JSON string is YAML's double-quoted scalar. MyST reads the front matter's values as Markdown:
    they have the Markdown's escapes (raw HTML there is refused by the build)."""
    return json.dumps(text)


FRONT_PAGE = f"""# The front page {MARKDOWN}

```{{toctree}}
:caption: Front matter {PAYLOAD}
chapters/01-hostile
```

```{{toctree}}
:caption: Letters {PAYLOAD}
chapters/02-plain
```

```{{toctree}}
:caption: Back matter {PAYLOAD}
glossary/index
glossary/works-cited
glossary/corrections
```
"""

SELECTION = f"""---
title: {yaml_text(MARKDOWN)}
part: text
pages: 74–77
date: {yaml_text("March 17, 1928 " + MARKDOWN)}
date_iso: '1928-03-17'
kind: letter
author: {yaml_text(MARKDOWN)}
addressee: {yaml_text(MARKDOWN)}
addressee_place: {yaml_text(MARKDOWN)}
written_at: {yaml_text(MARKDOWN)}
source: {yaml_text(MARKDOWN)}
translator: {yaml_text(MARKDOWN)}
printed_title: {yaml_text(MARKDOWN)}
source_line: 1
---

# A heading {MARKDOWN}

:::{{container}} dateline
MARCH 17, 1928 {MARKDOWN}
:::

```{{index-entries}}
single: {PAYLOAD}
single: {PAYLOAD}; {PAYLOAD}
```

A paragraph {MARKDOWN} with a {{term}}`term <{HEADWORD}>`, a work [*cited*](#work-hostile),
and a corrected word: hostileword.

## A SECTION IN CAPITALS {MARKDOWN}

Text.
"""

GLOSSARY = f"""# Glossary

```{{glossary}}
{HEADWORD}
  – A definition {MARKDOWN}
```
"""

WORKS_CITED = "# Works cited\n\n```{bibliography}\n:all:\n:list: bullet\n```\n"
CORRECTIONS_PAGE = "# Corrections\n\n```{corrections} misprint\n```\n"
BIB_PAYLOAD = PAYLOAD.replace("%", "\\%")  # BibTeX reads % as a comment
BIBLIOGRAPHY = f"""@book{{hostile,
  author = {{{BIB_PAYLOAD}}}, title = {{{BIB_PAYLOAD}}}, publisher = {{{BIB_PAYLOAD}}},
  address = {{{BIB_PAYLOAD}}}, year = {{1928}}}}
"""
ERRATA = [{"line": 3, "old": "hostilewrod", "new": "hostileword", "reason": PAYLOAD}]
# what the importer writes for the build from them (a pull request can edit these files too)
CORRECTIONS_DATA = [{"number": 1, "line": 3, "printed": MARKDOWN, "corrected": MARKDOWN,
                     "reason": MARKDOWN,  # read as Markdown by the build
                     "kind": "misprint", "page": "chapters/01-hostile", "word": "hostileword",
                     "before": "andacorrectedword", "after": ""}]
ALIASES_DATA = [{"alias": PAYLOAD, "headword": HEADWORD}]
PRINTED_INDEX = [{"line": 1, "heading": PAYLOAD, "pages": ["74"], "see": [], "see_also": [],
                  "subentries": [{"label": PAYLOAD, "pages": ["75"]}]},
                 {"line": 2, "heading": "Zzz " + PAYLOAD, "pages": [], "see": [PAYLOAD],
                  "see_also": [], "subentries": []}]


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The book's conf.py and tools, hostile pages and hostile data for the build."""
    root = tmp_path_factory.mktemp("hostile") / "book"
    root.mkdir()
    book_skeleton(root)
    write(root / "index.md", FRONT_PAGE)
    write(root / "chapters" / "01-hostile.md", SELECTION)
    write(root / "chapters" / "02-plain.md", "---\ntitle: Plain\npart: text\npages: '80'\nkind: letter\n"
                                            "author: Leon Trotsky\nsource_line: 2\n---\n\n# Plain\n\nText.\n")
    write(root / "glossary" / "index.md", GLOSSARY)
    write(root / "glossary" / "works-cited.md", WORKS_CITED)
    write(root / "glossary" / "corrections.md", CORRECTIONS_PAGE)
    write(root / PRINTED_INDEX_DATA, json.dumps(PRINTED_INDEX))
    write(root / CORRECTIONS, json.dumps(CORRECTIONS_DATA))
    write(root / NAME_ALIASES, json.dumps(ALIASES_DATA))
    write(root / TEXT_POINTERS, "[]\n")
    write(root / EDITION_NOTES, "[]\n")
    write(root / "references.bib", BIBLIOGRAPHY)
    return root


@pytest.fixture(scope="module")
def built(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hostile-out")
    for builder in ("html", "epub", "latex"):
        status, printed = sphinx_build("-W", "--keep-going", "-n", "-q", "-b", builder, "-d", out / "doctrees",
                                       project, out / builder)
        assert status == 0, printed
    return out


def written(folder: Path) -> list[tuple[str, bytes]]:
    """Every file written, and every file inside the EPUB."""
    found = []
    for path in sorted(path for path in folder.rglob("*") if path.is_file()):
        found.append((path.relative_to(folder).as_posix(), path.read_bytes()))
        if path.suffix == ".epub":
            with zipfile.ZipFile(path) as epub:
                found += [(f"{path.relative_to(folder).as_posix()}!{name}", epub.read(name))
                          for name in epub.namelist()]
    return found


class ActiveContent(HTMLParser):
    """What a browser would run or fetch from the payload: a script element or event attribute that
    carries it, a `javascript:` address, an element the payload names (`<img src=x>`)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.script: str | None = None
        self.text: list[str] = []  # what a reader reads: the text outside scripts

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on") or as_browsers_read(value or "").startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag == "img" and dict(attrs).get("src") == "x":
            self.found.append("<img src=x>")
        if tag == "script":
            self.script = dict(attrs).get("type") or "text/javascript"

    def handle_data(self, data: str) -> None:
        if self.script is None:
            self.text.append(data)
            return
        if self.script == "application/json":
            json.loads(data)  # the data block holds JSON and nothing after it
        elif "PWNED" in data:
            self.found.append(f"<script>{data[:60]}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.script = None


def read(markup: str) -> ActiveContent:
    parser = ActiveContent()
    parser.feed(markup)
    parser.close()
    return parser


def active_content(markup: str) -> list[str]:
    return read(markup).found


def test_the_strings_reach_every_format(built: Path) -> None:
    """The payload is shown, as text, where it was put: the test is not passed by an empty build."""
    files = dict(written(built))
    page = files["html/chapters/01-hostile.html"].decode()
    # escaped once: the reader reads the characters typed (quotes curled), not markup, not entities
    assert "A paragraph ^^5cinput^^7b/etc/passwd^^7d" in "".join(read(page).text)
    assert "<img src=x onerror=alert(‘PWNED’)>" in "".join(read(page).text)
    previews = page.split('<script type="application/json" id="edition-previews">')[1].split("</script>")[0]
    # a preview is the term's name and its definition, as text
    assert "<img src=x onerror=" in " ".join(value for preview in json.loads(previews).values()
                                             for value in preview.values())
    nav = files["epub/challenge-left-opposition-1928-29.epub!nav.xhtml"].decode()
    assert "Letters ^^5cinput^^7b/etc/passwd^^7d" in nav
    tex = files["latex/challenge-left-opposition-1928-29.tex"].decode()
    assert r"\textasciicircum{}\textasciicircum{}5cinput" in tex
    assert files["html/cmif.xml"].count(b"PWNED") >= 4


def test_no_payload_is_active_in_any_file(built: Path) -> None:
    problems = []
    for name, data in written(built):
        text = data.decode("utf-8", errors="replace")
        if name.endswith((".html", ".xhtml")):
            problems += [f"{name}: {found}" for found in active_content(text)]
        if name.endswith((".xhtml", ".opf", ".ncx", ".xml")):
            try:
                ElementTree.fromstring(data)
            except ElementTree.ParseError as error:
                problems.append(f"{name}: not well-formed XML: {error}")
        if name.endswith(".json") and not name.startswith("html/pagefind"):
            json.loads(text)
    assert not problems


TEX_COMMANDS = re.compile(r"\^\^|\\(?:input|catcode)")


@pytest.mark.parametrize("name", ["latex/challenge-left-opposition-1928-29.tex", "html/cite/edition.bib"])
def test_latex_and_bibtex_carry_no_command_of_the_payload(built: Path, name: str) -> None:
    """The payload's `\\input`, `\\catcode` and `^^` arrive as the characters typed: each backslash as
    \\textbackslash{}, each ^ as \\textasciicircum{}, never as a command TeX (or BibTeX's reader) obeys."""
    text = (built / name).read_text(encoding="utf-8")
    body = text[text.index(r"\begin{document}"):] if name.endswith(".tex") else text
    assert "PWNED" in body
    commands = [body[max(0, match.start() - 30):match.end()] for match in TEX_COMMANDS.finditer(body)]
    assert not commands
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", body)
    if name.endswith(".bib"):
        for entry in body.split("\n\n"):
            assert entry.count("{") == entry.count("}"), entry  # BibTeX counts every brace


def test_index_entries_reach_xindy_escaped(built: Path) -> None:
    """What LaTeX writes to the .idx for xindy: sort keys of letters, digits and spaces; the words
    with xindy's own characters quoted."""
    tex = (built / "latex" / "challenge-left-opposition-1928-29.tex").read_text(encoding="utf-8")
    entries = re.findall(r"\\index\{([^\n]*?)\}(?=\\|\n|$)", tex)
    assert entries
    for entry in entries:
        key = entry.split("@", 1)[0]
        assert re.fullmatch(r"[a-z0-9 ]*", key), entry
    assert '"@"!|' not in tex and "@!|" not in "".join(entries)


CONTROL = "a\x0cb"  # ^^L: a paragraph's end to TeX, not a character XML may hold


def test_a_page_or_front_matter_with_a_control_character_is_refused(tmp_path: Path) -> None:
    shutil.copy(ROOT / "conf.py", tmp_path / "conf.py")
    write(tmp_path / "references.bib", "")
    write(tmp_path / "index.md", f"# Page\n\nText {CONTROL}.\n")
    write(tmp_path / "other.md", f"---\ntitle: {yaml_text(CONTROL)}\n---\n\n# Other\n")
    found = {(finding.path, finding.line, finding.code) for finding in check(tmp_path)[1]}
    assert {("index.md", 3, "ED020"), ("other.md", 2, "ED019")} <= found


def test_a_data_file_with_a_control_character_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "errata.yaml"
    write(path, json.dumps([{**ERRATA[0], "reason": CONTROL}], indent=1))
    with pytest.raises(SourceError, match="entry 1, field 'reason'"):
        schema.load_data(path, schema.Erratum)


def test_build_data_with_a_control_character_is_refused(project: Path) -> None:
    write(project / "corrections-with-a-control.json", json.dumps([{**CORRECTIONS_DATA[0], "reason": CONTROL}]))
    with pytest.raises(SourceError, match="has a control character"):
        read_build_data(project / "corrections-with-a-control.json", list[Erratum], "list of corrections")


def test_a_printed_index_with_a_control_character_stops_the_build(project: Path, tmp_path: Path) -> None:
    book = tmp_path / "book"
    shutil.copytree(project, book, symlinks=True)
    write(book / PRINTED_INDEX_DATA, json.dumps([{**PRINTED_INDEX[0], "heading": CONTROL}]))
    status, printed = sphinx_build("-q", "-b", "html", book, tmp_path / "html")
    assert status != 0 and "Traceback" not in printed
    assert "glossary/printed-index.json: 'a\\x0cb' has a control character; delete it" in printed
