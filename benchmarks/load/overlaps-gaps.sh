#!/usr/bin/env bash
# One POST at a time with an idle gap between them (benchmarks/RESULTS.md, Overlaps, session 24): a fresh service on the
# stand-in database, warmed up as overlaps-profile.sh warms it (8 bursts of 10 communes POSTs, a second's pause), then
# N POSTs of the communes body × qpv2015, each by its own curl with GAP seconds of idle before the next; prints the
# quartiles of the wall time. Whether the service's time for one request depends on how long the machine idled before it.
#
#   STANDIN_DB=analysts_s18_standin benchmarks/load/overlaps-gaps.sh BUILD_DIR [GAP (0.02)] [N (40)] [PORT (18795)]
set -u
build=$1; gap=${2:-0.02}; n=${3:-40}; port=${4:-18795}
cd "$(dirname "$0")/../.."
REST_PORT=$port
. benchmarks/load/overlaps-service.sh
start_service "$build" || exit 1
post() { curl -s -o /dev/null -w '%{time_total}\n' -H 'Content-Type: application/geo+json' --data-binary @geodata/admin/communes_69.geojson "$URL/v1/overlaps?geography=qpv2015"; }
for _ in $(seq 8); do for _ in $(seq 10); do post >/dev/null; done; sleep 1; done
for _ in $(seq "$n"); do post; sleep "$gap"; done | sort -n | awk -v b="$build" -v g="$gap" \
  '{a[NR] = $1 * 1000} END {printf "%s, gap %s s: min %.2f, p25 %.2f, median %.2f, p75 %.2f, max %.2f ms (%d POSTs)\n", b, g, a[1], a[int(NR/4)], a[int(NR/2)], a[int(3*NR/4)], a[NR], NR}'
stop_service
