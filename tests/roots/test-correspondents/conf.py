"""Two letters, their correspondents' pages and the data the importer writes for them
(glossary/correspondence.json): the pages, the headers' links and an incremental build after
the data changes (tools.edition.correspondence)."""

extensions = ["myst_parser", "tools.edition.finding.chronology", "tools.edition.letter_page.letter_header",
              "tools.edition.correspondence"]
nitpicky = True
