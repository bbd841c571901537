#!/usr/bin/env bash
# Observe fan-out: runs ObserveFanOutBenchmarks (perf/Microbenchmarks) in rounds, each after waiting
# for the machine to be quiet, and prints per case the notifications/s of every round with their
# median, B/change and B/notification, and the benchmark's own delivery and CPU report lines.
#
#   perf/run-fanout.sh [--rounds N] [--quiet-wait S] [--no-build] [--out DIR]
#
# One round is one BenchmarkDotNet run of all cases (Observers 1 / 1,000 / 10,000 x Wait
# Sent / Received), about 2.5 minutes. See perf/README.md, "Observe fan-out".
set -euo pipefail

ROUNDS=1
QUIET_WAIT=90
BUILD=1
OUT=""

while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS=$2; shift 2 ;;
    --quiet-wait) QUIET_WAIT=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --out) OUT=$2; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PROJECT="$ROOT/perf/Microbenchmarks/Coap.Microbenchmarks.csproj"
OUT=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/coap-fanout.XXXXXX")}
mkdir -p "$OUT"

source "$(dirname "${BASH_SOURCE[0]}")/quiet-machine.sh"

if [[ $BUILD == 1 ]]; then
  echo "== building (Release)"
  dotnet build "$PROJECT" -c Release -nologo -v quiet >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; exit 1; }
fi

for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round/$ROUNDS"
  wait_quiet
  log="$OUT/round-$round.log"
  dotnet run -c Release --no-build --project "$PROJECT" -- --filter '*ObserveFanOut*' --artifacts "$OUT/round-$round" >"$log" 2>&1 \
    || { tail -50 "$log"; exit 1; }
  grep -A8 '^| Method' "$log" | grep -E '^\| (Method|NotifyAll)'
  grep '// ObserveFanOut cleanup' "$log" | sed 's|^// ObserveFanOut ||'
done

echo "== summary over $ROUNDS round(s): notifications/s per round, median; B/change and B/notification of the last round"
cat "$OUT"/round-*.log | grep -E '^\| (Method|NotifyAll) ' | awk -F'|' '
  function trim(s) { gsub(/^ +| +$/, "", s); return s }
  # BenchmarkDotNet adds columns (Median, ...) when it sees fit: find ours by name.
  $2 ~ /Method/ { delete column; for (i = 2; i <= NF; i++) column[trim($i)] = i; next }
  {
    key = sprintf("%6s observers, %-8s", trim($column["Observers"]), trim($column["Wait"]))
    rate = trim($column["Notifications/s"]); gsub(",", "", rate)
    rates[key] = rates[key] " " rate
    bytes[key] = trim($column["B/change"]) " B/change, " trim($column["B/notification"]) " B/notification"
  }
  END {
    for (key in rates) {
      n = split(substr(rates[key], 2), values, " ")
      for (i = 2; i <= n; i++) { v = values[i] + 0; for (j = i - 1; j >= 1 && values[j] + 0 > v; j--) values[j + 1] = values[j]; values[j + 1] = v }
      median = (n % 2) ? values[(n + 1) / 2] : (values[n / 2] + values[n / 2 + 1]) / 2
      printf "%s  %s  median %.0f notifications/s  (%s)\n", key, rates[key], median, bytes[key]
    }
  }' | sort -n
echo "== logs in $OUT"
