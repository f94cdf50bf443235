"""The browser that the tests, DAISY Ace and the bench's page weight drive: headless Chromium.

Debian's `chromium-headless-shell` by default, Chromium's headless build without the browser around
it: the same Blink renders the pages, at about a third of the CPU that the full `chromium` in its
headless mode takes for the same tests (tests/test_page_weight.py: 23 s against 65 s), which is what
keeps `make test` within its time. `tools/setup.sh test` installs it. Elsewhere (Ubuntu packages
Chromium only as a snap, which the tests cannot start) set CHROMIUM to a Chromium or Chrome binary.
"""

import os

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium-headless-shell")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
