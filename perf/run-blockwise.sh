#!/usr/bin/env bash
# Block-wise transfer: how long moving 1 MiB over loopback with Block2 (SZX 6, 1,024 blocks of
# 1,024 bytes) takes from our server and from libcoap's, fetched by the same client
# (coap-client-notls -b 1024), so the two servers are compared on equal terms. Our server is
# samples/Firmware; libcoap's coap-server-notls gets the same image PUT into /example_data first.
# Prints per round the wall time of each download, then the medians and their ratio.
#
#   perf/run-blockwise.sh [--rounds N] [--quiet-wait S] [--no-build]
#
# The per-block server cost and allocations without sockets are BlockTransferBenchmarks:
#   dotnet run -c Release --project perf/Microbenchmarks -- --filter '*BlockTransfer*'
set -euo pipefail

ROUNDS=10
QUIET_WAIT=60
BUILD=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS=$2; shift 2 ;;
    --quiet-wait) QUIET_WAIT=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
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

: >"$OUT/ours.ms"
: >"$OUT/libcoap.ms"
for round in $(seq 1 "$ROUNDS"); do
  wait_quiet
  a=$(ms fetch "$OURS_PORT" "$OUT/a.bin" firmware/latest)
  b=$(ms fetch "$LIBCOAP_PORT" "$OUT/b.bin" example_data)
  cmp -s "$OUT/a.bin" "$OUT/image.bin" && cmp -s "$OUT/b.bin" "$OUT/image.bin" || { echo "a download differs from the image" >&2; exit 1; }
  echo "$a" >>"$OUT/ours.ms"
  echo "$b" >>"$OUT/libcoap.ms"
  printf 'round %2d: ours %5d ms   libcoap %5d ms\n' "$round" "$a" "$b"
done

median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ours=$(median "$OUT/ours.ms")
libcoap=$(median "$OUT/libcoap.ms")
echo "== median over $ROUNDS rounds (coap-client-notls -b 1024, 1 MiB, including the client's start-up):"
echo "ours $ours ms, libcoap $libcoap ms, ours/libcoap $(awk -v a="$ours" -v b="$libcoap" 'BEGIN { printf "%.2f", a / b }')"
