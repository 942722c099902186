CREATE TEMP TABLE staged_quartier (
    version text NOT NULL, code text NOT NULL, name text NOT NULL, departement text NOT NULL,
    perimeter geometry(MultiPolygon, 4326)
) ON COMMIT DROP;
CREATE TEMP TABLE staged_commune (
    version text NOT NULL, code text NOT NULL, position integer NOT NULL, insee text, commune_name text NOT NULL
) ON COMMIT DROP;
