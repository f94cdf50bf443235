"""Two letters, their correspondents' pages and the data the importer writes for them
(glossary/correspondence.json): the pages, the headers' links and an incremental build after
the data changes (tools.edition.correspondence)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # its tools/: a link to the repository's, for sphinx-build

extensions = ["myst_parser", "tools.edition.finding.chronology", "tools.edition.letter_page.letter_header",
              "tools.edition.correspondence"]
nitpicky = True
exclude_patterns = ["tools"]  # a test that builds it with sphinx-build links the repository's tools here
