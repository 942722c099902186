# Sourced by the peak-memory scripts: a fresh database named $db on the local cluster, holding the shipped data
# (`geographie load-shipped`), exported as GEOGRAPHIE_DB for the service they start. Needs $root, $dll and $db.
admin="Host=127.0.0.1;Port=55432;Username=geographie;Password=geographie;Database=postgres"
export PGPASSWORD=geographie
psql -h 127.0.0.1 -p 55432 -U geographie -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
psql -h 127.0.0.1 -p 55432 -U geographie -d "$db" -qc "CREATE EXTENSION postgis"
export GEOGRAPHIE_DB="${admin/Database=postgres/Database=$db}"
dotnet "$dll" load-shipped "$root/geodata" > /dev/null
