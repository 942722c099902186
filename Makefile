# Geographie — two commands: `make run` (service with its data) and `make test` (every test).
# `make test-fast` runs the PostGIS-free tier alone (no database is started or asked).
# GEOGRAPHIE_DB (an Npgsql connection string) points both at another PostGIS; otherwise the project's own
# cluster (Debian postgresql-15-postgis-3, 127.0.0.1:55432) is created and started as needed.

SHELL := /bin/bash
CONFIGURATION ?= Release
DOTNET ?= dotnet
API := src/Geographie.Api
WEB := $(API)/web
GEOGRAPHIE := $(DOTNET) $(API)/bin/$(CONFIGURATION)/net10.0/geographie.dll

.PHONY: run test test-fast build db db-stop data tools web bench clean

run: db build data
	@echo "==> fetching the official perimeters (skipped with a message when offline)"
	-$(GEOGRAPHIE) fetch-official
	@echo "==> Geographie: REST and map on http://127.0.0.1:8080, gRPC (h2c) on 127.0.0.1:8081"
	$(GEOGRAPHIE)

test: db tools build data
	@mkdir -p TestResults
	@set -o pipefail; $(DOTNET) test Geographie.sln -c $(CONFIGURATION) --no-build --logger "console;verbosity=normal" 2>&1 \
		| tee TestResults/test.log || { echo "==> failed tests (the whole log is in TestResults/test.log):"; \
		grep -E -A 25 '^\s+Failed [A-Za-z]|aborted|crashed' TestResults/test.log | head -300; exit 1; }

# The PostGIS-free tier: domain, import and address-matching rules, the architecture tests, and REST + gRPC in memory over the shipped
# files (tests/Geographie.Api.Tests/InMemory). The spatial and tile cores' tests need no PostGIS either apart from their
# *PostGis* classes, but their 10,000-point differential sweeps take minutes: they run in `make test`.
FAST_TESTS := 'Domain:FullyQualifiedName!~PostGis' 'Import:FullyQualifiedName!~PostGis' 'Addresses:FullyQualifiedName!~PostGis' 'Addresses.Addok:FullyQualifiedName!~PostGis' \
	'Api:FullyQualifiedName~.InMemory.|FullyQualifiedName~.Architecture.'

test-fast: build
	@for entry in $(FAST_TESTS); do \
		$(DOTNET) test tests/Geographie.$${entry%%:*}.Tests -c $(CONFIGURATION) --no-build --nologo --filter "$${entry#*:}" || exit 1; \
	done

build: web
	$(DOTNET) build Geographie.sln -c $(CONFIGURATION) -nologo -v quiet

db:
	@if [ -z "$$GEOGRAPHIE_DB" ]; then scripts/local-postgis.sh ensure; else echo "==> using GEOGRAPHIE_DB"; fi

db-stop:
	scripts/local-postgis.sh stop

data:
	$(GEOGRAPHIE) load-shipped

tools:
	scripts/ensure-tools.sh

web:
	@if [ ! -d $(WEB)/node_modules/maplibre-gl ]; then echo "==> npm ci (maplibre-gl)"; npm ci --prefix $(WEB) --no-audit --no-fund; fi

bench: build
	$(DOTNET) run -c Release --project benchmarks/Geographie.Benchmarks -- --filter '*'

clean:
	$(DOTNET) clean Geographie.sln -nologo -v quiet
