#!/usr/bin/env bash
# Two Geographie replicas behind Debian's HAProxy over the local PostGIS, under load: an import mid-load, then a
# replica killed mid-load. Not part of `make test` (it needs haproxy, wrk and python3-grpcio, and takes ~2 minutes).
#
#   benchmarks/replicas/run.sh            # prints the report; copy it into benchmarks/RESULTS.md
#
# What it does, on its own database (geographie_replicas) so that nothing else is disturbed:
#  1. loads the shipped data; starts replicas A and B (REST/gRPC/metrics on 18180/18181/19464 and 18280/18281/19465),
#     each with its own Npgsql Application Name; starts HAProxy with REST on 18090 (HTTP/1.1) and gRPC on 18091 (h2),
#     health-checked on /readyz;
#  2. import under load: wrk (REST GET, fixed-seed points) and a gRPC client through the balancer for 25 s; at 5 s and
#     at 14 s a perimeter import (one quartier dropped, then restored) — errors counted, and the time from the end of
#     each import until both replicas serve the new revision (polled on their own /readyz every 20 ms);
#  3. kill under load: the same load for 20 s, replica B killed (SIGKILL) at 5 s — errors counted (only the requests
#     in flight on B may fail), then B restarted and the time until it is ready again;
#  4. connections held per replica (pg_stat_activity by application name) against max_connections.
set -euo pipefail
cd "$(dirname "$0")/../.."
for tool in haproxy wrk /usr/bin/python3; do command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install haproxy wrk python3-grpcio)"; exit 2; }; done

DBNAME=geographie_replicas
source benchmarks/replicas/common.sh

now() { date +%s.%N; }
since() { printf '%.3f' "$(echo "$(now) - $1" | bc)"; }
revision_of() { curl -fs "http://127.0.0.1:$1/readyz" 2>/dev/null | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["revision"])' 2>/dev/null || echo none; }

echo "## Replicas behind HAProxy ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
prepare_database

start_replica() { # name rest grpc metrics
  env GEOGRAPHIE_DB="$DB;Application Name=replica-$1" Geographie__RestUrl=http://127.0.0.1:$2 Geographie__GrpcUrl=http://127.0.0.1:$3 \
    Geographie__MetricsUrl=http://127.0.0.1:$4 Logging__LogLevel__Default=Warning dotnet $API >"$OUT/replica-$1.log" 2>&1 &
  echo $!
}
wait_ready() { for _ in $(seq 1 400); do curl -fs "http://127.0.0.1:$1/readyz" >/dev/null 2>&1 && return 0; sleep 0.05; done; echo "replica on $1 not ready" >&2; exit 1; }

A=$(start_replica A 18180 18181 19464); PIDS+=("$A")
B=$(start_replica B 18280 18281 19465); PIDS+=("$B")
wait_ready 18180; wait_ready 18280

cat >"$OUT/haproxy.cfg" <<CFG
global
    maxconn 4096
    log stdout format raw local0 info
defaults
    mode http
    log global
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    option redispatch
    retries 2
    default-server inter 500ms fall 2 rise 2 on-marked-down shutdown-sessions
frontend rest
    bind 127.0.0.1:18090
    default_backend replicas_rest
backend replicas_rest
    balance roundrobin
    option httpchk GET /readyz
    retry-on conn-failure empty-response response-timeout
    server a 127.0.0.1:18180 check
    server b 127.0.0.1:18280 check
frontend grpc
    bind 127.0.0.1:18091 proto h2
    default_backend replicas_grpc
backend replicas_grpc
    balance roundrobin
    option httpchk GET /readyz
    retry-on conn-failure empty-response
    server a 127.0.0.1:18181 proto h2 check port 18180 check-proto h1
    server b 127.0.0.1:18281 proto h2 check port 18280 check-proto h1
CFG
haproxy -f "$OUT/haproxy.cfg" -db >"$OUT/haproxy.log" 2>&1 &
PIDS+=("$!")
for _ in $(seq 1 100); do curl -fs http://127.0.0.1:18090/readyz >/dev/null 2>&1 && break; sleep 0.05; done
echo "replicas A=$A B=$B ready; HAProxy $(haproxy -v | head -1 | cut -d' ' -f3) REST :18090 gRPC :18091"

load() { # seconds -> background wrk and gRPC clients writing to $OUT/$2-*.txt
  PATHS="$OUT/rest-paths.txt" wrk -t2 -c32 -d"$1"s -s benchmarks/load/cycle.lua http://127.0.0.1:18090 >"$OUT/$2-wrk.txt" 2>&1 &
  LOAD_PIDS=("$!")
  /usr/bin/python3 benchmarks/replicas/grpc_probe.py 127.0.0.1:18091 "$OUT/grpc-check.bin" "$1" 4 >"$OUT/$2-grpc.txt" 2>&1 &
  LOAD_PIDS+=("$!")
}


import_and_converge() { # file label
  local t0 t1 target
  t0=$(now)
  GEOGRAPHIE_DB="$DB" dotnet $API import "$1" --edition qpv2015 >"$OUT/import-$2.txt"
  t1=$(now)
  target=$($PSQL -d $DBNAME -c "SELECT revision FROM data_revision")
  while [ "$(revision_of 18180)" != "$target" ] || [ "$(revision_of 18280)" != "$target" ]; do sleep 0.02; done
  echo "import $2: $(head -1 "$OUT/import-$2.txt" | cut -c1-90) — import took $(printf '%.2f' "$(echo "$t1 - $t0" | bc)") s; both replicas on revision $target $(since "$t1") s after it committed"
}

echo; echo "### import under load (25 s of REST + gRPC through HAProxy, imports at 5 s and 14 s)"
load 25 import
sleep 5; import_and_converge "$OUT/lyon-one-fewer.geojson" one-fewer
sleep 4; import_and_converge geodata/qpv2015/qpv2015_metropole_lyon.geojson restored
echo "connections: $($PSQL -d postgres -c "SELECT string_agg(application_name || '=' || n, ' ') FROM (SELECT application_name, count(*) n FROM pg_stat_activity WHERE datname = '$DBNAME' AND application_name LIKE 'replica-%' GROUP BY 1 ORDER BY 1) c") of max_connections $($PSQL -d postgres -c 'SHOW max_connections')"
wait "${LOAD_PIDS[@]}" || true
echo "REST: $(grep RESULT "$OUT/import-wrk.txt")"
echo "gRPC: $(cat "$OUT/import-grpc.txt")"

echo; echo "### replica B killed under load (20 s, SIGKILL at 5 s)"
load 20 kill
sleep 5
kill -9 "$B"; T_KILL=$(now)
sleep 8
B=$(start_replica B 18280 18281 19465); PIDS+=("$B"); T_START=$(now)
wait_ready 18280
echo "B killed; restarted $(printf '%.1f' "$(echo "$T_START - $T_KILL" | bc)") s later and ready $(since "$T_START") s after its start"
wait "${LOAD_PIDS[@]}" || true
echo "REST: $(grep RESULT "$OUT/kill-wrk.txt")"
echo "gRPC: $(cat "$OUT/kill-grpc.txt")"
echo "HAProxy saw: $(grep -cE 'is DOWN|is UP' "$OUT/haproxy.log" || true) state changes ($(grep -oE 'Server replicas_[a-z]+/[ab] is (DOWN|UP)' "$OUT/haproxy.log" | tr '\n' ';'))"
