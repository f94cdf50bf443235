"""Benchmark (issue 6): import and build speed against pandoc and the floor, and a reader's page weight.

    .venv/bin/python -m tools.bench [--import-reps 5] [--build-reps 3] [--only import,scaling,builds,weight]

One run measures everything and writes bench/report.md (committed); bench/out/ is scratch (git-ignored):
the project snapshot the builds read, the builds, results.json. Figures are medians over the
repetitions, in wall-clock time and in CPU time (user + system, of this process or of the command and
all its children): on a shared machine the wall clock also measures the neighbours, the CPU time does
not. `--save-baseline` keeps this run's figures in bench/baseline.json, which later reports show as
"before". This is a measurement, not a test: nothing here fails on a missed target, the report says it.

It is also, for the plain-Sphinx baseline only, a Sphinx extension (`setup` below): no-op stand-ins
for the two directives the book's Markdown uses that Sphinx lacks, so that the same sources build
without any of the project's extensions.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import http.server
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source" / "challenge-1928-29.txt"
BENCH = ROOT / "bench"
OUT = BENCH / "out"
REPORT = BENCH / "report.md"
BASELINE = BENCH / "baseline.json"
NOTES = BENCH / "notes.md"  # written by hand: what the profiles showed, what was changed; ends the report
SPHINX = ROOT / ".venv" / "bin" / "sphinx-build"
SPHINXOPTS = ["-W", "--keep-going", "-n", "-q"]  # the Makefile's default
SLUG = "challenge-left-opposition-1928-29"
EDITED_CHAPTER = "chapters/07-to-a-few-exiled-friends.md"
SAMPLE_PAGE = "chapters/04-appeal-of-the-deportees.html"
PLAIN_EXTENSIONS = "myst_parser,sphinxcontrib.bibtex,tools.bench"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")  # as the tests: Debian's chromium by default
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SNAPSHOT_IGNORE = (".venv", "_build", ".git", "bench", "__pycache__", ".pytest_cache", ".ruff_cache",
                   "*.egg-info", "*.pyc")
TARGETS = {"html_full": 20.0, "html_rebuild": 3.0, "extensions_cost": 0.30, "three_formats": 120.0,
           "page_weight": 600 * 1024, "pandoc_ratio": 1.0, "floor_ratio": 10.0}
SCALES = (1, 2, 4)


# --- Timing ------------------------------------------------------------------------------------

@dataclasses.dataclass
class Sample:
    wall: list[float] = dataclasses.field(default_factory=list)
    cpu: list[float] = dataclasses.field(default_factory=list)
    error: str = ""

    def add(self, wall: float, cpu: float) -> None:
        self.wall.append(wall)
        self.cpu.append(cpu)

    @property
    def median(self) -> float:
        return statistics.median(self.wall) if self.wall else float("nan")

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu) if self.cpu else float("nan")

    def as_dict(self) -> dict[str, Any]:
        return {"median": self.median, "cpu_median": self.cpu_median, "wall": self.wall, "cpu": self.cpu,
                "error": self.error}


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_call(function: Callable[[], Any]) -> tuple[float, float, Any]:
    """(wall, CPU of this process, result) of one call."""
    cpu, wall = time.process_time(), time.perf_counter()
    result = function()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def run(command: list[str], cwd: Path = ROOT, env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """(wall, CPU of the command and its children, error or "") of one command."""
    cpu, wall = children_cpu(), time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False,
                          env={**os.environ, **(env or {})})
    elapsed, spent = time.perf_counter() - wall, children_cpu() - cpu
    error = "" if done.returncode == 0 else f"exit {done.returncode}: {(done.stdout + done.stderr)[-1500:]}"
    return elapsed, spent, error


def repeat_command(reps: int, command: Callable[[int], list[str]], prepare: Callable[[int], None] | None = None,
                   cwd: Path = ROOT) -> Sample:
    sample = Sample()
    for rep in range(reps):
        if prepare:
            prepare(rep)
        wall, cpu, error = run(command(rep), cwd)
        if error:
            sample.error = error
            print(f"  failed: {' '.join(command(rep))}\n{error}", file=sys.stderr)
            break
        sample.add(wall, cpu)
    return sample


def fresh(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


# --- (a) Import: the importer, pandoc and the floor ---------------------------------------------

def bench_import(reps: int) -> dict[str, Any]:
    from tools.importer.pipeline import load_curated, run_import
    from tools.importer.write import write_files

    scratch = fresh(OUT / "import")
    result = run_import(SOURCE, load_curated())  # warm-up: imports, caches; also the floor's bytes
    outputs = {name: text.encode("utf-8") for name, text in result.files.items()}
    source_bytes = SOURCE.stat().st_size
    figures: dict[str, Any] = {"source_bytes": source_bytes, "output_files": len(outputs),
                               "output_bytes": sum(len(data) for data in outputs.values()),
                               "words_ok": result.words.ok}

    memory, disk, floor = Sample(), Sample(), Sample()
    for rep in range(reps):
        memory.add(*time_call(lambda: run_import(SOURCE, load_curated()))[:2])
        target = fresh(scratch / f"disk-{rep}")
        disk.add(*time_call(lambda target=target: write_files(
            target, run_import(SOURCE, load_curated()).files, force=False))[:2])
        target = fresh(scratch / f"floor-{rep}")

        def copy_bytes(target: Path = target) -> None:
            SOURCE.read_bytes().decode("utf-8")
            for name, data in outputs.items():
                path = target / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
        floor.add(*time_call(copy_bytes)[:2])

    cli = repeat_command(reps, lambda rep: [sys.executable, "-m", "tools", "import", "--source", str(SOURCE),
                                            "--root", str(scratch / f"cli-{rep}")],
                         prepare=lambda rep: fresh(scratch / f"cli-{rep}"))
    floor_process = repeat_command(reps, lambda rep: [
        sys.executable, "-c", "import pathlib, sys; pathlib.Path(sys.argv[2]).write_bytes("
        "pathlib.Path(sys.argv[1]).read_bytes())", str(SOURCE), str(scratch / f"copy-{rep}.txt")])
    pandoc = shutil.which("pandoc")
    figures["pandoc_version"] = ""
    if pandoc:
        figures["pandoc_version"] = subprocess.run([pandoc, "--version"], capture_output=True, text=True,
                                                   check=False).stdout.split("\n")[0]
        pandoc_sample = repeat_command(reps, lambda rep: [pandoc, "-f", "markdown", "-t", "commonmark",
                                                          str(SOURCE), "-o", str(scratch / f"pandoc-{rep}.md")])
        figures["pandoc"] = pandoc_sample.as_dict()
    else:
        print("pandoc is not installed: the importer/pandoc ratio is not measured. Install it with "
              "`sudo apt-get install pandoc` (Debian/Ubuntu) or from https://pandoc.org/installing.html, "
              "then run the benchmark again.", file=sys.stderr)
    figures.update(memory=memory.as_dict(), disk=disk.as_dict(), floor=floor.as_dict(), cli=cli.as_dict(),
                   floor_process=floor_process.as_dict())
    figures["passes"] = profile_passes((1,), reps)[0]
    return figures


# --- (b) Scaling: the book's selections repeated -------------------------------------------------

def pass_targets() -> list[tuple[Any, str, str]]:
    """(owner, attribute, pass) of the functions `run_import` calls, by pass."""
    from tools.importer import annotate, glossary, link, pipeline, printed_index, render, repair
    return [(pipeline, "read_lines", "read"), (repair, "apply_errata", "errata"),
            (pipeline, "segment", "segment"),
            (repair, "word_counts", "evidence"), (repair, "check_paragraph_decisions", "evidence"),
            (pipeline, "load_word_list", "word list"),
            (pipeline, "repair_blocks", "repair"),
            (annotate, "appendix_notes", "annotate"), (annotate, "split_apparatus", "annotate"),
            (glossary, "parse_glossary", "glossary"), (glossary, "resolve_see", "glossary"),
            (printed_index, "parse_index", "printed index"),
            (link, "link_book", "link"), (link.Works, "link", "link"), (link, "Works", "link"),
            (link, "cross_reference_entries", "link"), (link, "summary", "link"),
            (render, "render_chapter", "render"), (render, "render_glossary", "render"),
            (render, "render_page", "render"), (render, "render_index_data", "render"),
            (pipeline, "render_root", "render"),
            (pipeline, "markdown_words", "word check"), (pipeline, "check_words", "word check"),
            (pipeline, "import_report", "word check")]


@contextmanager
def timed_passes() -> Iterator[Counter[str]]:
    """Wrap the passes' functions so that each call adds its CPU time to its pass (outermost call only)."""
    spent: Counter[str] = Counter()
    depth = [0]
    replaced = []
    for owner, attribute, label in pass_targets():
        original = owner.__dict__.get(attribute) if isinstance(owner, type) else getattr(owner, attribute, None)
        if original is None:
            continue

        def timed(*args: Any, _function: Any = original, _label: str = label, **kwargs: Any) -> Any:
            if depth[0]:
                return _function(*args, **kwargs)
            depth[0] += 1
            start = time.process_time()
            try:
                return _function(*args, **kwargs)
            finally:
                spent[_label] += time.process_time() - start
                depth[0] -= 1
        setattr(owner, attribute, timed)
        replaced.append((owner, attribute, original))
    try:
        yield spent
    finally:
        for owner, attribute, original in reversed(replaced):
            setattr(owner, attribute, original)


@contextmanager
def repeated_selections(copies: int, curated: Any) -> Iterator[Any]:
    """The book with its 51 selections present `copies` times (copy n titled '... (copy n)'), as the
    segment pass's result: everything after segmentation then works on `copies` times the text."""
    from tools.importer import pipeline

    original = pipeline.segment
    selections = dict(curated.selections)

    def segment(lines: list[str], path: str, variants: dict[str, str]) -> Any:
        book = original(lines, path, variants)
        count = len(book.selections)
        extra = []
        for copy in range(2, copies + 1):
            for selection in book.selections[:count]:
                title = f"{selection.entry.title} (copy {copy})"
                extra.append(dataclasses.replace(selection, number=selection.number + (copy - 1) * count,
                                                 entry=dataclasses.replace(selection.entry, title=title),
                                                 blocks=list(selection.blocks)))
        book.selections += extra
        return book

    for copy in range(2, copies + 1):
        selections.update({f"{title} (copy {copy})": entry for title, entry in curated.selections.items()})
    pipeline.segment = segment
    try:
        yield dataclasses.replace(curated, selections=selections)
    finally:
        pipeline.segment = original


def import_once(copies: int) -> tuple[float, Counter[str], int]:
    """CPU time of one import with the selections `copies` times, by pass; the chapter files' bytes."""
    from tools.importer.pipeline import load_curated, run_import

    with repeated_selections(copies, load_curated()) as curated, timed_passes() as spent:
        start = time.process_time()
        result = run_import(SOURCE, curated)
        total = time.process_time() - start
    spent["other"] = total - sum(spent.values())
    return total, spent, sum(len(text.encode("utf-8")) for name, text in result.files.items()
                             if name.startswith("chapters/"))


def profile_passes(scales: tuple[int, ...], reps: int) -> list[dict[str, Any]]:
    """Median CPU time of the whole import and of each pass at each scale; the scales take turns, so
    that a change in the machine's load falls on all of them."""
    runs: dict[int, list[tuple[float, Counter[str], int]]] = {copies: [] for copies in scales}
    for _ in range(reps):
        for copies in scales:
            runs[copies].append(import_once(copies))
    found = []
    for copies, samples in runs.items():
        labels = sorted({label for _, spent, _ in samples for label in spent})
        found.append({"copies": copies, "chapter_bytes": samples[0][2],
                      "total": statistics.median(total for total, _, _ in samples),
                      "passes": {label: statistics.median(spent.get(label, 0.0) for _, spent, _ in samples)
                                 for label in labels}})
    return found


def segment_scaling(reps: int) -> dict[int, float]:
    """The segment pass alone on the source with every selection's text repeated k times."""
    from tools.importer.pipeline import load_curated
    from tools.importer.repair import apply_errata
    from tools.importer.segment import segment
    from tools.importer.source import read_lines

    curated = load_curated()
    lines, _ = apply_errata(read_lines(SOURCE), curated.errata, str(SOURCE))
    book = segment(lines, str(SOURCE), curated.title_variants)
    starts = [s.heading_line - 1 for s in book.selections]
    ends = [s.end_line for s in book.selections]
    found = {}
    for copies in SCALES:
        repeated = lines[:starts[0]]
        for start, end in zip(starts, ends, strict=True):
            repeated += [lines[start]] + lines[start + 1:end] * copies
        repeated += lines[ends[-1]:]
        times = [time_call(lambda r=repeated: segment(r, str(SOURCE), curated.title_variants))[1]
                 for _ in range(reps)]
        found[copies] = statistics.median(times)
    return found


def bench_scaling(reps: int) -> dict[str, Any]:
    return {"runs": profile_passes(SCALES, reps), "segment": segment_scaling(reps)}


# --- (c) Builds ----------------------------------------------------------------------------------

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
    names = ("epub", "pdf_sphinx", "pdf_tex", "pdf", "html_book", "html_full", "html_parallel", "html_plain")
    samples = {name: Sample() for name in names}
    plain_warnings = 0

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
        plain = fresh(builds / "plain")
        wall, cpu, error = run([str(SPHINX), "-M", "html", str(project), str(plain), "-q", "-n",
                                "-D", f"extensions={PLAIN_EXTENSIONS}", "-w", str(plain / "warnings.txt")])
        if error:
            samples["html_plain"].error = error
        else:
            samples["html_plain"].add(wall, cpu)
            plain_warnings = len((plain / "warnings.txt").read_text(encoding="utf-8").splitlines())

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
            "rebuild_pages_written": len(written), "plain_warnings": plain_warnings,
            "epub_bytes": epub.stat().st_size if epub.exists() else None,
            "pdf_bytes": pdf.stat().st_size if pdf.exists() else None,
            "pdf_pages": pdf_pages(pdf),
            "searchindex_bytes": (html / "searchindex.js").stat().st_size if (html / "searchindex.js").exists()
            else None,
            "site_bytes": sum(p.stat().st_size for p in html.rglob("*") if p.is_file()) if html.exists() else None,
            "site_files": sum(1 for p in html.rglob("*") if p.is_file()) if html.exists() else None}


def pdf_pages(pdf: Path) -> int | None:
    if not pdf.exists():
        return None
    try:
        from pypdf import PdfReader
    except ImportError:
        return None
    return len(PdfReader(pdf).pages)


# --- (d) A reader's page weight -------------------------------------------------------------------

@contextmanager
def serve(directory: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


def weigh_page(browser: Any, url: str) -> dict[str, Any]:
    """Every response a fresh browser loads for `url`: (url, type, body bytes), and the text's bytes."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    responses: list[Any] = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="networkidle")
    text = page.evaluate("(document.querySelector('article.bd-article') || document.body).innerText")
    loaded = []
    for response in responses:
        try:
            size = len(response.body())
        except Exception:  # a redirect or a failed request has no body
            size = 0
        loaded.append({"url": response.url, "type": response.request.resource_type, "bytes": size,
                       "status": response.status})
    context.close()
    return {"responses": loaded, "total": sum(r["bytes"] for r in loaded),
            "text_bytes": len(text.encode("utf-8"))}


def bench_weight(html: Path) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    if not (html / SAMPLE_PAGE).exists():
        return {"error": f"no site at {html}: run the builds first"}
    pages = sorted(str(p.relative_to(html)) for p in (html / "chapters").glob("*.html"))
    with serve(html) as site, sync_playwright() as playwright:
        options: dict[str, Any] = {"args": CHROMIUM_ARGS}
        if Path(CHROMIUM).exists():
            options["executable_path"] = CHROMIUM
        browser = playwright.chromium.launch(**options)
        weighed = {name: weigh_page(browser, f"{site}/{name}") for name in pages}
        extra = {name: weigh_page(browser, f"{site}/{name}") for name in ("index.html", "glossary/index.html",
                                                                         "search.html")}
        browser.close()
    outside = sorted({r["url"] for w in [*weighed.values(), *extra.values()] for r in w["responses"]
                      if not r["url"].startswith(site)})
    sample = weighed[SAMPLE_PAGE]
    by_type: Counter[str] = Counter()
    for response in sample["responses"]:
        by_type[response["type"]] += response["bytes"]
    for response in sample["responses"]:
        response["url"] = response["url"].removeprefix(site + "/")
    totals = {name: w["total"] for name, w in weighed.items()}
    heaviest = max(totals, key=totals.__getitem__)
    return {"pages": len(pages), "median": statistics.median(totals.values()), "max": totals[heaviest],
            "heaviest": heaviest, "min": min(totals.values()),
            "text_share_median": statistics.median(w["text_bytes"] / w["total"] for w in weighed.values()),
            "text_share_of_document_median": statistics.median(
                w["text_bytes"] / next(r["bytes"] for r in w["responses"] if r["type"] == "document")
                for w in weighed.values()),
            "sample": SAMPLE_PAGE, "sample_total": sample["total"], "sample_text": sample["text_bytes"],
            "sample_by_type": dict(by_type.most_common()),
            "sample_responses": sorted(sample["responses"], key=lambda r: -r["bytes"]),
            "other_pages": {name: w["total"] for name, w in extra.items()}, "outside_requests": outside,
            "failed": sorted({r["url"] for w in weighed.values() for r in w["responses"] if r["status"] >= 400})}


# --- Report --------------------------------------------------------------------------------------

def kb(size: float | None) -> str:
    return "–" if size is None else f"{size / 1024:,.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.2f} MB"


def sec(value: float | None) -> str:
    if value is None or value != value:
        return "–"
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def mark(ok: bool | None) -> str:
    return "–" if ok is None else "met" if ok else "**missed**"


def timing_row(label: str, sample: dict[str, Any] | None, note: str = "") -> str:
    if not sample:
        return f"| {label} | – | – | {note or 'not measured'} |"
    if sample.get("error"):
        return f"| {label} | – | – | failed: {sample['error'].splitlines()[0][:80]} |"
    return f"| {label} | {sec(sample['median'])} | {sec(sample['cpu_median'])} | {note} |"


def report(results: dict[str, Any], baseline: dict[str, Any] | None) -> str:
    meta = results["meta"]
    lines = ["# Benchmark: import and build speed, page weight", "",
             f"Measured {meta['date']} on {meta['machine']} ({meta['cpus']} cores), Python {meta['python']}, "
             f"Sphinx {meta['sphinx']}; project at {meta['commit']}"
             + (f" with {meta['dirty']} files changed in the working tree" if meta["dirty"] else "") + ".",
             f"Load average {meta['load_start']} at the start, {meta['load_end']} at the end: on a shared "
             "machine the wall clock also counts the neighbours, so the CPU time (user + system of the "
             "process and its children) is given beside it.", "",
             f"Reproduce: `{meta['command']}` (about {meta['duration'] / 60:.0f} minutes; "
             "`--help` for the options). Medians of "
             f"{meta['import_reps']} runs (import) and {meta['build_reps']} runs (builds).", ""]
    summary = results.get("summary", {})
    if summary:
        lines += ["## Targets", "", "| Target (issue 6) | Measured | |", "|---|---|---|"]
        lines += [f"| {row['target']} | {row['measured']} | {mark(row['ok'])} |" for row in summary]
        lines.append("")
    if "import" in results:
        lines += import_section(results["import"])
    if "scaling" in results:
        lines += scaling_section(results["scaling"])
    if "builds" in results:
        lines += builds_section(results["builds"])
    if "weight" in results:
        lines += weight_section(results["weight"])
    if baseline:
        lines += before_after(baseline, results)
    if NOTES.exists():
        lines += [NOTES.read_text(encoding="utf-8")]
    return "\n".join(lines).rstrip() + "\n"


def import_section(figures: dict[str, Any]) -> list[str]:
    pandoc = figures.get("pandoc")
    lines = ["## Import", "",
             f"The whole book: {kb(figures['source_bytes'])} of source text in, {figures['output_files']} files "
             f"({kb(figures['output_bytes'])}) out, every cross-reference resolved and every word checked.", "",
             "| | wall | CPU | |", "|---|---|---|---|",
             timing_row("importer, in memory (`run_import`, data files read)", figures["memory"]),
             timing_row("importer, to disk (`run_import` + `write_files`)", figures["disk"]),
             timing_row("importer, command line (`python -m tools import`)", figures["cli"],
                        "interpreter start and module imports included"),
             timing_row(f"`pandoc -f markdown -t commonmark` ({figures['pandoc_version'] or 'not installed'})",
                        pandoc, "" if pandoc else "pandoc is not installed: `sudo apt-get install pandoc`"),
             timing_row("floor: read the source, write the importer's output bytes", figures["floor"],
                        "in one process, no work"),
             timing_row("floor as a command (`python -c` read + write)", figures["floor_process"]), ""]
    if pandoc:
        lines.append(f"importer / pandoc: {figures['cli']['median'] / pandoc['median']:.2f} (command line "
                     f"against command line; CPU {figures['cli']['cpu_median'] / pandoc['cpu_median']:.2f}), "
                     f"{figures['disk']['median'] / pandoc['median']:.2f} in process.  ")
    lines.append(f"importer / floor: {figures['disk']['median'] / figures['floor']['median']:,.0f}× in process, "
                 f"{figures['cli']['median'] / figures['floor_process']['median']:,.0f}× as commands.")
    lines += ["", "Where the importer's time goes (one import, CPU time by pass; `other` is the pipeline's own "
              "glue: Contents, front page, reports):", ""]
    lines += pass_table([figures["passes"]])
    return lines


def pass_table(runs: list[dict[str, Any]]) -> list[str]:
    labels = sorted(runs[0]["passes"], key=lambda label: -runs[-1]["passes"][label])
    head = "| pass | " + " | ".join(f"{run['copies']}×" for run in runs) + " |"
    lines = [head, "|---" * (len(runs) + 1) + "|"]
    for label in labels:
        lines.append(f"| {label} | " + " | ".join(sec(run["passes"].get(label)) for run in runs) + " |")
    lines.append("| **total** | " + " | ".join(f"**{sec(run['total'])}**" for run in runs) + " |")
    return [*lines, ""]


def growth(times: list[float]) -> str:
    """Increments per added copy of the book, 1→2 and 2→4, and their ratio (1.0 = linear)."""
    first, second = times[1] - times[0], (times[2] - times[1]) / 2
    return f"{sec(first)} / {sec(second)} ({second / first:.2f})" if first > 0 else "–"


def scaling_section(figures: dict[str, Any]) -> list[str]:
    runs = figures["runs"]
    scaling = ["repair", "annotate", "link", "render", "word check"]
    lines = ["## Scaling", "",
             "The importer takes one book: its Contents decide the selections, and the curated data "
             "(errata, page breaks, hyphenation) are keyed to the source's line numbers, so the source "
             "file repeated is not a bigger book (the second copy would land after the Index, as the back "
             "cover). So the book is made bigger where a bigger book grows: after the segment pass, its 51 "
             "selections are present 2 and 4 times (copies with their own titles and files), and every later "
             "pass (repair, annotate, link against the glossary and the printed Index, render, word check) "
             "works on 2 and 4 times the text. The segment pass is timed alone on the source with each "
             "selection's text repeated. CPU time of this process (the scales take turns, so the machine's "
             "load falls on all alike). Fixed costs (the word list, the glossary, the printed Index) do "
             "not grow, so growth is linear when the time added per copy stays the same: the last column "
             "compares the time added by the second copy with the time added per copy from 2 to 4 "
             "(1.00 = linear, 2 = quadratic).", ""]
    sizes = ", ".join(f"{run['copies']}× = {kb(run['chapter_bytes'])}" for run in runs)
    lines += [f"Chapter files written: {sizes}.", ""]
    lines += ["| pass | " + " | ".join(f"{run['copies']}×" for run in runs) + " | added per copy: 1→2 / 2→4 |",
              "|---" * (len(runs) + 2) + "|"]
    for label in [*scaling, "other"]:
        times = [run["passes"].get(label, 0.0) for run in runs]
        lines.append(f"| {label} | " + " | ".join(sec(t) for t in times) + f" | {growth(times)} |")
    totals = [run["total"] for run in runs]
    lines.append("| **whole import** | " + " | ".join(f"**{sec(t)}**" for t in totals) + f" | {growth(totals)} |")
    segment = [figures["segment"][copies] for copies in sorted(figures["segment"], key=int)]
    lines.append("| segment (text repeated) | " + " | ".join(sec(t) for t in segment) + f" | {growth(segment)} |")
    return [*lines, ""]


def builds_section(figures: dict[str, Any]) -> list[str]:
    full, plain = figures["html_full"], figures["html_plain"]
    three = sum(figures[name]["median"] for name in ("epub", "pdf", "html_book"))
    lines = ["## Builds", "",
             "Into a scratch folder, from a snapshot of the project, with the Makefile's options "
             f"(`{' '.join(SPHINXOPTS)}`); each a full build from empty, except the rebuild.", "",
             "| build | wall | CPU | |", "|---|---|---|---|",
             timing_row("HTML, full build from empty (`make html` after `make clean`)", full),
             timing_row("HTML, one chapter edited", figures["html_rebuild"],
                        f"{figures['rebuild_pages_written']} pages rewritten after the last edit"),
             timing_row("HTML, full, `-j 2`", figures["html_parallel"], "not what the Makefile runs"),
             timing_row("HTML, plain Sphinx", plain,
                        f"myst_parser + sphinxcontrib.bibtex + no-op `index-entries` and `chronology`; same "
                        f"theme; {figures['plain_warnings']} warnings (unresolved references)"),
             "| *`make book`, in its order:* | | | |",
             timing_row("1. EPUB", figures["epub"]),
             timing_row("2. PDF: Sphinx's LaTeX", figures["pdf_sphinx"]),
             timing_row("2. PDF: latexmk, xelatex, xindy", figures["pdf_tex"]),
             timing_row("2. PDF, whole", figures["pdf"]),
             timing_row("3. HTML with the downloads", figures["html_book"],
                        "the doctrees the EPUB and PDF builds left are reused"),
             f"| **all three formats (`make book`)** | **{sec(three)}** | "
             f"{sec(sum(figures[n]['cpu_median'] for n in ('epub', 'pdf', 'html_book')))} | sum of medians |", ""]
    if plain["median"] == plain["median"] and full["median"] == full["median"]:
        lines.append(f"The project's extensions cost {full['median'] / plain['median'] - 1:+.0%} wall "
                     f"({full['cpu_median'] / plain['cpu_median'] - 1:+.0%} CPU) over plain Sphinx.")
    lines += ["", f"Sizes: EPUB {kb(figures['epub_bytes'])}, PDF {kb(figures['pdf_bytes'])} "
              f"({figures['pdf_pages']} pages), search index {kb(figures['searchindex_bytes'])}, the whole site "
              f"{kb(figures['site_bytes'])} in {figures['site_files']} files (downloads included).", ""]
    return lines


def weight_section(figures: dict[str, Any]) -> list[str]:
    if "error" in figures:
        return ["## Page weight", "", figures["error"], ""]
    lines = ["## A reader's page weight", "",
             "What a browser with an empty cache loads for a chapter page (headless Chromium, the site "
             "served locally; response bodies, uncompressed): the page and every CSS, JS, font and image it "
             "requests.", "",
             f"Over the {figures['pages']} chapter pages: median {kb(figures['median'])}, lightest "
             f"{kb(figures['min'])}, heaviest {kb(figures['max'])} (`{figures['heaviest']}`); the text itself "
             f"(the article's words) is a median {figures['text_share_median']:.1%} of the bytes "
             f"({figures['text_share_of_document_median']:.0%} of the HTML document alone).  ",
             "Other pages: " + ", ".join(f"`{name}` {kb(size)}" for name, size in figures["other_pages"].items())
             + ". Requests that left the site: " + (", ".join(figures["outside_requests"]) or "none")
             + "; failed requests: " + (", ".join(figures["failed"]) or "none") + ".", "",
             f"`{figures['sample']}`: {kb(figures['sample_total'])}, of which the text is "
             f"{kb(figures['sample_text'])} ({figures['sample_text'] / figures['sample_total']:.1%}); by type: "
             + ", ".join(f"{kind} {kb(size)}" for kind, size in figures["sample_by_type"].items()) + ".", "",
             "| resource | type | size |", "|---|---|---|"]
    for response in figures["sample_responses"]:
        lines.append(f"| `{response['url'].split('?')[0]}` | {response['type']} | {kb(response['bytes'])} |")
    return [*lines, ""]


def summarise(results: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    if "import" in results:
        figures = results["import"]
        if figures.get("pandoc"):
            ratio = figures["cli"]["median"] / figures["pandoc"]["median"]
            rows.append({"target": "importer / pandoc < 1", "measured": f"{ratio:.2f}", "ok": ratio < 1})
        else:
            rows.append({"target": "importer / pandoc < 1", "measured": "pandoc not installed", "ok": None})
        ratio = figures["disk"]["median"] / figures["floor"]["median"]
        rows.append({"target": "importer within 10× of the floor", "measured": f"{ratio:,.0f}×",
                     "ok": ratio <= TARGETS["floor_ratio"]})
    if "scaling" in results:
        totals = [run["total"] for run in results["scaling"]["runs"]]
        first, second = totals[1] - totals[0], (totals[2] - totals[1]) / 2
        rows.append({"target": "import time grows linearly (1×, 2×, 4×)",
                     "measured": f"{' / '.join(sec(t) for t in totals)} CPU; added per copy {sec(first)} then "
                     f"{sec(second)}", "ok": first > 0 and 0.8 <= second / first <= 1.25})
    if "builds" in results:
        builds = results["builds"]
        full, rebuild, plain = (builds[n]["median"] for n in ("html_full", "html_rebuild", "html_plain"))
        three = sum(builds[n]["median"] for n in ("epub", "pdf", "html_book"))
        rows += [{"target": "HTML full build < 20 s", "measured": sec(full), "ok": full < TARGETS["html_full"]},
                 {"target": "one-chapter rebuild < 3 s", "measured": sec(rebuild),
                  "ok": rebuild < TARGETS["html_rebuild"]},
                 {"target": "extensions < 30 % over plain Sphinx", "measured": f"{full / plain - 1:+.0%}",
                  "ok": full / plain - 1 < TARGETS["extensions_cost"]},
                 {"target": "all three formats < 2 min", "measured": sec(three),
                  "ok": three < TARGETS["three_formats"]}]
    if "weight" in results and "error" not in results["weight"]:
        heaviest = results["weight"]["max"]
        rows.append({"target": "chapter page ≤ 600 KB", "measured": f"{kb(heaviest)} (heaviest; median "
                     f"{kb(results['weight']['median'])})", "ok": heaviest <= TARGETS["page_weight"]})
    return [row for row in rows if row["measured"] == row["measured"]]


def before_after(baseline: dict[str, Any], results: dict[str, Any]) -> list[str]:
    meta = baseline["meta"]
    lines = ["## Before and after", "",
             f"Before: the run of {meta['date']} at {meta['commit']} (bench/baseline.json), before the "
             "page-weight changes; after: this run.", "", "| | before | after |", "|---|---|---|"]
    pairs = [("chapter page, median", ("weight", "median"), kb), ("chapter page, heaviest", ("weight", "max"), kb),
             ("front page", ("weight", "other_pages", "index.html"), kb),
             ("search page", ("weight", "other_pages", "search.html"), kb),
             ("text share of a chapter page", ("weight", "text_share_median"), lambda v: f"{v:.1%}"),
             ("HTML full build", ("builds", "html_full", "median"), sec),
             ("HTML one-chapter rebuild", ("builds", "html_rebuild", "median"), sec),
             ("HTML full build, CPU", ("builds", "html_full", "cpu_median"), sec),
             ("site on disk", ("builds", "site_bytes"), kb),
             ("import to disk", ("import", "disk", "median"), sec)]
    for label, path, show in pairs:
        values = []
        for source in (baseline, results):
            value: Any = source
            for key in path:
                value = value.get(key) if isinstance(value, dict) else None
            values.append(show(value) if value is not None else "–")
        lines.append(f"| {label} | {values[0]} | {values[1]} |")
    return [*lines, ""]


def metadata(args: argparse.Namespace) -> dict[str, Any]:
    import sphinx

    def git(*command: str) -> str:
        return subprocess.run(["git", *command], cwd=ROOT, capture_output=True, text=True, check=False).stdout
    return {"date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "machine": platform.platform(terse=True),
            "cpus": os.cpu_count(), "python": platform.python_version(), "sphinx": sphinx.__version__,
            "commit": git("rev-parse", "--short", "HEAD").strip(),
            "dirty": len(git("status", "--porcelain").splitlines()),
            "import_reps": args.import_reps, "build_reps": args.build_reps,
            "command": ".venv/bin/python -m tools.bench",
            "load_start": " ".join(f"{x:.1f}" for x in os.getloadavg())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--import-reps", type=int, default=5, help="repetitions of each import measure (5)")
    parser.add_argument("--build-reps", type=int, default=3, help="repetitions of each build (3)")
    parser.add_argument("--only", default="import,scaling,builds,weight",
                        help="which parts to run, comma-separated (all: import,scaling,builds,weight)")
    parser.add_argument("--reuse", action="store_true",
                        help="report the parts not run (see --only) from the last run's bench/out/results.json")
    parser.add_argument("--report", default=str(REPORT), help="where to write the report (bench/report.md)")
    parser.add_argument("--save-baseline", action="store_true",
                        help="also keep these figures in bench/baseline.json, shown as 'before' from now on")
    parser.add_argument("--report-only", action="store_true",
                        help="measure nothing: write the report again from bench/out/results.json (and notes.md)")
    args = parser.parse_args(argv)
    if args.report_only:
        results = json.loads((OUT / "results.json").read_text(encoding="utf-8"))
        baseline = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.exists() else None
        Path(args.report).write_text(report(results, baseline), encoding="utf-8")
        print(f"written: {args.report}", file=sys.stderr)
        return 0
    parts = set(args.only.split(","))
    OUT.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    results: dict[str, Any] = {"meta": metadata(args)}
    previous = OUT / "results.json"
    if args.reuse and previous.exists():  # the parts not run this time, from the last run
        results.update({key: value for key, value in json.loads(previous.read_text(encoding="utf-8")).items()
                        if key in ("import", "scaling", "builds", "weight") and key not in parts})
    for part, measure in (("import", lambda: bench_import(args.import_reps)),
                          ("scaling", lambda: bench_scaling(args.import_reps)),
                          ("builds", lambda: bench_builds(args.build_reps)),
                          ("weight", lambda: bench_weight(OUT / "builds" / "book" / "html"))):
        if part in parts:
            print(f"{part} ...", file=sys.stderr)
            results[part] = measure()
            previous.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    results["meta"].update(load_end=" ".join(f"{x:.1f}" for x in os.getloadavg()),
                           duration=time.perf_counter() - start)
    results["summary"] = summarise(results)
    (OUT / "results.json").write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    if args.save_baseline:
        BASELINE.write_text(json.dumps(results, indent=1, default=str) + "\n", encoding="utf-8")
    baseline = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.exists() and not args.save_baseline \
        else None
    text = report(results, baseline)
    Path(args.report).write_text(text, encoding="utf-8")
    print(text)
    print(f"written: {args.report}, {OUT / 'results.json'}", file=sys.stderr)
    return 0


# --- The plain-Sphinx baseline's stand-ins (this module as a Sphinx extension) ----------------------

def setup(app: Any) -> dict[str, Any]:
    """No-op `index-entries` and `chronology` directives: the book's Markdown builds without the project's
    extensions (used only by the benchmark's plain-Sphinx build, via -D extensions=...)."""
    from docutils.parsers.rst import Directive

    class Nothing(Directive):
        has_content = True
        optional_arguments = 1
        final_argument_whitespace = True

        def run(self) -> list:
            return []

    app.add_directive("index-entries", Nothing)
    app.add_directive("chronology", Nothing)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}


if __name__ == "__main__":
    sys.exit(main())
