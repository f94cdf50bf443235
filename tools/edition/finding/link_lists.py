"""A labelled line of links, as the Glossary and the Works cited set them under an entry:
'*Index:* 40, 123', '*Cited in:* Preface (¶ 3); Introduction (¶ 9, ¶ 12)'."""

from __future__ import annotations

from docutils import nodes


def joined(items: list[list[nodes.Node]], separator: str) -> list[nodes.Node]:
    """The items (each one or more nodes) one after another, the separator between them."""
    result: list[nodes.Node] = []
    for number, item in enumerate(items):
        if number:
            result.append(nodes.Text(separator))
        result.extend(item)
    return result


def labelled_links(label: str, css_class: str, items: list[list[nodes.Node]], separator: str) -> nodes.paragraph:
    """A paragraph: the label, then the items. The label is the edition's, set apart by the
    paragraph's style (edition.css), never in italics: italics are the book's emphasis."""
    return nodes.paragraph("", "", nodes.Text(label), *joined(items, separator), classes=[css_class])
