"""The benchmark: its bigger book (the source made twice as big imports with every check passing), and how it
reports a failure."""

import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, SOURCE, plain
from tools.bench.scaled_source import scale_source
from tools.importer.pipeline import ImportResult, load_curated, run_import
from tools.importer.source import read_lines


def body(markdown: str) -> str:
    """The text after the front matter and the title, without index entries and links."""
    return plain(markdown.split("\n---\n", 1)[1]).split("\n", 2)[2]


@pytest.mark.whole_book
def test_the_book_twice_over_is_a_book_the_importer_checks_whole(tmp_path: Path, book: ImportResult) -> None:
    source = tmp_path / "twice.txt"
    result = run_import(source, scale_source(2, SOURCE, source, load_curated()))
    assert result.words.ok  # the book-wide and the per-selection word checks pass at 2x
    assert result.counts["selections"] == 51 + 48  # the front matter is not copied
    assert len(read_lines(source)) == len(read_lines(SOURCE)) + 48 + sum(
        span.last - span.first + 1 for span in book.spans[3:])  # the copies' Contents lines and text
    (original,) = [name for name in book.files if name.endswith("-our-correspondents.md")]
    (copy,) = [name for name in result.files if name.endswith("-our-correspondents-copy-2.md")]
    assert "title: Our correspondents (copy 2)" in result.files[copy]
    assert len(body(book.files[original])) > 5000 and body(result.files[copy]) == body(book.files[original])


# --- A failing part says which, how it ended and its last lines; never a traceback ----------------

def test_a_failed_command_keeps_its_exit_status_and_last_lines() -> None:
    from tools.bench.common import run

    script = "import sys; print('\\n'.join(f'line {n}' for n in range(30))); sys.exit(3)"
    _wall, _cpu, error, output = run([sys.executable, "-c", script])
    assert error.startswith("exit 3; its output ended:\n") and error.endswith("line 29")
    assert "line 17" not in error and "line 18" in error  # the last twelve lines
    assert output.count("line") == 30
    assert run(["/nonexistent/tool"])[2].startswith("could not run /nonexistent/tool:")


def test_the_report_names_the_failed_step_and_shows_its_output() -> None:
    from tools.bench.bench_report import failures, report, summarise
    from tools.bench.common import Sample
    from tools.bench.sphinx_builds import BOOK_STEPS, LAYERS, SITE_STEPS

    figures: dict[str, Any] = {name: Sample([2.0], [1.0]).as_dict() for name in (*BOOK_STEPS, *SITE_STEPS)}
    figures["html_theme_bibtex"] = Sample(error="exit 2; its output ended:\n    Extension error (sphinxcontrib.bibtex)"
                                          ).as_dict()
    figures |= {"rebuild_pages_written": 6, "plain_rebuild_pages_written": 1, "unchanged_config_message": "",
                "layer_warnings": {name: 0 for name, _ in LAYERS}, "epub_bytes": None, "pdf_bytes": None,
                "pdf_pages": None, "searchindex_bytes": None, "site_bytes": None, "site_files": None}
    results: dict[str, Any] = {"meta": {"date": "today", "machine": "here", "cpus": 2, "python": "3.11",
                                        "sphinx": "9", "commit": "abc", "dirty": 0, "load_start": "1", "load_end": "1",
                                        "command": "bench", "duration": 60, "import_reps": 1, "build_reps": 1},
                               "builds": figures, "weight": {"error": "stopped: TimeoutError: no page (x.py, line 3)"}}
    assert failures(results) == ["weight: stopped: TimeoutError: no page (x.py, line 3)",
                                 "builds, html_theme_bibtex: exit 2; its output ended:\n"
                                 "    Extension error (sphinxcontrib.bibtex)"]
    results["summary"] = summarise(results)
    text = report(results, None)
    assert "## The benchmark FAILED" in text and "Extension error (sphinxcontrib.bibtex)" in text
    assert "| HTML, plain + theme + sphinxcontrib-bibtex (its default style) | – | – | **exit 2; its output ended** " \
           "(below) |" in text
    assert "| one-chapter edit ≤ 2× plain Sphinx's one-chapter rebuild, and < 3 s CPU | 1.00× " in text


def test_the_sites_builds_alone_are_reported_without_make_book() -> None:
    """`--only html`: the builds section and the build targets, `make book` said not measured, no failure."""
    from tools.bench.bench_report import failures, report, summarise
    from tools.bench.common import Sample
    from tools.bench.sphinx_builds import LAYERS, SITE_STEPS

    figures: dict[str, Any] = {name: Sample([2.0], [1.0]).as_dict() for name in SITE_STEPS}
    figures["html_plain_rebuild"] = Sample([1.0], [0.5]).as_dict()
    figures |= {"rebuild_pages_written": 2, "plain_rebuild_pages_written": 1, "unchanged_config_message": "",
                "layer_warnings": {name: 0 for name, _ in LAYERS}, "epub_bytes": None, "pdf_bytes": None,
                "pdf_pages": None, "searchindex_bytes": None, "site_bytes": None, "site_files": None}
    results: dict[str, Any] = {"meta": {"date": "today", "machine": "here", "cpus": 2, "python": "3.11",
                                        "sphinx": "9", "commit": "abc", "dirty": 0, "load_start": "1", "load_end": "1",
                                        "command": "bench --only html", "duration": 60, "import_reps": 1,
                                        "build_reps": 1}, "builds": figures}
    assert failures(results) == []
    results["summary"] = summarise(results)
    text = report(results, None)
    assert "| *`make book`* | – | – | not measured (`--only html`: the site's builds alone) |" in text
    assert "| one-chapter edit ≤ 2× plain Sphinx's one-chapter rebuild, and < 3 s CPU | 2.00× " in text
    assert "all three formats" not in text


def test_the_sites_builds_alone_cannot_be_asked_with_the_builds(capsys: pytest.CaptureFixture[str]) -> None:
    import tools.bench.__main__ as bench

    with pytest.raises(SystemExit) as stopped:
        bench.main(["--only", "html,builds"])
    assert stopped.value.code == 2
    assert "html is a part of builds: give one of them" in capsys.readouterr().err


def test_a_part_that_stops_is_reported_in_one_line() -> None:
    from tools.bench.__main__ import measure_part

    def broken() -> dict[str, Any]:
        raise ValueError("no such page")
    error = measure_part("weight", broken)["error"]
    assert error.startswith("stopped: ValueError: no such page (test_bench.py, line ") and "\n" not in error


def test_a_missing_environment_is_said_before_anything_runs(monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    import tools.bench.__main__ as bench

    monkeypatch.setattr(bench, "SPHINX", ROOT / ".venv-missing" / "bin" / "sphinx-build")
    assert bench.main(["--only", "import"]) == 2
    said = capsys.readouterr().err
    assert "benchmark: .venv-missing/bin/sphinx-build is missing: run `tools/setup.sh test`" in said
    assert "Traceback" not in said
