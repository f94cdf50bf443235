"""Three dated selections and the front matter, for the register of letters generated from their
front matter (tools.extensions.chronology)."""

extensions = ["myst_parser", "tools.extensions.chronology"]
nitpicky = True
