"""Three selections and a glossary, for search (tools.edition.finding.search): Pagefind indexes the
whole site on every build, an incremental one too; the book's theme and search page, and the
glossary's aliases the importer writes for it (glossary/aliases.json)."""

extensions = ["myst_parser", "tools.edition.finding.search"]
html_theme = "sphinx_book_theme"
templates_path = ["../../../tools/edition/templates"]  # the book's search page
nitpicky = True
