-- Staged commune outlines (table staged_outline). Returns the rows it changed.
WITH upserted AS (
    INSERT INTO commune AS c (insee, name, departement, outline)
    SELECT insee, name, CASE WHEN insee LIKE '97%' THEN left(insee, 3) ELSE left(insee, 2) END, outline
    FROM staged_outline
    ON CONFLICT (insee) DO UPDATE SET outline = excluded.outline, name = excluded.name
    WHERE c.outline IS DISTINCT FROM excluded.outline OR c.name IS DISTINCT FROM excluded.name
    RETURNING 1
)
SELECT count(*) FROM upserted
