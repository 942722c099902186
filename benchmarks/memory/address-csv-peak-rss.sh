#!/usr/bin/env bash
# Time and peak memory of the service answering a large CSV of addresses, streamed, with the built-in geocoder
# (issue 14). For each size: a fresh service process over its own database holding the shipped data (its addresses:
# the 486 real BAL addresses of Mont-Bonvillers, geodata/addresses), its RSS once ready, then one request, then its
# peak RSS (VmHWM from /proc). The rows are the real extract's addresses as a person writes them (number and
# suffix, street, commune in three columns), THE EXTRACT REPEATED to reach the size; every row is geocoded (no cache).
# The request timeout is raised to 30 minutes (default 2): on a loaded machine a million addresses take longer.
# Usage (from the repository root, after `make build`): benchmarks/memory/address-csv-peak-rss.sh [sizes…]
set -euo pipefail
sizes=("${@:-100000 1000000}")
read -r -a sizes <<< "${sizes[*]}"
root=$(cd "$(dirname "$0")/../.." && pwd)
dll=$root/src/Geographie.Api/bin/Release/net10.0/geographie.dll
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=geographie_address_rss
# shellcheck source=shipped-database.sh
source "$root/benchmarks/memory/shipped-database.sh"

python3 - "$work" "$root/geodata/addresses/bal_54084_mont-bonvillers.csv" "${sizes[@]}" <<'PY'
import csv, sys
work, bal, sizes = sys.argv[1], sys.argv[2], [int(s) for s in sys.argv[3:]]
with open(bal, encoding="utf-8") as f:
    rows = [(r["numero"] + (" " + r["suffixe"] if r["suffixe"] else ""), r["voie_nom"], r["commune_nom"])
            for r in csv.DictReader(f, delimiter=";")]
for n in sizes:
    with open(f"{work}/addresses-{n}.csv", "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["id", "numero", "voie", "commune"])
        for i in range(n):
            out.writerow([i, *rows[i % len(rows)]])
PY

port=18590
echo "| rows (the 486 real addresses repeated) | size | answer rows | statuses | time | rows/s | RSS ready | peak RSS |"
echo "|---:|---:|---:|---|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  file=$work/addresses-$n.csv
  Geographie__RestUrl=http://127.0.0.1:$port Geographie__GrpcUrl=http://127.0.0.1:$((port + 1)) Geographie__RequestTimeout=00:30:00 \
    dotnet "$dll" > "$work/service.log" 2>&1 &
  pid=$!
  for _ in $(seq 200); do curl -sf "http://127.0.0.1:$port/readyz" > /dev/null && break; sleep 0.3; done
  before=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
  seconds=$(curl -s -o "$work/answer" -w '%{time_total}' -H "Content-Type: text/csv" --data-binary "@$file" \
    "http://127.0.0.1:$port/v1/eligibility/batch?columns=numero&columns=voie&columns=commune" || echo "curl failed: $?" >&2)
  peak=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
  answered=$(($(wc -l < "$work/answer") - 1))
  statuses=$(cut -d, -f5 "$work/answer" | tail -n +2 | sort | uniq -c | awk '{printf "%s %s ", $2, $1}')
  printf '| %s | %d MB | %s | %s| %.1f s | %.0f | %d MB | %d MB |\n' "$n" $(( $(stat -c %s "$file") / 1000000 )) "$answered" \
    "$statuses" "$seconds" "$(echo "$answered / $seconds" | bc -l)" $((before / 1024)) $((peak / 1024))
  kill "$pid"; wait "$pid" || true
done
psql -h 127.0.0.1 -p 55432 -U geographie -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"
