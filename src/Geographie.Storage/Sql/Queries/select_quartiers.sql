SELECT q.version, q.code, q.name, q.departement, q.perimeter, q.area_m2,
       coalesce(array_agg(qc.insee ORDER BY qc.position) FILTER (WHERE qc.position IS NOT NULL), '{}') AS insees,
       coalesce(array_agg(qc.commune_name ORDER BY qc.position) FILTER (WHERE qc.position IS NOT NULL), '{}') AS commune_names
FROM quartier q
LEFT JOIN quartier_commune qc ON qc.version = q.version AND qc.code = q.code
GROUP BY q.version, q.code
ORDER BY q.version, q.code
