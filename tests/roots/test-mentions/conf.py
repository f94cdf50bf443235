"""A glossary and three selections that link to it, for the entries' "Mentioned in"
(tools.edition.letter_page.mentions), each mention linked to its paragraph (tools.edition.letter_page.paragraphs)."""

extensions = ["myst_parser", "tools.edition.letter_page.paragraphs", "tools.edition.letter_page.mentions"]
nitpicky = True
