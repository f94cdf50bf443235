"""Pass 5, link: cross-references written into the Markdown.

Text -> glossary ({term}, first mention per headnote and per text), letter ->
letter ({doc}), works cited (links to the bibliography) and the printed Index
as Sphinx index entries at the paragraph where each term occurs. Links are
markup only: not a word of the text changes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import accumulate

from docutils.utils.smartquotes import smartyPants

from .annotate import MONTHS, Chapter, heading_text
from .glossary import GlossaryEntry
from .model import Block, SourceError
from .segment import normalize_title

# Markup already in a paragraph: roles, links, footnote references.
PROTECTED = re.compile(r"\{[\w:]+\}`[^`]*`|\[[^\]]*\]\([^)]*\)|\[\^[^\]]+\]")
SEE_TARGET = re.compile(r"See \{term\}`[^`<]*<(?P<headword>[^>]+)>`")
INITIALS = r"(?P<initials>(?:[A-Z][a-z]?\.\s?)+)?"
# 'Vladimir Smirnov', 'Leon (Lyova) Sedov': the given name before a surname.
GIVEN_NAME = re.compile(r"(?P<given>[A-Z][a-z]+)\s(?:\([^)]*\)\s)?$")
DATED_LETTER = re.compile(rf"(?P<month>{'|'.join(MONTHS)}) (?P<day>\d{{1,2}})(?:, (?P<year>\d{{4}}))? letter")
# A title in quotes starts and ends with a letter: 'center" [see "Declaration'
# must not pair the closing quote before "[see" with the opening one after it.
QUOTED_TITLE = re.compile(r"(?P<open>[“\"])(?P<title>[^\s”\"][^”\"\n]{2,98}?[^\s,.”\"])(?P<close>[,.]?[”\"])")
PAGE_RANGE = re.compile(r"^(?P<first>\d+)(?:[–-](?P<last>\d+))?$")


@dataclass(frozen=True)
class NameForm:
    """Words in the text that may name a glossary entry."""

    text: str
    headwords: tuple[str, ...]
    only_in: tuple[str, ...] = ()


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
    unresolved: list[str] = field(default_factory=list)
    index_entries: int = 0
    index_fallbacks: list[str] = field(default_factory=list)
    volume_references: list[VolumeReference] = field(default_factory=list)
    letters_linked: int = 0
    works_linked: int = 0
    unmatched_cross_references: list[str] = field(default_factory=list)


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
        forms.append(NameForm(alias["alias"], (alias["headword"],), tuple(alias.get("only_in", ()))))
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


def protected_spans(text: str) -> list[tuple[int, int]]:
    if "`" not in text and "[" not in text:
        return []
    return [match.span() for match in PROTECTED.finditer(text)]


def inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def expand_pages(token: str) -> list[int]:
    """'115–16' -> [115, 116]; '519g' (a Glossary page) -> []."""
    match = PAGE_RANGE.match(token)
    if not match:
        return []
    first = int(match["first"])
    if not match["last"]:
        return [first]
    tail = match["last"]
    last = int(str(first)[: len(str(first)) - len(tail)] + tail)
    return list(range(first, last + 1))


def index_pages(entry: dict) -> set[int]:
    tokens = entry["pages"] + [page for sub in entry["subentries"] for page in sub["pages"]]
    return {page for token in tokens for page in expand_pages(token)}


def names_heading(headword: str, heading: str) -> bool:
    """Does an Index heading name the glossary headword? 'Smirnov, I.' ~ 'Smirnov, I.N.',
    'Sedov, S.' ~ 'Sedov, S. (Seryozha)', but not 'Smirnov, A.' or 'Bolsheviks' ~ 'Bolshevik Party'."""
    stem = headword.rstrip(".")
    return heading == headword or (heading.startswith(stem) and not heading[len(stem):][:1].isalpha())


class HeadingsByName:
    """The Index entries, looked up by the glossary headword they name."""

    def __init__(self, index: list[dict]) -> None:
        self.by_start: dict[str, list[dict]] = defaultdict(list)  # first two letters -> entries
        for entry in index:
            self.by_start[entry["heading"][:2]].append(entry)

    def naming(self, headword: str) -> list[dict]:
        return [entry for entry in self.by_start.get(headword[:2], ()) if names_heading(headword, entry["heading"])]


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

    def resolve(self, match: re.Match[str], text: str, chapter: Chapter, line: int) -> str | None:
        title = chapter.selection.entry.title
        options = [f for f in self.forms[match["name"]] if not f.only_in or title in f.only_in]
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
            shown = match[0]
            parts += [text[cursor: match.start()], f"{{term}}`{shown} <{headword}>`"]
            cursor = match.end()
        return "".join(parts) + text[cursor:]


# An italic span: '*My Life.*', not '**bold**'.
ITALIC = re.compile(r"(?<![*\w])\*(?![\s*])(?P<title>[^*]+?)(?<![\s*])\*(?![*\w])")
WORK_FORM = re.compile(r"(?P<before>[^*]*)\*(?P<title>[^*]+)\*(?P<after>[^*]*)")
WORKS_DATA = "tools/data/works.yaml"


@dataclass(frozen=True)
class WorkForm:
    """'Lenin's *Collected Works*': the italic title and the words around it."""

    key: str
    before: str
    after: str


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


@dataclass
class LetterIndex:
    """Titles and dates of the selections, for references between them."""

    titles: dict[str, str]  # normalized title -> file stem
    dates: dict[tuple[str, str], list[str]]  # (month, day) -> file stems


def title_key(title: str) -> str:
    """A title as looked up: 'Preobrazhensky's Proposal' ~ 'Preobrazhensky’s proposal'."""
    return normalize_title(title).replace("'", "")


def letter_index(chapters: list[tuple[Chapter, str]]) -> LetterIndex:
    titles, dates = {}, defaultdict(list)
    for chapter, stem in chapters:
        selection = chapter.selection
        for title in (selection.entry.title, selection.printed_title):
            titles[title_key(title)] = stem
            # 'Problems of the International Opposition (two letters)' is cited without its qualifier
            titles[title_key(re.sub(r" \([^)]*\)$", "", title))] = stem
        match = re.match(rf"({'|'.join(MONTHS)}) (\d{{1,2}}),", chapter.dateline or "")
        if match:
            dates[(match[1], match[2])].append(stem)
    return LetterIndex(titles, dates)


def link_letters(text: str, letters: LetterIndex, own: str, report: LinkReport) -> str:
    """Quoted titles and 'May 26 letter' references to selections become {doc} links."""
    def quoted(match: re.Match[str]) -> str:
        stem = letters.titles.get(title_key(match["title"]))
        if stem is None or stem == own or inside(match.start(), spans):
            return match[0]
        report.letters_linked += 1
        return f"{match['open']}{{doc}}`{match['title']} <{stem}>`{match['close']}"

    def dated(match: re.Match[str]) -> str:
        stems = [s for s in letters.dates.get((match["month"], match["day"]), []) if s != own]
        if len(stems) != 1 or inside(match.start(), spans):
            return match[0]
        report.letters_linked += 1
        return f"{{doc}}`{match[0]} <{stems[0]}>`"

    if "\"" in text or "“" in text:
        spans = protected_spans(text)
        text = QUOTED_TITLE.sub(quoted, text)
    if " letter" in text:
        spans = protected_spans(text)
        text = DATED_LETTER.sub(dated, text)
    return text


# 'next in this volume', '[see appendix to this volume]', 'elsewhere in this book';
# not 'Translated for this volume' or 'the contents of this volume'.
VOLUME_REFERENCE = re.compile(r"\b(?:in|to|at the end of) this (?:volume|book)\b")
VOLUME_DATA = "tools/data/volume_references.yaml"
SENTENCE_END = re.compile(r"(?<=[.!?])\s(?=[A-Z“\"(])")


@dataclass(frozen=True)
class CuratedReference:
    """A reference to 'this volume' that only an editor can resolve (volume_references.yaml)."""

    words: str
    target: str | None  # file stem of the selection meant; None where it means none
    reason: str


def curated_references(data: list[dict], letters: LetterIndex) -> dict[str, list[CuratedReference]]:
    """The curated references by the Contents title of the selection they stand in."""
    references: dict[str, list[CuratedReference]] = defaultdict(list)
    for entry in data:
        target = entry["target"] and letters.titles.get(title_key(entry["target"]))
        if entry["target"] and target is None:
            raise SourceError(VOLUME_DATA, None, f"no selection is titled {entry['target']!r}",
                              "give the target's title as the Contents prints it")
        references[entry["in"]].append(CuratedReference(entry["words"], target, entry["reason"]))
    return references


def map_paragraphs(chapter: Chapter, function: Callable[[Block], Block]) -> None:
    """Apply `function` to every paragraph (not heading) of headnote, source note and text."""
    def apply(block: Block) -> Block:
        return block if heading_text(block) is not None else function(block)
    chapter.headnote = [apply(b) for b in chapter.headnote]
    chapter.source_note = chapter.source_note and apply(chapter.source_note)
    chapter.body = [apply(b) for b in chapter.body]


def chapter_blocks(chapter: Chapter) -> list[Block]:
    """Headnote, source note and text, in order."""
    return chapter.headnote + ([chapter.source_note] if chapter.source_note else []) + chapter.body


def link_curated_references(chapter: Chapter, references: list[CuratedReference], report: LinkReport) -> None:
    """Each reference's words, which occur once in the selection, link to the selection meant."""
    title = chapter.selection.entry.title
    for reference in references:
        found = sum(block.text.count(reference.words) for block in chapter_blocks(chapter))
        if found != 1:
            raise SourceError(VOLUME_DATA, None, f"{reference.words!r} occurs {found} times in {title!r}",
                              "give words that occur exactly once in the selection")
        if reference.target:
            report.letters_linked += 1
            link = f"{{doc}}`{reference.words} <{reference.target}>`"
            map_paragraphs(chapter, lambda b, r=reference, link=link: Block(b.line, b.text.replace(r.words, link)))


def volume_references(chapter: Chapter, references: list[CuratedReference], report: LinkReport) -> None:
    """Record every reference to 'this volume', whether its sentence links a selection, and
    why not where an editor has said."""
    for block in chapter_blocks(chapter):
        if "this volume" not in block.text and "this book" not in block.text:
            continue
        for match in VOLUME_REFERENCE.finditer(block.text):
            before = SENTENCE_END.split(block.text[max(0, match.start() - 250): match.start()])[-1]
            after = SENTENCE_END.split(block.text[match.end(): match.end() + 250])[0]
            sentence = before + match[0] + after  # 'elsewhere in this book ("{doc}`Marxism ...`")'
            linked = "{doc}`" in sentence
            reason = next((r.reason for r in references if not linked and r.words in sentence), "")
            shown = (before + match[0])[-100:] + after[:80]
            report.volume_references.append(
                VolumeReference(chapter.selection.entry.title, block.line, shown, linked, reason))


EMPHASIS_MARK = re.compile(r"(?<![\w*])\*{1,2}(?=\S)|(?<=\S)\*{1,2}(?![\w*])")
YEAR = re.compile(r"\b1[89]\d\d\b")
STOPWORDS = frozenset("the and for with from into over under between case question party".split())


def word_stems(text: str) -> list[str]:
    """The main words, cut to a stem: 'bureaucratic' finds 'bureaucracy', 'Kulaks' finds 'kulak'."""
    return [w.removesuffix("s")[:7] for w in re.findall(r"[A-Za-z][\w-]{3,}", text) if w.lower() not in STOPWORDS]


def index_keys(heading: str, label: str = "", aliases: Iterable[str] = ()) -> list[str]:
    """Words to look for, best first: a sub-entry's own words, then a surname or the
    heading, its parentheticals and other names, then the heading's main words.

    'Sedov, S. (Seryozha)' -> ['Sedov', 'Seryozha']; 'AUCP (All-Union Communist Party)'
    -> ['AUCP', 'All-Union Communist Party', ...]; ('Trotsky, L.', 'health of') ->
    ['health', 'Trotsky'].
    """
    bare = re.sub(r"\s*\([^)]*\)", "", heading).strip("“”\"' ,")
    names = [*re.findall(r"\(([^)]+)\)", heading), *aliases]
    if re.search(r", (?:Count )?[A-Z][a-z]?\.", bare):
        keys = [bare.partition(", ")[0], *names]
    else:  # a year the heading names is its most telling word: '1905 revolution' is where '1905' is
        keys = [bare, *names, *YEAR.findall(bare), *word_stems(bare)]
    return list(dict.fromkeys(word_stems(label) + keys))


def heading_aliases(index: list[dict], forms: list[NameForm]) -> dict[str, list[str]]:
    """Other names of Index headings, to find them in the text: the Index's own 'See'
    entries ('Natalya. See Sedova, N.', 'England. See Britain') and the glossary's and
    curated aliases of the same person or term ('Syrtsov' for 'Syrtssov, S.')."""
    aliases: dict[str, list[str]] = defaultdict(list)
    headings = heading_keys(index)
    for entry in index:
        for target in entry["see"]:
            found = find_heading(target, headings)
            if found:
                aliases[found].append(entry["heading"])
    by_name = HeadingsByName(index)
    for form in forms:
        if len(form.headwords) == 1 and not form.only_in:
            for entry in by_name.naming(form.headwords[0]):
                aliases[entry["heading"]].append(form.text)
    return aliases


@dataclass
class Paragraphs:
    """A selection's paragraphs with their estimated pages, searched once per key."""

    chapter: Chapter
    blocks: list[tuple[Block, float]]
    found: dict[str, list[tuple[Block, float]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.paragraphs = [(b, start) for b, start in self.blocks if heading_text(b) is None]
        texts = [b.text.lower() for b, _ in self.paragraphs]
        self.text = "\n".join(texts)  # searched as one string; `ends` says which paragraph a hit is in
        self.ends = list(accumulate(len(text) + 1 for text in texts))

    def containing(self, key: str) -> list[tuple[Block, float]]:
        """The paragraphs in which `key` starts a word (case ignored)."""
        if key not in self.found:
            needle, hits = key.lower(), []
            position = self.text.find(needle)
            while position >= 0:
                if position == 0 or not self.text[position - 1].isalnum():
                    hits.append(number := bisect_right(self.ends, position))
                    position = self.ends[number] - 1  # on to the next paragraph
                position = self.text.find(needle, position + 1)
            self.found[key] = [self.paragraphs[number] for number in hits]
        return self.found[key]

    def nearest(self, keys: list[str], page: int) -> int | None:
        """Line of the paragraph nearest `page` that contains the first key found."""
        for key in keys:
            candidates = self.containing(key)
            if candidates:
                return min(candidates, key=lambda item: abs(item[1] - page - 0.5))[0].line
        return None


def index_text(text: str) -> str:
    """An Index heading as a Sphinx index entry, which is plain text that Sphinx does not
    typeset: '*Krokodil*' -> 'Krokodil', '"Master"' -> '“Master”' (curled as in the text)."""
    return smartyPants(EMPHASIS_MARK.sub("", text), "q", "en")


def place_index_entries(chapters: list[Chapter], index: list[dict], aliases: dict[str, list[str]],
                        report: LinkReport) -> dict[int, dict[int, list[str]]]:
    """Sphinx index entries per selection number, per paragraph (by source line).

    Page references choose the selection; the words of the heading (or another name
    of it, from `aliases`) choose the paragraph, the one nearest the page within the
    selection.
    """
    by_page: dict[int, Paragraphs] = {}
    for chapter in chapters:
        selection = chapter.selection
        found = Paragraphs(chapter, paragraphs(chapter))
        for page in range(selection.entry.page, (selection.last_page or selection.entry.page) + 1):
            by_page[page] = found
    placed: dict[int, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for entry in index:
        heading = index_text(entry["heading"])
        targets = [(f"single: {heading}", entry["pages"], "")]
        targets += [(f"single: {heading}; {index_text(sub['label'])}", sub["pages"], sub["label"])
                    for sub in entry["subentries"]]
        for sphinx_entry, tokens, label in targets:
            keys = index_keys(entry["heading"], label, aliases.get(entry["heading"], ()))
            for found, page in pages_in_selections(tokens, by_page):
                line = found.nearest(keys, page)
                title = found.chapter.selection.entry.title
                if line is None:
                    line = found.blocks[0][0].line
                    printed = f"{entry['heading']}; {label}" if label else entry["heading"]
                    report.index_fallbacks.append(f"{printed!r} (p. {page}) in {title!r}")
                entries = placed[found.chapter.selection.number][line]
                if sphinx_entry not in entries:
                    entries.append(sphinx_entry)
                    report.index_entries += 1
    return placed


def pages_in_selections(tokens: list[str], by_page: dict[int, Paragraphs]) -> list[tuple[Paragraphs, int]]:
    """(selection, first page referenced in it) for each selection a page list touches."""
    found: dict[int, tuple[Paragraphs, int]] = {}
    for token in tokens:
        for page in expand_pages(token):
            paragraphs_found = by_page.get(page)
            if paragraphs_found is not None:
                found.setdefault(paragraphs_found.chapter.selection.number, (paragraphs_found, page))
    return list(found.values())


def paragraphs(chapter: Chapter) -> list[tuple[Block, float]]:
    """Paragraphs of a selection with the page each is estimated to start on."""
    blocks = chapter_blocks(chapter)
    total = sum(len(block.text) for block in blocks) or 1
    selection = chapter.selection
    pages = (selection.last_page or selection.entry.page) - selection.entry.page + 1
    result, offset = [], 0
    for block in blocks:
        result.append((block, selection.entry.page + pages * offset / total))
        offset += len(block.text)
    return result


def link_book(chapters: list[tuple[Chapter, str]], entries: list[GlossaryEntry], definitions: list[str],
              index: list[dict], aliases: list[dict], works: Works, volume: list[dict]) -> LinkReport:
    """Write every cross-reference into the chapters' blocks (in place)."""
    report = LinkReport()
    letters = letter_index(chapters)
    forms = name_forms(entries, definitions, aliases)
    linker = TermLinker(forms, headword_pages([e.headword for e in entries], index), report)
    curated = curated_references(volume, letters)
    unknown = set(curated) - {chapter.selection.entry.title for chapter, _ in chapters}
    if unknown:
        raise SourceError(VOLUME_DATA, None, f"no selection is titled {sorted(unknown)}",
                          "give the selection's title as the Contents prints it")

    for chapter, stem in chapters:
        references = curated.get(chapter.selection.entry.title, [])
        map_paragraphs(chapter, lambda b, own=stem: Block(
            b.line, link_letters(works.link(b.text, report), letters, own, report)))
        link_curated_references(chapter, references, report)
        apparatus = linker.link_region(chapter.headnote + ([chapter.source_note] if chapter.source_note else []),
                                       chapter)
        chapter.headnote = apparatus[: len(chapter.headnote)]
        chapter.source_note = apparatus[len(chapter.headnote)] if chapter.source_note else None
        chapter.body = linker.link_region(chapter.body, chapter)
        volume_references(chapter, references, report)
    placed = place_index_entries([chapter for chapter, _ in chapters], index, heading_aliases(index, forms), report)
    for chapter, _ in chapters:
        chapter.index_entries = dict(placed.get(chapter.selection.number, {}))
    return report


def heading_key(text: str) -> str:
    return re.sub(r"[“”‘’\"',]|\s*\([^)]*\)", "", text).strip().lower()


def heading_keys(index: list[dict]) -> dict[str, str]:
    return {heading_key(entry["heading"]): entry["heading"] for entry in index}


def find_heading(target: str, headings: dict[str, str]) -> str | None:
    """The Index heading a 'See' target names: 'Stalin' is 'Stalin, J.', 'ECCI' is
    'ECCI (Executive Committee ...)'."""
    key = heading_key(target)
    return headings.get(key) or next(
        (h for k, h in headings.items() if k.startswith(key + " ") or k.startswith(key + ".")), None)


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
