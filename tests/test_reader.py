"""What a reader of the site meets, in headless Chromium: the chronology, glossary and footnote
previews, "Cite this selection", the letters' CMIF metadata, search, the 404 page, and an
accessibility audit (axe-core) of the site and the EPUB's documents."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from xml.etree import ElementTree

import pytest
from axe_playwright_python.sync_playwright import Axe
from docutils import nodes
from playwright.sync_api import Browser, Page, expect
from sphinx.testing.util import SphinxTestApp

from tests.conftest import BASEURL, ROOT, SELECTIONS, URL_PREFIX, Built, build_cleanly, edit
from tools.edition.finding.chronology import dated, month_of
from tools.edition.selections import selections

TEI = {"tei": "http://www.tei-c.org/ns/1.0"}


def cited(site: str) -> str:
    """The address a citation gives: the published site's where the book was built with one."""
    return BASEURL.rstrip("/") or site
TERM_LINK = "a[href*='glossary/index.html#term-']"


def open_page(browser: Browser, url: str) -> Page:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url)
    return page


# --- Chronology ------------------------------------------------------------------------------

def fake_env(metadata: dict[str, dict]) -> SimpleNamespace:
    return SimpleNamespace(metadata=metadata, titles={name: nodes.title("", name) for name in metadata})


def test_chronology_orders_by_date_then_book_order() -> None:
    env = fake_env({
        "chapters/02-b": {"part": "text", "date_iso": "1928-05-16", "date": "May 16, 1928"},
        "chapters/01-a": {"part": "text", "date_iso": "1928-05", "date": "May 1928"},
        "chapters/03-c": {"part": "text", "date_iso": "1928-05-16", "date": "May 16, 1928"},
        "chapters/00-front": {"part": "front"},
        "chapters/04-d": {"part": "appendix", "date_iso": "1929-02-07/1929-02-08", "kind": "circular-letter",
                          "addressee": '["A", "‘B’"]'},
        "glossary/index": {},
    })
    found = dated(env)
    assert [s.docname for s in found] == ["chapters/01-a", "chapters/02-b", "chapters/03-c", "chapters/04-d"]
    assert [month_of(s) for s in found] == ["May 1928"] * 3 + ["February 1929"]
    assert found[-1].addressees == ("A", "‘B’") and found[-1].kind == "circular letter"
    assert [s.docname for s in selections(env)][0] == "chapters/00-front"


def test_chronology_page_lists_every_dated_selection(built: Built) -> None:
    html = (built.html / "glossary" / "chronology.html").read_text(encoding="utf-8")
    page = html[html.index("<article"):html.index("</article>")]  # the article, not the sidebar
    dated_chapters = [path for path in (ROOT / "chapters").glob("*.md")
                      if "\ndate_iso:" in path.read_text(encoding="utf-8") and "\npart: front" not in
                      path.read_text(encoding="utf-8")]
    links = re.findall(r'<a class="reference internal" href="../chapters/([^"#]+)\.html"', page)
    assert len(links) == len(dated_chapters) == len(set(links)) >= 45
    months = re.findall(r'<p class="register-month-title rubric">(\w+ \d{4})</p>', page)
    assert months[0] == "January 1928" and months[-1] == "February 1929"
    assert "Reply to two conciliators" in page


def register_on(page: Path) -> list[tuple[str, ...]]:
    """The register of a built page, as a reader reads it: each month's heading, then each entry's
    head and details, markup taken away."""
    html = page.read_text(encoding="utf-8")
    found = re.findall(r'<p class="(register-month-title|register-head|register-details)[^"]*">(.*?)</p>', html, re.S)
    return [(kind.removeprefix("register-"), " ".join(re.sub(r"<[^>]+>", "", text).split())) for kind, text in found]


def test_register_is_made_from_the_front_matter_and_follows_its_changes(make_app: Callable[..., SphinxTestApp],
                                                                        rootdir: Path, tmp_path: Path) -> None:
    """tests/roots/test-selections: the preface (front matter) is no letter; a selection dated by its
    month alone stands at the head of the month; the circular names its author and two addressees.
    A date changed in a chapter moves the entry at the next (incremental) build."""
    project = tmp_path / "project"
    shutil.copytree(rootdir / "test-selections", project)
    first = one_build(make_app, project, tmp_path / "out")
    assert register_on(first.outdir / "chronology.html") == [
        ("month-title", "May 1928"),
        ("head", "May 1928 An article"), ("details", "article print p. 100"),
        ("head", "May 16, 1928 To Smirnov"),
        ("details", "letter To: I.N. Smirnov In: Moscow Written at: Alma-Ata print pp. 74–77"),
        ("month-title", "February 1929"),
        ("head", "February 7–8, 1929 A circular"),
        ("details", "circular letter From: G. Zinoviev To: L. Kamenev; K. Radek print p. 474")]
    circular = project / "chapters" / "03-a-circular.md"
    edit(circular, circular.read_text(encoding="utf-8").replace("February 7–8, 1929", "April 2, 1928")
         .replace("'1929-02-07/1929-02-08'", "'1928-04-02'"))
    again = one_build(make_app, project, tmp_path / "out")
    assert register_on(again.outdir / "chronology.html")[:2] == [("month-title", "April 1928"),
                                                                 ("head", "April 2, 1928 A circular")]


# --- Glossary and footnote previews ------------------------------------------------------------

def test_glossary_preview_on_hover_and_keyboard_focus(browser: Browser, site: str) -> None:
    page = open_page(browser, site + "/chapters/10-pyatakov-a-politically-finished-man.html")
    link = page.locator(f"article {TERM_LINK}:not(details *)", has_text="Pyatakov").first  # not in the closed note
    tip = page.locator("#edition-preview")
    assert tip.is_hidden()
    link.hover()
    assert tip.is_visible() and tip.inner_text().startswith("Pyatakov, Yu.\n(1890–1937)")
    assert link.get_attribute("aria-describedby") == "edition-preview"
    page.mouse.move(0, 0)
    assert tip.is_hidden()
    link.focus()  # keyboard users reach it by Tab: focus shows it, Escape hides it
    assert tip.is_visible()
    page.keyboard.press("Escape")
    assert tip.is_hidden()
    assert page.url.endswith("10-pyatakov-a-politically-finished-man.html")  # no navigation
    page.close()


def test_footnote_preview(browser: Browser, site: str) -> None:
    page = open_page(browser, site + "/chapters/49-appendix-a-bukharin-kamenev-meeting.html")
    page.locator("a.footnote-reference").first.hover()
    assert page.locator("#edition-preview").inner_text().startswith("Plenum of the Central Committee")
    page.close()


def test_previews_travel_with_the_page(built: Built) -> None:
    html = (built.html / "chapters" / "07-to-a-few-exiled-friends.html").read_text(encoding="utf-8")
    data = json.loads(html.split('<script type="application/json" id="edition-previews">')[1].split("</script>")[0])
    assert data["term-Zinoviev-G."]["name"] == "Zinoviev, G."  # set apart from the definition
    assert data["term-Zinoviev-G."]["text"].startswith("(1883–1936) – Old Bolshevik CC member")
    assert list(data) == sorted(data)  # the same output on every build
    assert "Mentioned in" not in data["term-Zinoviev-G."]["text"]


PREVIEWED = "chapters/01-to-friends"  # tests/roots/test-previews: links to two of its four entries


def previews_of(app: SphinxTestApp, docname: str) -> dict[str, str]:
    html = (app.outdir / f"{docname}.html").read_text(encoding="utf-8")
    return json.loads(html.split('<script type="application/json" id="edition-previews">')[1].split("</script>")[0])


def one_build(make_app: Callable[..., SphinxTestApp], project: Path, out: Path, parallel: int = 0) -> SphinxTestApp:
    """A build of `project` into `out`, done with: Sphinx's registries cleared for the next one."""
    app = build_cleanly(make_app("html", srcdir=project, builddir=out, parallel=parallel))
    app.cleanup()
    return app


def test_previews_survive_parallel_and_incremental_builds(make_app: Callable[..., SphinxTestApp],
                                                          rootdir: Path, tmp_path: Path) -> None:
    """The definitions are collected while the glossary is read: a parallel build (other processes
    read it) and an incremental one (the glossary not read again) give the same previews."""
    project = tmp_path / "project"
    shutil.copytree(rootdir / "test-previews", project)
    serial = one_build(make_app, project, tmp_path / "serial")
    assert previews_of(serial, PREVIEWED) == {
        # the term's name apart from its definition, which the preview sets on a line of its own
        "term-Kamenev-L.": {"name": "Kamenev, L.", "text": "(1883–1936) A Bolshevik leader. See also Zinoviev."},
        "term-Zinoviev-G.": {"name": "Zinoviev, G.", "text": "(1883–1936) A Bolshevik leader."}}
    assert previews_of(serial, "chapters/03-a-circular") == {}
    parallel = one_build(make_app, project, tmp_path / "parallel", parallel=2)
    page = f"{PREVIEWED}.html"
    assert (parallel.outdir / page).read_bytes() == (serial.outdir / page).read_bytes()
    chapter = project / f"{PREVIEWED}.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nA contributor’s new line.\n", encoding="utf-8")
    again = one_build(make_app, project, tmp_path / "parallel", parallel=2)
    assert "0 added, 1 changed, 0 removed" in again.status.getvalue()  # the glossary is not read again
    assert "A contributor’s new line." in (again.outdir / page).read_text(encoding="utf-8")
    assert previews_of(again, PREVIEWED) == previews_of(serial, PREVIEWED)


# --- Cite this selection, bibliographic data, CMIF -------------------------------------------

CLIPBOARD = """async () => {
  const [item] = await navigator.clipboard.read();
  const read = async (type) => item.types.includes(type) ? (await item.getType(type)).text() : null;
  return {html: await read("text/html"), text: await read("text/plain")};
}"""


def test_cite_this_selection_as_a_chicago_note_copied_with_its_italics(browser: Browser, site: str) -> None:
    """A letter (Chicago 14.111: writer to recipient, place, date; the book's author not repeated;
    the translator; the book's title in italics), copied as rich text and as plain text."""
    letter = "/chapters/08-pravda-sounds-the-alarm.html"
    page = open_page(browser, site + letter)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    assert "The Chicago Manual of Style, 17th edition" in page.locator(".edition-cite").inner_text()
    citation = page.locator("#edition-cite-text").inner_text()
    assert citation == ("Leon Trotsky to Lev Sosnovsky, Alma-Ata, March 5, 1928, “‘Pravda’ Sounds the Alarm,” trans. "
                        "Marilyn Vogt, in The Challenge of the Left Opposition (1928–29), ed. Naomi Allen (New York: "
                        f"Pathfinder Press, 1981), 61–68, {cited(site)}{letter}.")
    page.locator("button.edition-cite-copy").first.click()
    expect(page.locator("button.edition-cite-copy").first).to_have_text("Copied")
    copied = page.evaluate(CLIPBOARD)
    assert copied["text"] == citation
    assert "<i>The Challenge of the Left Opposition (1928–29)</i>" in copied["html"]
    assert "Leon Trotsky to Lev Sosnovsky" in copied["html"] and "<cite>" not in copied["html"]
    page.close()


def test_a_paragraph_is_cited_by_its_print_pages_and_a_headnote_paragraph_as_the_editors(
        browser: Browser, site: str) -> None:
    letter = "/chapters/08-pravda-sounds-the-alarm.html"
    page = open_page(browser, site + letter + "#p6")
    pages = dict(pair.split(":") for pair in page.locator(".edition-cite").get_attribute("data-pages").split())
    first, last = (int(page) for page in pages["p6"].split("–"))
    assert 61 <= first <= last <= 68 and last - first < 68 - 61  # within the letter's pages, narrower than them
    citation = page.locator("#edition-cite-text").inner_text()
    assert citation.endswith(f", {pages['p6']}, {cited(site)}{letter}#p6.") and citation.startswith("Leon Trotsky to")
    assert not page.locator("#edition-cite-headnote").is_visible()
    page.goto(site + letter + "#h2")
    headnote = page.locator("#edition-cite-headnote")
    expect(headnote).to_be_visible()
    assert headnote.inner_text().startswith("The editors, headnote to “‘Pravda’ Sounds the Alarm,” by Leon Trotsky, in")
    assert headnote.inner_text().endswith(f", {pages['h2']}, {cited(site)}{letter}#h2.")
    assert not page.locator("#edition-cite-text").is_visible()
    page.close()


def test_bibliographic_data_of_the_edition(built: Built) -> None:
    bib = (built.html / "cite" / "edition.bib").read_text(encoding="utf-8")
    assert bib.count("@incollection{") == SELECTIONS and bib.startswith("@book{challenge-1928-29,")
    items = json.loads((built.html / "cite" / "edition.json").read_text(encoding="utf-8"))
    assert len(items) == SELECTIONS
    pyatakov = next(item for item in items if item["id"] == "10-pyatakov-a-politically-finished-man")
    assert pyatakov["author"] == [{"family": "Trotsky", "given": "Leon"}] and pyatakov["page"] == "74–77"
    assert pyatakov["title"] == "Pyatakov: A Politically Finished Man"  # as the note gives it
    joint = next(item for item in items if item["id"] == "49-appendix-a-bukharin-kamenev-meeting")
    assert joint["author"] == [{"family": "Sokolnikov", "given": "G."}, {"family": "Kamenev", "given": "L."}]
    assert joint["title"] == "Bukharin-Kamenev Meeting" and joint["container-author"] == [
        {"family": "Trotsky", "given": "Leon"}]
    assert joint["translator"] == [{"literal": "George Saunders"}]
    entry = bib[bib.index("@incollection{49-appendix-a"):].split("\n}")[0]
    assert "author = {Sokolnikov, G. and Kamenev, L.}" in entry and "translator = {{George Saunders}}" in entry
    appeal = bib[bib.index("@incollection{04-appeal"):].split("\n}")[0]
    assert "author = {Trotsky, Leon and others}" in appeal  # "et al." in the note


def test_cmif_lists_the_letters(built: Built) -> None:
    tei = ElementTree.parse(built.html / "cmif.xml").getroot()
    letters = tei.findall(".//tei:correspDesc", TEI)
    assert 35 <= len(letters) <= SELECTIONS
    by_page = {letter.get("ref"): letter for letter in letters}
    pyatakov = by_page[BASEURL + "chapters/10-pyatakov-a-politically-finished-man.html"]
    sent, received = pyatakov.findall("tei:correspAction", TEI)
    assert sent.find("tei:persName", TEI).text == "Leon Trotsky"
    assert sent.find("tei:placeName", TEI).text == "Alma-Ata"
    assert sent.find("tei:date", TEI).get("when") == "1928-03-17"
    assert received.find("tei:persName", TEI).text == "A.G. Ishchenko"
    assert received.find("tei:placeName", TEI).text == "Kainsk"
    assert tei.find(".//tei:licence", TEI).get("target").startswith("https://creativecommons.org/")


# --- Search, 404, keyboard, accessibility ----------------------------------------------------

def test_search_finds_names(browser: Browser, site: str) -> None:
    page = open_page(browser, site + "/search.html?q=Preobrazhensky")
    page.wait_for_selector("#search-results li", timeout=15000)
    results = page.locator("#search-results li a").evaluate_all("links => links.map(a => a.href)")
    assert any("18-preobrazhenskys-proposal" in href for href in results)
    page.close()


def test_not_found_page(browser: Browser, site: str) -> None:
    page = browser.new_page()
    response = page.goto(site + "/404.html")
    assert response is not None and response.ok
    assert page.locator("article h1").inner_text() == "Page not found"
    assert page.locator("a", has_text="contents").get_attribute("href") == URL_PREFIX + "index.html"
    page.close()


def test_keyboard_reaches_the_text_first(browser: Browser, site: str) -> None:
    page = open_page(browser, site + "/chapters/04-appeal-of-the-deportees.html")
    page.keyboard.press("Tab")
    assert "skip" in page.evaluate("document.activeElement.textContent").lower()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")
    page.close()


SERIOUS = {"serious", "critical"}


@pytest.mark.parametrize("path", ["/index.html", "/chapters/04-appeal-of-the-deportees.html",
                                  "/glossary/index.html", "/glossary/chronology.html", "/glossary/map.html",
                                  "/glossary/timeline.html", "/glossary/correspondents.html",
                                  "/correspondents/i-n-smirnov.html"])
def test_no_serious_accessibility_violation_on_the_site(browser: Browser, site: str, path: str) -> None:
    page = open_page(browser, site + path)
    violations = Axe().run(page).response["violations"]
    page.close()
    assert [(v["id"], v["impact"], len(v["nodes"])) for v in violations if v["impact"] in SERIOUS] == []


# DAISY Ace (tests/test_ebook.py) runs axe on every document of the EPUB, but not these rules: the four
# it turns off (@daisy/ace-core's ace-axe.js; `bypass` among them is a serious one), and the one that
# this axe (4.12) has and Ace's (4.11) has not
RULES_ACE_DOES_NOT_RUN = ["bypass", "region", "page-has-heading-one", "landmark-complementary-is-top-level",
                          "aria-tab-name"]


def test_no_serious_accessibility_violation_in_the_epub(browser: Browser, built: Built, tmp_path: Path) -> None:
    """The rules Ace does not run, on the EPUB's documents of every kind (the rest Ace checks)."""
    with zipfile.ZipFile(built.epub) as epub:
        epub.extractall(tmp_path)
    found = []
    for name in ("index.xhtml", "chapters/04-appeal-of-the-deportees.xhtml",
                 "chapters/49-appendix-a-bukharin-kamenev-meeting.xhtml", "glossary/index.xhtml", "nav.xhtml",
                 "glossary/map.xhtml", "glossary/timeline.xhtml", "glossary/correspondents.xhtml",
                 "correspondents/i-n-smirnov.xhtml"):
        page = open_page(browser, (tmp_path / name).as_uri())
        violations = Axe().run(page, options={"runOnly": {"type": "rule", "values": RULES_ACE_DOES_NOT_RUN}})
        found += [(name, v["id"], v["impact"]) for v in violations.response["violations"] if v["impact"] in SERIOUS]
        page.close()
    assert found == []
