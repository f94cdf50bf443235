"""The builds: `make book` step by step, the site alone (full, -j 2, one chapter edited, unchanged), and the
same site with plain Sphinx, the book's theme and sphinxcontrib-bibtex added one at a time, in the same run and
taking turns, so that the theme's and the extensions' costs are measured apart and against one baseline. The
part `html` measures the site alone, without `make book` (its EPUB and PDF take most of the time)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

from .common import OUT, ROOT, SLUG, SPHINX, SPHINXOPTS, Sample, fresh, run

EDITED_CHAPTER = "chapters/07-to-a-few-exiled-friends.md"
SNAPSHOT_IGNORE = (".venv", "_build", ".git", "bench", "__pycache__", ".pytest_cache", ".ruff_cache",
                   "*.egg-info", "*.pyc", ".import-staging", "node_modules")
PLAIN_CONF = Path(__file__).resolve().parent / "plain"
# The site built with plain Sphinx, then with each cost added: (name, -D settings for tools/bench/plain)
LAYERS = (("html_plain", []),
          ("html_theme", ["-D", "html_theme=sphinx_book_theme"]),
          ("html_theme_bibtex", ["-D", "html_theme=sphinx_book_theme",
                                 "-D", "extensions=myst_parser,tools.bench.plain_sphinx,sphinxcontrib.bibtex"]))
# What Sphinx says when the settings differ from the last build's: an unchanged rebuild must not say it.
CONFIG_CHANGED = "The configuration has changed"
BOOK_STEPS = ("epub", "pdf_sphinx", "pdf_tex", "pdf", "html_book", "search_index")
SITE_STEPS = ("html_full", "html_parallel", *(name for name, _ in LAYERS), "html_rebuild", "html_rebuild_search",
              "html_plain_rebuild", "html_unchanged")


def snapshot(name: str) -> Path:
    """A copy of the project (its working tree) for the builds to read and edit."""
    target = OUT / name
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(*SNAPSHOT_IGNORE))
    return target


def sphinx(builder: str, project: Path, build: Path, *extra: str) -> list[str]:
    return [str(SPHINX), "-M", builder, str(project), str(build), *SPHINXOPTS, *extra]


def search_index(site: Path) -> list[str]:
    """The site's search index, the step `make html` and `make book` run after Sphinx's build."""
    return [str(ROOT / ".venv" / "bin" / "python"), "-m", "tools", "search-index", str(site)]


def plain_sphinx(project: Path, build: Path, *settings: str) -> list[str]:
    """Plain Sphinx on the project's pages (warnings allowed: the stand-ins leave references unresolved)."""
    return [str(SPHINX), "-M", "html", str(project), str(build), "-q", "-n", "-c", str(PLAIN_CONF), *settings,
            "-w", str(build / "warnings.txt")]


class Builds:
    """The samples of every step; a step that fails keeps its error, and what depends on it says so."""

    def __init__(self, steps: tuple[str, ...]) -> None:
        self.samples = {name: Sample() for name in steps}
        self.outputs: dict[str, str] = {}  # each step's output, of its last run

    def measure(self, name: str, command: list[str], cwd: Path = ROOT) -> bool:
        sample = self.samples[name]
        if sample.error:  # failed in an earlier repetition: its figures would be a partial median
            return False
        wall, cpu, error, output = run(command, cwd)
        if error:
            sample.error = error
            print(f"  {name} failed: {error}", file=sys.stderr)
            return False
        sample.add(wall, cpu)
        self.outputs[name] = output
        return True

    def skip(self, name: str, because: str) -> None:
        if not self.samples[name].error:
            self.samples[name].error = f"not measured: {because}"


def bench_builds(reps: int, book: bool = True) -> dict[str, Any]:
    """Every build; with `book` false, the site's alone (no `make book`: no EPUB, no PDF)."""
    project = snapshot("project")
    edited = snapshot("project-edited")
    builds = OUT / "builds"
    steps = Builds((*BOOK_STEPS, *SITE_STEPS) if book else SITE_STEPS)
    for rep in range(reps):
        print(f"  builds, repetition {rep + 1} of {reps}", file=sys.stderr)
        if book:
            make_book(steps, project, fresh(builds / "book"))
        # The site alone from empty (`make html` after `make clean`), serially and on two cores.
        steps.measure("html_full", sphinx("html", project, fresh(builds / "html")))
        steps.measure("html_parallel", sphinx("html", project, fresh(builds / "parallel"), "-j", "2"))
        for name, settings in LAYERS:
            steps.measure(name, plain_sphinx(project, fresh(builds / name), *settings))
    facts = rebuilds(steps, edited, builds, reps)
    site = builds / "book" if book else builds / "rebuild"  # the site of `make book`, or the one rebuilt
    epub, pdf, html = site / "epub" / f"{SLUG}.epub", site / "latex" / f"{SLUG}.pdf", site / "html"
    return {**{name: sample.as_dict() for name, sample in steps.samples.items()}, **facts,
            "layer_warnings": {name: warnings(builds / name) for name, _ in LAYERS},
            "epub_bytes": epub.stat().st_size if epub.exists() else None,
            "pdf_bytes": pdf.stat().st_size if pdf.exists() else None,
            "pdf_pages": pdf_pages(pdf),
            "searchindex_bytes": search_index_bytes(html),
            "site_bytes": sum(p.stat().st_size for p in html.rglob("*") if p.is_file()) if html.exists() else None,
            "site_files": sum(1 for p in html.rglob("*") if p.is_file()) if html.exists() else None}


def make_book(steps: Builds, project: Path, book: Path) -> None:
    """`make book`: EPUB, PDF, then the site with its downloads, in one build folder (shared doctrees)."""
    steps.measure("epub", sphinx("epub", project, book))
    if steps.measure("pdf_sphinx", sphinx("latex", project, book)) and steps.measure(
            "pdf_tex", ["make", "all-pdf", "LATEXOPTS=-halt-on-error", "LATEXMKOPTS=-silent"], book / "latex"):
        steps.samples["pdf"].add(steps.samples["pdf_sphinx"].wall[-1] + steps.samples["pdf_tex"].wall[-1],
                                 steps.samples["pdf_sphinx"].cpu[-1] + steps.samples["pdf_tex"].cpu[-1])
    else:
        steps.skip("pdf_tex", "Sphinx's LaTeX build failed")
        steps.skip("pdf", "a step of the PDF failed")
    if steps.measure("html_book", sphinx("html", project, book, "-D", "edition_downloads_required=1")):
        steps.measure("search_index", search_index(book / "html"))
    else:
        steps.skip("search_index", "the site's build failed")


def rebuilds(steps: Builds, edited: Path, builds: Path, reps: int) -> dict[str, Any]:
    """A contributor's loop: one chapter edited and the site rebuilt, by the edition and by plain Sphinx taking
    turns on the same copy of the project; then a rebuild with nothing changed."""
    ours, plain = fresh(builds / "rebuild"), fresh(builds / "plain-rebuild")
    first = [("html_rebuild", sphinx("html", edited, ours)), ("html_plain_rebuild", plain_sphinx(edited, plain))]
    for name, command in first:
        if (error := run(command)[2]):
            steps.skip(name, f"its first, full build failed: {error}")
    if not steps.samples["html_rebuild"].error and (error := run(search_index(ours / "html"))[2]):
        steps.skip("html_rebuild_search", f"the first search index failed: {error}")
    chapter = edited / EDITED_CHAPTER
    for rep in range(reps):
        with chapter.open("a", encoding="utf-8") as stream:
            stream.write(f"\nA contributor’s new line, edit {rep + 1}.\n")
        edit = chapter.stat().st_mtime
        if steps.measure("html_rebuild", sphinx("html", edited, ours)):
            steps.measure("html_rebuild_search", search_index(ours / "html"))  # `make preview`'s next step
        steps.measure("html_plain_rebuild", plain_sphinx(edited, plain))
    # Sphinx's own report of the build: -q would hide the configuration message
    steps.measure("html_unchanged", [str(SPHINX), "-M", "html", str(edited), str(ours), "-W", "--keep-going", "-n"])
    said = [line for line in steps.outputs.get("html_unchanged", "").splitlines() if CONFIG_CHANGED in line]
    return {"rebuild_pages_written": written_since(ours / "html", edit),
            "plain_rebuild_pages_written": written_since(plain / "html", edit),
            "unchanged_config_message": said[0].strip() if said else ""}


def written_since(html: Path, moment: float) -> int:
    return sum(1 for path in html.rglob("*.html") if path.stat().st_mtime > moment)


def warnings(build: Path) -> int:
    found = build / "warnings.txt"
    return len(found.read_text(encoding="utf-8").splitlines()) if found.exists() else 0


def search_index_bytes(html: Path) -> int | None:
    """The search's files: Pagefind's folder (its index, fragments and scripts), or Sphinx's searchindex.js."""
    if (html / "pagefind").is_dir():
        return sum(path.stat().st_size for path in (html / "pagefind").rglob("*") if path.is_file())
    return (html / "searchindex.js").stat().st_size if (html / "searchindex.js").exists() else None


def pdf_pages(pdf: Path) -> int | None:
    if not pdf.exists():
        return None
    try:
        from pypdf import PdfReader
    except ImportError:
        return None
    return len(PdfReader(pdf).pages)
