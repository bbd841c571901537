#!/usr/bin/env bash
# Sourced by the perf scripts: waits for a quiet machine before a measurement. Needs QUIET_WAIT (seconds).

# Machine-wide busy fraction (0-100) over one second, from /proc/stat.
busy_percent() {
  local a b
  a=$(awk '/^cpu /{print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat)
  sleep 1
  b=$(awk '/^cpu /{print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat)
  awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " "); t = y[2] - x[2]; printf "%d", (t > 0 ? 100 * (y[1] - x[1]) / t : 0) }'
}

# Waits (up to QUIET_WAIT seconds) until other work on the machine has calmed down, since the
# server and the generator share its cores with whatever else runs.
wait_quiet() {
  local waited=0 busy
  while true; do
    busy=$(busy_percent)
    if (( busy < 15 )); then return 0; fi
    if (( waited >= QUIET_WAIT )); then
      echo "   (machine still ${busy}% busy with other work after ${waited}s; measuring anyway)"
      return 0
    fi
    (( waited == 0 )) && echo "   (machine ${busy}% busy with other work; waiting up to ${QUIET_WAIT}s)"
    sleep 2
    waited=$((waited + 3))
  done
}
