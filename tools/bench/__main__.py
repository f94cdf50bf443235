"""`python -m tools.bench`: measure, write bench/report.md (see the package's docstring)."""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shutil
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..core.browser import CHROMIUM
from . import __doc__ as DESCRIPTION
from .bench_report import failures, report, summarise
from .common import BASELINE, OUT, PARTIAL_REPORT, PARTS, REPORT, ROOT, SITE_ONLY, SPHINX


def metadata(args: argparse.Namespace, argv: list[str]) -> dict[str, Any]:
    import sphinx

    def git(*command: str) -> str:
        return subprocess.run(["git", *command], cwd=ROOT, capture_output=True, text=True, check=False).stdout
    return {"date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "machine": platform.platform(terse=True),
            "cpus": os.cpu_count(), "python": platform.python_version(), "sphinx": sphinx.__version__,
            "commit": git("rev-parse", "--short", "HEAD").strip(),
            "dirty": len(git("status", "--porcelain").splitlines()),
            "import_reps": args.import_reps, "build_reps": args.build_reps,
            "command": " ".join([".venv/bin/python -m tools.bench", *argv]),
            "load_start": " ".join(f"{x:.1f}" for x in os.getloadavg())}


def missing_tools(parts: set[str]) -> list[str]:
    """What the parts to run need and this machine lacks, each with what to do."""
    missing = []
    if not SPHINX.exists():
        missing.append(f"{SPHINX.relative_to(ROOT)} is missing: run `tools/setup.sh test` (it creates .venv), "
                       "then `.venv/bin/python -m tools.bench`")
    if absent := [module for module in ("sphinx", "yaml", "english_words") if importlib.util.find_spec(module) is None]:
        missing.append(f"{sys.executable} has not the project's packages ({', '.join(absent)}): run the benchmark "
                       "with the project's environment, `.venv/bin/python -m tools.bench` (after "
                       "`tools/setup.sh test`)")
    if "builds" in parts:  # the site alone (SITE_ONLY) needs none of TeX
        missing += [f"`{tool}` is not installed (the PDF build needs it): `tools/setup.sh book` installs it"
                    for tool in ("make", "latexmk", "xelatex", "xindy") if shutil.which(tool) is None]
    if "weight" in parts:
        if importlib.util.find_spec("playwright") is None:
            missing.append("playwright is not installed (the page weight needs it): `tools/setup.sh test`")
        if not Path(CHROMIUM).exists():
            missing.append(f"no Chromium at {CHROMIUM} (the page weight needs it): `tools/setup.sh test`, or set "
                           "CHROMIUM=/path/to/chromium")
    return missing


def part_measures(args: argparse.Namespace) -> dict[str, Callable[[], dict[str, Any]]]:
    """Each part's measure. Imported here, once the environment is known to have what they import."""
    from .import_speed import bench_import
    from .page_weight import bench_weight
    from .pathological import bench_pathological
    from .scaling import bench_scaling
    from .sphinx_builds import bench_builds

    return {"import": lambda: bench_import(args.import_reps), "scaling": lambda: bench_scaling(args.import_reps),
            "builds": lambda: bench_builds(args.build_reps),
            SITE_ONLY: lambda: bench_builds(args.build_reps, book=False),
            "weight": lambda: bench_weight(OUT / "builds" / "book" / "html"),
            "pathological": bench_pathological}


def measure_part(part: str, measure: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """One part's figures; a part that stops says where and why instead of a traceback."""
    print(f"{part} ...", file=sys.stderr)
    try:
        return measure()
    except Exception as error:  # noqa: BLE001 - any failure of a part is reported as the part's failure
        where = traceback.extract_tb(error.__traceback__)[-1]
        return {"error": f"stopped: {type(error).__name__}: {error} ({Path(where.filename).name}, line "
                         f"{where.lineno})"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=DESCRIPTION.split("\n\n")[0])
    parser.add_argument("--import-reps", type=int, default=5, help="repetitions of each import measure (5)")
    parser.add_argument("--build-reps", type=int, default=3, help="repetitions of each build (3)")
    parser.add_argument("--only", default=",".join(PARTS),
                        help=f"which parts to run, comma-separated (all: {','.join(PARTS)}); `{SITE_ONLY}`: the "
                        "builds of the site alone, without `make book` (the HTML full build, plain Sphinx and its "
                        "layers, the one-chapter edit: about a third of the builds' time)")
    parser.add_argument("--report", help=f"where to write the report (the full run: {REPORT.relative_to(ROOT)}; "
                        f"a run of some parts: {PARTIAL_REPORT.relative_to(ROOT)})")
    parser.add_argument("--save-baseline", action="store_true",
                        help="also keep these figures in bench/baseline.json, shown as 'before' from now on")
    parser.add_argument("--report-only", action="store_true",
                        help="measure nothing: write the report again from bench/out/results.json (and notes.md)")
    args = parser.parse_args(argv)
    if args.report_only:
        if not (OUT / "results.json").exists():
            print(f"benchmark: no {OUT / 'results.json'} to write the report from: run the benchmark first",
                  file=sys.stderr)
            return 2
        results = json.loads((OUT / "results.json").read_text(encoding="utf-8"))
        results["summary"] = summarise(results)
        baseline = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.exists() else None
        report_path = Path(args.report or REPORT)
        report_path.write_text(report(results, baseline), encoding="utf-8")
        print(f"written: {report_path}", file=sys.stderr)
        return 0
    parts = set(args.only.split(","))
    if unknown := parts - {*PARTS, SITE_ONLY}:
        parser.error(f"unknown part(s) {', '.join(sorted(unknown))}: the parts are {', '.join(PARTS)}, and "
                     f"{SITE_ONLY} (the site's builds alone)")
    if {SITE_ONLY, "builds"} <= parts:
        parser.error(f"{SITE_ONLY} is a part of builds: give one of them")
    if SITE_ONLY in parts and "weight" in parts:
        parser.error(f"the page weight is measured on `make book`'s site: give builds, not {SITE_ONLY}, with weight")
    if args.report is None:
        args.report = str(REPORT if parts == set(PARTS) else PARTIAL_REPORT)
    if missing := missing_tools(parts):
        for what in missing:
            print(f"benchmark: {what}", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    results: dict[str, Any] = {"meta": metadata(args, sys.argv[1:] if argv is None else argv)}
    measures = part_measures(args)
    for part in (*PARTS[:PARTS.index("builds") + 1], SITE_ONLY, *PARTS[PARTS.index("builds") + 1:]):
        if part in parts:  # the site's builds alone are reported as the builds
            results["builds" if part == SITE_ONLY else part] = measure_part(part, measures[part])
            (OUT / "results.json").write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
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
    failed = failures(results)
    for failure in failed:
        print(f"benchmark failed: {failure}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
