-- What importing the staged register would take out of the edition's register: the codes the file lacks, and how
-- many codes the register holds. A register file is the register: it never "covers" more than itself.
SELECT coalesce(array_agg(q.code || ' ' || q.name ORDER BY q.code) FILTER (
           WHERE NOT EXISTS (SELECT 1 FROM staged_quartier s WHERE s.code = q.code)), '{}') AS removed,
       count(*)::int AS stored,
       false AS covers_register
FROM quartier q
WHERE q.version = @version AND q.in_register
