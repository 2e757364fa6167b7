#!/usr/bin/env bash
# What the PDF tests need: pdftoppm (Debian's poppler-utils), to render the summary PDF as
# a picture and count its pages.
#
#   scripts/pdftools.sh     install poppler-utils (apt-get) when pdftoppm is missing
#
# The rendered pictures go to test-artifacts/pdf/ for a person to look at.
set -euo pipefail

say() { echo "pdftools.sh: $*" >&2; }

if ! command -v pdftoppm >/dev/null; then
    if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
        say "pdftoppm is missing; install it (Debian: apt-get install poppler-utils)"
        exit 1
    fi
    say "installing poppler-utils from Debian"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null
fi
