-- The ids of the stored addresses of the staged communes that the staged file lacks, and how many are stored there.
WITH stored AS (
    SELECT a.id FROM address a WHERE a.commune_insee IN (SELECT DISTINCT commune_insee FROM staged_address)
)
SELECT coalesce(array_agg(s.id ORDER BY s.id) FILTER (WHERE NOT EXISTS (SELECT 1 FROM staged_address t WHERE t.id = s.id)), '{}'),
       count(*)::integer
FROM stored s;
