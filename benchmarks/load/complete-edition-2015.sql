-- BENCHMARK-ONLY: makes the qpv2015 edition of a benchmark database complete, so that the load tools measure the
-- production answer mix (most points OUTSIDE with distance_m, some NEAR, a few INSIDE) instead of the shipped data's
-- UNKNOWN-heavy one. Run by benchmarks/load/run-all.sh (WORKLOAD=production) on its own database, after
-- `geographie load-shipped`; never on a served database, never in geodata/ or the shipped load.
--
-- The service calls an edition complete when it knows at least the décret's count of quartiers (1,514 for 2015) and
-- every one has a perimeter. The shipped data has the 37 real Lyon perimeters; this adds TRANSLATED COPIES of those
-- 37 (not QPV: labelled "benchmark copy" in their name, codes QP1kk…) at 40 places of the lattice the in-process
-- `france` workload uses (1.25° × 1.5° apart), skipping the places within 1.2° of Lyon so that no copy lies within
-- 5 km of a Lyon point: 37 + 40 × 37 = 1,517 quartiers, all with perimeters. The answers over Lyon are those of the
-- 37 real perimeters; the index is France-sized (about the décret's 1,514), as in production.
BEGIN;
DELETE FROM quartier WHERE version = 'qpv2015' AND perimeter IS NULL;
WITH places AS (
    SELECT row_number() OVER (ORDER BY k) - 1 AS copy, d_lon, d_lat
    FROM (SELECT k, -5.4 + 1.25 * (k % 8) AS d_lon, -2.9 + 1.5 * (k / 8) AS d_lat FROM generate_series(0, 47) AS k) lattice
    WHERE NOT (abs(d_lon) < 1.2 AND abs(d_lat) < 1.2)
    LIMIT 40)
INSERT INTO quartier (version, code, name, departement, perimeter, area_m2, in_register)
SELECT 'qpv2015', 'QP' || (100 + p.copy)::text || right(q.code, 3),
       'benchmark copy ' || p.copy || ' of ' || q.name || ' (translated, not QPV)', q.departement,
       ST_Translate(q.perimeter, p.d_lon, p.d_lat), q.area_m2, false
FROM quartier q CROSS JOIN places p
WHERE q.version = 'qpv2015' AND q.code LIKE 'QP069%' AND q.perimeter IS NOT NULL;
UPDATE data_revision SET revision = revision + 1, changed_at = now();
COMMIT;
SELECT count(*) AS quartiers, count(perimeter) AS with_perimeter,
       count(*) FILTER (WHERE name LIKE 'benchmark copy%') AS benchmark_copies
FROM quartier WHERE version = 'qpv2015';

-- The PostGIS peer's own metric copy (Lambert-93, GiST), so that it measures distances as the service does (in the
-- metric CRS) without reprojecting every perimeter per point: what a PostGIS user would index for this question.
DROP TABLE IF EXISTS bench_quartier_l93;
CREATE TABLE bench_quartier_l93 AS
    SELECT code, ST_Transform(perimeter, 2154)::geometry(MultiPolygon, 2154) AS geom
    FROM quartier WHERE version = 'qpv2015' AND perimeter IS NOT NULL;
CREATE INDEX bench_quartier_l93_gist ON bench_quartier_l93 USING gist (geom);
ANALYZE quartier;
ANALYZE bench_quartier_l93;
