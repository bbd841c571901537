#!/usr/bin/env bash
# Installs the real CoAP peers the interop tests (tests/Interop.Tests) run against:
#   - libcoap 4.3.x example binaries (coap-client-notls, coap-server-notls) from Debian's libcoap3-bin;
#   - node-coap, pinned in tests/Interop.Tests/node/package.json, into that folder's node_modules.
# Idempotent: installs only what is missing and says what it did. Uses sudo only when not root.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
node_dir="$repo_root/tests/Interop.Tests/node"

log() { printf 'install-test-peers: %s\n' "$*"; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        log "need root (or sudo) to run: $*" >&2
        return 1
    fi
}

install_libcoap() {
    if command -v coap-client-notls >/dev/null 2>&1 && command -v coap-server-notls >/dev/null 2>&1; then
        log "libcoap: already installed ($(coap-client-notls -h 2>&1 | sed -n 's/^coap-client-notls \(v[^ ]*\).*/\1/p' | head -n 1))"
        return
    fi

    if ! command -v apt-get >/dev/null 2>&1; then
        log "libcoap: apt-get not found; install libcoap3-bin (coap-client-notls, coap-server-notls) by hand" >&2
        return 1
    fi

    export DEBIAN_FRONTEND=noninteractive
    # Update the package lists only when libcoap3-bin is not known yet (fresh image, empty lists).
    if ! apt-cache show libcoap3-bin >/dev/null 2>&1; then
        log "libcoap: apt-get update"
        as_root apt-get update -qq
    fi

    log "libcoap: apt-get install libcoap3-bin"
    as_root apt-get install -y -qq --no-install-recommends libcoap3-bin >/dev/null
    log "libcoap: installed $(coap-client-notls -h 2>&1 | sed -n 's/^coap-client-notls \(v[^ ]*\).*/\1/p' | head -n 1)"
}

install_node_coap() {
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
        log "node-coap: node/npm not found; installing nodejs and npm"
        export DEBIAN_FRONTEND=noninteractive
        if ! apt-cache show npm >/dev/null 2>&1; then
            as_root apt-get update -qq
        fi

        as_root apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
    fi

    if [ -f "$node_dir/node_modules/coap/package.json" ]; then
        log "node-coap: already installed in tests/Interop.Tests/node/node_modules (coap $(node -p "require('$node_dir/node_modules/coap/package.json').version"))"
        return
    fi

    log "node-coap: npm install in tests/Interop.Tests/node"
    (cd "$node_dir" && npm install --no-audit --no-fund --loglevel=error)
    log "node-coap: installed coap $(node -p "require('$node_dir/node_modules/coap/package.json').version")"
}

install_libcoap
install_node_coap
log "done"
