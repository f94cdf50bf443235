"""The front matter and three dated selections (a letter, an article dated by its month, an appendix
by another author to two addressees): the register of letters (tools.edition.finding.chronology) and each
selection's header (tools.edition.letter_page.letter_header), both made from the front matter."""

extensions = ["myst_parser", "tools.edition.finding.chronology", "tools.edition.letter_page.letter_header"]
nitpicky = True
