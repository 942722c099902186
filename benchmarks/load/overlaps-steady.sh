#!/usr/bin/env bash
# Overlaps over the wire in steady state (benchmarks/RESULTS.md, Overlaps, session 18): for each service build given,
# a fresh service on its own database, 40 untimed requests of each workload in 8 bursts with pauses (the JIT's tiers
# settle: the first five requests of a fresh service cost 2–10 × the later ones in CPU, and tiered compilation
# promotes methods only in a pause: sessions 21–22), then the LoadGen overlaps verb (2 untimed and 5 timed runs,
# PostGIS from the same body text in the same run, the service's and the PostgreSQL backend's CPU per zone). A
# workload is ZONES:GEOGRAPHY, a POST of geodata/admin/ZONES.geojson, or table:GEOGRAPHY, GET /v1/overlaps/communes.
#
#   STANDIN_DB=geographie_standin benchmarks/load/overlaps-steady.sh src/Geographie.Api/bin/Release/net10.0 [other build dirs…]
#
# STANDIN_DB: a database of its own holding the shipped data plus benchmarks/load/standin-quartiers.sql (the 111
# Marseille quartiers as a BENCHMARK-ONLY stand-in qpv2024 edition, never QPV); qpv2015 there is the shipped edition.
# REST_PORT (default 18580) and the two ports above it are used. Needs the LoadGen built (Release).
# OVERLAP_WORKLOADS (default "communes_69:qpv2015 iris_13:qpv2015 iris_13:qpv2024"): body:geography pairs, a body
# being a file of geodata/admin/, or "table" for GET /v1/overlaps/communes (every loaded outline; LoadGen --communes).
# RUNS (default 5): timed runs per workload, for the service and for PostGIS alike; WARMUP (default 2): untimed runs
# before them, for each alike (the LoadGen's own connection and JIT). CPU_PER_RUN=true: the CPU read around each timed
# run, which puts a gap of a few ms between runs (session 25: long enough for this VM's idle vCPU to halt). GAP_MS:
# idle before each timed run, the service's and PostGIS's alike (default 0).
set -euo pipefail
cd "$(dirname "$0")/../.."

. benchmarks/load/overlaps-service.sh
trap stop_service EXIT
post() {
  if [ "$1" = table ]; then curl -s -o /dev/null "$URL/v1/overlaps/communes?geography=$2"
  else curl -s -o /dev/null -H 'Content-Type: application/geo+json' --data-binary "@geodata/admin/$1.geojson" "$URL/v1/overlaps?geography=$2"; fi
}
load() { cut -d' ' -f1 /proc/loadavg; }

for build in "$@"; do
  start_service "$build"
  echo "=== $build (pid $SVC_PID), load $(load), $(date -u +%H:%M) UTC"
  # 40 rounds in 8 bursts with a second's pause between: tiered compilation promotes methods to optimized code only
  # after 100 ms without a new tier-0 compilation, so back-to-back rounds kept postponing it (session 22: a JIT
  # listing, DOTNET_JitDisasmSummary, showed 560 methods, the overlap kernel's among them, still compiled during the
  # timed runs after 40 back-to-back rounds; about 30, none of them ours, with the pauses).
  for _ in $(seq 8); do
    for _ in $(seq 5); do
      for w in "${WORKLOADS[@]}"; do post "${w%%:*}" "${w##*:}"; done
    done
    sleep 1
  done
  # WARMUP_GAP (seconds): 20 more rounds, that far apart, so that the paths only spaced requests take (a new
  # connection's, the spool drained after idle) are tiered up before a spaced measure (GAP_MS) too.
  if [ -n "${WARMUP_GAP:-}" ]; then
    for _ in $(seq 20); do
      for w in "${WORKLOADS[@]}"; do post "${w%%:*}" "${w##*:}"; sleep "$WARMUP_GAP"; done
    done
  fi
  echo "warmed up, load $(load)"
  for w in "${WORKLOADS[@]}"; do
    zones=${w%%:*} geography=${w##*:}
    if [ "$zones" = table ]; then what=(--communes); else what=(--zones "geodata/admin/$zones.geojson"); fi
    $LG overlaps --url $URL --db "$DB" "${what[@]}" --geography "$geography" --runs "${RUNS:-5}" --warmup "${WARMUP:-2}" --pid $SVC_PID --cpu-per-run "${CPU_PER_RUN:-false}" --gap-ms "${GAP_MS:-0}"
    echo "load $(load)"
  done
  stop_service
done
