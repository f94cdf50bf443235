"""Benchmark: import and build speed against pandoc and the floor, the import at
1×, 2× and 4× the book, and a reader's page weight.

    .venv/bin/python -m tools.bench [--import-reps 5] [--build-reps 3] [--only import,scaling,builds,weight]
    .venv/bin/python -m tools.bench --only html     # the site's builds alone: full, plain Sphinx, one edit

One run measures everything and writes bench/report.md (committed); a run of some parts (`--only`) writes
bench/out/report.md unless `--report` says where. `--only html` measures the site's builds without
`make book` (the EPUB and the PDF), the contributor's loop: about a third of the builds' time. bench/out/ is
scratch (git-ignored):
the project snapshot the builds read, the builds, the scaled sources, results.json. Figures are medians over
the repetitions, in wall-clock time and in CPU time (user + system, of this process or of the command and all
its children): on a shared machine the wall clock also measures the neighbours, the CPU time does not.
`--save-baseline` keeps this run's figures in bench/baseline.json, which later reports show as "before".
Every part a report shows was measured in the run that wrote it (`--only` leaves parts out, it never fills
them from an earlier run), and the edition's builds take turns with plain Sphinx's on the same pages.
A missed target is reported, not a failure; a measurement that is not valid (an import whose word check
fails, a build that fails, a part that stops) is a failure of the benchmark: the report and stderr say
which part and step, its exit status and the last lines of its output, and the exit status is 1. What
the parts need and the machine lacks (.venv, TeX, Chromium) is said before anything runs (exit status 2).

Modules: `common` (timing, paths), `import_speed` (the import against pandoc and the floor, time by pass),
`scaled_source` (the book k times over, as a source), `scaling`, `sphinx_builds`, `plain_sphinx` (the
configuration and stand-ins of the plain-Sphinx builds), `page_weight`, `report`, `__main__`.
"""
