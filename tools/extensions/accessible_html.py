"""HTML as readers and assistive technology expect it.

- Sphinx writes a toctree's caption as `<p class="caption" role="heading">`; a heading role
  needs a level (axe-core: aria-required-attr, critical). Captions head the contents lists,
  in the page and in the sidebar: level 2, under the page's title.
- The theme's sidebar buttons work at every width (`static/sidebar-toggles.js`).
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from .assets import use_assets


class AccessibleHTMLTranslator(HTML5Translator):
    def starttag(self, node: Any, tagname: str, suffix: str = "\n", empty: bool = False, **attributes: Any) -> str:
        role = attributes.get("role") or attributes.get("ROLE")
        if role == "heading" and "aria-level" not in attributes:
            attributes["aria-level"] = "2"
        return super().starttag(node, tagname, suffix, empty, **attributes)


def setup(app: Sphinx) -> dict[str, Any]:
    app.set_translator("html", AccessibleHTMLTranslator, override=True)
    use_assets(app, "sidebar-toggles.js")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
