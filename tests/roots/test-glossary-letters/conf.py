"""A glossary filed as the printed Index files it, for its A–Z bar (tools.edition.finding.glossary_letters)."""

extensions = ["myst_parser", "tools.edition.finding.glossary_letters"]
nitpicky = True
