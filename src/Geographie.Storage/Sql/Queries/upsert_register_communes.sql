-- Every commune named by the staged register exists in the commune table (outline untouched).
WITH named AS (
    SELECT DISTINCT ON (insee) insee, commune_name FROM staged_commune WHERE insee IS NOT NULL ORDER BY insee, position
), upserted AS (
    INSERT INTO commune AS c (insee, name, departement)
    SELECT insee, commune_name,
           CASE WHEN insee LIKE '97%' THEN left(insee, 3) ELSE left(insee, 2) END
    FROM named
    ON CONFLICT (insee) DO UPDATE SET name = excluded.name WHERE c.name IS DISTINCT FROM excluded.name
    RETURNING 1
)
SELECT count(*) FROM upserted
