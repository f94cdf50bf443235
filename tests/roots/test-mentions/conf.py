"""A glossary and three selections that link to it, for the entries' "Mentioned in"
(tools.extensions.mentions), each mention linked to its paragraph (tools.extensions.paragraphs)."""

extensions = ["myst_parser", "tools.extensions.paragraphs", "tools.extensions.mentions"]
nitpicky = True
