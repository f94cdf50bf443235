"""Link the titles of works cited in the text to their entry in the bibliography.

The importer writes `[*My Life*](#work-trotsky-my-life)`: the printed words stay
as they are and become a link. This extension gives each entry of the
bibliography a label `work-<key>` pointing at its citation, whose id the
`bibtex_cite_id = "cite-{key}"` setting makes predictable.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinxcontrib.bibtex.nodes import bibliography

LABEL_PREFIX = "work-"


def label_bibliography_entries(app: Sphinx, doctree: nodes.document) -> None:
    if not any(doctree.findall(bibliography)):
        return
    std = app.env.domains.standard_domain
    cite = app.env.get_domain("cite")
    for key, entry in cite.bibdata.data.entries.items():  # type: ignore[attr-defined]
        title = entry.fields.get("title", key).replace("{", "").replace("}", "")
        title = title.replace("---", "—").replace("--", "–")
        std.note_hyperlink_target(LABEL_PREFIX + key, app.env.docname, f"cite-{key}", title)


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinxcontrib.bibtex")
    app.connect("doctree-read", label_bibliography_entries)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
