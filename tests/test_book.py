"""The whole book, end to end: counts and named places."""

import json
import re

import yaml

from tests.conftest import SOURCE, chapter, plain
from tools.core.build_data import CORRECTIONS
from tools.importer import repair
from tools.importer.pipeline import ImportResult, load_word_list


def front_matter(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


def test_counts(book: ImportResult) -> None:
    chapters = [name for name in book.files if name.startswith("chapters/")]
    assert len(chapters) == 51  # 3 front matter + 45 selections + 3 appendices
    assert book.counts["glossary_entries"] == 220
    assert book.counts["index_entries"] == 412  # 413 printed lines, one a "See also" continuation
    assert book.counts["footnotes"] == 28  # Appendix A's 26 notes and two of the author's


def test_file_names_in_book_order(book: ImportResult) -> None:
    chapters = sorted(name for name in book.files if name.startswith("chapters/"))
    assert chapters[0] == "chapters/01-about-the-author.md"
    assert chapters[3] == "chapters/04-appeal-of-the-deportees.md"
    assert chapters[47] == "chapters/48-message-on-arriving-in-constantinople.md"
    assert chapters[48] == "chapters/49-appendix-a-bukharin-kamenev-meeting.md"


def test_titles_follow_the_contents(book: ImportResult) -> None:
    text = chapter(book, "35-analogies-with-thermidor")
    assert "\n# Analogies with Thermidor\n" in text
    assert front_matter(text)["printed_title"] == "Analogy with Thermidor"
    errors = front_matter(chapter(book, "17-the-oppositions-errors"))
    assert (errors["title"], errors["printed_title"]) == (
        "The Opposition's errors—real and alleged", "The Opposition's errors— real and alleged")
    report = book.files["reports/import.txt"]
    assert "  line 949: \"The Opposition's errors— real and alleged\" -> \"The Opposition's errors—real" in report
    assert "\n# Pyatakov: a politically finished man\n" in chapter(book, "10-pyatakov")
    assert "\n# The July Plenum and the right danger\n" in chapter(book, "26-the-july-plenum")


def test_front_matter(book: ImportResult) -> None:
    fields = front_matter(chapter(book, "10-pyatakov"))
    assert fields["pages"] == "74–77" and fields["date"] == "March 17, 1928"
    assert fields["date_iso"] == "1928-03-17" and fields["kind"] == "letter"
    assert fields["addressee"] == "A.G. Ishchenko" and fields["addressee_place"] == "Kainsk"
    protest = front_matter(chapter(book, "47-protest"))
    assert protest["date_iso"] == "1929-02-07/1929-02-08"
    assert front_matter(chapter(book, "12-the-relation"))["date"] == "Early May 1928"
    assert front_matter(chapter(book, "02-preface"))["part"] == "front"


def test_every_dated_selection_has_apparatus(book: ImportResult) -> None:
    for name, text in book.files.items():
        if name.startswith("chapters/") and front_matter(text)["part"] != "front":
            assert ":::{container} dateline" in text, name
            assert ":::{container} source-note" in text, name


def test_headnote_and_source_note_are_apart_from_the_text(book: ImportResult) -> None:
    text = plain(chapter(book, "17-the-oppositions-errors"))
    headnote = text.split("::::{container} headnote\n")[1].split("\n::::\n")[0]
    assert headnote.startswith("A letter to Aleksandr Beloborodov in Ust-Kulom.")
    assert "Prince Svyatopolk-Mirsky" in headnote
    assert ":::{container} source-note\nBy permission of the Harvard College Library." in headnote
    assert text.split("\n::::\n")[1].lstrip().startswith("Dear Aleksandr Yegorovich:")


def source_note(text: str) -> str:
    return text.split(":::{container} source-note\n")[1].split("\n:::\n")[0]


def test_headnote_sentences_are_not_in_the_source_note(book: ImportResult) -> None:
    letters = plain(chapter(book, "05-problems"))
    assert source_note(letters) == "Translated from the Russian for this volume by Tom Twiss."
    assert "\n:::\n\nThe GPU intercepted these letters and published them" in letters
    alma_ata = plain(chapter(book, "15-conditions"))
    assert "\nProbably a circular letter.\n\n:::{container} source-note\nBy permission of" in alma_ata
    too = plain(chapter(book, "42-too-conciliatory"))
    assert source_note(too).startswith("By permission of the Harvard College Library.")
    assert 'A letter to one of the "intransigents" in the Opposition.\n\n:::{container}' in too
    message = plain(chapter(book, "48-message"))
    assert source_note(message) == "From *International Press Correspondence*, March 22, 1929."
    assert "the president of Turkey.\n\n:::{container} source-note" in message


def test_page_breaks_repaired(book: ImportResult) -> None:
    intro = chapter(book, "03-introduction")
    assert "An unknown number of Oppositionists maintained an underground existence" in intro
    assert "under the cover of supporting the “theory” of socialism" in intro
    assert "to one-twentieth of its present size" in intro
    # a word broken at a page break, emphasis round either part included ('*domes-*' / '*tic*')
    assert not re.search(r"[a-z]-\*{0,2}\n\n\*{0,2}[a-z]", "".join(book.files.values()))
    appeal = chapter(book, "04-appeal")
    assert "consolidate Soviet power in the past and who in the future" in appeal


def test_word_list_decides_what_the_book_cannot(book: ImportResult) -> None:
    joined = {(c.removed, c.added) for c in book.changes if c.rule == "hyphen-joined"}
    for split, word in (("in- adequately", "inadequately"), ("Decid- edly", "Decidedly"),
                        ("coex- istence", "coexistence")):
        assert (split, word) in joined


def test_every_curated_hyphenation_is_needed() -> None:
    """The editors decide only what neither the book nor the word list can."""
    text = SOURCE.read_text(encoding="utf-8")
    evidence = repair.Evidence(repair.word_counts(text), word_list=load_word_list())
    for entry in yaml.safe_load(open("tools/data/hyphenation.yaml", encoding="utf-8")):
        first, second = entry["word"].split("-", 1)
        assert repair.decide_hyphen(first, second, evidence) is None, entry["word"]


def test_paragraphs_cut_by_a_page_break_are_one_again(book: ImportResult) -> None:
    assert "promise given at the Fifteenth Congress are rude and disloyal" in chapter(book, "14-we-cannot")
    leading = plain(chapter(book, "29-who-is-leading"))
    assert "we will first of all name *Bela Kun*, without intending" in leading
    assert "and especially since 1923, you would end up" in leading
    crisis = plain(chapter(book, "40-crisis"))
    assert "under the name of communism (in Germany, in Czechoslovakia" in crisis
    assert "an article in *Pravda* by Ya. Yakovlev, a member of the presidium" in crisis
    assert book.words.rule_counts["paragraph-rejoined-by-decision"] == 1


def test_glossary(book: ImportResult) -> None:
    glossary = book.files["glossary/index.md"]
    assert "\nZinoviev, G.\n  (1883–1936) – Old Bolshevik CC member" in glossary
    assert "\nBonaparte, Napoleon I\n  (1769–1821) – Emperor of France" in glossary
    assert "\nVaganyan\n  See {term}`Ter-Vaganyan <Ter-Vaganyan, V.>`." in glossary  # no separator dash
    assert "\nLyova\n  See {term}`Sedov, L. <Sedov, L.>`" in glossary
    assert "equal to U.S.$5, or ten" in glossary and "\\$" not in glossary
    assert "Stalinist Leningrad party secretary" in glossary


def test_appendix_a_footnotes_and_headings(book: ImportResult) -> None:
    text = chapter(book, "49-appendix-a")
    assert "just in time for the plenum.[^1] I thought" in text
    assert all(f"\n[^{n}]: " in text for n in range(1, 27))
    assert "<sup>" not in text and "NOTES TO" not in text
    assert ("\n## II. KAMENEV'S ACCOUNT OF HIS CONVERSATION WITH SOKOLNIKOV\n\n"
            ":::{container} dateline\nWEDNESDAY, JULY 11, 9 A.M.\n:::\n") in text  # heading-dateline
    assert "\n### July 11, 6 p.m.\n" in text
    assert "[^24]: Pierre Sémard, leader of the French Communist Party" in text


def test_author_footnote_at_page_foot(book: ImportResult) -> None:
    text = chapter(book, "41-on-the-topics")
    assert "party legality is possible, even inevitable.[^asterisk-1]" in text
    assert "agreement\" with any section of the party in any place, on any particular matter" in text
    assert "\n[^asterisk-1]: It is necessary to note" in text


def test_errata_corrected_and_reported(book: ImportResult) -> None:
    # the reports and the corrections' data name each slip as printed: the text must not
    everything = "".join(text for name, text in book.files.items()
                         if not name.startswith("reports/") and name != CORRECTIONS)
    for slip in ("Tomsy", "Tomskey", "Kameney", "Séward", "(1928~29)"):
        assert slip not in everything
    errata = [change for change in book.changes if change.rule == "errata"]
    assert ("Tomskey", "Tomsky") in {(c.removed, c.added) for c in errata}
    assert len(errata) == len(yaml.safe_load(open("tools/data/errata.yaml", encoding="utf-8")))


def test_index_kept_as_data(book: ImportResult) -> None:
    entries = json.loads(book.files["glossary/printed-index.json"])
    alsky = next(e for e in entries if e["heading"] == "Alsky, M.")
    assert alsky["pages"] == ["40", "123"]
    stalin = next(e for e in entries if e["heading"] == "Stalin, J.")
    assert "256–63" in stalin["pages"]


def test_signatures_and_numbered_points_keep_their_shape(book: ImportResult) -> None:
    appeal = plain(chapter(book, "04-appeal"))
    assert "\n\nM. Alsky\n\nA. Beloborodov\n\n" in appeal
    assert "\n\n1. The GPU is banishing us" in appeal
    assert "Best wishes\\\n{term}`G. Sokolnikov <Sokolnikov, G.>`" in chapter(book, "49-appendix-a")


def test_closings_and_postscripts_are_not_joined(book: ImportResult) -> None:
    assert "\n\n*L. Trotsky*\n\np.s. Where would you like me" in plain(chapter(book, "13-letter-to-ryazanov"))
    assert "\n\n*Leon Trotsky*\n\np.s.—Have gone through" in plain(chapter(book, "20-the-methods"))
    assert "With anticapitulationist greetings,\\\n*L. Trotsky*\n\np.s.—I almost forgot" in plain(
        chapter(book, "46-reply-to-two"))
    assert "*Pravda*. With sincere greetings,\n\nYours,\\\nL.D. Trotsky" in plain(chapter(book, "30-remarks"))


def test_every_word_accounted_for(book: ImportResult) -> None:
    assert book.words.ok, book.words.summary()
    assert book.words.rule_counts["hyphen-joined"] == 62
    assert book.words.rule_counts["paragraph-split-at-source-note"] == 4  # chapters 5, 15, 42, 48
    assert book.words.rule_counts["paragraph-rejoined"] > 300
