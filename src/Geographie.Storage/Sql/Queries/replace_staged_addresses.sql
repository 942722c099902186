-- The communes of the file get exactly the file's addresses: rows gone or changed are deleted, new or changed rows
-- inserted; communes the file does not name keep theirs. Separate statements, so the insert sees the deletions;
-- the rows affected by all three are the import's changes.
DELETE FROM address a
WHERE a.commune_insee IN (SELECT DISTINCT commune_insee FROM staged_address)
  AND NOT EXISTS (
    SELECT 1 FROM staged_address s
    WHERE (s.id, s.commune_insee, s.commune_name, s.postcode, s.street, s.number, s.suffix, s.lon, s.lat)
          IS NOT DISTINCT FROM (a.id, a.commune_insee, a.commune_name, a.postcode, a.street, a.number, a.suffix, a.lon, a.lat));

-- An id the file moves from a commune it does not name to one it does.
DELETE FROM address a USING staged_address s WHERE a.id = s.id AND a.commune_insee <> s.commune_insee;

INSERT INTO address (id, commune_insee, commune_name, postcode, street, number, suffix, lon, lat)
SELECT s.id, s.commune_insee, s.commune_name, s.postcode, s.street, s.number, s.suffix, s.lon, s.lat
FROM staged_address s
WHERE NOT EXISTS (SELECT 1 FROM address a WHERE a.id = s.id);
