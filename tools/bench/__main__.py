"""`python -m tools.bench`: measure, write bench/report.md (see the package's docstring)."""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import __doc__ as DESCRIPTION
from .bench_report import failures, report, summarise
from .common import BASELINE, OUT, REPORT, ROOT
from .import_speed import bench_import
from .page_weight import bench_weight
from .pathological import bench_pathological
from .scaling import bench_scaling
from .sphinx_builds import bench_builds


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=DESCRIPTION.split("\n\n")[0])
    parser.add_argument("--import-reps", type=int, default=5, help="repetitions of each import measure (5)")
    parser.add_argument("--build-reps", type=int, default=3, help="repetitions of each build (3)")
    parser.add_argument("--only", default="import,scaling,builds,weight,pathological",
                        help="which parts to run, comma-separated (all: import,scaling,builds,weight,pathological)")
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
        results["summary"] = summarise(results)
        baseline = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.exists() else None
        Path(args.report).write_text(report(results, baseline), encoding="utf-8")
        print(f"written: {args.report}", file=sys.stderr)
        return 0
    parts = set(args.only.split(","))
    OUT.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    results: dict[str, Any] = {"meta": metadata(args, sys.argv[1:] if argv is None else argv)}
    previous = OUT / "results.json"
    if args.reuse and previous.exists():  # the parts not run this time, from the last run
        last = json.loads(previous.read_text(encoding="utf-8"))
        reused = [key for key in ("import", "scaling", "builds", "weight", "pathological")
                  if key in last and key not in parts]
        results.update({key: last[key] for key in reused})
        results["meta"]["reused"] = {"parts": reused, **{key: last["meta"][key] for key in (
            "date", "command", "import_reps", "build_reps", "load_start", "load_end")}}
    for part, measure in (("import", lambda: bench_import(args.import_reps)),
                          ("scaling", lambda: bench_scaling(args.import_reps)),
                          ("builds", lambda: bench_builds(args.build_reps)),
                          ("weight", lambda: bench_weight(OUT / "builds" / "book" / "html")),
                          ("pathological", bench_pathological)):
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
    failed = failures(results)
    for failure in failed:
        print(f"benchmark failed: {failure}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
