"""A letter that cites a book, a piece in a book and a periodical, for the Works cited: titles set by
type (tools.extensions.bibliography_style) and each entry's "Cited in" (tools.extensions.works_cited),
to the paragraph (tools.extensions.paragraphs)."""

extensions = ["myst_parser", "sphinxcontrib.bibtex", "tools.extensions.paragraphs", "tools.extensions.works_cited"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["references.bib"]
bibtex_cite_id = "cite-{key}"  # as the book's conf.py: the ids the text's links name
bibtex_default_style = "edition"
nitpicky = True
