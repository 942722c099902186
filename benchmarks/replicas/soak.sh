#!/usr/bin/env bash
# Soak (not in CI): one service for SOAK_SECONDS (default 600) at a fixed request rate on REST and gRPC, with a
# perimeter import every minute (one quartier dropped, then restored, in turn). Every 10 s it prints the REST p99 and
# errors of the last window, the gRPC status counts, and the service's RSS; a summary at the end.
#   SOAK_CONNECTIONS=16 GRPC_THREADS=2 benchmarks/replicas/soak.sh
# Debian's wrk cannot pace a fixed rate (no wrk2), so the load is set by connections: pick SOAK_CONNECTIONS so that the
# first windows show about 80 % of the peak measured by benchmarks/load/run-all.sh on the same machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
for tool in wrk /usr/bin/python3; do command -v "$tool" >/dev/null || { echo "needs $tool"; exit 2; }; done
SOAK_SECONDS=${SOAK_SECONDS:-600}
SOAK_CONNECTIONS=${SOAK_CONNECTIONS:-16}
GRPC_THREADS=${GRPC_THREADS:-2}
DBNAME=geographie_soak
source benchmarks/replicas/common.sh

echo "## Soak ($(date -u +%Y-%m-%dT%H:%MZ), ${SOAK_SECONDS} s, wrk -c$SOAK_CONNECTIONS + $GRPC_THREADS gRPC threads, imports every 60 s; load average $(cut -d' ' -f1-3 /proc/loadavg))"
prepare_database

env GEOGRAPHIE_DB="$DB" Geographie__RestUrl=http://127.0.0.1:18380 Geographie__GrpcUrl=http://127.0.0.1:18381 \
  Geographie__MetricsUrl=http://127.0.0.1:19466 Logging__LogLevel__Default=Warning dotnet $API >"$OUT/soak-service.log" 2>&1 &
SVC=$!; PIDS+=("$SVC")
for _ in $(seq 1 400); do curl -fs http://127.0.0.1:18380/readyz >/dev/null 2>&1 && break; sleep 0.05; done

/usr/bin/python3 benchmarks/replicas/grpc_probe.py 127.0.0.1:18381 "$OUT/grpc-check.bin" "$SOAK_SECONDS" "$GRPC_THREADS" >"$OUT/soak-grpc.txt" 2>&1 &
PIDS+=("$!")
( i=0; while sleep 60; do
    i=$((i + 1)); f=geodata/qpv2015/qpv2015_metropole_lyon.geojson; [ $((i % 2)) -eq 1 ] && f="$OUT/lyon-one-fewer.geojson"
    GEOGRAPHIE_DB="$DB" dotnet $API import "$f" --edition qpv2015 | head -1 | sed "s/^/  import $i: /"
  done ) &
PIDS+=("$!")

errors=0; requests=0; worst=0
for window in $(seq 10 10 "$SOAK_SECONDS"); do
  line=$(PATHS="$OUT/rest-paths.txt" wrk -t2 -c"$SOAK_CONNECTIONS" -d10s --latency -s benchmarks/load/cycle.lua http://127.0.0.1:18380 | grep RESULT)
  rss=$(awk '/VmRSS/ {printf "%.0f MiB", $2/1024}' /proc/$SVC/status)
  rps=$(sed -E 's/.* rps=([0-9]+).*/\1/' <<<"$line"); p99=$(sed -E 's/.* p99=([0-9.]+)ms.*/\1/' <<<"$line")
  e=$(sed -E 's/.* errors=([0-9]+).*/\1/' <<<"$line"); s5=$(sed -E 's/.* 5xx=([0-9]+).*/\1/' <<<"$line"); n=$(sed -E 's/.* requests=([0-9]+).*/\1/' <<<"$line")
  errors=$((errors + e + s5)); requests=$((requests + n))
  worst=$(echo "if ($p99 > $worst) $p99 else $worst" | bc)
  printf '  t=%4ss  REST %6s req/s  p99 %8s ms  errors %s  5xx %s  RSS %s  revision %s\n' "$window" "$rps" "$p99" "$e" "$s5" "$rss" \
    "$(curl -fs http://127.0.0.1:18380/readyz | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["revision"])')"
done
wait "${PIDS[1]}" || true
echo "summary: REST $requests requests, $errors errors or 5xx, worst 10-s p99 $worst ms; gRPC: $(cat "$OUT/soak-grpc.txt")"
