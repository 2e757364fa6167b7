#!/usr/bin/env bash
# Compile the engine's hot modules to C with mypyc (it comes with mypy, pinned in the dev
# extras), so an assessment costs about half the time. Each module gets a .so beside its
# source; src/symptom_decoder/engine/_native.py loads them only while they are newer than
# their source, and the Python source otherwise, so a failed or stale build is slower,
# never wrong. Needs a C compiler and Python's headers (installs gcc from Debian when
# missing and run as root).
#
#   scripts/native.sh [VENV]      build (make runs it when a source file changes)
#   scripts/native.sh --clean     remove the compiled files
set -uo pipefail

cd "$(dirname "$0")/.."
ENGINE=src/symptom_decoder/engine

say() { echo "native.sh: $*" >&2; }

clean() {
    rm -f "$ENGINE"/*.so src/*__mypyc*.so
    rm -rf src/build
}

if [[ ${1:-} == --clean ]]; then
    clean
    exit 0
fi
VENV=$(cd "${1:-.venv}" 2>/dev/null && pwd) || { say "no venv at ${1:-.venv}; run make"; exit 0; }

if ! command -v gcc >/dev/null 2>&1 && [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    say "installing gcc from Debian"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        --no-install-recommends gcc libc6-dev >/dev/null
fi

clean
log=$(mktemp)
# The modules to compile: the list the loader checks (engine/_native.py, COMPILED).
mapfile -t files < <("$VENV/bin/python" -c "from symptom_decoder.engine._native import COMPILED
print('\n'.join(f'symptom_decoder/engine/{m}.py' for m in COMPILED))")
if (cd src && "$VENV/bin/mypyc" "${files[@]}") >"$log" 2>&1; then
    rm -rf src/build
    if "$VENV/bin/python" -c "import sys, symptom_decoder.engine._native as n; \
sys.exit(0 if n.NATIVE else n.WHY)"; then
        say "the engine is compiled ($(ls "$ENGINE"/*.so | wc -l) modules)"
    else
        say "compiled, but the build does not load; the engine stays Python"
        clean
    fi
else
    say "could not compile; the engine stays Python (slower, same results). Last lines:"
    tail -n 5 "$log" >&2
    clean
fi
rm -f "$log"
exit 0
