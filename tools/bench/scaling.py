"""The import of the book 1, 2 and 4 times over (`scaled_source`): every pass at k×."""

from __future__ import annotations

from typing import Any

from .common import OUT, SOURCE, fresh
from .import_speed import import_once, median_passes
from .scaled_source import scale_source

SCALES = (1, 2, 4)


def bench_scaling(reps: int) -> dict[str, Any]:
    """Median CPU time of the whole import and of each pass at each scale; the scales take turns, so that
    a change in the machine's load falls on all of them. The word check must pass at each scale."""
    from tools.importer.pipeline import load_curated
    from tools.importer.source import read_lines

    folder = fresh(OUT / "scaling")
    inputs = {}
    for copies in SCALES:
        path = folder / f"source-{copies}x.txt"
        inputs[copies] = (path, scale_source(copies, SOURCE, path, load_curated()))
    samples: dict[int, list] = {copies: [] for copies in SCALES}
    for _ in range(reps):
        for copies, (path, curated) in inputs.items():
            samples[copies].append(import_once(path, curated))
    runs = [median_passes(copies, samples[copies]) | {"source_lines": len(read_lines(inputs[copies][0]))}
            for copies in SCALES]
    failures = [f"{run['copies']}×: the word check failed\n{run['words_summary']}" for run in runs
                if not run["words_ok"]]
    return {"runs": runs, "failures": failures}
