"""The three formats, built as the README says (`make book`) and checked as a reader meets them:
the EPUB with epubcheck and its accessibility metadata, the PDF's pages, outline and LaTeX log,
the HTML site in headless Chromium, the typography of all of them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pymupdf
import pytest
import yaml
from docutils.utils.smartquotes import smartyPants
from playwright.sync_api import Browser
from pypdf import PdfReader
from sphinx.testing.util import SphinxTestApp

from tests.conftest import EPUB_NS, OPF, ROOT, SELECTIONS, SLUG, XHTML_NS, XML_LANG, Built, epubcheck, footnotes_of
from tools.check.typography import check_paths
from tools.core.errors import Stopped

# --- EPUB ------------------------------------------------------------------------------------

def test_epubcheck_finds_nothing(epubcheck_report: dict) -> None:
    assert epubcheck_report["checker"]["checkerVersion"].startswith("5.")
    messages = [f"{m['severity']} {m['ID']}: {m['message']}" for m in epubcheck_report["messages"]]
    assert messages == []


SMALL_EPUB = "Atestbook.epub"  # tests/roots/test-epub: its project name, as Sphinx names the file


def small_epub(out: Path, hash_seed: str) -> Path:
    """The EPUB of the small test root (front matter, a letter with a note, a glossary), built in a
    fresh process as `make book` builds the book's; `hash_seed` changes the order of Python's sets."""
    command = [str(ROOT / ".venv/bin/sphinx-build"), "-b", "epub", "-W", "--keep-going", "-n", "-q",
               "-d", str(out / "doctrees"), str(ROOT / "tests" / "roots" / "test-epub"), str(out / "epub")]
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": hash_seed})
    assert result.returncode == 0, result.stderr
    return out / "epub" / SMALL_EPUB


@pytest.fixture(scope="module")
def small_epubs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The small test root's EPUB built twice, in two processes with different hash seeds."""
    out = tmp_path_factory.mktemp("small-epubs")
    return small_epub(out / "first", "1"), small_epub(out / "second", "2")


@pytest.mark.built  # with the book's epubcheck, in `make test`: a Java start is more CPU than `make check` has
def test_epubcheck_would_complain(small_epubs: tuple[Path, Path], tmp_path: Path) -> None:
    """The check above can fail: an EPUB without its navigation document is reported (the small
    test root's EPUB, which epubcheck passes whole, with nav.xhtml taken out)."""
    whole = small_epubs[0]
    broken = tmp_path / "broken.epub"
    with zipfile.ZipFile(whole) as original, zipfile.ZipFile(broken, "w") as copy:
        for item in original.infolist():
            if item.filename != "nav.xhtml":
                copy.writestr(item, original.read(item.filename))
    report = epubcheck(broken, tmp_path / "broken.json")
    errors = [m for m in report["messages"] if m["severity"] in {"ERROR", "FATAL"}]
    assert errors and all("nav" in m["message"] for m in errors), errors


def epub_files(epub: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(epub) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_epub_accessibility_metadata_and_cover(built: Built) -> None:
    opf = ElementTree.fromstring(epub_files(built.epub)["content.opf"])
    properties = {meta.get("property"): meta.text for meta in opf.iterfind(".//opf:meta", OPF)}
    for required in ("schema:accessMode", "schema:accessModeSufficient", "schema:accessibilityFeature",
                     "schema:accessibilityHazard", "schema:accessibilitySummary", "dcterms:conformsTo",
                     "dcterms:modified"):
        assert properties.get(required), required
    assert "EPUB Accessibility 1.1" in properties["dcterms:conformsTo"]
    cover = [item for item in opf.iterfind(".//opf:item", OPF) if item.get("properties") == "cover-image"]
    assert [item.get("href") for item in cover] == ["_static/cover.png"]
    assert opf.find(".//dc:language", OPF).text == "en"


def test_every_epub_document_declares_its_language(built: Built) -> None:
    documents = {name: data for name, data in epub_files(built.epub).items() if name.endswith(".xhtml")}
    assert len(documents) > SELECTIONS
    for name, data in documents.items():
        html = ElementTree.fromstring(data)
        assert (html.get("lang"), html.get(XML_LANG)) == ("en", "en"), name


def test_epub_navigation_lists_every_selection(built: Built) -> None:
    nav = epub_files(built.epub)["nav.xhtml"].decode()
    chapters = sorted({line.split('href="')[1].split(".xhtml")[0] for line in nav.splitlines()
                       if 'href="chapters/' in line})
    assert len(chapters) == SELECTIONS
    assert "glossary/index.xhtml" in nav and "genindex.xhtml" in nav


def test_epub_notes_pop_up(built: Built) -> None:
    appendix = ElementTree.fromstring(
        epub_files(built.epub)["chapters/49-appendix-a-bukharin-kamenev-meeting.xhtml"])
    references = [a for a in appendix.iter(f"{XHTML_NS}a") if a.get(f"{EPUB_NS}type") == "noteref"]
    notes = [n for n in appendix.iter() if n.get(f"{EPUB_NS}type") == "endnote"]
    assert len(references) == len(notes) == footnotes_of("49-")
    note_ids = {n.get("id") for n in notes}
    assert all(a.get("href").lstrip("#") in note_ids for a in references)
    # each note links back to where it is referenced
    assert all(any(a.get("href", "").startswith("#") for a in n.iter(f"{XHTML_NS}a")) for n in notes)


def test_epub_is_reproducible(small_epubs: tuple[Path, Path]) -> None:
    """Two builds of the same source, in two processes with different hash seeds and at different
    times, give the same bytes: no set order, no clock (the small test root, with the book's EPUB
    package)."""
    first, second = small_epubs
    assert second.read_bytes() == first.read_bytes()


def test_the_books_epub_is_zipped_for_reproducibility(built: Built) -> None:
    """mimetype first and stored, as EPUB requires; every file dated 1980-01-01, the earliest date a
    zip can store (tools/edition/formats/epub_package.py), never the build's."""
    with zipfile.ZipFile(built.epub) as archive:
        first = archive.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert {item.date_time for item in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


# --- PDF -------------------------------------------------------------------------------------

def outline_items(outline: list) -> list:
    items: list = []
    for item in outline:
        items += outline_items(item) if isinstance(item, list) else [item]
    return items


def test_pdf_is_a_book_with_an_outline(built: Built) -> None:
    reader = PdfReader(built.pdf)
    assert 380 <= len(reader.pages) <= 560  # the print edition has 527 pages at a larger size
    titles = [item.title for item in outline_items(reader.outline)]
    for title in ("Appeal of the deportees", "Analogies with Thermidor", "Message on arriving in Constantinople",
                  "Appendix A: Bukharin-Kamenev meeting", "Glossary", "Works cited", "Index",
                  "Letters, articles and declarations, 1928–29"):
        assert title in titles
    chapter_titles = [yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])["title"]
                      for path in sorted((ROOT / "chapters").glob("*.md"))]
    assert len(chapter_titles) == SELECTIONS
    assert [title for title in chapter_titles if smartyPants(title, "q", "en") not in titles] == []
    assert reader.metadata.title == "The Challenge of the Left Opposition (1928–29)"
    assert reader.metadata.author == "Leon Trotsky"
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_pdf_front_matter_and_index(built: Built) -> None:
    with pymupdf.open(built.pdf) as pdf:  # pypdf runs the words of some pages together
        pages = [page.get_text() for page in pdf]
    half_title, _verso, title_page, copyright_page, contents = pages[:5]
    assert "THE CHALLENGE OF THE LEFT OPPOSITION" in half_title and "PATHFINDER" in title_page
    assert "Copyright © 1981 by Pathfinder Press" in copyright_page
    assert contents.startswith("Contents")
    assert any("Alsky, M." in text for text in pages[-30:])
    assert "Our present task is to preserve" in pages[-1]  # the back cover


def latex_log(built: Built) -> str:
    return (built.root / "latex" / f"{SLUG}.log").read_text(encoding="utf-8", errors="replace")


def test_latex_log_is_clean(built: Built) -> None:
    log = latex_log(built)
    assert "Missing character" not in log
    assert "undefined on input line" not in log  # references and citations
    assert "There were undefined references" not in log
    assert log.count("Overfull \\hbox") <= 5


def test_xindy_made_the_index_and_had_nothing_to_say(built: Built, tmp_path: Path) -> None:
    """xindy, run again on the build's raw index with the options the build's latexmk gives it (its own
    messages go to make's output, which an up-to-date build does not repeat), says nothing and makes the
    index the PDF was set with."""
    latex = built.root / "latex"
    options = re.search(r"^export XINDYOPTS = (.*)$", (latex / "Makefile").read_text(encoding="utf-8"), re.M)[1]
    index = tmp_path / "index.ind"
    result = subprocess.run(["xindy", *options.split(), "-o", str(index), f"{SLUG}.idx"],
                            cwd=latex, capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "Markup written into file" in result.stdout, result.stdout + result.stderr
    assert not re.findall(r"^(?:ERROR|WARNING).*$", result.stdout + result.stderr, re.M | re.I)
    assert index.read_bytes() == (latex / f"{SLUG}.ind").read_bytes()


def test_pdf_pages_render(built: Built, tmp_path: Path) -> None:
    """Pages rendered to images carry ink: the title page, a chapter opening, the index."""
    reader = PdfReader(built.pdf)
    opening = next(item for item in outline_items(reader.outline) if item.title == "Appeal of the deportees")
    for page in (1, reader.get_destination_page_number(opening) + 1, len(reader.pages) - 5):
        image = tmp_path / f"page-{page}.pgm"
        subprocess.run(["pdftoppm", "-gray", "-r", "40", "-f", str(page), "-l", str(page), "-singlefile",
                        str(built.pdf), str(image.with_suffix(""))], check=True)
        width, height, pixels = read_pgm(image)
        dark = sum(1 for value in pixels if value < 128)
        assert 0.002 < dark / (width * height) < 0.3, page


def read_pgm(path: Path) -> tuple[int, int, bytes]:
    data = path.read_bytes()
    magic, width, height, depth, pixels = data.split(maxsplit=4)
    assert magic == b"P5" and depth == b"255"
    return int(width), int(height), pixels[: int(width) * int(height)]


# --- Typography --------------------------------------------------------------------------------

def test_typography_of_every_format(built: Built) -> None:
    findings = check_paths([built.root / "epub", built.html, built.root / "latex" / f"{SLUG}.tex"])
    assert [str(f) for f in findings] == []


# --- HTML in a browser -----------------------------------------------------------------------

def test_no_request_leaves_the_site(browser: Browser, site: str) -> None:
    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in ("/index.html", "/chapters/04-appeal-of-the-deportees.html", "/glossary/index.html",
                 "/glossary/map.html", "/glossary/timeline.html"):
        page.goto(site + path, wait_until="networkidle")
    page.close()
    assert len(requested) > 10
    assert [url for url in requested if not url.startswith(site)] == []


@pytest.mark.parametrize(("label", "magic"), [("EPUB", b"PK\x03\x04"), ("PDF", b"%PDF")])
def test_every_page_offers_the_downloads(browser: Browser, site: str, label: str, magic: bytes,
                                         tmp_path: Path) -> None:
    page = browser.new_page()
    page.goto(site + "/chapters/35-analogies-with-thermidor.html")
    with page.expect_download() as download:
        page.locator(".edition-downloads a", has_text=label).click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    page.close()
    assert saved.name.startswith(SLUG)
    assert saved.read_bytes()[:4] == magic and saved.stat().st_size > 100_000


def test_chapter_page_shows_the_apparatus_as_editorial_matter(browser: Browser, site: str) -> None:
    page = browser.new_page()
    page.goto(site + "/chapters/10-pyatakov-a-politically-finished-man.html")
    headnote = page.locator(".headnote").first
    text = page.locator("article p").filter(has_text="Pyatakov").last
    assert page.locator("h1").first.inner_text().startswith("Pyatakov: a politically finished man")
    assert page.locator(".dateline").first.is_visible()
    assert headnote.evaluate("e => getComputedStyle(e).fontSize") != text.evaluate(
        "e => getComputedStyle(e).fontSize")
    page.close()


def test_front_page_has_title_page_contents_and_edition_note(browser: Browser, site: str) -> None:
    page = browser.new_page()
    page.goto(site + "/index.html")
    assert "THE CHALLENGE OF THE LEFT OPPOSITION" in page.locator(".title-page").inner_text()
    assert "Copyright © 1981" in page.locator(".copyright-page").inner_text()
    assert "About this edition" in page.locator(".edition-note").inner_text()
    assert page.locator(".toctree-wrapper a").count() >= SELECTIONS + 3
    page.close()


def test_an_epub_of_a_front_page_without_its_parts_stops_with_what_to_do(make_app: Callable[..., SphinxTestApp],
                                                                          rootdir: Path, tmp_path: Path) -> None:
    """The navigation groups the book by the front page's toctrees: with the letters' one gone, the
    build says so and what the front page needs (not an IndexError in Sphinx's crash report)."""
    project = tmp_path / "project"
    shutil.copytree(rootdir / "test-epub", project)
    index = project / "index.md"
    index.write_text(index.read_text(encoding="utf-8").split("```{toctree}\n:caption: Letters")[0], encoding="utf-8")
    with pytest.raises(Stopped, match=r"index.md: the EPUB's navigation needs the front page's contents in parts.*"
                                      r"found 1 toctree\(s\), 0 of them empty"):
        make_app("epub", srcdir=project, builddir=tmp_path / "out").build()
