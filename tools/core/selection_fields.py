"""The fields of a selection's front matter (chapters/*.md), as the importer writes them: the
lint checks them (ED001-ED006), and no page may have another (ED019, which the build enforces too)."""

from __future__ import annotations

REQUIRED: dict[str, type] = {"title": str, "part": str, "pages": str, "kind": str, "author": str, "source_line": int}
OPTIONAL: dict[str, type] = {"printed_title": str, "short_title": str, "date": str, "date_iso": str, "addressee": list,
                             "addressee_place": str, "written_at": str, "source": str, "translator": str,
                             "page_breaks": list}  # the first words of each print page found within it
FIELDS = frozenset([*REQUIRED, *OPTIONAL])  # the only fields any page's front matter may have (ED019)
