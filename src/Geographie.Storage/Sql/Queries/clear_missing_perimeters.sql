-- A newer file replaces the edition's perimeters: those it no longer holds are cleared, and quartiers
-- known only from a previous file (not from the register) disappear.
WITH cleared AS (
    UPDATE quartier q SET perimeter = NULL, area_m2 = NULL
    WHERE q.version = @version AND q.perimeter IS NOT NULL AND q.in_register
      AND NOT EXISTS (SELECT 1 FROM staged_quartier s WHERE s.code = q.code)
    RETURNING 1
), removed AS (
    DELETE FROM quartier q
    WHERE q.version = @version AND NOT q.in_register
      AND NOT EXISTS (SELECT 1 FROM staged_quartier s WHERE s.code = q.code)
    RETURNING 1
)
SELECT (SELECT count(*) FROM cleared) + (SELECT count(*) FROM removed)
