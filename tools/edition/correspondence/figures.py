"""A picture of the correspondence in each format, from one SVG:

- the site: the SVG inline, fitted to the width of the page, so that its marks are links a
  keyboard reaches and the stylesheet can colour it for dark mode; its legend, if it has a
  `key`, as a list below it (readable on a phone, where the picture is small);
- the EPUB: the SVG as an image file (`_images/`), fixed, with its text alternative as `alt`
  and the list after it (no script, no inline SVG: reading systems differ in what they do
  with links inside one);
- the PDF: the SVG converted to PDF by PyMuPDF (vector art, its text as text) and included
  with `\\includegraphics`; a wide picture is turned a quarter so that it fills the page.

The SVG and every string in it are serialised by ElementTree (svg.py); the file names are the
edition's own constants; the caption goes into LaTeX through `latex_text`.
"""

from __future__ import annotations

import html
from pathlib import Path
from xml.etree import ElementTree

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator
from sphinx.writers.latex import LaTeXTranslator

from ..formats.latex_text import latex_text
from .svg import serialise, standalone

IMAGES = "_images"


class correspondence_figure(nodes.General, nodes.Element):  # noqa: N801 (docutils names nodes in lower case)
    """A picture: `inline` (SVG for the site), `file` (SVG for the EPUB), `printed` (SVGs for the
    PDF, one a page), `name` (the files' name, without suffix), `alt` (its text alternative),
    `caption`, `turn` (PDF: landscape), `key` (the site's legend: each symbol's SVG and words)."""


def figure_node(name: str, inline: ElementTree.Element, file: ElementTree.Element, alt: str, caption: str,
                printed: list[ElementTree.Element], turn: bool = False,
                key: list[tuple[ElementTree.Element, str]] | None = None) -> correspondence_figure:
    return correspondence_figure(name=name, inline=serialise(inline), file=standalone(file),
                                 printed=[standalone(part) for part in printed], alt=alt, caption=caption, turn=turn,
                                 key=[(serialise(symbol), words) for symbol, words in key or []])


def key_list(key: list[tuple[str, str]]) -> str:
    """The legend as an HTML list: each symbol (serialised SVG) and its words, escaped."""
    items = "".join(f"<li>{symbol}{html.escape(words)}</li>" for symbol, words in key)
    return f'<ul class="cm-key">{items}</ul>' if items else ""


def visit_html(translator: HTML5Translator, node: correspondence_figure) -> None:
    translator.body.append(translator.starttag(node, "figure", CLASS="cm-picture"))
    if translator.builder.name == "epub":
        images = Path(translator.builder.outdir) / IMAGES
        images.mkdir(exist_ok=True)
        (images / f"{node['name']}.svg").write_text(node["file"], encoding="utf-8")
        depth = translator.builder.current_docname.count("/")
        source = "../" * depth + f"{IMAGES}/{node['name']}.svg"
        translator.body.append(f'<img src="{html.escape(source)}" alt="{html.escape(node["alt"])}" />')
    else:
        translator.body.append(f'<div class="cm-frame">{node["inline"]}</div>{key_list(node["key"])}')
    translator.body.append(f'<figcaption>{html.escape(node["caption"])}</figcaption></figure>\n')
    raise nodes.SkipNode


def visit_latex(translator: LaTeXTranslator, node: correspondence_figure) -> None:
    # Imported here, for the PDF alone: importing PyMuPDF loads its layout models (about 1.4 s CPU), which
    # the site's and the EPUB's builds do not need.
    import pymupdf

    graphics = []
    for number, part in enumerate(node["printed"], 1):
        pdf_name = f"{node['name']}-{number}.pdf"
        picture = pymupdf.open(stream=part.encode("utf-8"), filetype="svg")
        (Path(translator.builder.outdir) / pdf_name).write_bytes(picture.convert_to_pdf())
        # turned, the picture leaves room below it for its caption (on the same page)
        graphics.append(rf"\rotatebox{{90}}{{\includegraphics[width=0.85\textheight,height=0.95\linewidth,"
                        rf"keepaspectratio]{{{pdf_name}}}}}" if node["turn"] else
                        rf"\includegraphics[width=\linewidth,height=0.82\textheight,keepaspectratio]{{{pdf_name}}}")
    translator.body.append("\n\\par\\begin{center}" + "\\par\n".join(graphics) + "\\par\\smallskip\n{\\small "
                           + latex_text(translator, node["caption"]) + "}\\end{center}\n")
    raise nodes.SkipNode


def skip(translator: object, node: nodes.Node) -> None:
    raise nodes.SkipNode


WRITERS = {"html": (visit_html, None), "epub": (visit_html, None), "latex": (visit_latex, None),
           "text": (skip, None), "man": (skip, None), "texinfo": (skip, None)}
