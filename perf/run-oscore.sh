#!/usr/bin/env bash
# OSCORE end to end: our server answering GET over loopback UDP, unprotected against protected
# (RFC 8613, the C.1 test context), driven by Coap.LoadGenerator. Ratios protected/unprotected.
#
#   perf/run-oscore.sh [--rounds N] [--duration S] [--warmup S] [--quiet-wait S] [--no-build] [--out DIR]
#
# Both variants are the generated router over singleton controllers (serve mode --controllers):
#   plain:  no security configured, GET /time (TimeController)
#   oscore: the C.1 context in Coap:Security, GET /stime ([RequireOscore] SecureTimeController),
#           every request protected and every answer verified by the generator (--oscore)
# Every round starts each server afresh, in alternating order, and runs the generator against it
# in 256-endpoint mode, then single mode (64 in flight). The protected single-mode run starts at a
# higher Partial IV than the multi-mode one, so the server's replay window accepts it; both start
# at 4-byte Partial IVs so the request size is the same throughout. Prints medians, the ratios
# oscore/plain of rate and server CPU per request, and each server's allocation per request. See perf/README.md.
set -euo pipefail

ROUNDS=3
DURATION=8
WARMUP=3
QUIET_WAIT=90
BUILD=1
OUT=""
PORT=${OUR_PORT:-5690}
ENDPOINTS=256
IN_FLIGHT=64
DEDUP_CAPACITY=32768
SSN_MULTI=$((1 << 24))
SSN_SINGLE=$((1 << 28))

while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --quiet-wait) QUIET_WAIT=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --out) OUT=$2; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DLL="$ROOT/perf/LoadGenerator/bin/Release/net10.0/Coap.LoadGenerator.dll"
OUT=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/coap-oscore.XXXXXX")}
mkdir -p "$OUT"
RESULTS="$OUT/results.tsv"
ALLOC="$OUT/allocations.tsv"

if [[ $BUILD == 1 ]]; then
  echo "== building (Release)"
  dotnet build "$ROOT/perf/LoadGenerator/Coap.LoadGenerator.csproj" -c Release -nologo -v quiet >"$OUT/build.log" 2>&1 \
    || { cat "$OUT/build.log"; exit 1; }
fi

SERVER_PID=""
cleanup() {
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT

source "$(dirname "${BASH_SOURCE[0]}")/quiet-machine.sh"

# start_server VARIANT LOG: waits for SERVE_READY (an unprotected probe would not tell a protected server is ready).
start_server() {
  local variant=$1 log=$2 extra=(--controllers) i
  if [[ $variant == oscore ]]; then extra+=(--oscore); fi
  for i in $(seq 1 50); do
    ss -Hlun "sport = :$PORT" 2>/dev/null | grep -q . || break
    sleep 0.2
  done
  dotnet "$DLL" --serve --port "$PORT" --dedup-capacity "$DEDUP_CAPACITY" "${extra[@]}" >"$log" 2>&1 &
  SERVER_PID=$!
  for i in $(seq 1 100); do
    grep -q '^SERVE_READY' "$log" && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "server exited early:" >&2; cat "$log" >&2; return 1; }
    sleep 0.1
  done
  echo "server did not start" >&2
  return 1
}

stop_server() {
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  local i
  for i in $(seq 1 75); do
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.2
  done
  kill -KILL "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

field() {
  awk -v key="$2" '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == key) { print kv[2]; exit } } }' <<<"$1"
}

# run_generator VARIANT ROUND MODE
run_generator() {
  local variant=$1 round=$2 mode=$3 line log
  log="$OUT/gen-$variant-$mode-r$round.log"
  local args=(--target "127.0.0.1:$PORT" --duration "$DURATION" --warmup "$WARMUP" --server-pid "$SERVER_PID")
  if [[ $mode == multi ]]; then args+=(--mode multi --endpoints "$ENDPOINTS"); else args+=(--mode single --in-flight "$IN_FLIGHT"); fi
  if [[ $variant == oscore ]]; then
    args+=(--path /stime --oscore --oscore-first-ssn "$([[ $mode == multi ]] && echo $SSN_MULTI || echo $SSN_SINGLE)")
  else
    args+=(--path /time)
  fi
  wait_quiet
  dotnet "$DLL" "${args[@]}" >"$log" 2>&1
  line=$(grep '^RESULT ' "$log")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$variant" "$round" "$mode" \
    "$(field "$line" rate)" "$(field "$line" server_cpu_us_per_req)" "$(field "$line" gen_cpu_us_per_req)" \
    "$(field "$line" p50_us)" "$(field "$line" p99_us)" "$(field "$line" lost)" "$(field "$line" error_codes)" \
    "$(field "$line" other_cpu_s)" "$(field "$line" oscore_verify_failures)" "$(field "$line" oscore_echo_challenges)" >>"$RESULTS"
  printf '   %-7s %-6s %9.0f req/s  server %6.2f µs/req  generator %5.2f µs/req  p50 %6.0f µs  p99 %6.0f µs  lost %s  error codes %s  verify failures %s  echo %s  other CPU %s s\n' \
    "$variant" "$mode" "$(field "$line" rate)" "$(field "$line" server_cpu_us_per_req)" "$(field "$line" gen_cpu_us_per_req)" \
    "$(field "$line" p50_us)" "$(field "$line" p99_us)" "$(field "$line" lost)" "$(field "$line" error_codes)" \
    "$(field "$line" oscore_verify_failures)" "$(field "$line" oscore_echo_challenges)" "$(field "$line" other_cpu_s)"
}

# round_variant VARIANT ROUND
round_variant() {
  local variant=$1 round=$2 log="$OUT/serve-$1-r$2.log" line
  start_server "$variant" "$log"
  run_generator "$variant" "$round" multi
  run_generator "$variant" "$round" single
  stop_server
  line=$(grep '^SERVE_RESULT ' "$log" || true)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$variant" "$round" "$(field "$line" requests)" "$(field "$line" allocated_bytes)" \
    "$(field "$line" bytes_per_request)" "$(field "$line" steady_bytes_per_request)" "$(field "$line" gc0)" >>"$ALLOC"
  echo "   $variant: allocated $(field "$line" allocated_bytes) B over $(field "$line" requests) requests =" \
    "$(field "$line" bytes_per_request) B/request ($(field "$line" steady_bytes_per_request) after the first 50,000), gen0 GCs $(field "$line" gc0)"
}

echo "== machine: $(nproc) CPUs, $(uname -r); $ROUNDS rounds, ${WARMUP}s warmup + ${DURATION}s measured per run; results in $OUT"
printf 'variant\tround\tmode\trate\tserver_us_per_req\tgen_us_per_req\tp50_us\tp99_us\tlost\terror_codes\tother_cpu_s\tverify_failures\techo\n' >"$RESULTS"
printf 'variant\tround\trequests\tallocated_bytes\tbytes_per_request\tsteady_bytes_per_request\tgc0\n' >"$ALLOC"

VARIANTS=(plain oscore)
for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round/$ROUNDS"
  for i in 0 1; do
    round_variant "${VARIANTS[$(( (i + round - 1) % 2 ))]}" "$round"
  done
done

median() {
  awk -F'\t' -v s="$2" -v m="$3" -v c="$4" 'NR > 1 && $1 == s && $3 == m { print $c }' "$1" | sort -g |
    awk '{ v[NR] = $1 } END { if (NR == 0) { print "na"; exit } if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
total() {
  awk -F'\t' -v s="$2" -v m="$3" -v c="$4" 'NR > 1 && $1 == s && $3 == m { t += $c } END { print t + 0 }' "$1"
}
median_column() {
  awk -F'\t' -v s="$2" -v c="$3" 'NR > 1 && $1 == s { print $c }' "$1" | sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print "na" }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "na"; else printf "%.2f", a / b }'; }

echo
echo "== medians over $ROUNDS rounds"
echo
echo "| mode | variant | req/s | server CPU µs/req | generator CPU µs/req | p50 µs | p99 µs | lost (sum) | error codes (sum) |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
for mode in multi single; do
  for variant in "${VARIANTS[@]}"; do
    printf '| %s | %s | %.0f | %.2f | %.2f | %.0f | %.0f | %s | %s |\n' \
      "$([[ $mode == multi ]] && echo "$ENDPOINTS endpoints x 1" || echo "1 endpoint x $IN_FLIGHT")" "$variant" \
      "$(median "$RESULTS" "$variant" "$mode" 4)" "$(median "$RESULTS" "$variant" "$mode" 5)" "$(median "$RESULTS" "$variant" "$mode" 6)" \
      "$(median "$RESULTS" "$variant" "$mode" 7)" "$(median "$RESULTS" "$variant" "$mode" 8)" \
      "$(total "$RESULTS" "$variant" "$mode" 9)" "$(total "$RESULTS" "$variant" "$mode" 10)"
  done
done
echo
echo "| mode | rate oscore/plain | server CPU per request oscore/plain |"
echo "|---|---:|---:|"
for mode in multi single; do
  printf '| %s | %s | %s |\n' "$mode" \
    "$(ratio "$(median "$RESULTS" oscore "$mode" 4)" "$(median "$RESULTS" plain "$mode" 4)")" \
    "$(ratio "$(median "$RESULTS" oscore "$mode" 5)" "$(median "$RESULTS" plain "$mode" 5)")"
done
echo
for variant in "${VARIANTS[@]}"; do
  echo "$variant allocated (median of rounds): $(median_column "$ALLOC" "$variant" 5) B/request over its whole life," \
    "$(median_column "$ALLOC" "$variant" 6) B/request after the first 50,000 requests"
done
echo "raw figures: $RESULTS, $ALLOC, logs in $OUT"
