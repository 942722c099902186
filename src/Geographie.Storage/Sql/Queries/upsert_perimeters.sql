-- Staged perimeters (table staged_quartier) become the edition's perimeters. Returns the rows it changed.
INSERT INTO quartier AS q (version, code, name, departement, perimeter, area_m2)
SELECT s.version, s.code, s.name, s.departement, s.perimeter,
       ST_Area(ST_Transform(s.perimeter, geographie_metric_srid(s.departement)))
FROM staged_quartier s
ON CONFLICT (version, code) DO UPDATE
SET perimeter = excluded.perimeter,
    area_m2 = excluded.area_m2,
    name = CASE WHEN q.in_register THEN q.name ELSE excluded.name END
WHERE q.perimeter IS DISTINCT FROM excluded.perimeter
   OR (NOT q.in_register AND q.name IS DISTINCT FROM excluded.name)
