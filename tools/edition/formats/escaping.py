"""The one escaping function of each format the edition writes from text, besides LaTeX's
(`latex_text`: the LaTeX writer's own `encode`) and HTML's (`html.escape`, docutils' `encode`,
templates that autoescape):

- `script_json`: data in a page's `<script type="application/json">` (the previews, the search
  page's names). A script element's text is not HTML: entities are not decoded there, so the
  JSON is made to hold no `<`, `>` or `&` at all (JSON's own `\\u003c` escapes), and no text can
  end the element or open a comment in it;
- `bibtex_value`: a field of the edition's BibTeX export (`cite/edition.bib`). BibTeX counts
  braces, whatever stands before them, and hands the field to the reader's LaTeX: the text is
  escaped with Sphinx's table of TeX's special characters (`\\ { } $ & # ^ _ % ~`, so that `^^5c`
  and `\\input` stay the characters typed), braces as `\\textbraceleft{}` and `\\textbraceright{}`.

Control characters have no printed form and some are commands or invalid in TeX and XML: they are
dropped (`without_control_characters`).
"""

from __future__ import annotations

import json
from typing import Any

from sphinx.util.texescape import tex_replacements

from .latex_text import CONTROL_CHARACTERS

JSON_IN_SCRIPT = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})
BIBTEX = str.maketrans({**{char: replacement for char, replacement in tex_replacements if len(char) == 1},
                        "{": r"\textbraceleft{}", "}": r"\textbraceright{}"})


def without_control_characters(text: str) -> str:
    return CONTROL_CHARACTERS.sub("", text)


def script_json(data: Any) -> str:
    """`data` as JSON for a `<script type="application/json">` element. A template that autoescapes
    takes it as `Markup(script_json(data))`: it holds no character HTML would read."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).translate(JSON_IN_SCRIPT)


def bibtex_value(text: str) -> str:
    return without_control_characters(text).translate(BIBTEX)
