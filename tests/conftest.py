from __future__ import annotations

import contextlib
import fcntl
import functools
import http.server
import io
import json
import os
import re
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright
from sphinx.cmd.build import build_main
from sphinx.testing.util import SphinxTestApp

from tools.core.browser import CHROMIUM, CHROMIUM_ARGS
from tools.importer.pipeline import ImportResult, load_curated, run_import

# Sphinx's own test fixtures (`app`, `make_app`, `@pytest.mark.sphinx`): the edition's extensions,
# each built in-process on a small test root of tests/roots/ in about a second.
pytest_plugins = ("sphinx.testing.fixtures",)

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source" / "challenge-1928-29.txt"
BUILT_MARK = "built"  # tests that read the whole book built (`built`): `make check` leaves them out


# The checker that takes longest, most of it waiting on its browser: its file is run first, so that a worker
# of `pytest -n` (one file to a worker) does not start it when the others have finished.
LONGEST = "ace"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that needs the whole book built, directly or through `site`, so that the
    fast tier (`make check`, `-m "not built and not whole_book"`) can leave them out without a list to keep up;
    and put the file that runs LONGEST first."""
    for item in items:
        if "built" in getattr(item, "fixturenames", ()):
            item.add_marker(BUILT_MARK)
    first = {item.path for item in items if LONGEST in getattr(item, "fixturenames", ())}
    items.sort(key=lambda item: item.path not in first)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where `@pytest.mark.sphinx(testroot="x")` finds its project: tests/roots/test-x/."""
    return ROOT / "tests" / "roots"


@pytest.fixture(scope="session")
def book() -> ImportResult:
    """The real book, imported in memory once for the whole session."""
    return run_import(SOURCE, load_curated())


def plain(markdown: str) -> str:
    """The Markdown without index entries and cross-reference markup (roles, work links)."""
    markdown = re.sub(r"```\{index-entries\}\n.*?```\n\n", "", markdown, flags=re.S)
    markdown = re.sub(r"\{\w+\}`([^`<]*?)(?: <[^>`]*>)?`", r"\1", markdown)
    return re.sub(r"\[(\*[^\]]+\*)\]\(#[^)]+\)", r"\1", markdown)


def chapter(book: ImportResult, stem: str) -> str:
    """The Markdown of the chapter whose file name contains `stem`."""
    (name,) = [name for name in book.files if name.startswith("chapters/") and stem in name]
    return book.files[name]


# --- What the Markdown gives the build: the counts the built formats must show ----------------

def glossary_headwords() -> list[str]:
    """The terms of the Glossary's Markdown (glossary/index.md), each an unindented line of its
    `{glossary}` block, its definition indented below it."""
    markdown = (ROOT / "glossary" / "index.md").read_text(encoding="utf-8")
    block = markdown.split("```{glossary}\n", 1)[1].split("\n```", 1)[0]
    return [line for line in block.splitlines() if line and not line.startswith(" ")]


def glossary_entries_mentioned() -> int:
    """How many Glossary entries the book's other pages link to, each of which lists them ("Mentioned in"):
    by a `{term}` role (`{term}`Bukharin <Bukharin, N.>``), or by a link to a work cited whose title is a
    headword (`[*Contre le courant*](#work-…)`)."""
    headwords = {word.lower() for word in glossary_headwords()}
    pages = [*ROOT.glob("chapters/*.md"), ROOT / "index.md",
             *(path for path in ROOT.glob("glossary/*.md") if path.name != "index.md")]
    linked = set()
    for path in pages:
        markdown = path.read_text(encoding="utf-8")
        linked |= {(match[1] or match[2]).strip().lower()
                   for match in re.finditer(r"\{term\}`(?:[^`<]*<([^>`]+)>|([^`]+))`", markdown)}
        linked |= {match.lower() for match in re.findall(r"\[\*([^\]]+)\*\]\(#work-[^)]+\)", markdown)}
    return len(linked & headwords)


def footnotes_of(stem: str) -> int:
    """How many notes (`[^n]:` definitions) the Markdown of the chapter named `stem` has."""
    (path,) = (ROOT / "chapters").glob(f"{stem}*.md")
    return len(re.findall(r"^\[\^[^\]]+\]:", path.read_text(encoding="utf-8"), re.M))


def works_in_bibliography() -> int:
    """The entries of references.bib, which the Works cited lists whole (`:all:`)."""
    return len(re.findall(r"^@\w+\{", (ROOT / "references.bib").read_text(encoding="utf-8"), re.M))


def edit(path: Path, text: str) -> None:
    """Write `text` into `path` as a contributor's save, for an incremental build to find. Sphinx records
    a read by the process clock and compares the file's mtime with it; a file system's timestamps can
    lag that clock (coarse or host-set times), so the save is dated by the same clock."""
    path.write_text(text, encoding="utf-8")
    now = time.time_ns()
    os.utime(path, ns=(now, now))


def chapters_with(pattern: str) -> int:
    """How many selections' Markdown matches `pattern` (a line of front matter, a container)."""
    return sum(bool(re.search(pattern, path.read_text(encoding="utf-8"), re.M))
               for path in (ROOT / "chapters").glob("*.md"))


# --- The book in its three formats, built once per session as `make book` builds it -----------

SLUG = "challenge-left-opposition-1928-29"
OPF = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
XHTML_NS = "{http://www.w3.org/1999/xhtml}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUB_NS = "{http://www.idpf.org/2007/ops}"
SELECTIONS = 51


@dataclass(frozen=True)
class Built:
    root: Path

    @property
    def epub(self) -> Path:
        return self.root / "epub" / f"{SLUG}.epub"

    @property
    def pdf(self) -> Path:
        return self.root / "latex" / f"{SLUG}.pdf"

    @property
    def html(self) -> Path:
        return self.root / "html"


# Where `make book` builds: the tests check that build, brought up to date first. After a `make book`
# Sphinx reads nothing again (the edition's code is part of its environment's version: an edit of
# tools/ reads every page again), latexmk finds the PDF up to date, and on a clean clone it is the one build.
BOOK = ROOT / "_build"
# A `make book` output to check as it is, built elsewhere (CI builds the book once, keeps it as the run's
# artifacts, then tests it: .github/workflows/book.yml).
BOOK_ENV = "EDITION_BOOK"
# The published address the book was built with, if any (conf.py reads the same variables).
BASEURL = os.environ.get("EDITION_BASEURL", "")
URL_PREFIX = os.environ.get("EDITION_URL_PREFIX", "/")


def given_build(root: Path) -> Built:
    """The build EDITION_BOOK names, checked to be a whole one."""
    found = Built(root.resolve())
    missing = [path for path in (found.html / "index.html", found.epub, found.pdf) if not path.exists()]
    assert not missing, (f"{BOOK_ENV}={root}: no complete `make book` output there (missing {missing[0]}): "
                         f"run `make book BUILD={root}` first, or unset {BOOK_ENV}")
    return found


def make_book() -> None:
    """`make book`, as the README has a reader run it, once for the whole test run: pytest-xdist's workers
    each ask for the book, the first builds it, the others wait for it and find it built."""
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")  # the same in every worker of one `pytest -n` run
    BOOK.mkdir(exist_ok=True)
    stamp = BOOK / ".built-for-tests"
    with (BOOK / ".tests.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if run and stamp.exists() and stamp.read_text(encoding="utf-8") == run:
            return
        stamp.unlink(missing_ok=True)
        result = subprocess.run(["make", "--no-print-directory", "book", f"BUILD={BOOK}"],
                                cwd=ROOT, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        if run:
            stamp.write_text(run, encoding="utf-8")


@pytest.fixture(scope="session")
def built() -> Built:
    if given := os.environ.get(BOOK_ENV):
        return given_build(Path(given))
    make_book()
    return Built(BOOK)


# One short run: the JVM's optimising compiler and parallel collector cost more CPU than they save
# (half of epubcheck's CPU time on a small EPUB).
JAVA_ONE_SHOT = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")


def epubcheck(epub: Path, report: Path) -> dict:
    """epubcheck's JSON report on `epub`."""
    jar = next((ROOT / ".venv").glob("lib/python3*/site-packages/epubcheck/epubcheck.jar"))
    subprocess.run(["java", *JAVA_ONE_SHOT, "-jar", str(jar), str(epub), "--json", str(report)],
                   capture_output=True, check=False)
    return json.loads(report.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def epubcheck_report(built: Built, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """epubcheck, run once on the book's EPUB for every test that reads its report."""
    return epubcheck(built.epub, tmp_path_factory.mktemp("epubcheck") / "report.json")


@dataclass(frozen=True)
class AceRun:
    result: subprocess.CompletedProcess[str]
    report: dict  # Ace's report.json; empty when Ace failed


ACE = ROOT / "tools" / "ace" / "node_modules" / ".bin" / "ace-puppeteer"


@pytest.fixture(scope="session")
def ace(built: Built, tmp_path_factory: pytest.TempPathFactory) -> AceRun:
    """DAISY Ace, run once on the book's EPUB for every test that reads its report."""
    out = tmp_path_factory.mktemp("ace")
    environment = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": CHROMIUM, "PUPPETEER_SKIP_DOWNLOAD": "1"}
    result = subprocess.run([str(ACE), "--force", "--silent", "--outdir", str(out), str(built.epub)],
                            env=environment, capture_output=True, text=True, check=False, timeout=540)
    report = out / "report.json"
    return AceRun(result, json.loads(report.read_text(encoding="utf-8")) if report.exists() else {})


@pytest.fixture(scope="session")
def site(built: Built) -> Iterator[str]:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(built.html))
    http.server.SimpleHTTPRequestHandler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()




def sphinx_build(*arguments: str | Path) -> tuple[int, str]:
    """`sphinx-build ARGUMENTS` run by sphinx-build's own main in this process (Sphinx and the edition are
    imported once for all the tests' builds, not once a build): the exit status and what it printed."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        try:
            return build_main([str(argument) for argument in arguments]), printed.getvalue()
        except SystemExit as stop:  # as the interpreter ends sphinx-build: a message is printed, with status 1
            if stop.code is None or isinstance(stop.code, int):
                return stop.code or 0, printed.getvalue()
            print(stop.code, file=printed)
            return 1, printed.getvalue()


def build_cleanly(app: SphinxTestApp) -> SphinxTestApp:
    """Build a test root as `make book` builds the book: a warning fails (-W)."""
    app.build()
    assert app.warning.getvalue() == ""
    return app
