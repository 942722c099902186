# Sourced by the overlaps-*.sh scripts (from the repository's root): a service build on the stand-in
# database and the workloads they both time.
#
# STANDIN_DB (required): the database; REST_PORT (default 18580): the REST port, the two above it for gRPC and metrics.
# OVERLAP_WORKLOADS (default "communes_69:qpv2015 iris_13:qpv2015 iris_13:qpv2024"): body:geography pairs, a body
# being a file of geodata/admin/, or "table" for GET /v1/overlaps/communes.
export LC_ALL=C
DB_NAME=${STANDIN_DB:?name the stand-in database}
REST_PORT=${REST_PORT:-18580}
DB="Host=127.0.0.1;Port=55432;Username=geographie;Password=geographie;Database=$DB_NAME"
URL=http://127.0.0.1:$REST_PORT
LG="dotnet benchmarks/Geographie.LoadGen/bin/Release/net10.0/Geographie.LoadGen.dll"
read -r -a WORKLOADS <<<"${OVERLAP_WORKLOADS:-communes_69:qpv2015 iris_13:qpv2015 iris_13:qpv2024}"
SVC_PID=

# start_service BUILD [LOG (/dev/null)] [NAME=VALUE …]: starts BUILD's service (SVC_PID), its output to LOG, with those
# variables in its environment too; returns once its snapshot answers, not only once it listens; fails if it died.
start_service() {
  local build=$1 log=${2:-/dev/null}
  shift $(($# < 2 ? $# : 2))
  env "$@" Geographie__RestUrl="$URL" Geographie__GrpcUrl=http://127.0.0.1:$((REST_PORT + 1)) Geographie__MetricsUrl=http://127.0.0.1:$((REST_PORT + 2)) \
    GEOGRAPHIE_DB="$DB" Logging__LogLevel__Default=Warning dotnet "$build/geographie.dll" >"$log" 2>&1 &
  SVC_PID=$!
  for _ in $(seq 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/v1/overlaps?commune=69266&geography=qpv2015")" = 200 ] && return 0
    kill -0 "$SVC_PID" 2>/dev/null || { echo "the service of $build stopped before it answered" >&2; SVC_PID=; return 1; }
    sleep 1
  done
  echo "the service of $build did not answer in 600 s" >&2
  return 1
}

stop_service() { if [ -n "$SVC_PID" ]; then kill "$SVC_PID" 2>/dev/null || true; wait "$SVC_PID" 2>/dev/null || true; SVC_PID=; fi; }
