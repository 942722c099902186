#!/usr/bin/env bash
# Where an IRIS zone's CPU goes over the wire (benchmarks/RESULTS.md, Overlaps, session 20): a fresh service on its own
# ports and the stand-in database, 12 untimed rounds of the communes and IRIS bodies, then perf record while 30 POSTs of
# the IRIS body × qpv2015; prints the service CPU per zone; OUT.txt is the perf script output for overlaps-perf-stages.py.
#
#   STANDIN_DB=analysts_s18_standin benchmarks/load/overlaps-profile.sh BUILD_DIR PORT OUT
#   python3 benchmarks/load/overlaps-perf-stages.py OUT.txt US_PER_ZONE
set -u
build=$1; port=$2; out=$3
cd "$(dirname "$0")/../.."
DB="Host=127.0.0.1;Port=55432;Username=geographie;Password=geographie;Database=${STANDIN_DB:?name the stand-in database}"
URL=http://127.0.0.1:$port
env DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 Geographie__RestUrl=$URL Geographie__GrpcUrl=http://127.0.0.1:$((port+1)) Geographie__MetricsUrl=http://127.0.0.1:$((port+2)) \
  GEOGRAPHIE_DB="$DB" Logging__LogLevel__Default=Warning dotnet "$build/geographie.dll" >$out.svc.log 2>&1 &
pid=$!
for _ in $(seq 600); do [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/v1/overlaps?commune=69266&geography=qpv2015")" = 200 ] && break; sleep 1; done
post() { curl -s -o /dev/null -H 'Content-Type: application/geo+json' --data-binary "@geodata/admin/$1.geojson" "$URL/v1/overlaps?geography=$2"; }
for _ in $(seq 12); do post communes_69 qpv2015; post iris_13 qpv2015; done
t0=$(awk '{print $14+$15}' /proc/$pid/stat)
perf record -F 999 -g -p $pid -o $out.data -- sleep 1000 >/dev/null 2>&1 &
perfpid=$!
sleep 1
for _ in $(seq 30); do post iris_13 qpv2015; done
t1=$(awk '{print $14+$15}' /proc/$pid/stat)
kill -INT $perfpid; wait $perfpid
echo "service CPU ticks over 30 IRIS posts: $((t1-t0)) (x10ms) => us/zone $(( (t1-t0)*10000/(30*840) ))"
perf script -i $out.data > $out.txt 2>/dev/null
kill $pid; wait $pid 2>/dev/null
