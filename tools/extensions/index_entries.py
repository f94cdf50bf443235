"""`{index-entries}`: several index entries, one per line, at one paragraph.

Sphinx's `index` directive takes its entries as a multi-line argument, which
MyST cannot write; this directive takes them as content instead:

    ```{index-entries}
    single: Alsky, M.
    single: Bukharin, N.; and Comintern
    see: Bolshevik-Leninists; Left Opposition
    ```
"""

from __future__ import annotations

from typing import Any

from docutils.nodes import Node
from sphinx.application import Sphinx
from sphinx.domains.index import IndexDirective


class IndexEntries(IndexDirective):
    has_content = True
    required_arguments = 0

    def run(self) -> list[Node]:
        self.arguments = ["\n".join(line for line in self.content if line.strip())]
        return super().run()


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("index-entries", IndexEntries)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
