"""Works-cited links: the curated italic titles link to their bibliography entries."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from ...core.errors import SourceError
from .link_report import LinkReport
from .protect import inside, protected_spans


@dataclass(frozen=True)
class WorkForm:
    """'Lenin's *Collected Works*': the italic title and the words around it."""

    key: str
    before: str
    after: str


# An italic span: '*My Life.*', not '**bold**'.
ITALIC = re.compile(r"(?<![*\w])\*(?![\s*])(?P<title>[^*]+?)(?<![\s*])\*(?![*\w])")
WORK_FORM = re.compile(r"(?P<before>[^*]*)\*(?P<title>[^*]+)\*(?P<after>[^*]*)")
WORKS_DATA = "tools/data/works.yaml"


class Works:
    """The curated works, found by the italic spans of a text."""

    def __init__(self, works: list[dict]) -> None:
        self.by_title: dict[str, list[WorkForm]] = defaultdict(list)
        for work in works:
            for form in work["forms"]:
                match = WORK_FORM.fullmatch(form)
                if match is None:
                    raise SourceError(WORKS_DATA, None, f"form {form!r} of {work['key']} has no single *title*",
                                      "mark the words that become the link with one pair of asterisks")
                self.by_title[match["title"]].append(WorkForm(work["key"], match["before"], match["after"]))
        for forms in self.by_title.values():  # forms with context first
            forms.sort(key=lambda form: len(form.before) + len(form.after), reverse=True)

    def form_at(self, match: re.Match[str], text: str) -> WorkForm | None:
        for form in self.by_title.get(match["title"].removesuffix("."), []):
            if text[: match.start()].endswith(form.before) and text.startswith(form.after, match.end()):
                return form
        return None

    def link(self, text: str, report: LinkReport) -> str:
        """'*My Life*' -> '[*My Life*](#work-trotsky-my-life)', for the curated forms."""
        if "*" not in text:
            return text
        spans = protected_spans(text)

        def link_title(match: re.Match[str]) -> str:
            form = self.form_at(match, text)
            if form is None or inside(match.start(), spans):
                return match[0]
            report.works_linked += 1
            return f"[{match[0]}](#work-{form.key})"
        return ITALIC.sub(link_title, text)
