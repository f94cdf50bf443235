"""The report (bench/report.md) from the figures, and the targets' summary."""

from __future__ import annotations

from typing import Any

from .common import NOTES, PARTS, SPHINXOPTS

TARGETS = {"html_full": 20.0, "html_rebuild": 3.0, "over_plain": 0.40, "rebuild_over_plain": 2.0,
           "three_formats": 120.0, "page_weight": 300 * 1024, "page_shared": 195 * 1024, "pandoc_ratio": 1.0,
           "floor_ratio": 10.0}


def kb(size: float | None) -> str:
    return "–" if size is None else f"{size / 1024:,.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.2f} MB"


def sec(value: float | None) -> str:
    if value is None or value != value:
        return "–"
    return f"{value * 1000:.1f} ms" if abs(value) < 1 else f"{value:.2f} s"


def mark(ok: bool | None) -> str:
    return "–" if ok is None else "met" if ok else "**missed**"


def timing_row(label: str, sample: dict[str, Any] | None, note: str = "") -> str:
    if not sample:
        return f"| {label} | – | – | {note or 'not measured'} |"
    if sample.get("error"):
        return f"| {label} | – | – | **{sample['error'].splitlines()[0].removesuffix(':')}** (below) |"
    return f"| {label} | {sec(sample['median'])} | {sec(sample['cpu_median'])} | {note} |"


def failures(results: dict[str, Any]) -> list[str]:
    """What makes the measurement invalid, each with the part and step it happened in: a part that stopped,
    an import whose word check fails, a build that fails (its exit status and the last lines it wrote)."""
    found = [f"{part}: {figures['error']}" for part, figures in results.items()
             if part in PARTS and isinstance(figures, dict) and "error" in figures]
    if not results.get("import", {}).get("words_ok", True):
        found.append("import: the import's word check failed")
    found += [f"scaling: {failure}" for failure in results.get("scaling", {}).get("failures", [])]
    found += [f"builds, {name}: {figures['error']}" for name, figures in results.get("builds", {}).items()
              if isinstance(figures, dict) and figures.get("error")]
    found += [f"pathological, {name}: the lint failed: {page['error']}"
              for name, page in results.get("pathological", {}).get("pages", {}).items() if "error" in page]
    return found


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
             f"{meta['import_reps']} runs (import) and {meta['build_reps']} runs (builds)."]
    lines.append("")
    failed = failures(results)
    if failed:
        lines += ["## The benchmark FAILED", "", "These figures are not valid (the run exits with status 1):", ""]
        lines += [f"- {failure.replace(chr(10), chr(10) + '  ')}" for failure in failed] + [""]
    summary = results.get("summary", {})
    if summary:
        lines += ["## Targets", "", "| Target | Measured | |", "|---|---|---|"]
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
    if "pathological" in results:
        lines += pathological_section(results["pathological"])
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
    lines = ["## Scaling", "",
             "The book made 2 and 4 times bigger as a source (`tools/bench/scaled_source.py`): its 48 letters, "
             "articles and appendices follow themselves under their own headings and Contents entries "
             "(\"... (copy 2)\"), before the Glossary, the reading list, the Index and the back cover; the "
             "editors' data move with the lines they name and are repeated for each copy. So every pass, "
             "from reading the file to the word check, works on k times the text, and the structure check "
             "and the word check must pass at each scale (a failure fails the benchmark). What does not "
             "grow: the front matter, the Glossary, the printed Index (its page numbers name the first "
             "copy) and the English word list. CPU time of this process, the scales taking turns so that the "
             "machine's load falls on all alike. Growth is linear when the time added per copy stays the "
             "same: the last column compares the time added by the second copy with the time added per copy "
             "from 2 to 4 (1.00 = linear, 2 = quadratic).", ""]
    lines += ["Source lines: " + ", ".join(f"{run['copies']}× = {run['source_lines']:,}" for run in runs)
              + "; selections: " + ", ".join(f"{run['selections']}" for run in runs) + "; chapter files written: "
              + ", ".join(kb(run["chapter_bytes"]) for run in runs) + "; word check: "
              + ", ".join("passed" if run["words_ok"] else "**FAILED**" for run in runs) + ".", ""]
    lines += ["| pass | " + " | ".join(f"{run['copies']}×" for run in runs) + " | added per copy: 1→2 / 2→4 |",
              "|---" * (len(runs) + 2) + "|"]
    labels = sorted(runs[-1]["passes"], key=lambda label: -runs[-1]["passes"][label])
    for label in labels:
        times = [run["passes"].get(label, 0.0) for run in runs]
        lines.append(f"| {label} | " + " | ".join(sec(t) for t in times) + f" | {growth(times)} |")
    totals = [run["total"] for run in runs]
    lines.append("| **whole import** | " + " | ".join(f"**{sec(t)}**" for t in totals) + f" | {growth(totals)} |")
    return [*lines, ""]


BOOK = ("epub", "pdf", "html_book", "search_index")  # `make book`: the three formats and the search index


def made_book(figures: dict[str, Any]) -> bool:
    """`make book` was measured (the part `html` builds the site alone)."""
    return all(figures.get(name) and not figures[name]["error"] for name in BOOK)


def builds_section(figures: dict[str, Any]) -> list[str]:
    full, plain, theme, bibtex = (figures[name] for name in ("html_full", "html_plain", "html_theme",
                                                             "html_theme_bibtex"))
    warnings = figures["layer_warnings"]
    said = figures["unchanged_config_message"]
    lines = ["## Builds", "",
             "Into a scratch folder, from a snapshot of the project, with the Makefile's options "
             f"(`{' '.join(SPHINXOPTS)}`); each a full build from empty, except the rebuilds. Plain Sphinx "
             "builds the same pages in the same run, taking turns with the edition's builds. The search index "
             "(Pagefind) is a step of its own after Sphinx's build (`python -m tools search-index`, which "
             "`make html`, `make book` and `make preview` run), measured apart.", "",
             "| build | wall | CPU | |", "|---|---|---|---|",
             timing_row("HTML, full build from empty (`make html` after `make clean`)", full,
                        "Sphinx's build; the search index below"),
             timing_row("HTML, plain Sphinx: myst-parser, default theme (alabaster)", plain,
                        f"no-op `index-entries`, `chronology`, `bibliography`; {warnings['html_plain']} "
                        "warnings (the links the extensions would resolve); Sphinx's own search index"),
             timing_row("HTML, plain + the book's theme (sphinx-book-theme, its defaults)", theme),
             timing_row("HTML, plain + theme + sphinxcontrib-bibtex (its default style)", bibtex),
             timing_row("HTML, one chapter edited", figures["html_rebuild"],
                        f"{figures['rebuild_pages_written']} pages written after the last edit"),
             timing_row("… then the search index (`make preview`'s next step)", figures["html_rebuild_search"],
                        "Pagefind indexes the whole site again"),
             timing_row("HTML, one chapter edited, plain Sphinx", figures["html_plain_rebuild"],
                        f"{figures['plain_rebuild_pages_written']} pages written after the last edit"),
             timing_row("HTML, nothing changed", figures["html_unchanged"],
                        f"says “{said}”" if said else "no “The configuration has changed”"),
             timing_row("HTML, full, `-j 2`", figures["html_parallel"], "not what the Makefile runs")]
    if "epub" in figures:
        lines += ["| *`make book`, in its order:* | | | |",
                  timing_row("1. EPUB", figures["epub"]),
                  timing_row("2. PDF: Sphinx's LaTeX", figures["pdf_sphinx"]),
                  timing_row("2. PDF: latexmk, xelatex, xindy", figures["pdf_tex"]),
                  timing_row("2. PDF, whole", figures["pdf"]),
                  timing_row("3. HTML with the downloads", figures["html_book"],
                             "the doctrees the EPUB and PDF builds left are reused"),
                  timing_row("4. the search index (Pagefind)", figures["search_index"])]
        if made_book(figures):
            lines.append(f"| **all three formats (`make book`)** | **{sec(sum(figures[n]['median'] for n in BOOK))}**"
                         f" | {sec(sum(figures[n]['cpu_median'] for n in BOOK))} | sum of medians |")
    else:
        lines.append("| *`make book`* | – | – | not measured (`--only html`: the site's builds alone) |")
    lines.append("")
    if all(sample["median"] == sample["median"] for sample in (full, plain, theme, bibtex)):
        lines += ["What each layer adds to the HTML build, against plain Sphinx, in CPU time (the wall clock, "
                  "which also counts the neighbours on a shared machine, in the last column):", "",
                  "| layer | adds (CPU) | of plain Sphinx (CPU) | adds (wall) |", "|---|---|---|---|"]
        for label, upper, lower in (("the book's theme", theme, plain), ("sphinxcontrib-bibtex", bibtex, theme),
                                    ("the project's extensions (and its theme settings, sphinx-notfound-page)",
                                     full, bibtex), ("**all of it**", full, plain)):
            lines.append(f"| {label} | {sec(upper['cpu_median'] - lower['cpu_median'])} | "
                         f"{(upper['cpu_median'] - lower['cpu_median']) / plain['cpu_median']:+.0%} | "
                         f"{sec(upper['median'] - lower['median'])} |")
    lines += ["", f"Sizes: EPUB {kb(figures['epub_bytes'])}, PDF {kb(figures['pdf_bytes'])} "
              f"({figures['pdf_pages']} pages), search files {kb(figures['searchindex_bytes'])}, the whole site "
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
        rows += build_targets(results["builds"])
    if "weight" in results and "error" not in results["weight"]:
        weight = results["weight"]
        rows.append({"target": "chapter page ≤ 300 KB (a long text: all but its own HTML ≤ 195 KB)",
                     "measured": f"{weight['within_300_kb']} of {weight['pages']} pages; median "
                     f"{kb(weight['median'])}, heaviest {kb(weight['max'])}, all but the HTML ≤ "
                     f"{kb(weight['shared_max'])}",
                     "ok": weight["median"] <= TARGETS["page_weight"]
                     and weight["shared_max"] <= TARGETS["page_shared"]})
    if "pathological" in results:
        figures = results["pathological"]
        measured = [page for page in figures["pages"].values() if "error" not in page]
        worst_cpu = max((page["cpu"] for page in measured), default=float("nan"))
        worst_mb = max((page["peak_mb"] for page in measured), default=float("nan"))
        rows.append({"target": f"lint of any 2 MB page ≤ {figures['target_seconds']:.0f} s, "
                               f"≤ {figures['target_mb']} MB",
                     "measured": f"worst of {len(measured)} pathological pages: {sec(worst_cpu)} CPU, "
                     f"{worst_mb:.0f} MB",
                     "ok": len(measured) == len(figures["pages"]) and worst_cpu <= figures["target_seconds"]
                     and worst_mb <= figures["target_mb"]})
    return [row for row in rows if row["measured"] == row["measured"]]


def build_targets(builds: dict[str, Any]) -> list[dict[str, Any]]:
    """The builds' targets, in CPU time: on a shared machine the wall clock also counts the neighbours."""
    cpu = {name: builds[name]["cpu_median"] for name in ("html_full", "html_plain", "html_rebuild",
                                                          "html_plain_rebuild")}
    over_plain = cpu["html_full"] / cpu["html_plain"] - 1
    rebuild_ratio = cpu["html_rebuild"] / cpu["html_plain_rebuild"]
    said = builds["unchanged_config_message"]
    total = sum(builds[name]["cpu_median"] for name in BOOK) if made_book(builds) else None
    three = [] if total is None else [{"target": "all three formats and the search index < 2 min CPU",
                                       "measured": sec(total), "ok": total < TARGETS["three_formats"]}]
    return [{"target": "HTML full build < 20 s CPU", "measured": sec(cpu["html_full"]),
             "ok": cpu["html_full"] < TARGETS["html_full"]},
            {"target": "HTML full build ≤ +40 % CPU over plain Sphinx (myst-parser, alabaster) on the same pages",
             "measured": f"{over_plain:+.1%} ({sec(cpu['html_full'])} against {sec(cpu['html_plain'])})",
             "ok": over_plain <= TARGETS["over_plain"]},
            {"target": "one-chapter edit ≤ 2× plain Sphinx's one-chapter rebuild, and < 3 s CPU",
             "measured": f"{rebuild_ratio:.2f}× ({sec(cpu['html_rebuild'])} against "
                         f"{sec(cpu['html_plain_rebuild'])})",
             "ok": rebuild_ratio <= TARGETS["rebuild_over_plain"] and cpu["html_rebuild"] < TARGETS["html_rebuild"]},
            {"target": "no “The configuration has changed” on an unchanged rebuild",
             "measured": f"said: “{said}”" if said else "not said" if not builds["html_unchanged"]["error"]
             else "not measured", "ok": not said if not builds["html_unchanged"]["error"] else None},
            *three]


def pathological_section(figures: dict[str, Any]) -> list[str]:
    lines = ["## The lint on pathological pages", "",
             "Pages of just under 2 MB (the largest a page may be), each the worst the checks before parsing "
             "accept of one kind, filled up with plain paragraphs (tools/bench/pathological.py); "
             "`python -m tools check` on each in a process of its own.", "",
             "| page | CPU | peak memory |", "|---|---|---|"]
    for name, page in figures["pages"].items():
        lines.append(f"| {name} | failed: {page['error'][:80]} | |" if "error" in page
                     else f"| {name} | {sec(page['cpu'])} | {page['peak_mb']:.0f} MB |")
    return [*lines, ""]


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
