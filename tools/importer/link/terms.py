"""Glossary links: the first mention of each glossary entry in a region of text becomes a {term} link."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ...core.index_headings import HeadingsByName, index_pages
from ..annotate import Chapter, heading_text
from ..glossary import GlossaryEntry
from ..model import Block
from .link_report import LinkReport
from .protect import inside, protected_spans

SEE_TARGET = re.compile(r"See \{term\}`[^`<]*<(?P<headword>[^>]+)>`")
INITIALS = r"(?P<initials>(?:[A-Z][a-z]?\.\s?)+)?"
# 'Vladimir Smirnov', 'Leon (Lyova) Sedov': the given name before a surname.
GIVEN_NAME = re.compile(r"(?P<given>[A-Z][a-z]+)\s(?:\([^)]*\)\s)?$")


@dataclass(frozen=True)
class NameForm:
    """Words in the text that may name a glossary entry."""

    text: str
    headwords: tuple[str, ...]
    only_in: tuple[str, ...] = ()
    curated: bool = False  # an alias of tools/data/aliases.yaml: it settles what the glossary leaves open


def given_initial(headword: str) -> str | None:
    """'Smirnov, I.' -> 'I'; 'Yakovlev, Ya.' -> 'Ya'; None where there is none."""
    given = headword.partition(", ")[2]
    match = re.match(r"(?:Count )?([A-Z][a-z]?)\.", given)
    return match[1] if match else None


def name_forms(entries: list[GlossaryEntry], definitions: list[str], aliases: list[dict]) -> list[NameForm]:
    """Every form that names a headword: surnames, terms, abbreviations, aliases."""
    candidates: dict[str, list[str]] = defaultdict(list)
    forms: list[NameForm] = []
    for entry, definition in zip(entries, definitions, strict=True):
        see = SEE_TARGET.search(definition)
        if see and definition.lstrip("– ").startswith("See"):
            forms.append(NameForm(entry.headword, (see["headword"],)))
        elif ", " in entry.headword:
            candidates[entry.headword.partition(", ")[0]].append(entry.headword)  # the surname
        else:
            for text in term_variants(entry.headword):
                candidates[text].append(entry.headword)
    for text, headwords in candidates.items():
        forms.append(NameForm(text, tuple(headwords)))
    for alias in aliases:
        forms.append(NameForm(alias["alias"], (alias["headword"],), tuple(alias.get("only_in", ())), curated=True))
    return forms


def term_variants(headword: str) -> list[str]:
    """'Kuomintang (KMT)' -> ['Kuomintang', 'KMT']; 'Kulak' -> ['Kulak', 'kulak']."""
    base, _, rest = headword.partition(" (")
    variants = [base]
    abbreviation = rest.rstrip(")")
    if abbreviation and re.fullmatch(r"[A-Z][A-Za-z]*[A-Z]s?", abbreviation):
        variants.append(abbreviation)
    if " " not in base and base.endswith("s") and len(base) > 4:
        variants.append(base[:-1])  # 'Bolsheviks' -> 'Bolshevik'
    if not base.isupper():
        variants += [v[0].lower() + v[1:] for v in list(variants) if not v.isupper()]
    return variants


def forms_pattern(forms: Iterable[NameForm]) -> re.Pattern[str]:
    """Every form in one pattern; the longest wins, so 'Kolya Balabolkin' over 'Balabolkin'."""
    alternation = prefix_tree_pattern({form.text for form in forms})
    return re.compile(rf"(?<![\w-]){INITIALS}(?P<name>{alternation})(?=(?:'s|’s|s|es)?(?![\w-]))")


def prefix_tree_pattern(texts: Iterable[str]) -> str:
    """An alternation of literal texts, factored by common prefixes ('Smi(?:lga|rnov)'),
    so that the regex engine tries a few first letters at each position, not every
    form; an optional longer ending is tried before the shorter form ends."""
    tree: dict[str, dict] = {}
    for text in texts:
        node = tree
        for char in text:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body
    return pattern(tree)


def headword_pages(headwords: Iterable[str], index: list[dict]) -> dict[str, set[int]]:
    """Pages the printed Index gives for each glossary headword."""
    pages: dict[str, set[int]] = {}
    headings = HeadingsByName(index)
    for headword in headwords:
        for entry in headings.naming(headword):
            pages.setdefault(headword, set()).update(index_pages(entry))
    return pages


class TermLinker:
    """Links the first mention of each glossary entry in a region of text."""

    def __init__(self, forms: list[NameForm], pages: dict[str, set[int]], report: LinkReport) -> None:
        self.forms: dict[str, list[NameForm]] = defaultdict(list)
        for form in forms:
            self.forms[form.text].append(form)
        self.pattern = forms_pattern(forms)
        self.pages = pages
        self.report = report

    def applicable(self, name: str, title: str) -> list[NameForm]:
        """The forms of `name` that apply in the selection titled `title`; an editor's alias wins
        over a surname the glossary leaves ambiguous ('Eltsin': B. or V.)."""
        options = [f for f in self.forms[name] if not f.only_in or title in f.only_in]
        return [f for f in options if f.curated] or options

    def resolve(self, match: re.Match[str], text: str, chapter: Chapter, line: int) -> str | None:
        title = chapter.selection.entry.title
        options = self.applicable(match["name"], title)
        headwords = sorted({h for form in options for h in form.headwords})
        if len(headwords) <= 1:
            return headwords[0] if headwords else None
        given = match["initials"] or ""
        preceding = GIVEN_NAME.search(text[: match.start()])
        if not given and preceding:
            given = preceding["given"]
        by_name = [h for h in headwords if given and (given_initial(h) or "\0") == given[: len(given_initial(h) or "")]]
        if len(by_name) == 1:
            return by_name[0]
        selection = chapter.selection
        span = set(range(selection.entry.page, (selection.last_page or selection.entry.page) + 1))
        by_index = [h for h in headwords if self.pages.get(h, set()) & span]
        if len(by_index) == 1:
            return by_index[0]
        self.report.unresolved.append(f"{title} (line {line}): "
                                      f"{match[0]!r} could be {', '.join(headwords)}")
        return None

    def link_region(self, blocks: list[Block], chapter: Chapter) -> list[Block]:
        seen: set[str] = set()
        linked = []
        for block in blocks:
            if heading_text(block) is not None:
                linked.append(block)
                continue
            linked.append(Block(block.line, self.link_text(block, chapter, seen)))
        return linked

    def link_text(self, block: Block, chapter: Chapter, seen: set[str]) -> str:
        text = block.text
        spans = protected_spans(text)
        parts, cursor = [], 0
        for match in self.pattern.finditer(text):
            if inside(match.start(), spans):
                continue
            headword = self.resolve(match, text, chapter, block.line + text.count("\n", 0, match.start()))
            if headword is None or headword in seen:
                continue
            seen.add(headword)
            self.report.terms_linked += 1
            if any(form.curated for form in self.applicable(match["name"], chapter.selection.entry.title)):
                self.report.aliases_linked[(match["name"], headword)] += 1
            shown = match[0]
            parts += [text[cursor: match.start()], f"{{term}}`{shown} <{headword}>`"]
            cursor = match.end()
        return "".join(parts) + text[cursor:]
