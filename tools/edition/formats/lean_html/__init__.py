"""HTML: a reader's page weighs what it uses, so that it loads fast on a phone (bench/report.md has the figures).

With sphinx-book-theme's defaults every page loads about 2.4 MB: Font Awesome's whole icon set as a
script (1.5 MB) and its web font (112 KB) for the ten icons the pages show, pydata-sphinx-theme's
stylesheet (368 KB: all of Bootstrap and a rule for each of 2,000 icons), and the search index with
its scripts (277 KB) that only the search page uses (search-as-you-type is off). For the HTML builder
only, after Sphinx has copied the theme's files:

- `_static/scripts/fontawesome.js` becomes `fontawesome.js` beside this file: the icons the pages
  use, drawn as inline SVG the way Font Awesome's script draws them; the web font's glyphs are not
  drawn meanwhile, so the font is never fetched. An icon a page uses that the file lacks is a warning;
- `_static/scripts/bootstrap.js` (80 KB: all of Bootstrap) becomes `bootstrap.js` beside this file (47 KB):
  the theme's own script built with the two Bootstrap components the pages use, the dropdown (colour
  modes) and the tooltips (made from `bootstrap/`: `npm ci && npm run build` there);
- the theme's stylesheets are written without the rules that can match nothing on this site: a rule
  goes when each of its selectors needs a class that no page's class attributes, no inline script
  and no script file of the site names (classes inside :not(), :is(), :where(), :has() and attribute
  selectors are not needed, so such rules stay). They are made from the installed theme's own files
  on every build, so an incremental build that adds a class gets its rules back, and a theme upgrade
  is followed (a stylesheet's purge is kept beside the doctrees with what it was made from, the
  stylesheet and the site's classes, and made again only when they changed); an animation
  (@keyframes) that no kept rule and no script names goes too; the source
  maps, which would no longer match, are removed;
- Sphinx's search scripts are not loaded (Pagefind on the search page instead: search.py, templates/layout.html);
  nor are its `doctools.js` and `sphinx_highlight.js` (they mark the words of a Sphinx search, which this site
  does not run, and bind keys to its search field), nor `pygments.css` on a page with no highlighted code;
- Sphinx's `basic.css` is written without the rules that can match nothing, as the theme's stylesheets are.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)
HERE = Path(__file__).parent
ICONS = HERE / "fontawesome.js"
ICON_SCRIPT = "scripts/fontawesome.js"  # the theme's path, under _static
BOOTSTRAP = HERE / "bootstrap.js"
BOOTSTRAP_SCRIPT = "scripts/bootstrap.js"
STYLESHEETS = ("styles/pydata-sphinx-theme.css", "styles/sphinx-book-theme.css")
BASIC_STYLESHEET = "basic.css"  # Sphinx's, written from a template: purged where it is written
UNUSED_SCRIPTS = ("_static/doctools.js", "_static/sphinx_highlight.js")
CODE_STYLESHEET = "_static/pygments.css"
HIGHLIGHTED_CODE = 'class="highlight'
# Class names that scripts build at run time rather than name (Bootstrap: `bs-${name}-${placement}`).
BUILT_AT_RUN_TIME = ("bs-",)
CLASS_ATTRIBUTE = re.compile(r'\sclass="([^"]*)"')
INLINE_SCRIPT = re.compile(r"<script(?![^>]*application/json)[^>]*>(.*?)</script>", re.S)
WORD = re.compile(r"-?[A-Za-z_][\w-]*")
ICON_NAMES = re.compile(r'^\s*"([\w-]+)": \[\d+, \d+, "', re.M)
ICON_ELEMENT = re.compile(r'<(?:i|span)\s[^>]*?\bclass="([^"]*)"')
ICON_RULE = re.compile(r"\.fa-([\w-]+)(?=[,{][^}]*?--fa:)")  # .fa-sun{--fa:"\f185"}: Font Awesome's icons
CSS_TOKEN = re.compile(r"""/\*.*?\*/|"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|[{};]""", re.S)  # comments, strings skipped
SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/\s*$")
# While scripts run (pydata-sphinx-theme's first inline script sets data-mode), the icons are drawn as SVG
# by fontawesome.js: the web font's glyph is not drawn meanwhile, so the browser never fetches the font.
PURGED = "lean-stylesheets.json"  # in the doctree folder: {stylesheet: [what it was made from, hashed; the purge]}
ICON_FONT_OFF = "\nhtml[data-mode] :is(i,span):is(.fa-solid,.fas)::before{content:none}\n"


# --- Stylesheets: the rules that can match something on the site ---------------------------------

def split_rules(css: str) -> list[str]:
    """The top-level rules and at-rules of `css` (comments and strings respected)."""
    rules, depth, start = [], 0, 0
    for token in CSS_TOKEN.finditer(css):
        char = token.group()
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                rules.append(css[start:token.end()])
                start = token.end()
        elif char == ";" and depth == 0:  # @import, @charset
            rules.append(css[start:token.end()])
            start = token.end()
    if css[start:].strip():
        rules.append(css[start:])
    return rules


def top_level_commas(selector_list: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for index, char in enumerate(selector_list):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(selector_list[start:index])
            start = index + 1
    return [*parts, selector_list[start:]]


def needed_classes(selector: str) -> list[str]:
    """The classes an element must have for `selector` to match it (a subset: the sure ones)."""
    plain, depth = [], 0
    for char in selector:  # drop what is inside (...) and [...]
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif depth == 0:
            plain.append(char)
    return re.findall(r"\.(-?[A-Za-z_][\w-]*)", "".join(plain))


def can_match(selector: str, names: set[str]) -> bool:
    return all(name in names or name.startswith(BUILT_AT_RUN_TIME) for name in needed_classes(selector))


def purge(css: str, names: set[str]) -> str:
    """`css` without the rules whose every selector needs a class not in `names`."""
    kept = []
    for rule in split_rules(css):
        head, brace, body = rule.partition("{")
        stripped = re.sub(r"/\*.*?\*/", "", head, flags=re.S).strip()
        if not brace or (stripped.startswith("@") and not stripped.startswith(("@media", "@supports", "@layer",
                                                                                "@container"))):
            kept.append(rule)  # @font-face, @keyframes, @import ...: kept whole
        elif stripped.startswith("@"):
            inner = purge(body[:-1], names)
            if inner.strip():
                kept.append(f"{head}{{{inner}}}")
        else:
            selectors = [s for s in top_level_commas(stripped) if can_match(s, names)]
            if selectors:
                kept.append(",".join(selectors) + "{" + body)
    return "".join(kept)


def drop_unused_keyframes(css: str, names: set[str]) -> str:
    """`css` without the top-level @keyframes that no other rule and no page or script names."""
    rules = split_rules(css)
    animations = {rule: rule.partition("{")[0].split()[1] for rule in rules if rule.lstrip().startswith("@keyframes")}
    rest = "".join(rule for rule in rules if rule not in animations)
    used = set(WORD.findall(rest)) | names
    return "".join(rule for rule in rules if rule not in animations or animations[rule] in used)


def lean_stylesheet(css: str, names: set[str]) -> str:
    return drop_unused_keyframes(purge(css, names), names)


def purged(made: dict[str, list[str]], name: str, css: str, names: set[str]) -> str:
    """`lean_stylesheet(css, names)`, from `made` (the last builds' purges) when made from the same."""
    key = hashlib.sha256("\n".join([css, *sorted(names)]).encode()).hexdigest()
    if made.get(name, [""])[0] != key:
        made[name] = [key, lean_stylesheet(css, names)]
    return made[name][1]


def read_site(outdir: Path) -> tuple[set[str], dict[str, list[list[str]]]]:
    """Every class a page of the site carries and every word its scripts could use as a class; and
    each page's icon elements (<i> and <span>) by their classes."""
    names: set[str] = set()
    icons: dict[str, list[list[str]]] = {}
    for page in sorted(outdir.rglob("*.html")):
        html = page.read_text(encoding="utf-8", errors="replace")
        for classes in CLASS_ATTRIBUTE.findall(html):
            names.update(classes.split())
        for script in INLINE_SCRIPT.findall(html):
            names.update(WORD.findall(script))
        icons[str(page.relative_to(outdir))] = [classes.split() for classes in ICON_ELEMENT.findall(html)]
    for script in (outdir / "_static").rglob("*.js"):
        names.update(WORD.findall(script.read_text(encoding="utf-8", errors="replace")))
    return names, icons


def theme_file(app: Sphinx, name: str) -> Path | None:
    """`name` (under static/) as the installed theme ships it."""
    for directory in app.builder.theme.get_theme_dirs():  # type: ignore[attr-defined]
        path = Path(directory) / "static" / name
        if path.is_file():
            return path
    return None


# --- Icons ---------------------------------------------------------------------------------------

def icons_used(pages: dict[str, list[list[str]]], icon_names: set[str]) -> dict[str, str]:
    """{Font Awesome solid icon: a page using it}."""
    used: dict[str, str] = {}
    for page, elements in pages.items():
        for classes in elements:
            if "fa-solid" in classes or "fas" in classes:
                for name in classes:
                    if name.startswith("fa-") and name[3:] in icon_names:
                        used.setdefault(name[3:], page)
    return used


def write_lean_files(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name != "html":
        return
    outdir = Path(app.outdir)
    static = outdir / "_static"
    script = ICONS.read_text(encoding="utf-8")
    (static / ICON_SCRIPT).write_text(script, encoding="utf-8")
    (static / f"{ICON_SCRIPT}.map").unlink(missing_ok=True)
    (static / BOOTSTRAP_SCRIPT).write_text(BOOTSTRAP.read_text(encoding="utf-8"), encoding="utf-8")
    (static / f"{BOOTSTRAP_SCRIPT}.map").unlink(missing_ok=True)
    drawn = set(ICON_NAMES.findall(script))
    theme_css = theme_file(app, STYLESHEETS[0])
    icon_names = set(ICON_RULE.findall(theme_css.read_text(encoding="utf-8"))) if theme_css else set()
    names, pages = read_site(outdir)
    for name, page in sorted(icons_used(pages, icon_names).items()):
        if name not in drawn:
            logger.warning(f"the icon fa-{name} ({page}) is not in tools/edition/formats/lean_html/fontawesome.js: "
                           "add its [width, height, path] from the theme's fontawesome.js ('fas' set), or the "
                           "page loads Font Awesome's 112 KB web font to draw it", type="edition", subtype="icons")
    cache = Path(app.doctreedir) / PURGED
    try:
        made = json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        made = {}
    for name in STYLESHEETS:
        source = theme_file(app, name)
        if source is None:
            continue
        css = SOURCE_MAP.sub("", source.read_text(encoding="utf-8"))
        extra = ICON_FONT_OFF if name == STYLESHEETS[0] else ""
        (static / name).write_text(purged(made, name, css, names) + extra, encoding="utf-8")
        (static / f"{name}.map").unlink(missing_ok=True)
    basic = static / BASIC_STYLESHEET
    if basic.is_file():
        basic.write_text(purged(made, BASIC_STYLESHEET, basic.read_text(encoding="utf-8"), names), encoding="utf-8")
    cache.write_text(json.dumps(made), encoding="utf-8")


# --- Pages: the files each one names --------------------------------------------------------------

def drop_unused_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """The page names neither Sphinx's search-word scripts nor, without highlighted code, its code colours."""
    if app.builder.name != "html":
        return
    context["script_files"] = [script for script in context.get("script_files", [])
                               if getattr(script, "filename", script) not in UNUSED_SCRIPTS]
    if HIGHLIGHTED_CODE not in context.get("body", ""):
        context["css_files"] = [css for css in context.get("css_files", [])
                                if getattr(css, "filename", css) != CODE_STYLESHEET]


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", drop_unused_assets)
    app.connect("build-finished", write_lean_files)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
