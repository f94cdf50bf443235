"""The printed Index's 'See' and 'See also' references as Sphinx index entries."""

from __future__ import annotations

from ...core.index_headings import find_heading, heading_keys, index_text
from .link_report import LinkReport


def cross_reference_entries(index: list[dict], report: LinkReport) -> list[str]:
    """The Index's 'See' and 'See also' references as Sphinx index entries.

    A target must name an Index heading (the PDF's index refuses others), or a sub-entry
    of one ('July plenum. See Central Committee, July 1928 plenum'): then the words stay
    as printed. Targets that name no heading are reported, not emitted.
    """
    headings = heading_keys(index)
    entries = []
    for entry in index:
        for kind, targets in (("see", entry["see"]), ("seealso", entry["see_also"])):
            for target in targets:
                found = find_heading(target, headings)
                heading, comma, _sub = target.partition(", ")
                if not found and comma and find_heading(heading, headings):
                    entries.append(f"{kind}: {index_text(entry['heading'])}; {index_text(target)}")
                elif found:
                    entries.append(f"{kind}: {index_text(entry['heading'])}; {index_text(found)}")
                else:
                    report.unmatched_cross_references.append(f"{entry['heading']} -> {target}")
    return entries
