# Geographie service image. Build context: the repository root.
FROM node:20-bookworm-slim AS web
WORKDIR /web
COPY src/Geographie.Api/web/package.json src/Geographie.Api/web/package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
COPY --from=web /web/node_modules src/Geographie.Api/web/node_modules
RUN dotnet publish src/Geographie.Api -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
COPY geodata /app/geodata
ENV GEOGRAPHIE_GEODATA=/app/geodata \
    Geographie__RestUrl=http://0.0.0.0:8080 \
    Geographie__GrpcUrl=http://0.0.0.0:8081 \
    Geographie__MetricsUrl=http://0.0.0.0:9464
EXPOSE 8080 8081 9464
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s CMD curl -fsS http://127.0.0.1:8080/readyz || exit 1
# Serves by default; a verb runs instead (docker run IMAGE load-shipped, migrate, import FILE...). Replicas never
# import: one loader job does (docker-compose.yml, deploy/k8s/migration-job.yaml), and every replica follows the
# data revision by itself.
ENTRYPOINT ["dotnet", "geographie.dll"]
