"""A three-document book for the EPUB's package (tools.edition.formats.epub_package): front matter, one
letter with a note, a glossary, grouped by the front page's captions as the book's EPUB is."""

project = "A test book"
author = "A. Writer"
version = "1"
language = "en"
extensions = ["myst_parser", "tools.edition.formats.epub_package"]
source_suffix = {".md": "markdown"}
epub_identifier = "urn:uuid:00000000-0000-4000-8000-000000000000"
epub_scheme = "uuid"
epub_uid = "bookid"
epub_copyright = "none"
epub_publisher = "none"
epub_cover = ("_static/cover.png", "epub-cover.html")
epub_use_index = False
epub_accessibility_summary = "A test book: text only."
nitpicky = True
html_static_path = ["_static"]
