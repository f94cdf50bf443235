"""A reader's page weight: what a browser with an empty cache loads for each chapter page (headless Chromium)."""

from __future__ import annotations

import functools
import http.server
import statistics
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..core.browser import CHROMIUM, CHROMIUM_ARGS

SAMPLE_PAGE = "chapters/04-appeal-of-the-deportees.html"


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


def weigh_page(browser: Any, url: str) -> dict[str, Any]:
    """Every response a fresh browser loads for `url`: (url, type, body bytes), and the text's bytes."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    responses: list[Any] = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="networkidle")
    text = page.evaluate("(document.querySelector('article.bd-article') || document.body).innerText")
    loaded = []
    for response in responses:
        try:
            size = len(response.body())
        except Exception:  # a redirect or a failed request has no body
            size = 0
        loaded.append({"url": response.url, "type": response.request.resource_type, "bytes": size,
                       "status": response.status})
    context.close()
    return {"responses": loaded, "total": sum(r["bytes"] for r in loaded),
            "text_bytes": len(text.encode("utf-8"))}


def bench_weight(html: Path) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    if not (html / SAMPLE_PAGE).exists():
        return {"error": f"no site at {html}: run the builds first"}
    pages = sorted(str(p.relative_to(html)) for p in (html / "chapters").glob("*.html"))
    with serve(html) as site, sync_playwright() as playwright:
        options: dict[str, Any] = {"args": CHROMIUM_ARGS}
        if Path(CHROMIUM).exists():
            options["executable_path"] = CHROMIUM
        browser = playwright.chromium.launch(**options)
        weighed = {name: weigh_page(browser, f"{site}/{name}") for name in pages}
        extra = {name: weigh_page(browser, f"{site}/{name}") for name in ("index.html", "glossary/index.html",
                                                                         "search.html")}
        browser.close()
    outside = sorted({r["url"] for w in [*weighed.values(), *extra.values()] for r in w["responses"]
                      if not r["url"].startswith(site)})
    sample = weighed[SAMPLE_PAGE]
    by_type: Counter[str] = Counter()
    for response in sample["responses"]:
        by_type[response["type"]] += response["bytes"]
    for response in sample["responses"]:
        response["url"] = response["url"].removeprefix(site + "/")
    totals = {name: w["total"] for name, w in weighed.items()}
    shared = {name: w["total"] - sum(r["bytes"] for r in w["responses"] if r["type"] == "document")
              for name, w in weighed.items()}  # all but the page's own HTML: the same for every chapter
    heaviest = max(totals, key=totals.__getitem__)
    return {"pages": len(pages), "median": statistics.median(totals.values()), "max": totals[heaviest],
            "heaviest": heaviest, "min": min(totals.values()), "shared_max": max(shared.values()),
            "within_300_kb": sum(total <= 300 * 1024 for total in totals.values()),
            "text_share_median": statistics.median(w["text_bytes"] / w["total"] for w in weighed.values()),
            "text_share_of_document_median": statistics.median(
                w["text_bytes"] / next(r["bytes"] for r in w["responses"] if r["type"] == "document")
                for w in weighed.values()),
            "sample": SAMPLE_PAGE, "sample_total": sample["total"], "sample_text": sample["text_bytes"],
            "sample_by_type": dict(by_type.most_common()),
            "sample_responses": sorted(sample["responses"], key=lambda r: -r["bytes"]),
            "other_pages": {name: w["total"] for name, w in extra.items()}, "outside_requests": outside,
            "failed": sorted({r["url"] for w in weighed.values() for r in w["responses"] if r["status"] >= 400})}
