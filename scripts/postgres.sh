#!/usr/bin/env bash
# A private PostgreSQL for the test suite, so storage tests run on it as well as on SQLite.
#
#   scripts/postgres.sh run CMD...   run CMD with TEST_DATABASE_URL pointing at a server:
#                                    the one already there if reachable, else a private one
#                                    started now and stopped when CMD ends
#   scripts/postgres.sh start        start a private server; print its URL and its folder
#   scripts/postgres.sh stop DIR     stop the private server kept in DIR and remove DIR
#
# A private server is a fresh cluster in a temporary folder on a free localhost port,
# trusted for local connections only. PostgreSQL is installed from Debian when missing.
set -euo pipefail

say() { echo "postgres.sh: $*" >&2; }

find_bin() {
    local dir
    if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v pg_ctl)"; return 0
    fi
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [[ -x "$dir/pg_ctl" && -x "$dir/initdb" ]] && { echo "$dir"; return 0; }
    done
    return 1
}

ensure_installed() {
    find_bin >/dev/null && return 0
    if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
        say "PostgreSQL is not installed; install it (Debian: apt-get install postgresql) or set TEST_DATABASE_URL"
        exit 1
    fi
    say "installing PostgreSQL from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
    find_bin >/dev/null || { say "PostgreSQL installed but pg_ctl not found"; exit 1; }
}

as_owner() {
    # initdb refuses to run as root; the Debian package makes a postgres user for this.
    if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

reachable() {
    local url=$1 bin
    bin=$(find_bin) || return 1
    "$bin/pg_isready" -q -d "$url" -t 3
}

start() {
    ensure_installed
    local bin dir port
    bin=$(find_bin)
    dir=$(mktemp -d "${TMPDIR:-/tmp}/sd-postgres.XXXXXX")
    chmod 700 "$dir"
    [[ $(id -u) -eq 0 ]] && chown postgres: "$dir"
    port=$(free_port)
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; say "initdb failed"; exit 1; }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >&2 \
        || { cat "$dir/server.log" >&2; say "the server did not start"; exit 1; }
    echo "postgresql://postgres@127.0.0.1:$port/postgres $dir"
}

stop() {
    local dir=$1 bin
    bin=$(find_bin)
    [[ -d "$dir/data" ]] && as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}

case "${1:-}" in
    start) start ;;
    stop) stop "${2:?usage: postgres.sh stop DIR}" ;;
    run)
        shift
        if [[ -n "${TEST_DATABASE_URL:-}" ]] && reachable "$TEST_DATABASE_URL"; then
            exec "$@"
        fi
        [[ -n "${TEST_DATABASE_URL:-}" ]] && say "nothing answers at TEST_DATABASE_URL; starting a private server"
        read -r url dir < <(start) || true
        [[ -n "${dir:-}" ]] || { say "could not start PostgreSQL"; exit 1; }
        trap 'stop "$dir"' EXIT
        say "PostgreSQL for the tests at $url"
        export TEST_DATABASE_URL=$url
        status=0
        "$@" || status=$?
        exit $status
        ;;
    *) echo "usage: $0 run CMD... | start | stop DIR" >&2; exit 2 ;;
esac
