"""The import: in memory, to disk and as a command, against pandoc and the floor; its time by pass."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .common import OUT, SOURCE, Sample, fresh, repeat_command, time_call


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
    samples = [import_once(SOURCE, load_curated()) for _ in range(reps)]
    figures["passes"] = median_passes(1, samples)
    return figures


def pass_targets() -> list[tuple[Any, str, str]]:
    """(owner, attribute, pass) of the functions `run_import` calls, by pass."""
    from tools.importer import annotate, consistency, glossary, index_parser, link, pipeline, render, repair, usage
    return [(pipeline, "read_lines", "read"), (pipeline, "check_structure", "segment"),
            (repair, "apply_errata", "errata"), (pipeline, "segment", "segment"),
            (usage, "check_titles", "data checks"), (usage, "check_glossary_see", "data checks"),
            (usage, "check_hyphenation", "data checks"), (usage, "check_aliases", "data checks"),
            (usage, "check_works", "data checks"), (consistency, "check_errata", "data checks"),
            (consistency, "check_aliases", "data checks"),
            (repair, "word_counts", "evidence"), (repair, "check_paragraph_decisions", "evidence"),
            (pipeline, "load_word_list", "word list"),
            (pipeline, "repair_blocks", "repair"),
            (annotate, "appendix_notes", "annotate"), (annotate, "split_apparatus", "annotate"),
            (glossary, "parse_glossary", "glossary"), (glossary, "resolve_see", "glossary"),
            (index_parser, "parse_index", "printed index"),
            (link, "link_book", "link"), (link.Works, "link", "link"), (link, "Works", "link"),
            (link, "cross_reference_entries", "link"), (link, "summary", "link"),
            (render, "render_chapter", "render"), (render, "render_glossary", "render"),
            (render, "render_page", "render"), (pipeline, "json_data", "render"), (pipeline, "errata_places", "render"),
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


def import_once(source: Path, curated: Any) -> tuple[float, Counter[str], Any]:
    """CPU time of one import, in all and by pass, and its result."""
    from tools.importer.pipeline import run_import

    with timed_passes() as spent:
        start = time.process_time()
        result = run_import(source, curated)
        total = time.process_time() - start
    spent["other"] = total - sum(spent.values())
    return total, spent, result


def median_passes(copies: int, samples: list[tuple[float, Counter[str], Any]]) -> dict[str, Any]:
    labels = sorted({label for _, spent, _ in samples for label in spent})
    result = samples[0][2]
    return {"copies": copies, "words_ok": all(r.words.ok for _, _, r in samples),
            "words_summary": "" if result.words.ok else result.words.summary(),
            "chapter_bytes": sum(len(text.encode("utf-8")) for name, text in result.files.items()
                                 if name.startswith("chapters/")),
            "selections": result.counts["selections"],
            "total": statistics.median(total for total, _, _ in samples),
            "passes": {label: statistics.median(spent.get(label, 0.0) for _, spent, _ in samples)
                       for label in labels}}
