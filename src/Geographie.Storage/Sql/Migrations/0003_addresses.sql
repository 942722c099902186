-- The addresses of the built-in geocoder, imported from BAL or BAN files (geographie import-addresses). The service
-- searches them in memory; the trigram index serves direct SQL search (the benchmark's peer) and operators' checks.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE address (
    id              text PRIMARY KEY CHECK (id <> ''),
    commune_insee   text NOT NULL CHECK (length(commune_insee) = 5),
    commune_name    text NOT NULL CHECK (commune_name <> ''),
    postcode        text CHECK (postcode ~ '^[0-9]{5}$'),
    street          text NOT NULL CHECK (street <> ''),
    number          integer NOT NULL CHECK (number BETWEEN 0 AND 99999),
    suffix          text,
    lon             double precision NOT NULL,
    lat             double precision NOT NULL,
    geom            geometry(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)) STORED
);

CREATE INDEX address_commune ON address (commune_insee);
CREATE INDEX address_street_trgm ON address USING gin (street gin_trgm_ops);
