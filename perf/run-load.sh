#!/usr/bin/env bash
# Load comparison: our CoapServer (Coap.LoadGenerator --serve) against libcoap's example server
# (coap-server-notls), both answering GET /time, driven by Coap.LoadGenerator over loopback UDP.
#
#   perf/run-load.sh [--rounds N] [--duration S] [--warmup S] [--pin] [--no-build]
#                    [--churn-batches N] [--churn-duration S] [--quiet-wait S] [--out DIR]
#                    [--controllers | --compare-controllers]
#   (--rounds 0 runs only the churn test; --churn-batches 0 skips it)
#   --controllers: our server answers through the generated router over a singleton controller
#   (--serve --controllers; shown as "ours-ctl") instead of the hand-written handler ("ours").
#   --compare-controllers: every round runs both of ours and libcoap, in rotating order.
#
# Every round starts each server afresh, one after the other, in rotating order, and runs
# the generator against each: 256 endpoints with one request in flight each, then one endpoint
# with 64 in flight. Medians over the rounds and the ratios ours/libcoap are printed at the end,
# with our server's allocation per request. A last run ("2048 endpoints churn") drives our server
# with 8 successive batches of 256 fresh client sockets. See perf/README.md.
set -euo pipefail

ROUNDS=5
DURATION=8
WARMUP=3
CHURN_BATCHES=8
CHURN_DURATION=5
CHURN_WARMUP=1
QUIET_WAIT=90
PIN=0
BUILD=1
OUT=""
OURS=(ours)
OUR_PORT=${OUR_PORT:-5690}
LIBCOAP_PORT=${LIBCOAP_PORT:-5691}
ENDPOINTS=256
IN_FLIGHT=64
# Our server keeps 32,768 deduplication entries instead of its default 65,536: the single-endpoint
# mode reuses each message ID every 65,536 requests (under a second at these rates), which
# RFC 7252 §4.4 forbids within EXCHANGE_LIFETIME; with 65,536 entries every reused ID is still
# remembered and correctly answered from the cache as a duplicate (with the old token).
DEDUP_CAPACITY=32768

while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --churn-batches) CHURN_BATCHES=$2; shift 2 ;;
    --churn-duration) CHURN_DURATION=$2; shift 2 ;;
    --quiet-wait) QUIET_WAIT=$2; shift 2 ;;
    --pin) PIN=1; shift ;;
    --no-build) BUILD=0; shift ;;
    --out) OUT=$2; shift 2 ;;
    --controllers) OURS=(ours-ctl); shift ;;
    --compare-controllers) OURS=(ours ours-ctl); shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DLL="$ROOT/perf/LoadGenerator/bin/Release/net10.0/Coap.LoadGenerator.dll"
OUT=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/coap-load.XXXXXX")}
mkdir -p "$OUT"
RESULTS="$OUT/results.tsv"
ALLOC="$OUT/allocations.tsv"

command -v coap-server-notls >/dev/null || { echo "coap-server-notls not found (apt-get install libcoap3-bin)" >&2; exit 1; }
command -v coap-client-notls >/dev/null || { echo "coap-client-notls not found (apt-get install libcoap3-bin)" >&2; exit 1; }

SERVER_CPU=()
GEN_CPU=()
if [[ $PIN == 1 ]]; then
  # Server on CPU 0, generator on CPU 1: each gets one core of its own.
  SERVER_CPU=(taskset -c 0)
  GEN_CPU=(taskset -c 1)
fi

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

wait_port_free() {
  local port=$1 i
  for i in $(seq 1 50); do
    if ! ss -Hlun "sport = :$port" 2>/dev/null | grep -q .; then return 0; fi
    sleep 0.2
  done
  echo "port $port is still in use" >&2
  return 1
}

# Waits until a CoAP server answers GET /time on the port.
wait_ready() {
  local port=$1 i
  for i in $(seq 1 60); do
    if timeout 2 coap-client-notls -m get -B 1 "coap://127.0.0.1:$port/time" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then echo "server exited early" >&2; return 1; fi
    sleep 0.25
  done
  echo "server on port $port did not answer" >&2
  return 1
}

# start_ours VARIANT LOG: "ours" serves with the hand-written TimeHandler, "ours-ctl" with the generated router.
start_ours() {
  local variant=$1 log=$2 extra=()
  if [[ $variant == ours-ctl ]]; then extra=(--controllers); fi
  wait_port_free "$OUR_PORT"
  "${SERVER_CPU[@]}" dotnet "$DLL" --serve --port "$OUR_PORT" --dedup-capacity "$DEDUP_CAPACITY" "${extra[@]}" >"$log" 2>&1 &
  SERVER_PID=$!
  wait_ready "$OUR_PORT"
}

start_libcoap() {
  local log=$1
  wait_port_free "$LIBCOAP_PORT"
  "${SERVER_CPU[@]}" coap-server-notls -A 127.0.0.1 -p "$LIBCOAP_PORT" >"$log" 2>&1 &
  SERVER_PID=$!
  wait_ready "$LIBCOAP_PORT"
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

# field LINE KEY: the value of KEY=VALUE in a RESULT line.
field() {
  awk -v key="$2" '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == key) { print kv[2]; exit } } }' <<<"$1"
}

# run_generator SERVER ROUND MODE PORT: runs one measurement and records it.
run_generator() {
  local server=$1 round=$2 mode=$3 port=$4 line log
  log="$OUT/gen-$server-$mode-r$round.log"
  local args=(--target "127.0.0.1:$port" --path /time --duration "$DURATION" --warmup "$WARMUP" --server-pid "$SERVER_PID")
  if [[ $mode == multi ]]; then args+=(--mode multi --endpoints "$ENDPOINTS"); else args+=(--mode single --in-flight "$IN_FLIGHT"); fi
  wait_quiet
  "${GEN_CPU[@]}" dotnet "$DLL" "${args[@]}" >"$log" 2>&1
  line=$(grep '^RESULT ' "$log")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$server" "$round" "$mode" \
    "$(field "$line" rate)" "$(field "$line" server_cpu_us_per_req)" "$(field "$line" gen_cpu_us_per_req)" \
    "$(field "$line" p50_us)" "$(field "$line" p99_us)" "$(field "$line" lost)" "$(field "$line" mismatches)" \
    "$(field "$line" other_cpu_s)" "$(field "$line" server_cpu_s)" >>"$RESULTS"
  printf '   %-8s %-6s %9.0f req/s  server %6.2f µs/req (%s s)  generator %5.2f µs/req  p50 %6.0f µs  p99 %6.0f µs  lost %s  mismatches %s  other CPU %s s\n' \
    "$server" "$mode" "$(field "$line" rate)" "$(field "$line" server_cpu_us_per_req)" "$(field "$line" server_cpu_s)" \
    "$(field "$line" gen_cpu_us_per_req)" "$(field "$line" p50_us)" "$(field "$line" p99_us)" \
    "$(field "$line" lost)" "$(field "$line" mismatches)" "$(field "$line" other_cpu_s)"
}

# round_ours VARIANT ROUND
round_ours() {
  local variant=$1 round=$2 log="$OUT/serve-$1-r$2.log" line
  start_ours "$variant" "$log"
  run_generator "$variant" "$round" multi "$OUR_PORT"
  run_generator "$variant" "$round" single "$OUR_PORT"
  stop_server
  line=$(grep '^SERVE_RESULT ' "$log" || true)
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$variant" "$round" "$(field "$line" requests)" "$(field "$line" allocated_bytes)" \
    "$(field "$line" bytes_per_request)" "$(field "$line" steady_bytes_per_request)" >>"$ALLOC"
  printf '   %-8s ' "$variant"
  echo "allocated $(field "$line" allocated_bytes) B over $(field "$line" requests) requests = $(field "$line" bytes_per_request) B/request ($(field "$line" steady_bytes_per_request) B/request after the first 50,000)"
}

# round_libcoap ROUND
round_libcoap() {
  local round=$1
  start_libcoap "$OUT/libcoap-r$round.log"
  run_generator libcoap "$round" multi "$LIBCOAP_PORT"
  run_generator libcoap "$round" single "$LIBCOAP_PORT"
  stop_server
}

echo "== machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -r)"
echo "== libcoap: $({ coap-server-notls -h 2>&1 || true; } | grep -m1 -o 'v[0-9][0-9.]*')"
echo "== $ROUNDS rounds, ${WARMUP}s warmup + ${DURATION}s measured per run, pinning: $([[ $PIN == 1 ]] && echo 'server CPU 0, generator CPU 1' || echo none)"
echo "== our server's application: ${OURS[*]} (ours: hand-written TimeHandler; ours-ctl: generated router, singleton controller)"
echo "== results in $OUT"
printf 'server\tround\tmode\trate\tserver_us_per_req\tgen_us_per_req\tp50_us\tp99_us\tlost\tmismatches\tother_cpu_s\tserver_cpu_s\n' >"$RESULTS"
printf 'server\tround\trequests\tallocated_bytes\tbytes_per_request\tsteady_bytes_per_request\n' >"$ALLOC"

# Every round runs each server once; the order rotates by one each round (with two servers: alternates).
SERVERS=("${OURS[@]}" libcoap)
for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round/$ROUNDS"
  for i in $(seq 0 $(( ${#SERVERS[@]} - 1 ))); do
    server=${SERVERS[$(( (i + round - 1) % ${#SERVERS[@]} ))]}
    if [[ $server == libcoap ]]; then round_libcoap "$round"; else round_ours "$server" "$round"; fi
  done
done

# median FILE SERVER MODE COLUMN
median() {
  awk -F'\t' -v s="$2" -v m="$3" -v c="$4" 'NR > 1 && $1 == s && $3 == m { print $c }' "$1" | sort -g |
    awk '{ v[NR] = $1 } END { if (NR == 0) { print "na"; exit } if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
# total FILE SERVER MODE COLUMN
total() {
  awk -F'\t' -v s="$2" -v m="$3" -v c="$4" 'NR > 1 && $1 == s && $3 == m { t += $c } END { print t + 0 }' "$1"
}
# median_column FILE SERVER COLUMN (over the server's rows)
median_column() {
  awk -F'\t' -v s="$2" -v c="$3" 'NR > 1 && $1 == s { print $c }' "$1" | sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print "na" }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "na"; else printf "%.2f", a / b }'; }

if (( CHURN_BATCHES > 0 )); then
  echo "== $((CHURN_BATCHES * ENDPOINTS)) endpoints churn: our server, $CHURN_BATCHES batches of $ENDPOINTS fresh sockets (${CHURN_WARMUP}s warmup + ${CHURN_DURATION}s each)"
  start_ours "${OURS[0]}" "$OUT/serve-churn.log"
  wait_quiet
  "${GEN_CPU[@]}" dotnet "$DLL" --target "127.0.0.1:$OUR_PORT" --path /time --mode multi --endpoints "$ENDPOINTS" \
    --batches "$CHURN_BATCHES" --duration "$CHURN_DURATION" --warmup "$CHURN_WARMUP" --server-pid "$SERVER_PID" >"$OUT/gen-churn.log" 2>&1
  stop_server
  grep '^batch ' "$OUT/gen-churn.log" | sed 's/^/   /'
fi

echo
if (( ROUNDS > 0 )); then
  echo "== medians over $ROUNDS rounds"
  echo
  echo "| mode | server | req/s | server CPU µs/req | generator CPU µs/req | p50 µs | p99 µs | lost (sum) | mismatches (sum) |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
  for mode in multi single; do
    for server in "${SERVERS[@]}"; do
      printf '| %s | %s | %.0f | %.2f | %.2f | %.0f | %.0f | %s | %s |\n' \
        "$([[ $mode == multi ]] && echo "$ENDPOINTS endpoints x 1" || echo "1 endpoint x $IN_FLIGHT")" "$server" \
        "$(median "$RESULTS" "$server" "$mode" 4)" "$(median "$RESULTS" "$server" "$mode" 5)" "$(median "$RESULTS" "$server" "$mode" 6)" \
        "$(median "$RESULTS" "$server" "$mode" 7)" "$(median "$RESULTS" "$server" "$mode" 8)" \
        "$(total "$RESULTS" "$server" "$mode" 9)" "$(total "$RESULTS" "$server" "$mode" 10)"
    done
  done
  echo
  echo "| mode | server | rate ours/libcoap (target ≥ 2.0) | CPU per request ours/libcoap (target ≤ 0.5) |"
  echo "|---|---|---:|---:|"
  for mode in multi single; do
    for server in "${OURS[@]}"; do
      printf '| %s | %s | %s | %s |\n' "$mode" "$server" \
        "$(ratio "$(median "$RESULTS" "$server" "$mode" 4)" "$(median "$RESULTS" libcoap "$mode" 4)")" \
        "$(ratio "$(median "$RESULTS" "$server" "$mode" 5)" "$(median "$RESULTS" libcoap "$mode" 5)")"
    done
  done
  if (( ${#OURS[@]} == 2 )); then
    echo
    echo "| mode | rate ours-ctl/ours | CPU per request ours-ctl/ours |"
    echo "|---|---:|---:|"
    for mode in multi single; do
      printf '| %s | %s | %s |\n' "$mode" \
        "$(ratio "$(median "$RESULTS" ours-ctl "$mode" 4)" "$(median "$RESULTS" ours "$mode" 4)")" \
        "$(ratio "$(median "$RESULTS" ours-ctl "$mode" 5)" "$(median "$RESULTS" ours "$mode" 5)")"
    done
  fi
  echo
  for server in "${OURS[@]}"; do
    echo "$server allocated (median of rounds): $(median_column "$ALLOC" "$server" 5) B/request over its whole life," \
      "$(median_column "$ALLOC" "$server" 6) B/request after the first 50,000 requests"
  done
fi

if (( CHURN_BATCHES > 0 )); then
  CHURN=$(grep '^RESULT ' "$OUT/gen-churn.log")
  FIRST=$(field "$CHURN" first_batch_rate)
  LAST=$(field "$CHURN" last_batch_rate)
  FIRST_CPU=$(field "$CHURN" first_batch_server_cpu_us_per_req)
  LAST_CPU=$(field "$CHURN" last_batch_server_cpu_us_per_req)
  echo "$((CHURN_BATCHES * ENDPOINTS)) endpoints churn: first batch $FIRST req/s at $FIRST_CPU µs/req of server CPU," \
    "last batch $LAST req/s at $LAST_CPU µs/req (rate last/first $(ratio "$LAST" "$FIRST"), CPU per request last/first $(ratio "$LAST_CPU" "$FIRST_CPU"))"
fi
echo "raw figures: $RESULTS, $ALLOC, logs in $OUT"
