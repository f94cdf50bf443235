"""What every part of the benchmark shares: paths, timing, commands."""

from __future__ import annotations

import dataclasses
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent
SOURCE = ROOT / "source" / "challenge-1928-29.txt"
BENCH = ROOT / "bench"
OUT = BENCH / "out"
REPORT = BENCH / "report.md"
BASELINE = BENCH / "baseline.json"
NOTES = BENCH / "notes.md"  # written by hand: what the profiles showed, what was changed; ends the report
SPHINX = ROOT / ".venv" / "bin" / "sphinx-build"
SPHINXOPTS = ["-W", "--keep-going", "-n", "-q"]  # the Makefile's default
SLUG = "challenge-left-opposition-1928-29"
PARTS = ("import", "scaling", "builds", "weight", "pathological")  # in the order they run: the full run
SITE_ONLY = "html"  # a part of its own: the builds of the site alone (no `make book`), reported as the builds
PARTIAL_REPORT = OUT / "report.md"  # where a run of some parts writes its report: bench/report.md is the full run's
OUTPUT_LINES = 12  # of a failed command's output, in the messages


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


def run(command: list[str], cwd: Path = ROOT, env: dict[str, str] | None = None) -> tuple[float, float, str, str]:
    """(wall, CPU of the command and its children, error or "", its output) of one command. The error says
    how it ended and the last lines it wrote; a command that cannot be started is an error too."""
    cpu, wall = children_cpu(), time.perf_counter()
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False,
                              env={**os.environ, **(env or {})})
    except OSError as error:  # not installed, not executable
        return 0.0, 0.0, f"could not run {command[0]}: {error.strerror or error}", ""
    elapsed, spent = time.perf_counter() - wall, children_cpu() - cpu
    output = done.stdout + done.stderr
    return elapsed, spent, "" if done.returncode == 0 else failed(done.returncode, output), output


def failed(status: int, output: str) -> str:
    """'exit 2; its output ended: ...' with the last lines of the output."""
    last = [line for line in output.splitlines() if line.strip()][-OUTPUT_LINES:]
    return f"exit {status}; its output ended:\n" + "\n".join(f"    {line}" for line in last)


def repeat_command(reps: int, command: Callable[[int], list[str]], prepare: Callable[[int], None] | None = None,
                   cwd: Path = ROOT) -> Sample:
    sample = Sample()
    for rep in range(reps):
        if prepare:
            prepare(rep)
        wall, cpu, error, _output = run(command(rep), cwd)
        if error:
            sample.error = error
            print(f"  failed: {' '.join(command(rep))}: {error}", file=sys.stderr)
            break
        sample.add(wall, cpu)
    return sample


def fresh(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path
