-- The known communes by name, to give codes to the communes a perimeter file names without one.
SELECT insee, name, departement FROM commune
