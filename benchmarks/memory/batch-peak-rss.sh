#!/usr/bin/env bash
# Peak memory of the service while it refuses oversized REST batches (issue 11, findings 2 and 3).
# For each body: a fresh service process over its own database, its RSS once ready, then one request, then its peak
# RSS (VmHWM from /proc). Bodies: JSON arrays of 1,000,000 and 3,000,000 points, a CSV of 2,000,000 rows whose
# second row opens a quote that never closes, and a CSV with one 50 MB line. The points are real: the interior point
# of a shipped Lyon 2015 perimeter (geodata/qpv2015), repeated.
# Usage (from the repository root, after `make build`): benchmarks/memory/batch-peak-rss.sh [label]
set -euo pipefail
label=${1:-run}
root=$(cd "$(dirname "$0")/../.." && pwd)
dll=$root/src/Geographie.Api/bin/Release/net10.0/geographie.dll
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=geographie_batch_rss
# shellcheck source=shipped-database.sh
source "$root/benchmarks/memory/shipped-database.sh"

# A real interior point of a Lyon 2015 perimeter, from PostGIS.
read -r lon lat < <(psql -h 127.0.0.1 -p 55432 -U geographie -d $db -Atc \
  "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(perimeter) p FROM quartier WHERE version='qpv2015' AND perimeter IS NOT NULL ORDER BY code LIMIT 1) s" | tr '|' ' ')
python3 - "$work" "$lon" "$lat" <<'PY'
import sys
work, lon, lat = sys.argv[1], sys.argv[2], sys.argv[3]
for n in (1_000_000, 3_000_000):
    with open(f"{work}/json-{n}.json", "w") as f:
        f.write("[")
        f.write(",".join(f'{{"id":"{i}","lon":{lon},"lat":{lat}}}' for i in range(n)))
        f.write("]")
with open(f"{work}/csv-unclosed-quote.csv", "w") as f:
    f.write(f"id,lon,lat\n1,{lon},{lat}\n\"2,{lon},{lat}\n")
    f.writelines(f"{i},{lon},{lat}\n" for i in range(3, 2_000_001))
with open(f"{work}/csv-long-line.csv", "w") as f:
    f.write(f"id,lon,lat\n1,{lon},{lat}\n" + "x" * 50_000_000 + f",{lon},{lat}\n3,{lon},{lat}\n")
PY

port=18580
measure() {
  local name=$1 file=$2 type=$3 extra=${4:-X-None: 1}
  Geographie__RestUrl=http://127.0.0.1:$port Geographie__GrpcUrl=http://127.0.0.1:$((port + 1)) \
    dotnet "$dll" > "$work/service.log" 2>&1 &
  local pid=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/readyz" > /dev/null && break; sleep 0.3; done
  local before
  before=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
  local answer
  answer=$(curl -s -o "$work/answer" -w '%{http_code}' -H "Content-Type: $type" -H "$extra" --data-binary "@$file" \
    "http://127.0.0.1:$port/v1/eligibility/batch?geography=qpv2015" || true)
  local peak
  peak=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
  printf '| %s | %s | %d MB | HTTP %s, %s | %d MB | %d MB |\n' "$label" "$name" $(( $(stat -c %s "$file") / 1000000 )) \
    "$answer" "$(head -c 90 "$work/answer" | tr '\n' ' ' | sed 's/|/\\|/g')" $((before / 1024)) $((peak / 1024))
  kill "$pid"; wait "$pid" || true
}
echo "| build | body | size | answer (first 90 bytes) | RSS ready | peak RSS |"
echo "|---|---|---|---|---|---|"
measure "JSON 1,000,000 points" "$work/json-1000000.json" application/json
measure "JSON 3,000,000 points" "$work/json-3000000.json" application/json
measure "JSON 3,000,000 points, chunked (no length)" "$work/json-3000000.json" application/json "Transfer-Encoding: chunked"
measure "CSV 2,000,000 rows, unclosed quote on row 2" "$work/csv-unclosed-quote.csv" text/csv
measure "CSV with one 50 MB line" "$work/csv-long-line.csv" text/csv
psql -h 127.0.0.1 -p 55432 -U geographie -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"
