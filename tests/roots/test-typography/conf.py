"""Text as the book prints it, for the typography (tools.extensions.typography) and the headings
and datelines printed in capitals (tools.extensions.capitals)."""

extensions = ["myst_parser", "tools.extensions.typography", "tools.extensions.capitals"]
myst_enable_extensions = ["colon_fence"]
smartquotes_action = "qD"  # the book's: quotes and dashes, never "..." into one character
nitpicky = True
