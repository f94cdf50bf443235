"""The lint on pathological pages: time and memory for a 2 MB page made to be slow.

Each page is the worst the checks before parsing still accept (tools/core/allowed.py:
MAX_LINES, MAX_PARAGRAPH_CHARS, MAX_MARKUP; MAX_NESTING in markdown.py) — unclosed brackets, wide
tables, emphasis, short lines, headings, nested directives, links, roles — filled up to just
under 2 MB with plain paragraphs, the largest a page may be. `python -m tools check` runs on each
in a process of its own (the build's check before parsing runs the same parser and a subset of
the rules); its CPU time and peak memory are what the target bounds: ≤ 10 s and ≤ 500 MB.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tools.core.allowed import MAX_FILE_BYTES, MAX_LINES, MAX_MARKUP, MAX_PARAGRAPH_CHARS
from tools.core.markdown import MAX_NESTING

from .common import ROOT

TARGET_SECONDS, TARGET_MB = 10.0, 500
PARAGRAPH = ("word " * (MAX_PARAGRAPH_CHARS // 5))[:MAX_PARAGRAPH_CHARS - 10].strip()
MEASURE = """
import json, resource, sys, time
from pathlib import Path
from tools.check import check
start = time.process_time()
findings = check(Path(sys.argv[1]))[1]
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"cpu": time.process_time() - start, "peak_mb": peak_mb, "findings": len(findings)}))
"""


def paragraphs(unit: str, budget: int) -> str:
    """`unit` repeated in paragraphs of at most MAX_PARAGRAPH_CHARS, `budget` markup characters in all."""
    per_unit = max(1, sum(unit.count(char) for char in "*_`[]<>{}|\\&!"))
    count = budget // per_unit
    per_paragraph = max(1, (MAX_PARAGRAPH_CHARS - 10) // len(unit))
    return "\n\n".join(unit * min(per_paragraph, count - start) for start in range(0, count, per_paragraph))


def nested(depth: int) -> str:
    """Container directives `depth` deep (each outer fence one colon longer), a word inside."""
    opening = "".join(":" * (3 + depth - level) + "{container} a\n" for level in range(depth))
    closing = "".join(":" * (4 + level) + "\n" for level in range(depth))
    return opening + "a\n" + closing


def lines(line: str) -> str:
    """As many lines as a page may have besides its plain paragraphs, in paragraphs of at most
    MAX_PARAGRAPH_CHARS."""
    count = MAX_LINES - 3 * (MAX_FILE_BYTES // MAX_PARAGRAPH_CHARS) - 10
    per_paragraph = (MAX_PARAGRAPH_CHARS - 10) // (len(line) + 1)
    return "\n\n".join("\n".join([line] * min(per_paragraph, count - start))
                       for start in range(0, count, per_paragraph + 1))


def table(columns: int) -> str:
    rows = (MAX_PARAGRAPH_CHARS - 10) // (2 * columns + 2) - 2
    row = "|" + "a|" * columns + "\n"
    return row + "|" + "-|" * columns + "\n" + row * rows


HEADS: dict[str, Callable[[], str]] = {
    "unclosed brackets": lambda: paragraphs("[", MAX_MARKUP),
    "wide tables (300 columns)": lambda: "\n\n".join([table(300)] * (MAX_MARKUP // 301 // 31)),
    "emphasis": lambda: paragraphs("*a ", MAX_MARKUP),
    "short lines": lambda: lines("a"),
    "headings": lambda: lines("## a"),
    "nested directives": lambda: "\n".join([nested(MAX_NESTING)] * (MAX_LINES // (2 * MAX_NESTING + 2) - 20)),
    "links": lambda: paragraphs("[a](b) ", MAX_MARKUP),
    "roles": lambda: paragraphs("{term}`a` ", MAX_MARKUP),
    "plain text": lambda: "",
}


def page(head: str) -> str:
    """`# Page`, the head, then plain paragraphs up to just under MAX_FILE_BYTES."""
    text = f"# Page\n\n{head}\n"
    room = (MAX_FILE_BYTES - len(text.encode()) - 100) // (len(PARAGRAPH) + 2)
    return text + "".join(f"\n{PARAGRAPH}\n" for _ in range(room))


def measure(text: str, folder: Path) -> dict[str, Any]:
    (folder / "conf.py").write_text((ROOT / "conf.py").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "references.bib").write_text("", encoding="utf-8")
    (folder / "index.md").write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", MEASURE, str(folder)], capture_output=True, text=True,
                            cwd=ROOT, check=False, timeout=600)
    if result.returncode != 0:
        return {"error": (result.stderr or result.stdout).strip()[-300:]}
    return {**json.loads(result.stdout), "bytes": len(text.encode())}


def bench_pathological() -> dict[str, Any]:
    found = {}
    for name, head in HEADS.items():
        with tempfile.TemporaryDirectory() as folder:
            found[name] = measure(page(head()), Path(folder))
    return {"pages": found, "target_seconds": TARGET_SECONDS, "target_mb": TARGET_MB}
