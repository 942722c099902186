SELECT id, commune_insee, commune_name, postcode, street, number, suffix, lon, lat FROM address ORDER BY commune_insee, street, number, id;
