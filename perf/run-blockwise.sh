#!/usr/bin/env bash
# Block-wise transfer: how long moving 1 MiB over loopback with Block2 (SZX 6, 1,024 blocks of
# 1,024 bytes) takes from our server and from libcoap's, fetched by the same client
# (coap-client-notls -b 1024), so the two servers are compared on equal terms. Our server is
# samples/Firmware; libcoap's coap-server-notls gets the same image PUT into /example_data first.
# Prints per round the wall time of each download, the CPU time each server spent on it
# (/proc/PID/stat utime+stime, 10 ms ticks) and how busy the machine was just before the round
# (other work included), then the medians and their ratios.
#
#   perf/run-blockwise.sh [--rounds N] [--quiet-wait S] [--no-build]
#
# The per-block server cost and allocations without sockets are BlockTransferBenchmarks:
#   dotnet run -c Release --project perf/Microbenchmarks -- --filter '*BlockTransfer*' --buildTimeout 900
set -euo pipefail

ROUNDS=10
QUIET_WAIT=60
BUILD=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS=$2; shift 2 ;;
    --quiet-wait) QUIET_WAIT=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$(mktemp -d "${TMPDIR:-/tmp}/coap-blockwise.XXXXXX")
OURS_PORT=56901
LIBCOAP_PORT=56902
source "$(dirname "${BASH_SOURCE[0]}")/quiet-machine.sh"

if [[ $BUILD == 1 ]]; then
  echo "== building samples/Firmware (Release)"
  dotnet build "$ROOT/samples/Firmware" -c Release -nologo -v quiet >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; exit 1; }
fi

FIRMWARE_DLL=$(find "$ROOT/samples/Firmware/bin/Release" -name Firmware.dll | head -1)
dotnet "$FIRMWARE_DLL" --urls "coap://127.0.0.1:$OURS_PORT" >"$OUT/ours.log" 2>&1 &
OURS_PID=$!
coap-server-notls -A 127.0.0.1 -p "$LIBCOAP_PORT" -d 4 >"$OUT/libcoap.log" 2>&1 &
LIBCOAP_PID=$!
trap 'kill $OURS_PID $LIBCOAP_PID 2>/dev/null || true' EXIT
sleep 2

fetch() { coap-client-notls -B 60 -b 1024 -o "$2" "coap://127.0.0.1:$1/$3"; }

fetch "$OURS_PORT" "$OUT/image.bin" firmware/latest
coap-client-notls -B 60 -m put -b 1024 -f "$OUT/image.bin" "coap://127.0.0.1:$LIBCOAP_PORT/example_data" >/dev/null
fetch "$LIBCOAP_PORT" "$OUT/check.bin" example_data
cmp -s "$OUT/image.bin" "$OUT/check.bin" || { echo "libcoap does not serve the same 1 MiB image" >&2; exit 1; }
echo "== image: $(stat -c %s "$OUT/image.bin") bytes, sha256 $(sha256sum "$OUT/image.bin" | cut -c1-16)…"

ms() { local start end; start=$(date +%s%N); "$@" >/dev/null; end=$(date +%s%N); echo $(( (end - start) / 1000000 )); }
# CPU time of a process so far, in ms (utime + stime, fields 14 and 15 of /proc/PID/stat).
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$1/stat"; }

: >"$OUT/ours.ms"
: >"$OUT/libcoap.ms"
: >"$OUT/ours.cpu"
: >"$OUT/libcoap.cpu"
for round in $(seq 1 "$ROUNDS"); do
  wait_quiet
  busy=$(busy_percent)
  # Alternate which server goes first, so neither always follows the other's traffic.
  for side in $( ((round % 2)) && echo "ours libcoap" || echo "libcoap ours"); do
    if [[ $side == ours ]]; then
      c0=$(cpu_ms "$OURS_PID")
      a=$(ms fetch "$OURS_PORT" "$OUT/a.bin" firmware/latest)
      c1=$(cpu_ms "$OURS_PID")
    else
      l0=$(cpu_ms "$LIBCOAP_PID")
      b=$(ms fetch "$LIBCOAP_PORT" "$OUT/b.bin" example_data)
      l1=$(cpu_ms "$LIBCOAP_PID")
    fi
  done
  cmp -s "$OUT/a.bin" "$OUT/image.bin" && cmp -s "$OUT/b.bin" "$OUT/image.bin" || { echo "a download differs from the image" >&2; exit 1; }
  echo "$a" >>"$OUT/ours.ms"
  echo "$b" >>"$OUT/libcoap.ms"
  echo $((c1 - c0)) >>"$OUT/ours.cpu"
  echo $((l1 - l0)) >>"$OUT/libcoap.cpu"
  printf 'round %2d: ours %5d ms (server CPU %4d ms)   libcoap %5d ms (server CPU %4d ms)   machine %3d%% busy before, load %s\n' \
    "$round" "$a" $((c1 - c0)) "$b" $((l1 - l0)) "$busy" "$(cut -d' ' -f1 /proc/loadavg)"
done

median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ours=$(median "$OUT/ours.ms")
libcoap=$(median "$OUT/libcoap.ms")
echo "== median over $ROUNDS rounds (coap-client-notls -b 1024, 1 MiB, including the client's start-up):"
echo "ours $ours ms, libcoap $libcoap ms, ours/libcoap $(awk -v a="$ours" -v b="$libcoap" 'BEGIN { printf "%.2f", a / b }')"
ours_cpu=$(median "$OUT/ours.cpu")
libcoap_cpu=$(median "$OUT/libcoap.cpu")
echo "server CPU per download: ours $ours_cpu ms, libcoap $libcoap_cpu ms, ours/libcoap $(awk -v a="$ours_cpu" -v b="$libcoap_cpu" 'BEGIN { printf (b > 0 ? "%.2f" : "n/a"), (b > 0 ? a / b : 0) }')"
echo "(per-round figures in $OUT)"
