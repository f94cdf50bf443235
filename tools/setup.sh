#!/usr/bin/env bash
# Install what the build and the tests need, on a fresh Debian/Ubuntu machine.
#   tools/setup.sh python   -> .venv with the project's Python packages
#   tools/setup.sh book     -> that, plus TeX Live, fonts and xindy for the PDF
set -euo pipefail
cd "$(dirname "$0")/.."
need=${1:-python}

if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv || { echo "setup: cannot create a virtualenv; install python3-venv (apt-get install python3-venv)" >&2; exit 1; }
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -e "$stamp" ]; then
    .venv/bin/pip install --quiet --upgrade pip
    .venv/bin/pip install --quiet -e '.[test]'
    touch "$stamp"
fi

apt_install() {
    if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null; then
        echo "setup: missing system packages: $*; install them as root (apt-get install $*)" >&2
        exit 1
    fi
    local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq || true
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" \
        || { echo "setup: apt-get could not install: $*" >&2; exit 1; }
}

if [ "$need" = book ]; then
    missing=()
    command -v xelatex >/dev/null || missing+=(texlive-xetex texlive-fonts-recommended)
    command -v latexmk >/dev/null || missing+=(latexmk)
    command -v xindy >/dev/null || missing+=(xindy)
    fc-list 2>/dev/null | grep -qi freeserif || missing+=(fonts-freefont-otf)
    if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
fi
