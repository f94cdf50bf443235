"""The review as Markdown, for a pull request's job summary or a terminal."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .compare import MarkupDelta, Side
from .print_edition import ADDED, DEPARTS, ERRATA, Verdict
from .reading import EMPHASIS, HEADNOTE, NOTES, SOURCE_NOTE, STRONG, TEXT, Word
from .review import ErrataDiff, PageDiff, PartDiff, Review

PART_TITLES = {TEXT: "Author's text", HEADNOTE: "Headnote", SOURCE_NOTE: "Source note", NOTES: "Notes"}
LONGEST = 40  # words of a change shown in full; a longer one is cut
SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")
DEPARTS_TEXT = "⚠ **departs, no errata entry**"
ADDED_TEXT = "＋ added by this edition (not in the print edition)"


def escaped(text: str) -> str:
    return SPECIAL.sub(r"\\\1", text)


def styled(words: Sequence[Word], mark: str = "") -> str:
    """Words as Markdown: emphasis as `*…*`, bold as `**…**`; `mark` wraps the whole (~~ or **)."""
    segments: list[tuple[str, int]] = []
    for number, word in enumerate(words):
        if number:
            shared = segments[-1][1] & word[0][1]  # a space inside an emphasis is emphasised
            segments.append((" ", shared))
        segments += list(word)
    text = ""
    run, style = "", 0
    for characters, this in [*segments, ("", -1)]:
        if this == style:
            run += characters
            continue
        if run:
            wrap = ("*" if style & EMPHASIS else "") + ("__" if style & STRONG else "")
            text += wrap + escaped(run) + wrap[::-1]
        run, style = characters, this
    return f"{mark}{text}{mark}" if mark and text else text


def shortened(words: tuple[Word, ...]) -> tuple[tuple[Word, ...], str]:
    if len(words) <= LONGEST:
        return words, ""
    return words[:LONGEST // 2], f" … ({len(words)} words)"


def side(shown: Side, mark: str) -> str:
    words, cut = shortened(shown.words)
    parts = [styled(shown.lead), styled(words, mark) + cut, styled(shown.tail)]
    text = " ".join(part for part in parts if part)
    if not text:
        return "—"
    return ("… " if shown.more_before else "") + text + (" …" if shown.more_after else "")


def verdict_text(verdict: Verdict) -> str:
    if verdict.kind == DEPARTS:
        return DEPARTS_TEXT
    if verdict.kind == ADDED:
        return ADDED_TEXT
    if verdict.erratum:
        entry = verdict.erratum
        return f"✓ errata, line {entry['line']}: {escaped(str(entry['old']))} → {escaped(str(entry['new']))}"
    return "✓ as printed"


def part_table(diff: PartDiff, selection: bool) -> list[str]:
    header = "| ¶ | Before | After |" + (" Print edition |" if diff.verdicts is not None else "")
    title = PART_TITLES[diff.part] if selection or diff.part != TEXT else "Text"  # a selection's is the author's
    lines = [f"**{title}**", "", header, "|---" * header.count(" |") + "|"]
    for number, change in enumerate(diff.changes):
        row = f"| {change.anchor} | {side(change.before, '~~')} | {side(change.after, '**')} |"
        if diff.verdicts is not None:
            row += f" {verdict_text(diff.verdicts[number])} |"
        lines.append(row)
    return [*lines, ""]


def places(items: list) -> str:
    anchors = list(dict.fromkeys(item.anchor for item in items))
    return ", ".join(anchors[:8]) + (", …" if len(anchors) > 8 else "")


def markup_line(deltas: list[MarkupDelta], words_changed: bool) -> list[str]:
    if not deltas:
        return []
    summaries = []
    for delta in deltas:
        counts = []
        for verb, items in (("added", delta.added), ("removed", delta.removed)):
            if items:
                named = ""
                if delta.kind == "anchors":  # an anchor is an address readers cite: name it
                    named = " " + ", ".join(f"`{item.key}`" for item in items)
                counts.append(f"{len(items)} {verb}{named} ({places(items)})")
        summaries.append(f"{delta.kind}: {', '.join(counts)}")
    heading = "**Markup**" if words_changed else "**Markup only** (no word a reader reads changed)"
    return [f"{heading}, not shown word by word: " + "; ".join(summaries) + ".", ""]


def page_section(page: PageDiff) -> list[str]:
    lines = [f"### {escaped(page.title) or page.name}", ""]
    where = f"`{page.name}`"
    if page.removed:
        return [*lines, f"{where}: **removed** ({page.paragraphs} paragraphs).", ""]
    if page.old_name is None:
        return [*lines, f"{where}: **new page** ({page.paragraphs} paragraphs).", ""]
    if page.old_name != page.name:
        where += f", renamed from `{page.old_name}`"
    lines += [where, ""]
    for diff in page.parts:
        lines += part_table(diff, page.selection)
    if page.metadata:
        lines += ["**Metadata** (front matter)", "", "| Field | Before | After |", "|---|---|---|"]
        lines += [f"| {key} | {escaped(before)} | {escaped(after)} |" for key, before, after in page.metadata]
        lines.append("")
    return lines + markup_line(page.markup, bool(page.parts))


def errata_section(errata: ErrataDiff) -> list[str]:
    lines = [f"### Errata (`{ERRATA}`)", ""]
    for verb, entries in (("added", errata.added), ("removed", errata.removed)):
        lines += [f"- {verb}: line {e.get('line')}: {escaped(str(e.get('old')))} → {escaped(str(e.get('new')))}"
                  f" — {escaped(str(e.get('reason', '')))}" for e in entries]
    lines += [f"- ⚠ `{name}` does not read {escaped(str(e.get('new')))} yet: run `python -m tools import`"
              " and commit the result" for e, name in errata.unapplied]
    if not errata.added and not errata.removed:
        lines.append("- entries rearranged or reasons reworded; no correction added or removed")
    return [*lines, ""]


def departures(review: Review, kind: str = DEPARTS) -> list[tuple[str, int]]:
    """Where the text departs from the print edition (or, with kind ADDED, where this edition adds to
    it), page by page: `“Title”: p12, h3`."""
    found = []
    for page in review.pages:
        anchors = [change.anchor for diff in page.parts if diff.verdicts
                   for change, verdict in zip(diff.changes, diff.verdicts, strict=True) if verdict.kind == kind]
        if anchors:
            found.append((f"“{escaped(page.title)}”: " + ", ".join(anchors), len(anchors)))
    return found


def render(review: Review) -> str:
    lines = ["## What changes for readers", "",
             f"Compared with `{review.base[:12]}`: {len(review.pages) or 'no'} page"
             f"{'' if len(review.pages) == 1 else 's'} of the book changed.", ""]
    departing = departures(review)
    count = sum(number for _, number in departing)
    if review.print_problem:
        lines += [f"> ⚠ {escaped(review.print_problem)}", ""]
    elif departing:
        verb = "change departs" if count == 1 else "changes depart"
        lines += [f"> ⚠ **{count} {verb} from the print edition without an errata entry** "
                  f"({'; '.join(where for where, _ in departing)}). Add an entry to `{ERRATA}` (with the "
                  "evidence) or undo the change.", ""]
    added = departures(review, ADDED)
    if added:
        additions = sum(number for _, number in added)
        lines += [f"> ＋ **{additions} addition{'' if additions == 1 else 's'} by this edition**, not the print "
                  f"edition's words ({'; '.join(where for where, _ in added)}): review them as the edition's own.", ""]
    if not review.print_problem and not departing and any(
            verdict is None or verdict.kind != ADDED for page in review.pages for diff in page.parts
            for verdict in diff.verdicts or [None] * len(diff.changes)):
        other = "other " if added else ""
        lines += [f"> ✓ Every {other}changed word agrees with the print edition (source text and `{ERRATA}`).", ""]
    for page in review.pages:
        lines += page_section(page)
    if review.errata:
        lines += errata_section(review.errata)
    if review.others:
        lines += ["### Other files", "", "Changed, not described here (code, data, configuration): "
                  + ", ".join(f"`{name}`" for name in review.others) + ".", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
