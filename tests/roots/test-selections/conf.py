"""The front matter and three dated selections (a letter, an article dated by its month, an appendix
by another author to two addressees): the register of letters (tools.extensions.chronology) and each
selection's header (tools.extensions.letter_header), both made from the front matter."""

extensions = ["myst_parser", "tools.extensions.chronology", "tools.extensions.letter_header"]
nitpicky = True
