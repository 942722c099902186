-- Geography editions, communes, quartiers and the audit of imports.
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE geography_version (
    code                text PRIMARY KEY,
    decret              text NOT NULL,
    metropole_from      date NOT NULL,
    metropole_until     date,
    overseas_from       date NOT NULL,
    overseas_until      date,
    expected_quartiers  integer NOT NULL
);

CREATE TABLE commune (
    insee        text PRIMARY KEY CHECK (length(insee) = 5),
    name         text NOT NULL,
    departement  text NOT NULL,
    outline      geometry(MultiPolygon, 4326)
);
CREATE INDEX commune_outline_gist ON commune USING gist (outline);

CREATE TABLE quartier (
    version      text NOT NULL REFERENCES geography_version (code),
    code         text NOT NULL,
    name         text NOT NULL,
    departement  text NOT NULL,
    -- Null while only the register is known: the eligibility answer is then UNKNOWN, never OUTSIDE.
    perimeter    geometry(MultiPolygon, 4326) CHECK (perimeter IS NULL OR ST_IsValid(perimeter)),
    area_m2      double precision,
    in_register  boolean NOT NULL DEFAULT false,
    PRIMARY KEY (version, code)
);
CREATE INDEX quartier_perimeter_gist ON quartier USING gist (perimeter);

CREATE TABLE quartier_commune (
    version       text NOT NULL,
    code          text NOT NULL,
    position      integer NOT NULL,
    insee         text,
    commune_name  text NOT NULL,
    PRIMARY KEY (version, code, position),
    FOREIGN KEY (version, code) REFERENCES quartier (version, code) ON DELETE CASCADE
);
CREATE INDEX quartier_commune_insee ON quartier_commune (insee);

CREATE TABLE import_audit (
    id             bigserial PRIMARY KEY,
    file_name      text NOT NULL,
    sha256         text NOT NULL,
    kind           text NOT NULL,
    edition        text,
    feature_count  integer NOT NULL DEFAULT 0,
    changed_count  integer NOT NULL DEFAULT 0,
    repaired       text[] NOT NULL DEFAULT '{}',
    outcome        text NOT NULL CHECK (outcome IN ('applied', 'unchanged', 'refused')),
    message        text,
    imported_at    timestamptz NOT NULL DEFAULT now()
);

-- One row: bumped in the same transaction as any data change, so replicas and caches know when to rebuild.
CREATE TABLE data_revision (
    singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    revision    bigint NOT NULL,
    changed_at  timestamptz NOT NULL
);
INSERT INTO data_revision VALUES (true, 0, now());

-- The metric CRS of a département: Lambert-93 in metropolitan France, the official UTM zones overseas.
CREATE FUNCTION geographie_metric_srid(departement text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN departement IN ('971', '972', '977', '978') THEN 5490  -- RGAF09 / UTM 20N
        WHEN departement = '973' THEN 2972                          -- RGFG95 / UTM 22N
        WHEN departement = '974' THEN 2975                          -- RGR92 / UTM 40S
        WHEN departement = '976' THEN 4471                          -- RGM04 / UTM 38S
        ELSE 2154                                                   -- RGF93 / Lambert-93
    END
$$;
