-- What importing the staged perimeters would take away from the edition: the stored perimeters the file lacks
-- (code and name, for the operator), how many perimeters are stored, and whether the file covers every register
-- code of the edition (a whole edition may drop quartiers that left the register).
SELECT coalesce(array_agg(q.code || ' ' || q.name ORDER BY q.code) FILTER (
           WHERE NOT EXISTS (SELECT 1 FROM staged_quartier s WHERE s.code = q.code)), '{}') AS removed,
       count(*)::int AS stored,
       NOT EXISTS (SELECT 1 FROM quartier r WHERE r.version = @version AND r.in_register
                   AND NOT EXISTS (SELECT 1 FROM staged_quartier s WHERE s.code = r.code))
       AND EXISTS (SELECT 1 FROM quartier r WHERE r.version = @version AND r.in_register) AS covers_register
FROM quartier q
WHERE q.version = @version AND q.perimeter IS NOT NULL
