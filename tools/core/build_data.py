"""The data files the importer writes into the project beside the Markdown, for the build.

The build reads only its source folder: what it needs from the source or from the editors'
data (tools/data/) the importer works out and writes here, and the build notes each file it
reads as a dependency of the pages that use it.
"""

from __future__ import annotations

import json

PRINTED_INDEX = "glossary/printed-index.json"  # the printed Index: headings, pages, See references
CORRECTIONS = "glossary/corrections.json"  # each erratum with its corrected word's page and context
NAME_ALIASES = "glossary/aliases.json"  # other names of glossary headwords, for search
TEXT_POINTERS = "chapters/text-pointers.json"  # headnotes' "point 6" and the paragraph it means


def json_data(entries: list[dict]) -> str:
    return json.dumps(entries, ensure_ascii=False, indent=1) + "\n"
