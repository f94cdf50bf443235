"""Every page of the HTML site offers the EPUB and the PDF.

`make book` builds the EPUB and the PDF first, then the site; when the site is
written, the two files are copied from their builders' folders (siblings of the
HTML folder under `_build/`) into `downloads/`, which the sidebar links to. A
site-only preview (`make html`) has no downloads yet and says so; with
`edition_downloads_required = True` (set by `make book`) a missing file is an error.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)
FOLDER = "downloads"


def downloads(app: Sphinx) -> list[tuple[str, str, str, Path]]:
    """(label, site path, media type, built file) of each download."""
    built = Path(app.outdir).parent
    pdf_name = Path(app.config.latex_documents[0][1]).with_suffix(".pdf").name
    epub_name = f"{app.config.epub_basename}.epub"
    return [("EPUB (e-readers)", f"{FOLDER}/{epub_name}", "application/epub+zip", built / "epub" / epub_name),
            ("PDF (print)", f"{FOLDER}/{pdf_name}", "application/pdf", built / "latex" / pdf_name)]


def add_links(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    context["edition_downloads"] = [(label, path, media) for label, path, media, _ in downloads(app)]


def copy_downloads(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or app.builder.name != "html":
        return
    for _label, path, _media, built in downloads(app):
        if not built.is_file():
            message = f"{built} is not built, so the site's link to {path} is dead: build it first (make book)"
            if app.config.edition_downloads_required:
                logger.warning(message, type="edition", subtype="downloads")
            else:
                logger.info(message)
            continue
        target = Path(app.outdir) / path
        target.parent.mkdir(exist_ok=True)
        shutil.copyfile(built, target)


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("tools.edition.config")  # edition_downloads_required
    app.connect("html-page-context", add_links)
    app.connect("build-finished", copy_downloads)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
