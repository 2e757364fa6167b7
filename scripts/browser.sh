#!/usr/bin/env bash
# What the browser tests need: Debian's Chromium and a local copy of axe-core.
#
#   scripts/browser.sh     install Chromium (apt-get) when /usr/bin/chromium is missing, and
#                          axe-core (npm, pinned) into var/axe when it is missing
#
# Playwright cannot download its own browsers here, so the tests drive /usr/bin/chromium.
# axe-core (MPL-2.0) is only ever injected into pages under test; the app never serves it.
set -euo pipefail
cd "$(dirname "$0")/.."

AXE_VERSION=4.14.1
AXE_DIR=var/axe
CHROMIUM=${SD_CHROMIUM:-/usr/bin/chromium}

say() { echo "browser.sh: $*" >&2; }

if [[ ! -x $CHROMIUM ]]; then
    if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
        say "Chromium is missing; install it (Debian: apt-get install chromium) or set SD_CHROMIUM"
        exit 1
    fi
    say "installing Chromium from Debian"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi

if [[ ! -f $AXE_DIR/node_modules/axe-core/axe.min.js ]] \
    || ! grep -q "\"version\": \"$AXE_VERSION\"" "$AXE_DIR/node_modules/axe-core/package.json"; then
    if ! command -v npm >/dev/null; then
        if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
            say "installing npm from Debian"
            apt-get update -qq
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
        else
            say "npm is missing; install it to fetch axe-core"
            exit 1
        fi
    fi
    say "fetching axe-core $AXE_VERSION"
    mkdir -p "$AXE_DIR"
    npm install --silent --no-audit --no-fund --prefix "$AXE_DIR" "axe-core@$AXE_VERSION" >/dev/null
fi
