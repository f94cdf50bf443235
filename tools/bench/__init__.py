"""Benchmark: import and build speed against pandoc and the floor, the import at
1×, 2× and 4× the book, and a reader's page weight.

    .venv/bin/python -m tools.bench [--import-reps 5] [--build-reps 3] [--only import,scaling,builds,weight]

One run measures everything and writes bench/report.md (committed); bench/out/ is scratch (git-ignored):
the project snapshot the builds read, the builds, the scaled sources, results.json. Figures are medians over
the repetitions, in wall-clock time and in CPU time (user + system, of this process or of the command and all
its children): on a shared machine the wall clock also measures the neighbours, the CPU time does not.
`--save-baseline` keeps this run's figures in bench/baseline.json, which later reports show as "before".
A missed target is reported, not a failure; a measurement that is not valid (an import whose word check
fails, a build that fails) is a failure of the benchmark: it is reported and the exit status is 1.

Modules: `common` (timing, paths), `import_speed` (the import against pandoc and the floor, time by pass),
`scaled_source` (the book k times over, as a source), `scaling`, `sphinx_builds`, `plain_sphinx` (the
configuration and stand-ins of the plain-Sphinx builds), `page_weight`, `report`, `__main__`.
"""
