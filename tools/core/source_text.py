"""The converted source's own markup, which is not the book's text: the HTML tags it keeps
(`<sup>6</sup>`) are left out wherever the words or letters of a line are compared."""

from __future__ import annotations

import re

TAG = re.compile(r"<[^>\n]+>")


def alnum(text: str) -> str:
    """The letters and digits of `text`, without the source's HTML tags ('<sup>6</sup>' is '6')."""
    return "".join(character for character in TAG.sub("", text) if character.isalnum())
