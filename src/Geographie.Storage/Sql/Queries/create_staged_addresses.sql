-- The file being imported, row for row, dropped at the end of the import transaction.
CREATE TEMP TABLE staged_address (
    id text, commune_insee text, commune_name text, postcode text, street text, number integer, suffix text,
    lon double precision, lat double precision
) ON COMMIT DROP;
