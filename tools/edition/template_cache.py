"""HTML and EPUB: the theme's templates are compiled once, not on every build.

Sphinx's template environment compiles every Jinja template a build renders (the theme's layout, its
sidebar and header components: some thirty), each build anew, about a tenth of a one-page rebuild.
Jinja's own bytecode cache keeps the compiled templates beside the doctrees; it checks each
template's source, and its own version, before using one, so an edited template is compiled again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache
from sphinx.application import Sphinx

CACHE = "jinja-bytecode"  # in the doctree folder


def cache_compiled_templates(app: Sphinx) -> None:
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is not None and environment.bytecode_cache is None:
        folder = Path(app.doctreedir) / CACHE
        folder.mkdir(parents=True, exist_ok=True)
        environment.bytecode_cache = FileSystemBytecodeCache(str(folder))


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", cache_compiled_templates)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
