"""A glossary filed as the printed Index files it, for its A–Z bar (tools.extensions.glossary_letters)."""

extensions = ["myst_parser", "tools.extensions.glossary_letters"]
nitpicky = True
