#!/usr/bin/env bash
# Overlaps over the wire for requests that find the machine idle, with a C client on each side (benchmarks/RESULTS.md,
# Overlaps, session 26): the service through curl (libcurl, one kept-alive connection, --rate spacing the requests),
# PostGIS through psql (libpq, one session, `\! sleep` before each query, `\timing` for the time of each), the same
# query the LoadGen overlaps verb runs (printed by its overlaps-sql verb). A .NET client such as LoadGen has its own
# wake after each pause (a timer, a pool thread), which would weigh on a 2 ms answer more than on a 30 ms one; a C
# client has little of it. For each build given: a fresh service on the stand-in database, warmed up as
# overlaps-steady.sh warms it, then ROUNDS rounds alternating the two sides, each side RUNS requests spaced by GAP
# seconds, then RUNS back to back. The platform's own wake-up is measured beside them: GET /healthz and SELECT 1.
#
#   STANDIN_DB=analysts_s18_standin benchmarks/load/overlaps-spaced.sh src/Geographie.Api/bin/Release/net10.0 [other builds…]
#
# STANDIN_DB, REST_PORT, OVERLAP_WORKLOADS: as in overlaps-steady.sh (benchmarks/load/overlaps-service.sh). GAP (seconds,
# default 0.2), RUNS (default 40), ROUNDS (default 2).
# curl spaces the starts of its requests (--rate), psql the end of one query and the start of the next: the idle
# before a request is GAP less the previous answer's time for the service, GAP for PostGIS.
set -euo pipefail
cd "$(dirname "$0")/../.."

. benchmarks/load/overlaps-service.sh
GAP=${GAP:-0.2}
RUNS=${RUNS:-40}
ROUNDS=${ROUNDS:-2}
awk -v g="$GAP" 'BEGIN { exit !(g > 0 && g <= 60) }' || { echo "GAP=$GAP: a number of seconds above 0, at most 60" >&2; exit 2; }
export PGOPTIONS="-c client_min_messages=warning"
PSQL=(psql "host=127.0.0.1 port=55432 user=geographie password=geographie dbname=$DB_NAME" -X -q -v ON_ERROR_STOP=1)
WORK=$(mktemp -d)
trap 'stop_service; rm -rf "$WORK"' EXIT

# The times (ms, one a line) of N requests of the service, spaced by GAP seconds or back to back (0).
ours() {
  local zones=$1 geography=$2 n=$3 gap=$4 path body=()
  if [ "$zones" = table ]; then path="/v1/overlaps/communes?geography=$geography"
  elif [ "$zones" = healthz ]; then path=/healthz
  else path="/v1/overlaps?geography=$geography"; body=(-H 'Content-Type: application/geo+json' --data-binary "@geodata/admin/$zones.geojson"); fi
  for _ in $(seq "$n"); do printf 'url = "%s%s"\noutput = "/dev/null"\n' "$URL" "$path"; done >"$WORK/urls"
  local rate=()
  [ "$gap" = 0 ] || rate=(--rate "$(awk -v g="$gap" 'BEGIN { print int(3600 / g + 0.5) }')/h")
  curl -s -f --fail-early -K "$WORK/urls" "${rate[@]}" "${body[@]}" -w '%{time_total}\n' | awk '{ print $1 * 1000 }'
}

# The times (ms, one a line) of N runs of PostGIS's query in one psql session after 5 untimed ones, spaced or not.
peer() {
  local zones=$1 geography=$2 n=$3 gap=$4 query
  {
    if [ "$zones" = healthz ]; then query="SELECT 1;"
    else
      [ "$zones" = table ] || printf '\\set body `cat geodata/admin/%s.geojson`\n' "$zones"
      local communes=false; [ "$zones" = table ] && communes=true
      $LG overlaps-sql --part setup --geography "$geography"
      query=$($LG overlaps-sql --part query --communes "$communes" | tr '\n' ' ')
    fi
    echo '\o /dev/null'
    for _ in $(seq 5); do echo "$query"; done
    echo '\timing on'
    for _ in $(seq "$n"); do
      [ "$gap" = 0 ] || echo "\\! sleep $gap"
      echo "$query"
    done
  } >"$WORK/peer.sql"
  "${PSQL[@]}" -f "$WORK/peer.sql" | awk '/^Time:/ { print $2 }'
}

# "median (p25–p75)" of the times on stdin (ranks rounded up: the 20th of 40 is the median), and the median alone in file $1.
quartiles() {
  sort -n | awk -v out="$1" '{ a[NR] = $1 } END {
    m = a[int((NR + 1) / 2)]; printf "%.2f", m > out
    printf "%.2f (%.2f–%.2f)", m, a[int((NR + 3) / 4)], a[int((3 * NR + 3) / 4)] }'
}

# One line: the service's and PostGIS's times for a workload, spaced or back to back, and the ratio of the medians.
row() {
  local zones=$1 geography=$2 gap=$3 o p
  o=$(ours "$zones" "$geography" "$RUNS" "$gap" | quartiles "$WORK/om")
  p=$(peer "$zones" "$geography" "$RUNS" "$gap" | quartiles "$WORK/pm")
  local what="$zones × $geography"; [ "$zones" = healthz ] && what="GET /healthz, SELECT 1"
  local spacing="back to back"; [ "$gap" = 0 ] || spacing="every $GAP s"
  echo "| $what | $spacing | $o | $p | $(awk -v a="$(cat "$WORK/pm")" -v b="$(cat "$WORK/om")" 'BEGIN { printf "%.1f×", a / b }') |"
}

for build in "$@"; do
  start_service "$build"
  # 40 untimed requests of each workload in 8 bursts with a second's pause between, as overlaps-steady.sh warms up
  # (there the workloads alternate within a burst, here they follow each other): the JIT's tiers settle in the pauses.
  for _ in $(seq 8); do
    for w in "${WORKLOADS[@]}"; do ours "${w%%:*}" "${w##*:}" 5 0 >/dev/null; done
    ours healthz - 20 0 >/dev/null
    sleep 1
  done
  echo "=== $build (pid $SVC_PID), $(date -u +%H:%M) UTC, load $(cut -d' ' -f1 /proc/loadavg); medians in ms (p25–p75), $RUNS requests each"
  echo "| workload | spacing | service (curl) | PostGIS (psql) | PostGIS ÷ service |"
  echo "|---|---|---|---|---|"
  for _ in $(seq "$ROUNDS"); do
    row healthz - "$GAP"
    row healthz - 0
    for w in "${WORKLOADS[@]}"; do
      row "${w%%:*}" "${w##*:}" "$GAP"
      row "${w%%:*}" "${w##*:}" 0
    done
  done
  stop_service
done
