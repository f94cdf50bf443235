"""What a reader of the site meets, in headless Chromium: the chronology, glossary and footnote
previews, "Cite this selection", the letters' CMIF metadata, search, the 404 page, and an
accessibility audit (axe-core) of the site and the EPUB's documents."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from types import SimpleNamespace
from xml.etree import ElementTree

import pytest
from axe_playwright_python.sync_playwright import Axe
from docutils import nodes
from playwright.sync_api import Browser, Page

from tests.conftest import ROOT, SELECTIONS, Built
from tools.edition.finding.chronology import dated, month_of
from tools.edition.selections import selections

TEI = {"tei": "http://www.tei-c.org/ns/1.0"}
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


def test_previews_survive_parallel_and_incremental_builds(built: Built, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".venv", "_build", ".git", "*.pyc"))
    sphinx = [str(ROOT / ".venv/bin/sphinx-build"), "-b", "html", "-q", "-d", str(tmp_path / "doctrees"),
              str(project), str(tmp_path / "html")]
    subprocess.run([*sphinx, "-j", "2"], check=True, capture_output=True)
    name = "chapters/07-to-a-few-exiled-friends.html"
    assert (tmp_path / "html" / name).read_bytes() == (built.html / name).read_bytes()
    chapter = project / "chapters" / "07-to-a-few-exiled-friends.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nA contributor’s new line.\n", encoding="utf-8")
    subprocess.run(sphinx, check=True, capture_output=True)
    rewritten = (tmp_path / "html" / name).read_text(encoding="utf-8")
    assert "A contributor’s new line." in rewritten and '"term-Zinoviev-G."' in rewritten


# --- Cite this selection, bibliographic data, CMIF -------------------------------------------

def test_cite_this_selection(browser: Browser, site: str) -> None:
    page = open_page(browser, site + "/chapters/35-analogies-with-thermidor.html")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    citation = page.locator("#edition-cite-text").inner_text()
    assert citation.startswith("Leon Trotsky, “Analogies with Thermidor,” October 20, 1928, in Leon Trotsky, "
                               "The Challenge of the Left Opposition (1928–29), ed. Naomi Allen (New York: "
                               "Pathfinder Press, 1981), 338–339; digital edition, http://127.0.0.1:")
    assert citation.endswith("35-analogies-with-thermidor.html.")
    page.locator("button.edition-cite-copy").click()
    assert page.evaluate("navigator.clipboard.readText()") == citation
    page.close()


def test_bibliographic_data_of_the_edition(built: Built) -> None:
    bib = (built.html / "cite" / "edition.bib").read_text(encoding="utf-8")
    assert bib.count("@incollection{") == SELECTIONS and bib.startswith("@book{challenge-1928-29,")
    items = json.loads((built.html / "cite" / "edition.json").read_text(encoding="utf-8"))
    assert len(items) == SELECTIONS
    pyatakov = next(item for item in items if item["id"] == "10-pyatakov-a-politically-finished-man")
    assert pyatakov["author"] == [{"literal": "Leon Trotsky"}] and pyatakov["page"] == "74–77"


def test_cmif_lists_the_letters(built: Built) -> None:
    tei = ElementTree.parse(built.html / "cmif.xml").getroot()
    letters = tei.findall(".//tei:correspDesc", TEI)
    assert 35 <= len(letters) <= SELECTIONS
    by_page = {letter.get("ref"): letter for letter in letters}
    pyatakov = by_page["chapters/10-pyatakov-a-politically-finished-man.html"]
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
    assert page.locator("a", has_text="contents").get_attribute("href") == "/index.html"
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
                                  "/glossary/index.html", "/glossary/chronology.html"])
def test_no_serious_accessibility_violation_on_the_site(browser: Browser, site: str, path: str) -> None:
    page = open_page(browser, site + path)
    violations = Axe().run(page).response["violations"]
    page.close()
    assert [(v["id"], v["impact"], len(v["nodes"])) for v in violations if v["impact"] in SERIOUS] == []


def test_no_serious_accessibility_violation_in_the_epub(browser: Browser, built: Built, tmp_path: Path) -> None:
    with zipfile.ZipFile(built.epub) as epub:
        epub.extractall(tmp_path)
    found = []
    for name in ("index.xhtml", "chapters/04-appeal-of-the-deportees.xhtml",
                 "chapters/49-appendix-a-bukharin-kamenev-meeting.xhtml", "glossary/index.xhtml", "nav.xhtml"):
        page = open_page(browser, (tmp_path / name).as_uri())
        found += [(name, v["id"], v["impact"]) for v in Axe().run(page).response["violations"]
                  if v["impact"] in SERIOUS]
        page.close()
    assert found == []
