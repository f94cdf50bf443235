"""A reader in Chromium: each paragraph's "¶" link (hover, keyboard focus), "Cite this selection"
citing the paragraph in the address, and the previews of glossary entries and works cited on a
touch screen (a tap opens, a second tap or the onward link goes on, Escape or a tap elsewhere
closes) and with a mouse."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

RADEK = "/chapters/25-radeks-theses.html"
PYATAKOV = "/chapters/10-pyatakov-a-politically-finished-man.html"
TERM_LINK = "article a[href*='glossary/index.html#term-']"
WORK_LINK = "article a[href*='glossary/works-cited.html#cite-']"


def opacity(page: Page, selector: str) -> float:
    return float(page.locator(selector).evaluate("link => getComputedStyle(link).opacity"))


def test_paragraph_link_on_hover_and_focus_cites_the_paragraph(browser: Browser, site: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site + RADEK)
    links = page.locator("article a.edition-paragraph-link")
    assert links.count() == page.locator("article p[id^='p'], article p[id^='h'], article p[id^='s']").count() > 30
    link = "#p12 > a.edition-paragraph-link"
    assert page.locator(link).get_attribute("aria-label") == "Paragraph 12"
    assert page.locator("#h1 > a.edition-paragraph-link").get_attribute("aria-label") == "Editor’s note, paragraph 1"
    assert opacity(page, link) == 0
    page.locator("#p12").hover()
    assert opacity(page, link) == 1
    page.mouse.move(0, 0)
    page.locator("#p11 > a.edition-paragraph-link").focus()  # reached by Tab like any link:
    for _ in range(20):  # past the links in the text of paragraph 12, to its own
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.className") == "edition-paragraph-link":
            break
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#p12"
    assert opacity(page, link) == 1
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(RADEK + "#p12") + "$"))  # the address changes a moment later
    expect(page.locator("#edition-cite-text .edition-cite-url")).to_have_text(re.compile("#p12$"))  # on hashchange
    pages = dict(pair.split(":") for pair in page.locator(".edition-cite").get_attribute("data-pages").split())
    citation = page.locator("#edition-cite-text").inner_text()
    assert citation.startswith("Leon Trotsky, “Radek’s Theses,”")
    assert citation.endswith(f", {pages['p12']}, {site}{RADEK}#p12.")
    page.goto(site + RADEK + "#h2")  # the headnote's paragraphs are the editors'
    assert page.locator("#edition-cite-headnote").inner_text().startswith("The editors, headnote to “Radek’s Theses,”")
    page.goto(site + RADEK)
    assert page.locator("#edition-cite-text").inner_text().endswith(f", 195–205, {site}{RADEK}.")
    page.close()


def test_headnote_pointer_leads_to_its_paragraph(browser: Browser, site: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(site + RADEK)
    page.locator("details.headnote > summary").click()  # the editor's note, opened with a tap
    page.locator("a.text-pointer", has_text="point 6").click()
    expect(page).to_have_url(re.compile(r"#p7$"))
    box = page.locator("#p7").bounding_box()
    assert box is not None and 0 < box["y"] < 844  # in view, below the sticky header
    assert page.locator("#p7").inner_text().startswith("The characterization of Shvarts")
    page.close()


def test_works_cited_preview_on_hover(browser: Browser, site: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site + RADEK)
    page.locator("details.headnote > summary").click()  # the source note is in the editor's note
    page.locator(WORK_LINK, has_text="Militant").first.hover()
    tip = page.locator("#edition-preview")
    assert tip.is_visible() and tip.inner_text().startswith("The Militant.")
    assert tip.get_attribute("role") == "tooltip" and tip.locator("a").count() == 0
    page.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    yield context
    context.close()


def test_a_tap_opens_the_preview_and_a_second_tap_the_entry(phone: BrowserContext, site: str) -> None:
    page = phone.new_page()
    page.goto(site + PYATAKOV)
    term = page.locator(f"{TERM_LINK}:not(details *)", has_text="Pyatakov").first  # not in the closed note
    tip = page.locator("#edition-preview")
    term.tap()
    assert tip.is_visible() and tip.inner_text().startswith("Pyatakov, Yu.\n(1890–1937)")
    assert page.url.endswith(PYATAKOV)  # the reader stays in the letter
    onward = tip.locator("a.edition-preview-onward")
    assert onward.inner_text() == "Go to the entry" and onward.get_attribute("href").endswith("#term-Pyatakov-Yu.")
    page.locator("article h1").tap()  # a tap elsewhere closes it
    assert tip.is_hidden()
    term.tap()
    assert tip.is_visible()
    page.keyboard.press("Escape")
    assert tip.is_hidden()
    term.tap()
    term.tap()  # the second tap on the same words goes to the entry
    page.wait_for_url("**/glossary/index.html#term-Pyatakov-Yu.")
    page.close()


def test_a_tap_on_a_work_cited_and_the_onward_link(phone: BrowserContext, site: str) -> None:
    page = phone.new_page()
    page.goto(site + RADEK)
    page.locator("details.headnote > summary").tap()  # the source note is in the editor's note
    page.locator(WORK_LINK, has_text="Militant").first.tap()
    tip = page.locator("#edition-preview")
    assert tip.inner_text().startswith("The Militant.") and page.url.endswith(RADEK)
    tip.locator("a.edition-preview-onward").tap()
    page.wait_for_url("**/glossary/works-cited.html#cite-periodical-the-militant")  # periodicals: their own list
    page.close()


def test_a_tap_on_a_footnote_mark(phone: BrowserContext, site: str) -> None:
    page = phone.new_page()
    page.goto(site + "/chapters/49-appendix-a-bukharin-kamenev-meeting.html")
    page.locator("a.footnote-reference").first.tap()
    tip = page.locator("#edition-preview")
    assert tip.inner_text().startswith("Plenum of the Central Committee")
    assert tip.locator("a.edition-preview-onward").inner_text() == "Go to the note"
    page.close()
