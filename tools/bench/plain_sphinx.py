"""A Sphinx extension for the benchmark's plain-Sphinx builds only: no-op stand-ins for the directives the
book's Markdown uses that plain Sphinx lacks (`index-entries` and `chronology`, the project's; `bibliography`,
sphinxcontrib-bibtex's, unless that extension is loaded, and then the book's bibliography style, which its
references need), so that the same sources build without them."""

from __future__ import annotations

from typing import Any


def setup(app: Any) -> dict[str, Any]:
    from docutils.parsers.rst import Directive

    class Nothing(Directive):
        has_content = True
        optional_arguments = 1
        final_argument_whitespace = True
        option_spec = {"all": lambda argument: argument}

        def run(self) -> list:
            return []

    app.add_directive("index-entries", Nothing)
    app.add_directive("chronology", Nothing)
    if "sphinxcontrib.bibtex" in app.config.extensions:
        # references.bib has @periodical entries, which only the book's style formats (pybtex's own styles
        # have no format_periodical): its pybtex plugin is registered, none of the project's Sphinx extensions
        from tools.edition.finding.bibliography_style import register
        register()
    else:
        app.add_directive("bibliography", Nothing)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
