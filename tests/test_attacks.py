"""Safe by construction: every attack of tests/attacks.yaml is reported by the lint and
refused by a real Sphinx build of HTML, EPUB and LaTeX, with no payload in any file written.

The attacks are pages of one small crafted project (the book's conf.py and extensions, a front
page, one page per attack, and fake secrets in and beside it), built once per format with
`--keep-going`, so that one refused build shows each attack reported at its file and line. The
build stops before writing, so the LaTeX build shows the PDF's refusal too: no .tex is written,
and there is nothing for xelatex to make a PDF of. A fourth build turns the check before parsing
off, to show that the check of the parsed doctree refuses the same attacks on its own.
"""

from __future__ import annotations

import os
import pickle
import re
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from docutils import nodes

from tests.conftest import ROOT, sphinx_build
from tools.check import check
from tools.core import safety
from tools.core.allowed import MAX_FILE_BYTES, allow_list
from tools.core.build_data import BUILD_DATA
from tools.core.printed_index import sort_key
from tools.edition.allow_list import node_problem

ATTACKS: list[dict] = yaml.safe_load((ROOT / "tests" / "attacks.yaml").read_text(encoding="utf-8"))
# Attacks that are files rather than Markdown: (name, content, line reported)
FILES = [("too-large", b"# Page\n\n" + b"PWNED " * (MAX_FILE_BYTES // 6), 1),
         ("not-utf-8", "# Page\n\nCaf\u00e9 PWNED\n".encode("latin-1"), 3)]
UNSAFE_NAME = "javascript:alert(1)"  # a page name is an address: a colon makes it a scheme
SECRETS = (b"PWNED", b"root:x:0:", b"repositoryformatversion")  # the payload, /etc/passwd, .git/config
ALL = [*ATTACKS, *({"name": name, "code": "ED020", "line": line} for name, _, line in FILES),
       {"name": UNSAFE_NAME, "code": "ED020", "line": 1}]
NAMES = [attack["name"] for attack in ALL]
# What the check of the parsed doctree alone does not report: the files never read, and backstop: false
BEFORE_PARSING = {name for name, _, _ in FILES} | {UNSAFE_NAME} | {
    attack["name"] for attack in ATTACKS if attack.get("backstop") is False}


def book_skeleton(root: Path) -> None:
    """What the book's conf.py and extensions need besides the pages: static files, the tools
    and the data the importer writes for the build (the printed Index, the corrections, …)."""
    shutil.copy(ROOT / "conf.py", root / "conf.py")
    shutil.copytree(ROOT / "_static", root / "_static")
    (root / "tools").symlink_to(ROOT / "tools")
    for name in BUILD_DATA:
        (root / name).parent.mkdir(exist_ok=True)
        shutil.copy(ROOT / name, root / name)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The book's conf.py and extensions, a front page listing one page per attack, and secrets to steal."""
    base = tmp_path_factory.mktemp("attacks")
    root = base / "book"
    (root / "attacks").mkdir(parents=True)
    book_skeleton(root)
    shutil.copy(ROOT / "references.bib", root / "references.bib")
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[core]\n\trepositoryformatversion = 0\n", encoding="utf-8")
    (base / "outside-secret.txt").write_text("PWNED outside the book\n", encoding="utf-8")
    (base / "outside-picture.png").write_bytes(b"\x89PNG\r\n\x1a\nPWNED")
    for attack in ATTACKS:
        (root / "attacks" / f"{attack['name']}.md").write_text(attack["markdown"], encoding="utf-8")
    for name, content, _ in FILES:
        (root / "attacks" / f"{name}.md").write_bytes(content)
    (root / "attacks" / f"{UNSAFE_NAME}.md").write_text("# Page\n", encoding="utf-8")
    entries = "\n".join(f"attacks/{name}" for name in NAMES)
    (root / "index.md").write_text(f"# Attacks\n\n```{{toctree}}\n{entries}\n```\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def lint(project: Path) -> dict[str, set[tuple[str, int]]]:
    findings = check(project)[1]
    found: dict[str, set[tuple[str, int]]] = {}
    for finding in findings:
        found.setdefault(finding.path.removeprefix("attacks/").removesuffix(".md"), set()).add(
            (finding.code, finding.line))
    return found


def run_sphinx(project: Path, out: Path, builder: str, *, before_parsing: bool = True,
               options: tuple[str, ...] = ("-W", "--keep-going", "-n")) -> tuple[int, str]:
    """The exit status and what Sphinx printed; `before_parsing=False` turns the check before parsing off."""
    with pytest.MonkeyPatch.context() as patch:
        if not before_parsing:
            patch.setattr(safety, "RULES", ())
        return sphinx_build(*options, "-q", "-b", builder, "-d", out / "doctrees", project, out / builder)


def sphinx(project: Path, out: Path, builder: str, *, before_parsing: bool = True,
           options: tuple[str, ...] = ("-W", "--keep-going", "-n")) -> str:
    """Build the project as `make book` does (-W --keep-going -n), to be refused; what Sphinx printed."""
    status, output = run_sphinx(project, out, builder, before_parsing=before_parsing, options=options)
    assert status != 0, f"the {builder} build was not refused"
    assert "Traceback" not in output, output
    return output


@pytest.fixture(scope="module")
def builds(project: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    """The refused builds: (output folder, what Sphinx printed) by builder, and 'doctree' alone."""
    found = {}
    for builder in ("html", "epub", "latex"):
        out = tmp_path_factory.mktemp(builder)
        found[builder] = (out, sphinx(project, out, builder))
    out = tmp_path_factory.mktemp("doctree")
    found["doctree"] = (out, sphinx(project, out, "html", before_parsing=False))
    return found


def reported(output: str, name: str) -> list[tuple[int, str]]:
    """(line, code) of the errors Sphinx printed for the attack's page."""
    page = re.escape(f"{os.sep}attacks{os.sep}{name}.md")
    return [(int(match[1]), match[2]) for match in re.finditer(page + r":(\d+): ERROR: (ED\d{3}) ", output)]


@pytest.mark.parametrize("attack", ALL, ids=NAMES)
def test_the_lint_reports_the_attack(lint: dict[str, set[tuple[str, int]]], attack: dict) -> None:
    assert (attack["code"], attack["line"]) in lint.get(attack["name"], set())


def test_a_security_code_cannot_be_silenced(lint: dict[str, set[tuple[str, int]]]) -> None:
    assert ("ED016", 3) in lint["silenced-security-code"]


@pytest.mark.parametrize("builder", ["html", "epub", "latex"])
def test_each_format_refuses_every_attack_at_its_line(builds: dict[str, tuple[Path, str]], builder: str) -> None:
    output = builds[builder][1]
    missing = [attack["name"] for attack in ALL
               if (attack["line"], attack["code"]) not in reported(output, attack["name"])]
    assert not missing, output
    assert "nothing written" in output


def test_the_doctree_check_alone_refuses_what_was_parsed(builds: dict[str, tuple[Path, str]], project: Path) -> None:
    output = builds["doctree"][1]
    assert not reported(output, "javascript-link")  # the check before parsing was off: it alone reports this one
    missed = [name for name in NAMES if name not in BEFORE_PARSING and not reported(output, name)]
    assert not missed, output
    # docutils' own guards hold too
    assert '"RAW" directive disabled' in output and 'Directive "INCLUDE" disabled' in output
    doctrees = builds["doctree"][0] / "doctrees"
    docs = {"index", *(f"attacks/{name}" for name in NAMES)}
    left = [(path.name, problem) for path in doctrees.rglob("*.doctree")
            for node in pickle.loads(path.read_bytes()).findall(nodes.Element)
            if (problem := node_problem(node, allow_list(), project, docs, project / "attacks" / "page.md"))]
    assert not left


def files(folder: Path) -> list[tuple[str, bytes]]:
    """Every file written, and every file inside a zip (EPUB) among them."""
    found = []
    for path in (path for path in folder.rglob("*") if path.is_file()):
        found.append((str(path), path.read_bytes()))
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                found += [(f"{path}!{name}", archive.read(name)) for name in archive.namelist()]
    return found


@pytest.mark.parametrize("builder", ["html", "epub", "latex", "doctree"])
def test_no_payload_in_any_file_written(builds: dict[str, tuple[Path, str]], builder: str) -> None:
    """Every file under the build folder, Sphinx's doctree cache included; with the doctree check
    alone the pages are parsed, and their cache keeps the source (as text, checked above)."""
    out = builds[builder][0]
    written = files(out / "html" if builder == "doctree" else out)
    leaked = [(name, secret) for name, data in written for secret in SECRETS if secret in data]
    assert not leaked
    assert not [name for name, _ in written if name.endswith((".html", ".xhtml", ".tex", ".pdf", ".epub"))]


def small_project(root: Path) -> Path:
    """The book's conf.py and extensions, with no works cited, in `root`, for the pages a test writes."""
    root.mkdir()
    book_skeleton(root)
    (root / "references.bib").write_text("", encoding="utf-8")
    return root


@pytest.fixture
def small_book(tmp_path: Path) -> Path:
    """A small project of the test's own (tmp_path/book), so that no test builds another's pages."""
    return small_project(tmp_path / "book")


WORKS_CITED = "# Works cited\n\n```{bibliography}\n:all:\n```\n"


LATE_NODES_EXTENSION = """
from docutils import nodes

def add_nodes(app, doctree, docname):
    for node in ({nodes}):
        doctree += nodes.paragraph("", "", node)

def setup(app):
    app.connect("doctree-resolved", add_nodes, priority=500)
"""
# What an extension (or data it reads) might add to a page after the Markdown was read, and what
# the check of the page as written reports: an address (as the works cited and the citations add
# them), raw LaTeX other than the edition's own producers' exact text, a node type the book never writes.
RAW_INPUT, RAW_NEAR_AN_ALLOWED_ONE = r"\input{/etc/passwd} PWNED", r"\raggedright \input{/etc/passwd} PWNED"
RAW_REFUSED = "ED011 raw output that none of the edition's producers makes: "
LATE_NODES = {
    "link": ('nodes.reference("", "later", refuri="javascript:alert(\'PWNED\')")',
             "ED012 a link written into the page"),
    "raw-latex": (f'nodes.raw("", {RAW_INPUT!r}, format="latex")', RAW_REFUSED + repr(RAW_INPUT)),
    "raw-near-an-allowed-one": (f'nodes.raw("", {RAW_NEAR_AN_ALLOWED_ONE!r}, format="latex")',
                                RAW_REFUSED + repr(RAW_NEAR_AN_ALLOWED_ONE)),
    "unlisted-node": ('nodes.literal_block("", "PWNED")', "ED018 'literal_block' is not a node type the book writes"),
}


@pytest.fixture(scope="module")
def late_nodes_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """One LaTeX build of a page to which an extension adds every node of LATE_NODES once the Markdown was
    read: the output folder, and what Sphinx printed (each refusal says what it refused)."""
    out = tmp_path_factory.mktemp("late-nodes")
    book = small_project(out / "book")
    nodes_added = "".join(f"{node}, " for node, _message in LATE_NODES.values())
    (book / "late_nodes.py").write_text(LATE_NODES_EXTENSION.format(nodes=nodes_added), encoding="utf-8")
    with (book / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write("\nsys.path.insert(0, str(Path(__file__).parent))\nextensions.append('late_nodes')\n")
    (book / "index.md").write_text("# A page\n\nText.\n", encoding="utf-8")
    return out, sphinx(book, out, "latex")


@pytest.mark.parametrize("late", LATE_NODES, ids=list(LATE_NODES))
def test_a_node_that_reaches_a_page_later_is_refused_when_written(late_nodes_build: tuple[Path, str],
                                                                   late: str) -> None:
    """The last check is on the page as it is written: every node, whichever extension added it."""
    out, output = late_nodes_build
    assert re.search(r"index\.md: ERROR: " + re.escape(LATE_NODES[late][1]), output), output
    assert not [name for name, data in files(out / "latex") if b"PWNED" in data]


def test_the_site_address_is_http(small_book: Path, tmp_path: Path) -> None:
    (small_book / "index.md").write_text(WORKS_CITED, encoding="utf-8")
    output = sphinx(small_book, tmp_path, "html", options=("-D", "html_baseurl=javascript:alert(1)//"))
    assert "the site's address is http or https" in output


def test_a_build_without_warnings_as_errors_refuses_too(small_book: Path, tmp_path: Path) -> None:
    (small_book / "index.md").write_text(ATTACKS[0]["markdown"], encoding="utf-8")
    output = sphinx(small_book, tmp_path, "html", options=())
    assert "index.md:3: ERROR: ED011" in output and "nothing written" in output
    assert not files(tmp_path / "html")


# A toctree caption is text: it reaches the PDF's contents and the EPUB's navigation escaped, as
# the characters typed, never as LaTeX or markup. TeX's ^^ notation spells \ { } without typing them.
HOSTILE_CAPTION = ("Appendices^^7d^^5cinput^^7b/etc/passwd^^7d^^5crelax^^7b \\input{/etc/passwd} "
                   "</a><script>alert('PWNED')</script><a href=\"javascript:alert(1)\">x</a>")
CAPTIONED_FRONT_PAGE = f"""# A book

```{{toctree}}
:caption: Front matter
first
```

```{{toctree}}
:caption: {HOSTILE_CAPTION}
second
```
"""


@pytest.mark.parametrize("builder", ["latex", "epub"])
def test_a_contents_caption_reaches_the_pdf_and_the_epub_as_text(small_book: Path, tmp_path: Path,
                                                                  builder: str) -> None:
    book = small_book
    (book / "index.md").write_text(CAPTIONED_FRONT_PAGE, encoding="utf-8")
    (book / "first.md").write_text("# First\n\nText.\n", encoding="utf-8")
    (book / "second.md").write_text("# Second\n\nText.\n", encoding="utf-8")
    status, output = run_sphinx(book, tmp_path, builder)
    assert status == 0, output
    if builder == "latex":
        tex = next((tmp_path / "latex").glob("*.tex")).read_text(encoding="utf-8")
        part = re.search(r"\\editionpart\{(Appendices.*)\}\n", tex)
        assert part, "the caption is not a part of the contents"
        assert "^^" not in part[1] and "\\input" not in part[1], part[1]
        assert part[1].startswith(r"Appendices\textasciicircum{}\textasciicircum{}7d"), part[1]
        assert r"\textbackslash{}input\{/etc/passwd\}" in part[1], part[1]
    else:
        nav = (tmp_path / "epub" / "nav.xhtml").read_text(encoding="utf-8")
        assert "<script" not in nav and 'href="javascript:' not in nav
        assert "&lt;script&gt;alert(&#39;PWNED&#39;)&lt;/script&gt;" in nav  # the template escapes it (markupsafe)


HOSTILE_STRINGS = ["^^5cinput^^7b/etc/passwd^^7d", "^^^^005cinput", "\\input{/etc/passwd}", "\\catcode`\\^=7",
                   "</script><script>alert(1)</script>", "javascript:alert(1)", "\"'@!|", "a\x0cb\x7fc\x00d"]


@pytest.mark.parametrize("text", HOSTILE_STRINGS)
def test_an_index_sort_key_carries_no_tex(text: str) -> None:
    """The printed Index's headings come from glossary/printed-index.json, which a pull request can
    edit; their sort keys reach xindy's input unescaped, so they are letters, digits and spaces only."""
    assert re.fullmatch(r"[a-z0-9 ]*", sort_key("Stalin, " + text))


# Files a pull request adds to what the build copies as it is (_static/): each refused at its file
# and line, in every format, before anything is written.
COPIED_FILES = {
    "x.svg": ('<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert("PWNED")</script>\n</svg>\n',
              2, "the element <script> is not one of svg_elements"),
    "events.svg": ('<svg xmlns="http://www.w3.org/2000/svg">\n<rect width="1" onload="alert(\'PWNED\')"/>\n</svg>\n',
                   2, "the attribute onload= is not one of svg_attributes"),
    "foreign.svg": ('<svg xmlns="http://www.w3.org/2000/svg">\n<foreignObject><p>PWNED</p></foreignObject>\n</svg>\n',
                    2, "the element <foreignObject> is not one of svg_elements"),
    "paint.svg": ('<svg xmlns="http://www.w3.org/2000/svg">\n<rect fill="url(https://example.org/PWNED#g)"/>\n</svg>\n',
                  2, "url 'https://example.org/PWNED#g' loads from another host"),
    "entities.svg": ('<!DOCTYPE svg [<!ENTITY a "PWNED">]>\n<svg xmlns="http://www.w3.org/2000/svg">&a;</svg>\n',
                     1, "a DOCTYPE or entity"),
    "import.css": ("body { color: black; }\n@import url(https://example.org/PWNED.css);\n",
                   2, "an @import"),
    "escaped.css": ("p {\n  background: \\75 rl(//example.org/PWNED.png);\n}\n",
                    2, "url '//example.org/PWNED.png' loads from another host"),
    "image-set.css": ('p {\n  background-image: image-set("https://example.org/PWNED.png" 1x);\n}\n',
                      2, "url 'https://example.org/PWNED.png' loads from another host"),
    "page.html": ("<script>alert('PWNED')</script>\n", 1, "a .html file is not one of copied_file_types"),
}


@pytest.mark.parametrize("builder", ["html", "epub"])
def test_files_copied_as_they_are_are_checked(small_book: Path, tmp_path: Path, builder: str) -> None:
    book = small_book
    for name, (content, _line, _message) in COPIED_FILES.items():
        (book / "_static" / name).write_text(content, encoding="utf-8")
    (book / "index.md").write_text("# A page\n\nText.\n", encoding="utf-8")
    output = sphinx(book, tmp_path, builder)
    missing = [name for name, (_content, line, message) in COPIED_FILES.items()
               if not re.search(re.escape(f"{os.sep}_static{os.sep}{name}:{line}: ERROR: ") + r"a file copied .*"
                                + re.escape(message), output)]
    assert not missing, output
    assert not [name for name, data in files(tmp_path / builder) if b"PWNED" in data]
