#!/usr/bin/env bash
# Load figures of a running Geographie service and its PostGIS peer, in one run (see benchmarks/README.md).
#
#   benchmarks/load/run-all.sh                 # everything, service as shipped (default logging)
#   LOGLEVEL=Warning benchmarks/load/run-all.sh   # the same with Logging__LogLevel__Default=Warning
#   STEPS="grpc-batch rest" benchmarks/load/run-all.sh   # a subset
#   EXTRA_ENV="DOTNET_gcServer=0" STEPS=grpc-batch benchmarks/load/run-all.sh   # an experiment (service settings)
#   PERF=1 EXTRA_ENV="DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0" benchmarks/load/run-all.sh   # a perf profile per measured run
#
# Starts its own service (Release build) on REST_PORT/GRPC_PORT (18080/18081 by default, so that it never clashes
# with a service on 8080/8081), kills it by PID at the end. Needs the local PostGIS with the shipped data loaded
# (scripts/local-postgis.sh ensure; geographie load-shipped), wrk, curl and (optional) h2load.
#
#   WORKLOAD=production benchmarks/load/run-all.sh   # the production-like workload (issue 10), see below
#   REUSE_DB=1 WORKLOAD=production benchmarks/load/run-all.sh   # the same, on the database an earlier run built
#
# WORKLOAD=production (BENCHMARK-ONLY): recreates its own database BENCH_DB_NAME (geographie_bench_production),
# loads the shipped data, makes the 2015 edition complete with benchmarks/load/complete-edition-2015.sql (the 37
# real Lyon perimeters plus translated copies far from Lyon, labelled, never shipped) and draws address-like points
# (uniform over the Lyon perimeters' box widened by 0.03°, seed 20261201); the CSV step runs near_distance_m 0 and
# 10000 and the PostGIS step answers the complete question (postgis-complete) and compares it with the service.
# For each step it prints the figures, the 1-minute load average before/after (the machine is shared) and the CPU
# seconds the service process used, so that CPU cost per point can be read even when other work steals cores.
set -euo pipefail
cd "$(dirname "$0")/../.."

REST_PORT=${REST_PORT:-18080}
GRPC_PORT=${GRPC_PORT:-18081}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-5}
STEPS=${STEPS:-"grpc-batch grpc-unary h2load rest csv tiles postgis cold-tiles overlaps"}
DB=${GEOGRAPHIE_DB:-"Host=127.0.0.1;Port=55432;Username=geographie;Password=geographie;Database=geographie"}
PSQL_URL=${PSQL_URL:-"postgresql://geographie:geographie@127.0.0.1:55432/geographie"}
WORKLOAD=${WORKLOAD:-shipped}
if [ "$WORKLOAD" = production ]; then
  BENCH_DB_NAME=${BENCH_DB_NAME:-geographie_bench_production}
  DB="Host=127.0.0.1;Port=55432;Username=geographie;Password=geographie;Database=$BENCH_DB_NAME"
  PSQL_URL="postgresql://geographie:geographie@127.0.0.1:55432/$BENCH_DB_NAME"
  export GEOGRAPHIE_DB=$DB
  STEPS=${STEPS/postgis/postgis-complete}
fi
WL="--workload $WORKLOAD"
OUT=benchmarks/load/out
API=${API:-src/Geographie.Api/bin/Release/net10.0/geographie.dll}   # API=... runs another build of the service (experiments)
LG="dotnet benchmarks/Geographie.LoadGen/bin/Release/net10.0/Geographie.LoadGen.dll"
REST=http://127.0.0.1:$REST_PORT
GRPC=http://127.0.0.1:$GRPC_PORT
SVC_PID=

log() { printf '\n### %s\n' "$*"; }
load() { cut -d' ' -f1 /proc/loadavg; }
cpu_s() { awk '{printf "%.2f", ($14 + $15) / 100}' "/proc/$SVC_PID/stat"; }   # utime+stime, USER_HZ=100

start_service() {
  local env=(Geographie__RestUrl=$REST Geographie__GrpcUrl=$GRPC)
  if [ -n "${LOGLEVEL:-}" ]; then env+=(Logging__LogLevel__Default=$LOGLEVEL); fi
  # EXTRA_ENV: more VAR=value settings for the service (experiments), e.g. "DOTNET_gcServer=0 Geographie__NearestSearchM=300"
  if [ -n "${EXTRA_ENV:-}" ]; then read -r -a extra <<<"$EXTRA_ENV"; env+=("${extra[@]}"); fi
  env "${env[@]}" dotnet $API >"$OUT/service.log" 2>&1 &
  SVC_PID=$!
  for _ in $(seq 1 $((4 * ${READY_TIMEOUT:-30}))); do   # READY_TIMEOUT s: a France-sized index builds for longer
    if curl -fs "$REST/readyz" >/dev/null 2>&1; then return 0; fi
    sleep 0.25
  done
  echo "service did not become ready; see $OUT/service.log" >&2
  exit 1
}
stop_service() { if [ -n "$SVC_PID" ]; then kill "$SVC_PID" 2>/dev/null || true; wait "$SVC_PID" 2>/dev/null || true; SVC_PID=; fi; }
trap stop_service EXIT

# Runs "$@" and prints the service CPU seconds and the load average around it. PERF=1: a perf profile of the service
# for the same span, $OUT/perf-NN.data (managed names need the EXTRA_ENV above: the JIT's perf map, no W^X double mapping).
PERF_RUN=0
measured() {
  local l0 c0 t0 perf_pid=
  if [ -n "${PERF:-}" ]; then
    PERF_RUN=$((PERF_RUN + 1))
    perf record -q -g -F ${PERF_HZ:-499} -p "$SVC_PID" -o "$(printf '%s/perf-%02d.data' "$OUT" $PERF_RUN)" >/dev/null 2>&1 &
    perf_pid=$!
    sleep 0.5
  fi
  l0=$(load); c0=$(cpu_s); t0=$(date +%s.%N)
  # The load tool's own CPU (it shares the cores with the service): bash's time of the command.
  local TIMEFORMAT="  [load tool cpu %U s user + %S s sys over %R s wall]"
  time "$@"
  local c1 t1
  c1=$(cpu_s); t1=$(date +%s.%N)
  if [ -n "$perf_pid" ]; then
    # perf may have stopped on its own (another profiler holding the counters): the figures stand without it.
    if kill -INT "$perf_pid" 2>/dev/null; then wait "$perf_pid" 2>/dev/null || true; fi
    echo "  [perf profile $(printf '%s/perf-%02d.data' "$OUT" $PERF_RUN)]"
  fi
  echo "  [service cpu $(echo "$c1 - $c0" | bc) s over $(printf '%.1f' "$(echo "$t1 - $t0" | bc)") s wall; load avg $l0 -> $(load); service VmHWM $(grep VmHWM /proc/$SVC_PID/status | awk '{print $2/1024 " MiB"}')]"
}

has() { [[ " $STEPS " == *" $1 "* ]]; }

mkdir -p "$OUT"
log "machine"
lscpu | grep -E 'Model name|^CPU\(s\)|Thread|Core|Socket|L1d|L2|L3' || true
dotnet --version; uname -r
psql "$PSQL_URL" -Atc "SELECT version(); SELECT postgis_full_version();" 2>/dev/null | cut -c1-160 || true
echo "load average: $(cat /proc/loadavg)"

if [ -z "${SKIP_BUILD:-}" ]; then
  log "build (Release)"
  dotnet build src/Geographie.Api -c Release -nologo -v quiet | tail -1
  dotnet build benchmarks/Geographie.LoadGen -c Release -nologo -v quiet | tail -1
fi

if [ "$WORKLOAD" = production ] && [ -n "${REUSE_DB:-}" ]; then
  log "benchmark-only database $BENCH_DB_NAME as an earlier run left it (REUSE_DB)"
elif [ "$WORKLOAD" = production ]; then
  log "benchmark-only database $BENCH_DB_NAME: shipped data + complete 2015 edition (complete-edition-2015.sql)"
  ADMIN_URL="postgresql://geographie:geographie@127.0.0.1:55432/postgres"
  psql "$ADMIN_URL" -qc "DROP DATABASE IF EXISTS $BENCH_DB_NAME" -c "CREATE DATABASE $BENCH_DB_NAME"
  psql "$PSQL_URL" -qc "CREATE EXTENSION postgis"
  dotnet $API load-shipped >"$OUT/load-shipped.log" 2>&1 || { tail -20 "$OUT/load-shipped.log"; exit 1; }
  psql "$PSQL_URL" -q -f benchmarks/load/complete-edition-2015.sql
fi

log "fixed-seed inputs (workload $WORKLOAD)"
$LG gen --out $OUT --db "$DB" $WL

start_service
echo "service pid $SVC_PID on $REST / $GRPC (LOGLEVEL=${LOGLEVEL:-as shipped}; EXTRA_ENV=${EXTRA_ENV:-none})"

if has grpc-batch; then
  log "gRPC CheckBatch, 10,000-point batches"
  for c in ${BATCH_CONCURRENCY:-2 4}; do
    measured $LG grpc-batch $WL --url $GRPC --db "$DB" --batch 10000 --concurrency $c --warmup $WARMUP --duration $DURATION
  done
  log "gRPC CheckBatch, 10,000-point lean batches (no reason, no quartier details)"
  measured $LG grpc-batch $WL --url $GRPC --db "$DB" --batch 10000 --concurrency 2 --lean true --warmup $WARMUP --duration $DURATION
  log "gRPC CheckColumns, the same points as 10,000-point packed columns"
  measured $LG grpc-batch $WL --url $GRPC --db "$DB" --batch 10000 --concurrency 2 --columns true --warmup $WARMUP --duration $DURATION
  log "gRPC CheckColumns, 100,000-point packed columns"
  measured $LG grpc-batch $WL --url $GRPC --db "$DB" --batch 100000 --distinct 3 --concurrency 2 --columns true --warmup $WARMUP --duration $DURATION
fi

if has grpc-unary; then
  log "gRPC Check unary (Grpc.Net.Client)"
  for spec in "2 64" "4 128"; do
    set -- $spec
    measured $LG grpc-unary $WL --url $GRPC --db "$DB" --connections $1 --concurrency $2 --warmup $WARMUP --duration $DURATION
  done
fi

if has h2load && command -v h2load >/dev/null; then
  log "gRPC Check unary (h2load, one framed CheckRequest, 2 connections x 64 streams)"
  echo "h2load -t 1 -c 2 -m 64 -D $DURATION --warm-up-time=${WARMUP}s -d $OUT/grpc-check.bin -H 'content-type: application/grpc' -H 'te: trailers' $GRPC/geographie.v1.Eligibility/Check"
  measured bash -c "h2load -t 1 -c 2 -m 64 -D $DURATION --warm-up-time=${WARMUP}s -d $OUT/grpc-check.bin \
    -H 'content-type: application/grpc' -H 'te: trailers' \
    $GRPC/geographie.v1.Eligibility/Check | grep -E 'finished in|requests:|status codes|time for request'"
fi

if has rest; then
  log "REST GET /v1/eligibility (wrk, 10,000 fixed-seed points)"
  wrk -t2 -c64 -d2s -s benchmarks/load/cycle.lua "$REST" >/dev/null 2>&1 || true   # warm-up
  for c in 64 128; do
    echo "wrk -t2 -c$c -d${DURATION}s -s benchmarks/load/cycle.lua $REST"
    measured bash -c "PATHS=$OUT/rest-paths.txt wrk -t2 -c$c -d${DURATION}s --latency -s benchmarks/load/cycle.lua $REST | grep RESULT"
  done
fi

if has csv; then
  # production: near_distance_m 0 (no band) and 10000 (every outside point within 5 km needs its nearest boundary)
  if [ "$WORKLOAD" = production ]; then queries=${CSV_QUERIES:-"&near_distance_m=0 &near_distance_m=10000"}; else queries=${CSV_QUERIES:-"-"}; fi
  for q in $queries; do
    [ "$q" = - ] && q=
    log "CSV: 1,000,000 rows POSTed to /v1/eligibility/batch?geography=qpv2015$q"
    for run in 1 2 3; do
      measured bash -c "curl -s -H 'Expect:' -H 'Content-Type: text/csv' --data-binary @$OUT/points.csv '$REST/v1/eligibility/batch?geography=qpv2015$q' -o $OUT/csv-answer.csv -w 'run $run: http=%{http_code} wall=%{time_total}s up=%{size_upload}B down=%{size_download}B'; echo \" rows=\$((\$(wc -l < $OUT/csv-answer.csv) - 1))\""
    done
    echo "header: $(head -1 $OUT/csv-answer.csv)"
    echo "status mix: $(cut -d, -f4 $OUT/csv-answer.csv | tail -n +2 | sort | uniq -c | tr '\n' ' ')"
  done
fi

if has tiles; then
  log "tiles: $(wc -l < $OUT/tile-paths.txt) z10-z14 addresses over Marseille and Lyon, cache warmed first"
  while read -r p; do curl -s -o /dev/null -H 'Accept-Encoding: gzip' -w '%{http_code}\n' "$REST$p"; done < $OUT/tile-paths.txt | sort | uniq -c | tr '\n' ' '; echo
  for c in 64 128; do
    echo "wrk -t2 -c$c -d${DURATION}s -H 'Accept-Encoding: gzip' -s benchmarks/load/cycle.lua $REST  (PATHS=$OUT/tile-paths.txt)"
    measured bash -c "PATHS=$OUT/tile-paths.txt wrk -t2 -c$c -d${DURATION}s --latency -H 'Accept-Encoding: gzip' -s benchmarks/load/cycle.lua $REST | grep RESULT"
  done
fi

if has postgis; then
  log "PostGIS peer (same points, table quartier version qpv2015, GiST on perimeter)"
  $LG postgis --db "$DB" --single 5000 --batch 100000 --connections 2 --runs 3
fi

if has postgis-complete; then
  log "PostGIS peer, complete answer (ST_Covers, nearest boundary within 5 km in Lambert-93 with ST_DWithin + <->, NEAR 300 m), batched; same answers as the service on the first 100,000 points"
  echo "$LG postgis-complete --url $GRPC --db \"$DB\" --batch 100000 --runs 3 --compare 100000"
  $LG postgis-complete --url $GRPC --db "$DB" --batch 100000 --runs 3 --compare 100000
fi

if has cold-tiles; then
  log "cold tiles: first request after a restart (Lyon, qpv2015) vs PostGIS ST_AsMVT of the same tile"
  for zxy in 12/2104/1460 13/4209/2921 14/8418/5843; do
    stop_service; start_service
    IFS=/ read -r z x y <<<"$zxy"
    first=$(curl -s -o /dev/null -w '%{http_code} %{size_download}B %{time_total}s' "$REST/tiles/$z/$x/$y.mvt?geography=qpv2015")
    second=$(curl -s -o /dev/null -w '%{http_code} %{size_download}B %{time_total}s' "$REST/tiles/$z/$x/$y.mvt?geography=qpv2015")
    other=$(curl -s -o /dev/null -w '%{http_code} %{size_download}B %{time_total}s' "$REST/tiles/$z/$((x - 1))/$y.mvt?geography=qpv2015")
    sql="SELECT length(ST_AsMVT(t, 'quartiers', 4096, 'geom')) FROM (SELECT code, name, ST_AsMVTGeom(ST_Transform(perimeter, 3857), ST_TileEnvelope($z,$x,$y), 4096, 64, true) AS geom FROM quartier WHERE version = 'qpv2015' AND perimeter && ST_Transform(ST_TileEnvelope($z,$x,$y, margin => 64.0/4096), 4326)) t"
    pg=$(psql "$PSQL_URL" -At -c '\timing on' -c "$sql" -c "$sql" | tr '\n' ' ')
    echo "z$z $zxy: first after restart [http size time] $first; same again (cached) $second; neighbour x-1 (source built, tile not cached) $other; PostGIS [bytes, 1st ms, bytes, 2nd ms]: $pg"
  done
fi

if has overlaps; then
  # IRIS_GEOGRAPHY=qpv2024 on a database holding the stand-in perimeters of benchmarks/load/standin-quartiers.sql
  # (the 111 Marseille quartiers, NOT QPV) measures the IRIS against polygons they overlap; the shipped data has no
  # perimeter near them.
  log "overlaps: zones POSTed to /v1/overlaps vs PostGIS computing the same areas from the same body text"
  measured $LG overlaps --url $REST --db "$DB" --zones geodata/admin/communes_69.geojson --geography qpv2015 --runs 5 --pid $SVC_PID
  measured $LG overlaps --url $REST --db "$DB" --zones geodata/admin/iris_13.geojson --geography "${IRIS_GEOGRAPHY:-qpv2015}" --runs 5 --pid $SVC_PID
  log "overlaps: 10,000 zones (the 840 IRIS cycled), fresh service, then again; peak memory of the service"
  stop_service; start_service
  echo "fresh service VmHWM $(grep VmHWM /proc/$SVC_PID/status | awk '{print $2/1024 " MiB"}')"
  for g in qpv2015 qpv2024; do
    measured $LG overlaps --url $REST --zones geodata/admin/iris_13.geojson --geography $g --repeat 10000 --runs 3 --pid $SVC_PID
  done
fi

stop_service
log "done"
