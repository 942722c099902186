# Shared by run.sh and soak.sh (sourced, from the repository root): settings, cleanup of started processes, and
# prepare_database, which builds, (re)creates DBNAME with the shipped data, and writes the fixed-seed inputs.
OUT=benchmarks/replicas/out
mkdir -p "$OUT"
DB="Host=127.0.0.1;Port=55432;Username=geographie;Password=geographie;Database=$DBNAME"
export PGPASSWORD=geographie
PSQL="psql -h 127.0.0.1 -p 55432 -U geographie -qAtX"
API=src/Geographie.Api/bin/Release/net10.0/geographie.dll
LG="dotnet benchmarks/Geographie.LoadGen/bin/Release/net10.0/Geographie.LoadGen.dll"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

# Builds, loads the shipped data into a fresh DBNAME, writes rest-paths.txt / grpc-check.bin and
# lyon-one-fewer.geojson (the real Lyon file without its first quartier: the import that alternates with the original).
prepare_database() {
  dotnet build src/Geographie.Api -c Release -nologo -v quiet | tail -1
  dotnet build benchmarks/Geographie.LoadGen -c Release -nologo -v quiet | tail -1
  $PSQL -d postgres -c "DROP DATABASE IF EXISTS $DBNAME WITH (FORCE)" -c "CREATE DATABASE $DBNAME" 2>/dev/null
  $PSQL -d "$DBNAME" -c "CREATE EXTENSION postgis"
  GEOGRAPHIE_DB="$DB" dotnet $API load-shipped >/dev/null
  $LG gen --out "$OUT" --db "$DB" >/dev/null
  python3 - "$OUT" <<'PY'
import json, sys
with open("geodata/qpv2015/qpv2015_metropole_lyon.geojson") as f:
    collection = json.load(f)
collection["features"] = collection["features"][1:]
with open(f"{sys.argv[1]}/lyon-one-fewer.geojson", "w") as f:
    json.dump(collection, f)
PY
}
