"""Text as the book prints it, for the typography (tools.edition.formats.fine_typography) and the headings
and datelines printed in capitals (tools.edition.formats.capitals)."""

extensions = ["myst_parser", "tools.edition.formats.fine_typography", "tools.edition.formats.capitals"]
myst_enable_extensions = ["colon_fence"]
smartquotes_action = "qD"  # the book's: quotes and dashes, never "..." into one character
nitpicky = True
