"""The imported book builds as an HTML site with warnings as errors."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="session")
def html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-n", "-q", "-b", "html",
         "-d", str(out / ".doctrees"), str(ROOT), str(out)],
        capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return out


def test_every_selection_has_a_page(html: Path) -> None:
    assert len(list((html / "chapters").glob("*.html"))) == 51


def test_apparatus_is_marked_for_styling(html: Path) -> None:
    page = (html / "chapters" / "10-pyatakov-a-politically-finished-man.html").read_text()
    assert 'class="dateline' in page and 'class="headnote' in page and 'class="source-note' in page


def test_glossary_terms_and_see_links(html: Path) -> None:
    page = (html / "glossary" / "index.html").read_text()
    assert page.count('<dt id="term-') == 220
    assert 'href="#term-Ter-Vaganyan-V."' in page


def test_appendix_footnotes(html: Path) -> None:
    page = (html / "chapters" / "49-appendix-a-bukharin-kamenev-meeting.html").read_text()
    assert page.count('class="footnote-reference') == 26
