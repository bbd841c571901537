#!/usr/bin/env bash
# Runs a command inside a fresh network namespace, so multicast never leaves the machine:
#   lo    up with multicast and the route 224.0.0.0/4 (IPv4 groups; 127.0.0.1–3 are all on lo)
#   veth0 fd01::1, fd01::3 ── veth1 fd01::2 (IPv6 groups such as ff02::fd, per interface)
# Works unprivileged (a user namespace maps the caller to root) or as root. Sets COAP_NETNS=1,
# which the multicast tests check together with the route before they touch a socket.
# Usage: eng/netns-run.sh <command> [arguments...]
set -euo pipefail
if [ "$#" -eq 0 ]; then
  echo "usage: $0 <command> [arguments...]" >&2
  exit 2
fi

exec unshare -rn sh -euc '
  ip link set lo up
  ip link set lo multicast on
  ip route add 224.0.0.0/4 dev lo
  # No duplicate address detection: link-local addresses are usable at once (there is no one to clash with).
  echo 0 > /proc/sys/net/ipv6/conf/default/accept_dad
  ip link add veth0 type veth peer name veth1
  ip link set veth0 up
  ip link set veth1 up
  ip -6 addr add fd01::1/64 dev veth0 nodad
  ip -6 addr add fd01::3/64 dev veth0 nodad
  ip -6 addr add fd01::2/64 dev veth1 nodad
  # The veth pair needs a moment to report carrier; wait for it (at most 5 s), not a fixed time.
  tries=0
  until ip -o link show veth0 | grep -q "state UP" && ip -o link show veth1 | grep -q "state UP"; do
    tries=$((tries + 1))
    [ "$tries" -le 50 ] || { echo "netns-run: veth pair did not come up" >&2; exit 1; }
    sleep 0.1
  done
  export COAP_NETNS=1
  exec "$@"
' netns-run "$@"
