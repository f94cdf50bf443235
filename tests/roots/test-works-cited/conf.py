"""A letter that cites a book, a piece in a book and a periodical, for the Works cited: titles set by
type (tools.edition.finding.bibliography_style) and each entry's "Cited in" (tools.edition.finding.works_cited),
to the paragraph (tools.edition.letter_page.paragraphs)."""

extensions = ["myst_parser", "sphinxcontrib.bibtex", "tools.edition.letter_page.paragraphs",
              "tools.edition.finding.works_cited"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["references.bib"]
bibtex_cite_id = "cite-{key}"  # as the book's conf.py: the ids the text's links name
bibtex_default_style = "edition"
nitpicky = True
