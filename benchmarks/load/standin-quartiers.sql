-- BENCHMARK-ONLY STAND-IN, NEVER SHIPPED OR SERVED AS QPV: the 111 quartiers of Marseille
-- (geodata/admin/quartiers_marseille_111.geojson, real administrative polygons that are NOT QPV) inserted as
-- perimeters of edition qpv2024 under codes STANDIN-QUARTIER-…, so that the overlap load step measures the 840 IRIS
-- of the Bouches-du-Rhône against polygons they overlap (as OverlapBenchmarks does in process). Run it only against a
-- database of its own (never the shipped one):
--   createdb … && geographie load-shipped (GEOGRAPHIE_DB=…) && psql "$URL" -v ON_ERROR_STOP=1 -f benchmarks/load/standin-quartiers.sql
\set quartiers `cat geodata/admin/quartiers_marseille_111.geojson`
BEGIN;
INSERT INTO quartier (version, code, name, departement, perimeter, area_m2, in_register)
SELECT 'qpv2024', 'STANDIN-QUARTIER-' || (f -> 'properties' ->> 'code_qua'), 'stand-in, not QPV: ' || (f -> 'properties' ->> 'nom'), '13',
       ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(f -> 'geometry'), 4326)), 3)),
       ST_Area(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(f -> 'geometry'), 4326), 2154)), false
FROM json_array_elements(:'quartiers'::json -> 'features') AS f;
UPDATE data_revision SET revision = revision + 1, changed_at = now();
COMMIT;
