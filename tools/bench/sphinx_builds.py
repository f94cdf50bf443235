"""The builds: `make book` step by step, the site alone (full, -j 2, one chapter edited), and the same site
with plain Sphinx, the book's theme and sphinxcontrib-bibtex added one at a time, so that the theme's and
the extensions' costs are measured apart."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

from .common import OUT, ROOT, SLUG, SPHINX, SPHINXOPTS, Sample, fresh, run

EDITED_CHAPTER = "chapters/07-to-a-few-exiled-friends.md"
SNAPSHOT_IGNORE = (".venv", "_build", ".git", "bench", "__pycache__", ".pytest_cache", ".ruff_cache",
                   "*.egg-info", "*.pyc", ".import-staging")
PLAIN_CONF = Path(__file__).resolve().parent / "plain"
# The site built with plain Sphinx, then with each cost added: (name, -D settings for tools/bench/plain)
LAYERS = (("html_plain", []),
          ("html_theme", ["-D", "html_theme=sphinx_book_theme"]),
          ("html_theme_bibtex", ["-D", "html_theme=sphinx_book_theme",
                                 "-D", "extensions=myst_parser,tools.bench.plain_sphinx,sphinxcontrib.bibtex"]))


def snapshot(name: str) -> Path:
    """A copy of the project (its working tree) for the builds to read and edit."""
    target = OUT / name
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(*SNAPSHOT_IGNORE))
    return target


def sphinx(builder: str, project: Path, build: Path, *extra: str) -> list[str]:
    return [str(SPHINX), "-M", builder, str(project), str(build), *SPHINXOPTS, *extra]


def bench_builds(reps: int) -> dict[str, Any]:
    project = snapshot("project")
    builds = OUT / "builds"
    names = ("epub", "pdf_sphinx", "pdf_tex", "pdf", "html_book", "html_full", "html_parallel",
             *(name for name, _ in LAYERS))
    samples = {name: Sample() for name in names}
    warnings = {name: 0 for name, _ in LAYERS}

    def measure(name: str, command: list[str], cwd: Path = ROOT) -> bool:
        wall, cpu, error = run(command, cwd)
        if error:
            samples[name].error = error
            print(f"  {name} failed:\n{error}", file=sys.stderr)
            return False
        samples[name].add(wall, cpu)
        return True

    for rep in range(reps):
        print(f"  builds, repetition {rep + 1} of {reps}", file=sys.stderr)
        # `make book`: EPUB, PDF, then the site with its downloads, in one build folder (shared doctrees).
        book = fresh(builds / "book")
        measure("epub", sphinx("epub", project, book))
        if measure("pdf_sphinx", sphinx("latex", project, book)) and measure(
                "pdf_tex", ["make", "all-pdf", "LATEXOPTS=-halt-on-error", "LATEXMKOPTS=-silent"], book / "latex"):
            samples["pdf"].add(samples["pdf_sphinx"].wall[-1] + samples["pdf_tex"].wall[-1],
                               samples["pdf_sphinx"].cpu[-1] + samples["pdf_tex"].cpu[-1])
        measure("html_book", sphinx("html", project, book, "-D", "edition_downloads_required=1"))
        # The site alone from empty (`make html` after `make clean`), serially and on two cores.
        measure("html_full", sphinx("html", project, fresh(builds / "html")))
        measure("html_parallel", sphinx("html", project, fresh(builds / "parallel"), "-j", "2"))
        # Plain Sphinx, then the theme, then bibtex (warnings allowed: the stand-ins leave references unresolved).
        for name, settings in LAYERS:
            plain = fresh(builds / name)
            if measure(name, [str(SPHINX), "-M", "html", str(project), str(plain), "-q", "-n", "-c", str(PLAIN_CONF),
                              *settings, "-w", str(plain / "warnings.txt")]):
                warnings[name] = len((plain / "warnings.txt").read_text(encoding="utf-8").splitlines())

    # One chapter edited, the site rebuilt (a contributor's preview loop), in a copy of its own.
    edited = snapshot("project-edited")
    rebuild = Sample()
    if run(sphinx("html", edited, fresh(builds / "rebuild")))[2] == "":
        chapter = edited / EDITED_CHAPTER
        for rep in range(reps):
            with chapter.open("a", encoding="utf-8") as stream:
                stream.write(f"\nA contributor’s new line, edit {rep + 1}.\n")
            wall, cpu, error = run(sphinx("html", edited, builds / "rebuild"))
            if error:
                rebuild.error = error
                break
            rebuild.add(wall, cpu)
        written = [path for path in (builds / "rebuild" / "html").rglob("*.html")
                   if path.stat().st_mtime > chapter.stat().st_mtime]
    else:
        rebuild.error, written = "the first build failed", []
    book = builds / "book"
    epub, pdf = book / "epub" / f"{SLUG}.epub", book / "latex" / f"{SLUG}.pdf"
    html = book / "html"
    return {**{name: sample.as_dict() for name, sample in samples.items()}, "html_rebuild": rebuild.as_dict(),
            "rebuild_pages_written": len(written), "layer_warnings": warnings,
            "epub_bytes": epub.stat().st_size if epub.exists() else None,
            "pdf_bytes": pdf.stat().st_size if pdf.exists() else None,
            "pdf_pages": pdf_pages(pdf),
            "searchindex_bytes": search_index_bytes(html),
            "site_bytes": sum(p.stat().st_size for p in html.rglob("*") if p.is_file()) if html.exists() else None,
            "site_files": sum(1 for p in html.rglob("*") if p.is_file()) if html.exists() else None}


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
