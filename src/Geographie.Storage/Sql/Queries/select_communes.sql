SELECT insee, name, departement, outline FROM commune ORDER BY insee
