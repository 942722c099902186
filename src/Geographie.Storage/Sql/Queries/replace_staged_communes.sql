-- Communes of staged quartiers (table staged_commune), rewritten only for quartiers whose list differs.
-- The last statement returns how many quartiers changed.
CREATE TEMP TABLE changed_quartier ON COMMIT DROP AS
SELECT DISTINCT w.version, w.code FROM staged_commune w
WHERE NOT EXISTS (
    SELECT 1 FROM quartier_commune qc
    WHERE qc.version = w.version AND qc.code = w.code AND qc.position = w.position
      AND qc.insee IS NOT DISTINCT FROM w.insee AND qc.commune_name = w.commune_name)
UNION
SELECT DISTINCT qc.version, qc.code FROM quartier_commune qc
JOIN (SELECT DISTINCT version, code FROM staged_commune) k USING (version, code)
WHERE NOT EXISTS (
    SELECT 1 FROM staged_commune w WHERE w.version = qc.version AND w.code = qc.code AND w.position = qc.position);

DELETE FROM quartier_commune qc USING changed_quartier ch WHERE qc.version = ch.version AND qc.code = ch.code;

INSERT INTO quartier_commune (version, code, position, insee, commune_name)
SELECT w.version, w.code, w.position, w.insee, w.commune_name
FROM staged_commune w JOIN changed_quartier ch USING (version, code);

SELECT count(*) FROM changed_quartier;
