"""What the link pass did, counted and listed: the report in reports/cross-references.txt."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass(frozen=True)
class VolumeReference:
    title: str  # of the selection it stands in
    line: int
    text: str
    linked: bool
    reason: str = ""  # the editors' word on why it is not linked


@dataclass
class LinkReport:
    terms_linked: int = 0
    # (alias, headword) -> the links it made: an alias of aliases.yaml that links nothing is refused
    aliases_linked: Counter[tuple[str, str]] = field(default_factory=Counter)
    unresolved: list[str] = field(default_factory=list)
    index_entries: int = 0
    index_fallbacks: list[str] = field(default_factory=list)
    volume_references: list[VolumeReference] = field(default_factory=list)
    letters_linked: int = 0
    works_linked: int = 0
    unmatched_cross_references: list[str] = field(default_factory=list)


def summary(report: LinkReport) -> str:
    lines = [f"glossary links: {report.terms_linked}; unresolved ambiguous names: {len(report.unresolved)}",
             f"index entries placed: {report.index_entries}; at the start of a selection "
             f"(no paragraph found): {len(report.index_fallbacks)}",
             f"links between selections: {report.letters_linked}; 'in this volume' references: "
             f"{len(report.volume_references)}, linked: {sum(r.linked for r in report.volume_references)}",
             f"works-cited links: {report.works_linked}"]
    lines += ["", "## Ambiguous names not linked"] + [f"- {case}" for case in report.unresolved]
    lines += ["", "## Index cross-references whose target is no Index heading (not emitted)"]
    lines += [f"- {case}" for case in report.unmatched_cross_references]
    lines += ["", "## Index entries placed at the start of a selection"]
    lines += [f"- {case}" for case in report.index_fallbacks]
    lines += ["", "## 'In this volume' references"]
    lines += [f"- [{'linked' if r.linked else 'not linked'}] {r.title}, line {r.line}: …{r.text}"
              + (f" ({r.reason})" if r.reason else "") for r in report.volume_references]
    return "\n".join(lines) + "\n"
