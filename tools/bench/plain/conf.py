"""The plain-Sphinx builds' configuration (`sphinx-build -c tools/bench/plain`): the book's sources read as
the project reads them (its conf.py's source settings), myst-parser, Sphinx's default theme (alabaster)
unless `-D html_theme=...` says otherwise, and no-op stand-ins (`tools.bench.plain_sphinx`) for the
directives that the project's extensions and sphinxcontrib-bibtex provide. `-D extensions=...` adds to them.
"""

import runpy
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
book = runpy.run_path(str(ROOT / "conf.py"))
project, root_doc, language = book["project"], book["root_doc"], book["language"]
exclude_patterns, source_suffix = book["exclude_patterns"], book["source_suffix"]
myst_enable_extensions = book["myst_enable_extensions"]
bibtex_bibfiles = [str(ROOT / name) for name in book["bibtex_bibfiles"]]  # paths here are the conf's
bibtex_cite_id, bibtex_default_style = book["bibtex_cite_id"], book["bibtex_default_style"]
extensions = ["myst_parser", "tools.bench.plain_sphinx"]
html_theme = "alabaster"
