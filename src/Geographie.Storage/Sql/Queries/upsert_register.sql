-- Staged register entries (no perimeters) become the edition's register. Returns the rows it changed.
WITH upserted AS (
    INSERT INTO quartier AS q (version, code, name, departement, in_register)
    SELECT s.version, s.code, s.name, s.departement, true FROM staged_quartier s
    ON CONFLICT (version, code) DO UPDATE
    SET name = excluded.name, departement = excluded.departement, in_register = true
    WHERE q.name IS DISTINCT FROM excluded.name OR q.departement IS DISTINCT FROM excluded.departement OR NOT q.in_register
    RETURNING 1
), dropped AS (
    UPDATE quartier q SET in_register = false
    WHERE q.version = @version AND q.in_register
      AND NOT EXISTS (SELECT 1 FROM staged_quartier s WHERE s.code = q.code)
    RETURNING 1
)
SELECT (SELECT count(*) FROM upserted) + (SELECT count(*) FROM dropped)
