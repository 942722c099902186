-- Every commune named by the staged register exists in the commune table (outline untouched).
WITH named AS (
    SELECT DISTINCT ON (insee) insee, commune_name FROM staged_commune WHERE insee IS NOT NULL
    ORDER BY insee, strpos(commune_name, ';') > 0, position
), upserted AS (
    INSERT INTO commune AS c (insee, name, departement)
    SELECT insee, commune_name,
           CASE WHEN insee LIKE '97%' THEN left(insee, 3) ELSE left(insee, 2) END
    FROM named
    -- Names from the outlines file win: the register never renames a commune it did not create.
    ON CONFLICT (insee) DO NOTHING
    RETURNING 1
)
SELECT count(*) FROM upserted
