"""Text from the Markdown or the data files, made safe for LaTeX: the one way the edition's
extensions put a string into LaTeX.

Sphinx's LaTeX writer escapes TeX's special characters (`\\ { } $ & # ^ _ % ~`), so that `^^5c`
or `\\input` arrive as the characters a reader typed, not as commands. Control characters have no
printed form; TeX reads some of them as commands of their own (`^^L` ends a paragraph,
`^^?` is invalid), so they are dropped before escaping.
"""

from __future__ import annotations

import re

from sphinx.writers.latex import LaTeXTranslator

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def latex_text(translator: LaTeXTranslator, text: str) -> str:
    return translator.encode(CONTROL_CHARACTERS.sub("", text))
