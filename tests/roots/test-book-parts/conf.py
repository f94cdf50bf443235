"""A front page with two captioned contents lists, for the book's parts in the PDF's contents
(tools.edition.formats.book_parts)."""

extensions = ["myst_parser", "tools.edition.formats.book_parts"]
nitpicky = True
