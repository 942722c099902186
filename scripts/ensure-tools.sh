#!/usr/bin/env bash
# What the test run needs beyond the SDK: Debian's Chromium for the browser test (never a downloaded browser) and
# Debian's GDAL (ogrinfo, ogr2ogr) for the OGC API Features test, curl for the graceful-shutdown test (a client that
# reads a streamed answer while it sends the body).
set -euo pipefail
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v chromium >/dev/null 2>&1; then
  echo "==> installing Debian chromium for the browser test"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if ! command -v ogr2ogr >/dev/null 2>&1; then
  echo "==> installing Debian gdal-bin for the OGC API Features test"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gdal-bin >/dev/null
fi
if ! command -v curl >/dev/null 2>&1; then
  echo "==> installing Debian curl for the graceful-shutdown test"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl >/dev/null
fi
