#!/usr/bin/env bash
# Debian tools the server's checks need, installed with apt-get when missing.
#
#   scripts/tools.sh nginx   the reverse proxy whose configuration deploy/nginx.conf is
#                            checked with `nginx -t` by the tests
#   scripts/tools.sh wrk     the HTTP load generator behind `make bench-server`
set -euo pipefail

say() { echo "tools.sh: $*" >&2; }

need() {
    local command=$1 package=$2
    if command -v "$command" >/dev/null 2>&1 || [[ -x /usr/sbin/$command ]]; then
        return 0
    fi
    if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
        say "$command is missing; install it (Debian: apt-get install $package)"
        exit 1
    fi
    say "installing $package from Debian"
    apt-get update -qq
    # The package must not start a server of its own: the tests only check the configuration.
    DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y -qq --no-install-recommends \
        "$package" >/dev/null
    if [[ $package == nginx* ]] && command -v service >/dev/null; then
        service nginx stop >/dev/null 2>&1 || true
    fi
}

for tool in "$@"; do
    case $tool in
        nginx) need nginx nginx ;;
        wrk) need wrk wrk ;;
        *) say "unknown tool $tool"; exit 2 ;;
    esac
done
