#!/usr/bin/env bash
# Geographie's own PostGIS cluster: Debian's postgresql-15-postgis-3, cluster "geographie" on 127.0.0.1:55432.
# It never touches any other cluster. Usage: local-postgis.sh ensure | stop | url
set -euo pipefail

PG_VERSION=15
CLUSTER=geographie
PORT=55432
DB_USER=geographie
DB_PASSWORD=geographie
DB_NAME=geographie

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }

install_packages() {
  local missing=()
  dpkg -s "postgresql-$PG_VERSION" >/dev/null 2>&1 || missing+=("postgresql-$PG_VERSION")
  dpkg -s "postgresql-$PG_VERSION-postgis-3" >/dev/null 2>&1 || missing+=("postgresql-$PG_VERSION-postgis-3")
  if [ ${#missing[@]} -gt 0 ]; then
    echo "==> installing ${missing[*]} from Debian"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

cluster_exists() { pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx "$PG_VERSION $CLUSTER"; }
cluster_online() { pg_lsclusters -h 2>/dev/null | awk -v v="$PG_VERSION" -v c="$CLUSTER" '$1==v && $2==c {print $4}' | grep -q online; }

ensure() {
  install_packages
  if ! cluster_exists; then
    echo "==> creating PostgreSQL cluster $PG_VERSION/$CLUSTER on 127.0.0.1:$PORT"
    as_root pg_createcluster "$PG_VERSION" "$CLUSTER" -p "$PORT" -- --auth-local=peer --auth-host=scram-sha-256 >/dev/null
    as_root sh -c "printf \"listen_addresses = '127.0.0.1'\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 200\nshared_buffers = 256MB\n\" > /etc/postgresql/$PG_VERSION/$CLUSTER/conf.d/geographie.conf"
  fi
  if ! cluster_online; then
    echo "==> starting cluster $PG_VERSION/$CLUSTER"
    as_root pg_ctlcluster "$PG_VERSION" "$CLUSTER" start
  fi
  as_postgres psql -p "$PORT" -qtAX -d postgres -c "SELECT 1 FROM pg_roles WHERE rolname='$DB_USER'" | grep -q 1 \
    || as_postgres psql -p "$PORT" -qX -d postgres -c "CREATE ROLE $DB_USER LOGIN SUPERUSER PASSWORD '$DB_PASSWORD'"
  as_postgres psql -p "$PORT" -qtAX -d postgres -c "SELECT 1 FROM pg_database WHERE datname='$DB_NAME'" | grep -q 1 \
    || as_postgres psql -p "$PORT" -qX -d postgres -c "CREATE DATABASE $DB_NAME OWNER $DB_USER"
  as_postgres psql -p "$PORT" -qX -d "$DB_NAME" -c "SET client_min_messages=warning; CREATE EXTENSION IF NOT EXISTS postgis"
  echo "==> PostGIS ready: $(url)"
}

stop() {
  if cluster_exists && cluster_online; then
    as_root pg_ctlcluster "$PG_VERSION" "$CLUSTER" stop
    echo "==> cluster $PG_VERSION/$CLUSTER stopped"
  else
    echo "==> cluster $PG_VERSION/$CLUSTER is not running"
  fi
}

url() { echo "Host=127.0.0.1;Port=$PORT;Username=$DB_USER;Password=$DB_PASSWORD;Database=$DB_NAME"; }

case "${1:-}" in
  ensure) ensure ;;
  stop) stop ;;
  url) url ;;
  *) echo "usage: $0 ensure|stop|url" >&2; exit 2 ;;
esac
