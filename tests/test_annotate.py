import pytest

from tools.core.errors import SourceError
from tools.importer import annotate, render
from tools.importer.model import Block, ContentsEntry, Selection


@pytest.mark.parametrize(("printed", "iso"), [
    ("*March 17, 1928*", "1928-03-17"),
    ("January 1928", "1928-01"),
    ("*Early May 1928*", "1928-05"),
    ("*Mid-May 1928*", "1928-05"),
    ("*February 7–8, 1929*", "1929-02-07/1929-02-08"),
])
def test_dates_as_printed_and_iso(printed: str, iso: str) -> None:
    assert annotate.parse_date(printed) == (printed.strip("*"), iso)


@pytest.mark.parametrize("text", ["Dear Friend:", "March 1928 was cold.", "*Trotsky*"])
def test_not_a_date(text: str) -> None:
    assert annotate.parse_date(text) is None


def selection(*texts: str, part: str = "text") -> Selection:
    return Selection(1, ContentsEntry("T", 1, 1), part, 1, "T",
                     [Block(n, t) for n, t in enumerate(texts, 2)])


def test_headnote_runs_to_the_source_note() -> None:
    chapter = annotate.split_apparatus(selection(
        "*May 9, 1928*", "Apparently a circular letter.", "More context.",
        "By permission of the Harvard College Library. Translated from the Russian.",
        "Dear Friend:", "Text."), "s.txt")
    assert chapter.dateline == "May 9, 1928"
    assert [b.text for b in chapter.headnote] == ["Apparently a circular letter.", "More context."]
    assert chapter.source_note.text.startswith("By permission")
    assert [b.text for b in chapter.body] == ["Dear Friend:", "Text."]


def test_front_matter_has_no_apparatus() -> None:
    chapter = annotate.split_apparatus(selection("Text.", part="front"), "s.txt")
    assert chapter.dateline is None and [b.text for b in chapter.body] == ["Text."]


@pytest.mark.parametrize(("text", "heading", "level"), [
    ("## I", "I", 2),
    ("#### IV. WHAT IS CENTRISM?", "IV. WHAT IS CENTRISM?", 2),
    ("## **B. The conciliatory tendency**", "B. The conciliatory tendency", 3),
    ("**A. The danger of Thermidor**", "A. The danger of Thermidor", 3),
    ("II. KAMENEV'S ACCOUNT OF HIS  \nCONVERSATION WITH SOKOLNIKOV  \nWEDNESDAY, JULY 11, 9 A.M.",
     "II. KAMENEV'S ACCOUNT OF HIS CONVERSATION WITH SOKOLNIKOV WEDNESDAY, JULY 11, 9 A.M.", 2),
    ("JULY 12, 11 A.M.", "JULY 12, 11 A.M.", 3),
    ("### **July 11, 6 p.m.**", "July 11, 6 p.m.", 3),
    ("## [KAMENEV'S ACCOUNT]", "[KAMENEV'S ACCOUNT]", 3),
    ("### FIRST LETTER", "FIRST LETTER", 2),
])
def test_headings_and_their_levels(text: str, heading: str, level: int) -> None:
    found = annotate.heading_text(Block(1, text))
    assert found == heading
    assert annotate.heading_level(found) == level


@pytest.mark.parametrize("text", ["MARCH 1981", "KAMENEV: Why haven't they?", "**Dear Sir,** text",
                                  "Best wishes  \nG. Sokolnikov"])
def test_not_headings(text: str) -> None:
    assert annotate.heading_text(Block(1, text)) is None


def test_appendix_notes_become_footnotes() -> None:
    blocks = [Block(1, "for the plenum.<sup>1</sup> And<sup>2</sup>"),
              Block(2, "## NOTES TO BUKHARIN-KAMENEV MEETING"),
              Block(3, "1. Plenum of the CC."), Block(4, "2. Both Kalinin and"), Block(5, "more.")]
    converted, changes = annotate.appendix_notes(blocks)
    assert [b.text for b in converted] == [
        "for the plenum.[^1] And[^2]", "[^1]: Plenum of the CC.", "[^2]: Both Kalinin and", "    more."]
    assert sorted(c.removed for c in changes) == ["1", "1", "2", "2", "NOTES TO BUKHARIN-KAMENEV MEETING"]


def test_dated_selection_without_source_note_is_an_error() -> None:
    with pytest.raises(SourceError, match="no source note") as error:
        annotate.split_apparatus(selection("*May 9, 1928*", "Dear Friend:", "Text."), "s.txt")
    assert (error.value.path, error.value.line) == ("s.txt", 2)


@pytest.mark.parametrize("part", ["text", "appendix"])
def test_unreadable_dateline_is_an_error(part: str) -> None:
    with pytest.raises(SourceError, match="no dateline recognised at the start of 'T'") as error:
        annotate.split_apparatus(selection("*Febuary 28, 1928*", "By permission of X.", "Text.", part=part), "s.txt")
    assert (error.value.path, error.value.line) == ("s.txt", 2)
    assert "undated" in error.value.hint and "selections.yaml" in error.value.hint


def test_selection_the_editors_mark_undated() -> None:
    chapter = annotate.split_apparatus(selection("Dear Friend:", "Text."), "s.txt", undated=True)
    assert chapter.dateline is None and [b.text for b in chapter.body] == ["Dear Friend:", "Text."]
    with pytest.raises(SourceError, match="marks it undated"):
        annotate.split_apparatus(selection("*May 9, 1928*", "By permission of X.", "Text."), "s.txt", undated=True)


def apparatus(*texts: str, note_ends: str | None = None) -> annotate.Chapter:
    return annotate.split_apparatus(selection("*May 9, 1928*", *texts, "Dear Friend:"), "s.txt", note_ends=note_ends)


@pytest.mark.parametrize(("paragraph", "headnote", "note"), [
    ("Probably a circular letter. By permission of the Harvard College Library. Translated by G. Saunders.",
     "Probably a circular letter.", "By permission of the Harvard College Library. Translated by G. Saunders."),
    ('A letter to one of the "intransigents." Translated from the Russian by Michael Sosa.',
     'A letter to one of the "intransigents."', "Translated from the Russian by Michael Sosa."),
    ("NOTE: A message to Mustafa Kemal. From *International Press Correspondence*, March 22, 1929.",
     "NOTE: A message to Mustafa Kemal.", "From *International Press Correspondence*, March 22, 1929."),
])
def test_source_note_starts_at_its_sentence(paragraph: str, headnote: str, note: str) -> None:
    chapter = apparatus("Context.", paragraph)
    assert [b.text for b in chapter.headnote] == ["Context.", headnote]
    assert chapter.source_note.text == note and chapter.source_note_at == 2
    assert " ".join(b.text for b in chapter.headnote[1:] + [chapter.source_note]) == paragraph
    assert [c.rule for c in chapter.changes] == ["paragraph-split-at-source-note"]


@pytest.mark.parametrize("text", ["Quoted from *Pravda*, which translated from the Russian.",
                                  "It was, by permission of nobody, printed."])
def test_source_phrases_inside_a_sentence_are_headnote(text: str) -> None:
    chapter = apparatus(text, "From the *Militant*, May 1929.")
    assert [b.text for b in chapter.headnote] == [text] and chapter.changes == []
    assert chapter.source_note.text == "From the *Militant*, May 1929."


def test_headnote_resumes_where_the_editors_end_the_source_note() -> None:
    paragraph = "Translated from the Russian by Tom Twiss. The GPU intercepted these letters."
    chapter = apparatus("Context.", paragraph, note_ends="by Tom Twiss.")
    assert [b.text for b in chapter.headnote] == ["Context.", "The GPU intercepted these letters."]
    assert chapter.source_note.text == "Translated from the Russian by Tom Twiss." and chapter.source_note_at == 1
    with pytest.raises(SourceError, match="does not contain 'by Tim Twiss.'") as error:
        apparatus("Context.", paragraph, note_ends="by Tim Twiss.")
    assert error.value.path == "s.txt" and "source_note_ends" in error.value.hint


def test_split_paragraph_renders_in_book_order_with_its_index_entries_once() -> None:
    chapter = apparatus("Translated for us by Tom Twiss. The GPU intercepted these letters.", note_ends="by Tom Twiss.")
    chapter.index_entries = {3: ["single: GPU"]}
    text = render.render_chapter(chapter, {})
    assert text.count("single: GPU") == 1
    assert text.index("Translated for us by Tom Twiss.") < text.index("single: GPU") < text.index("The GPU intercepted")
    assert ":::{container} source-note\nTranslated for us by Tom Twiss.\n:::\n\n```{index-entries}" in text


@pytest.mark.parametrize(("contents", "printed", "recorded"), [
    ("The errors—real and alleged", "The errors— real and alleged", "The errors— real and alleged"),
    ("Analogies with Thermidor", "Analogy with Thermidor", "Analogy with Thermidor"),
    ("Appendix A: A meeting", "A meeting", None),
    ("A letter", "A letter", None),
])
def test_a_heading_that_differs_from_the_contents_is_recorded_as_printed(contents: str, printed: str,
                                                                          recorded: str | None) -> None:
    chapter = annotate.Chapter(Selection(1, ContentsEntry(contents, 1, 1), "text", 1, printed, []))
    fields = render.chapter_fields(chapter, {})
    assert fields["title"] == contents and fields.get("printed_title") == recorded


@pytest.mark.parametrize(("text", "heading", "dateline"), [
    ("# I. LETTER FROM SOKOLNIKOV TO KAMENEV MOSCOW, JULY 9, 1928", "## I. LETTER FROM SOKOLNIKOV TO KAMENEV",
     "MOSCOW, JULY 9, 1928"),
    ("II. KAMENEV'S ACCOUNT OF HIS  \nCONVERSATION WITH SOKOLNIKOV  \nWEDNESDAY, JULY 11, 9 A.M.",
     "## II. KAMENEV'S ACCOUNT OF HIS CONVERSATION WITH SOKOLNIKOV", "WEDNESDAY, JULY 11, 9 A.M."),
    ("## IV. KAMENEV’S ADDITIONS TO THE ACCOUNT NIGHT OF JULY 11–12", "## IV. KAMENEV’S ADDITIONS TO THE ACCOUNT",
     "NIGHT OF JULY 11–12"),
])
def test_a_headings_place_and_date_become_its_dateline(text: str, heading: str, dateline: str) -> None:
    blocks, changes = annotate.heading_datelines([Block(7, text), Block(9, "Dear L.B.,")])
    assert [b.text for b in blocks] == [heading, f":::{{container}} dateline\n{dateline}\n:::", "Dear L.B.,"]
    assert [(c.rule, c.line) for c in changes] == [("heading-dateline", 7)]


def test_a_date_line_under_a_heading_is_its_dateline() -> None:
    blocks, _ = annotate.heading_datelines([Block(1, "## [KAMENEV'S ACCOUNT]"), Block(3, "JULY 12, 11 A.M.")])
    assert [b.text for b in blocks] == ["## [KAMENEV'S ACCOUNT]", ":::{container} dateline\nJULY 12, 11 A.M.\n:::"]


@pytest.mark.parametrize("text", [
    "### **July 11, 6 p.m.**",  # a heading in the text's own case: the account's time, kept as printed
    "III. KAMENEV'S ACCOUNT OF HIS CONVERSATION WITH BUKHARIN",  # no place or date
    "JULY 12, 11 A.M.",  # a date alone, not under a heading: left as it is
])
def test_headings_without_a_run_in_dateline_are_kept(text: str) -> None:
    blocks, changes = annotate.heading_datelines([Block(1, "Text."), Block(3, text)])
    assert [b.text for b in blocks] == ["Text.", text] and changes == []
