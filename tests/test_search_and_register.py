"""Search and the register of letters, on the real book in Chromium: one result per
selection with passages from the text (never the theme's), names under other spellings, the
shareable address, the index after an incremental build; the register's filters, and no
horizontal scrolling at 390 px in the HTML and the EPUB; "print p." in the PDF."""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, Page

from tests.conftest import ROOT, SLUG, Built, sphinx_build
from tools.edition.finding.chronology import print_pages
from tools.edition.finding.search import INDEX_ENTRY, index_site

THEME_TEXT = re.compile(r"System Settings|Light|Dark|Ctrl|Cite this selection|Download the book|Mentioned in|¶|#$")
WIDTH = 390


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def search(browser: Browser, site: str, query: str) -> tuple[Page, list[dict]]:
    """The search page for `query`: its results, each {title, href, passages: [{text, href, marked}]}."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{site}/search.html?q={quote(query)}")
    page.wait_for_selector("#search-results[aria-busy=false]", state="attached")
    results = page.locator("#search-results > li").evaluate_all("""items => items.map(item => ({
        title: item.querySelector('.edition-search-title').textContent,
        href: item.querySelector('.edition-search-title a').getAttribute('href'),
        passages: [...item.querySelectorAll('.edition-search-passages a')].map(a => ({
            text: a.textContent, href: a.getAttribute('href'),
            marked: [...a.querySelectorAll('mark')].map(m => m.textContent)}))}))""")
    return page, results


@pytest.mark.parametrize(("query", "first"), [
    ("Bukharin", "Appendix A: Bukharin-Kamenev meeting"),
    ("Rakovsky", "Our correspondents"),
    ("Grigory", "To a few exiled friends"),  # an alias of Zinoviev in tools/data/aliases.yaml
    ('"cobwebs of reactionary scholasticism"', "The July Plenum and the right danger"),
])
def test_search_ranks_the_expected_selection_first(browser: Browser, site: str, query: str, first: str) -> None:
    page, results = search(browser, site, query)
    page.close()
    assert results and results[0]["title"] == first
    hrefs = [result["href"] for result in results]
    assert len(hrefs) == len(set(hrefs))  # one result per selection
    for result in results:
        assert result["passages"], result["title"]
        for passage in result["passages"]:
            assert passage["href"].startswith(result["href"] + "#")  # to the paragraph
            assert passage["marked"] and not THEME_TEXT.search(passage["text"]), passage


def test_search_finds_a_name_under_another_spelling(browser: Browser, site: str) -> None:
    for misspelt in ("Zinovev", "Zinovyev"):
        page, results = search(browser, site, misspelt)
        status = page.locator("#edition-search-status").inner_text()
        page.close()
        assert "Searched as: Zinoviev" in status and "Zinoviev, G." in status
        assert int(re.search(r"(\d+) pages", status)[1]) > 20 and len(results) == 15  # the first 15 shown
        assert any(mark.startswith("Zinoviev") for passage in results[0]["passages"] for mark in passage["marked"])


def test_one_result_per_selection_and_passages_lead_to_their_paragraph(browser: Browser, site: str) -> None:
    page, results = search(browser, site, "Bukharin")
    assert len(results) == len({r["href"] for r in results}) <= 51 + 4  # selections and glossary pages
    passage = results[0]["passages"][0]
    page.goto(f"{site}{passage['href']}")
    target = page.evaluate("(() => { const t = document.querySelector(':target'); "
                           "return t && [t.tagName, t.textContent]; })()")
    page.close()
    assert target is not None and target[0] in ("P", "DT", "H1", "H2", "H3", "SECTION")
    assert "Bukharin" in target[1] or "BUKHARIN" in target[1]


def test_search_address_is_shareable(browser: Browser, site: str) -> None:
    page = browser.new_page()
    page.goto(f"{site}/search.html")
    page.fill("#edition-search-field", "Sosnovsky")
    page.press("#edition-search-field", "Enter")
    page.wait_for_selector("#search-results[aria-busy=false] li")
    assert page.url.endswith("/search.html?q=Sosnovsky")
    first = page.locator("#search-results > li").first.inner_text()
    page.reload()
    page.wait_for_selector("#search-results[aria-busy=false] li")
    assert page.locator("#edition-search-field").input_value() == "Sosnovsky"
    assert page.locator("#search-results > li").first.inner_text() == first
    page.close()


def build_site(project: Path, out: Path, *only: Path) -> None:
    """Sphinx's HTML build of `project` into out/html (its doctrees in out/doctrees), then its search index,
    as `make book` runs them; with `only`, an incremental build that writes those pages alone."""
    status, printed = sphinx_build("-b", "html", "-d", out / "doctrees", "-W", "-n", "-q", project, out / "html", *only)
    assert status == 0, printed[-2000:]
    assert index_site(out / "html") == ""  # what `python -m tools search-index` runs: "" for no error


def indexed(html: Path) -> int:
    entry = json.loads((html / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    return entry["languages"]["en"]["page_count"]


def test_search_index_is_whole_after_an_incremental_build(browser: Browser, tmp_path: Path) -> None:
    """Sphinx writes one page again; Pagefind indexes the whole folder again (Sphinx's own index lost
    half its entries here). On tests/roots/test-search: three selections and a glossary are indexed,
    the contents page is not; "Bukharin" is in two selections and the glossary."""
    project = ROOT / "tests" / "roots" / "test-search"
    build_site(project, tmp_path / "whole")
    shutil.copytree(tmp_path / "whole", tmp_path / "again")
    build_site(project, tmp_path / "again", project / "chapters" / "02-to-a-comrade.md")
    assert indexed(tmp_path / "again" / "html") == indexed(tmp_path / "whole" / "html") == 3 + 1
    assert not list(tmp_path.rglob("searchindex.js"))
    found = {}
    for build in ("whole", "again"):
        with serve(tmp_path / build / "html") as site:
            page, results = search(browser, site, "Bukharin")
            page.close()
        found[build] = [result["href"] for result in results]
    assert found["again"] == found["whole"]
    assert sorted(found["whole"]) == ["/chapters/01-to-friends.html", "/chapters/02-to-a-comrade.html", "/glossary/"]


def test_the_search_index_step_indexes_again_only_when_a_page_is_newer_than_the_index(tmp_path: Path) -> None:
    build_site(ROOT / "tests" / "roots" / "test-search", tmp_path)
    site = tmp_path / "html"
    entry = site / "pagefind" / INDEX_ENTRY
    made = entry.stat().st_mtime_ns
    assert index_site(site) == "" and entry.stat().st_mtime_ns == made  # current: left as it is
    later = made + 10**9
    os.utime(site / "chapters" / "02-to-a-comrade.html", ns=(later, later))
    assert index_site(site) == "" and entry.stat().st_mtime_ns > made
    assert indexed(site) == 3 + 1


def test_the_search_index_step_without_a_built_site_says_what_to_do(tmp_path: Path) -> None:
    result = subprocess.run([ROOT / ".venv" / "bin" / "python", "-m", "tools", "search-index", tmp_path], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert f"error: {tmp_path} holds no built site" in result.stderr and "make html" in result.stderr
    assert "Traceback" not in result.stderr


def test_search_opened_as_a_file_says_how_to_serve_the_folder(browser: Browser, built: Built) -> None:
    page = browser.new_page()
    page.goto((built.html / "search.html").as_uri() + "?q=Bukharin")
    status = page.locator("#edition-search-status")
    status.filter(has_text="http.server").wait_for()
    assert status.locator("a", has_text="Index").get_attribute("href") == "genindex.html"
    page.close()


def test_search_page_loads_its_own_code_only(built: Built) -> None:
    chapter = (built.html / "chapters" / "04-appeal-of-the-deportees.html").read_text(encoding="utf-8")
    assert "pagefind.js" not in chapter and "edition-search.js" not in chapter
    assert "data-pagefind-body" in chapter
    contents = (built.html / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in contents  # the contents page is navigation, not text


# --- The register of letters -----------------------------------------------------------------

def test_print_pages_label() -> None:
    assert print_pages("474") == "print p. 474"
    assert print_pages("74–77") == "print pp. 74–77"


def register(browser: Browser, site: str, query: str = "", width: int = 1280) -> Page:
    page = browser.new_page(viewport={"width": width, "height": 844})
    page.goto(f"{site}/glossary/chronology.html{query}")
    page.wait_for_selector(".register-filters")
    return page


def shown_titles(page: Page) -> list[str]:
    return page.locator(".register-entry:visible .register-head a").all_inner_texts()


def test_register_narrows_by_correspondent_place_month_and_kind(browser: Browser, site: str) -> None:
    page = register(browser, site)
    total = page.locator(".register-entry").count()
    assert total >= 45 and len(shown_titles(page)) == total
    page.select_option("select[name=correspondent]", "I.N. Smirnov")
    assert shown_titles(page) == ["The international factor", "A pair of Sancho Panzas"]
    assert page.locator(".register-count").inner_text() == f"2 of {total} selections"
    assert page.url.endswith("?correspondent=I.N.+Smirnov")
    page.select_option("select[name=month]", "March 1928")
    assert shown_titles(page) == ["A pair of Sancho Panzas"]
    assert page.locator(".register-month:visible .register-month-title").all_inner_texts() == ["March 1928"]
    page.click(".register-filters button[type=reset]")
    page.select_option("select[name=place]", "Cherdyn")
    assert shown_titles(page) == ["Our correspondents"]
    page.select_option("select[name=place]", "")
    page.select_option("select[name=kind]", "circular letter")
    circular = shown_titles(page)
    assert 5 <= len(circular) < total
    page.close()
    shared = register(browser, site, "?kind=circular+letter")
    assert shown_titles(shared) == circular
    shared.close()


def test_register_without_javascript_is_whole(built: Built) -> None:
    html = (built.html / "glossary" / "chronology.html").read_text(encoding="utf-8")
    assert html.count('class="register-entry"') >= 45 and "print p. 474" in html and "(pp. 474)" not in html


def test_register_reads_at_390_px_in_html_and_epub(browser: Browser, site: str, built: Built, tmp_path: Path) -> None:
    page = register(browser, site, width=WIDTH)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= WIDTH
    page.close()
    with zipfile.ZipFile(built.epub) as epub:
        epub.extractall(tmp_path)
    (xhtml,) = tmp_path.rglob("chronology.xhtml")
    page = browser.new_page(viewport={"width": WIDTH, "height": 844})
    page.goto(xhtml.as_uri())
    assert page.locator(".register-entry").count() >= 45
    assert page.evaluate("document.scrollingElement.scrollWidth") <= WIDTH
    page.close()


def test_pdf_register_labels_print_pages(built: Built) -> None:
    text = (built.root / "latex" / f"{SLUG}.tex").read_text(encoding="utf-8")  # what the PDF is set from
    assert re.findall(r"\(print\s+p\.\s+(\d+)\)", text) == ["474"] and "(pp. 474)" not in text
    assert len(re.findall(r"\(print\s+pp\.", text)) >= 45
