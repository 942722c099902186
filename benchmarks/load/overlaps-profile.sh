#!/usr/bin/env bash
# Where a zone's CPU goes over the wire (benchmarks/RESULTS.md, Overlaps, sessions 20 and 23): a fresh service on its own
# ports and the stand-in database, warmed up in 6 bursts of 10 communes and 10 IRIS bodies with a second's pause
# (tiered compilation promotes methods only in a pause), then N POSTs of BODY × qpv2015 on one kept-alive curl
# connection; prints the service's CPU per zone and the wall time per request. With PERF=1 (the default), perf records
# those POSTs and OUT.txt is the perf script output for overlaps-perf-stages.py; PERF=0 times them alone.
#
#   STANDIN_DB=analysts_s18_standin [PERF=0] benchmarks/load/overlaps-profile.sh BUILD_DIR PORT OUT [BODY (iris_13|communes_69)] [N (30)]
#   python3 benchmarks/load/overlaps-perf-stages.py OUT.txt US_PER_ZONE
# Session 20's figures were taken with 12 back-to-back rounds of warm-up and the IRIS body only (this script before session 23).
set -u
build=$1; port=$2; out=$3; body=${4:-iris_13}; n=${5:-30}
cd "$(dirname "$0")/../.."
REST_PORT=$port
. benchmarks/load/overlaps-service.sh
start_service "$build" "$out.svc.log" DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 || exit 1
pid=$SVC_PID
# COUNT POSTs of geodata/admin/BODY.geojson × qpv2015 on one connection.
posts() {
  local urls=()
  for _ in $(seq "$2"); do urls+=("$URL/v1/overlaps?geography=qpv2015" -o /dev/null); done
  curl -s -H 'Content-Type: application/geo+json' --data-binary "@geodata/admin/$1.geojson" "${urls[@]}"
}
for _ in $(seq 6); do posts communes_69 10; posts iris_13 10; sleep 1; done
if [ "${PERF:-1}" = 1 ]; then
  perf record -F 999 -g -p $pid -o $out.data -- sleep 1000 >/dev/null 2>&1 &
  perfpid=$!
  sleep 1
fi
t0=$(awk '{print $14+$15}' /proc/$pid/stat)
start=$(date +%s.%N)
posts "$body" "$n"
end=$(date +%s.%N)
t1=$(awk '{print $14+$15}' /proc/$pid/stat)
zones=$(grep -o '"type": *"Feature"' "geodata/admin/$body.geojson" | wc -l)
if [ "${PERF:-1}" = 1 ]; then
  kill -INT $perfpid; wait $perfpid
  perf script -i $out.data > $out.txt 2>/dev/null
fi
echo "$build $body: service CPU $(echo "($t1-$t0)*10000/($n*$zones)" | bc -l | cut -c1-5) us/zone, wall $(echo "($end-$start)*1000/$n" | bc -l | cut -c1-5) ms/request ($n POSTs of $zones zones)"
stop_service
