-- Marks the data as changed and tells listeners (pg_notify is delivered at commit, never for a rolled-back change).
UPDATE data_revision SET revision = revision + 1, changed_at = now() RETURNING revision;
SELECT pg_notify('geographie_data_changed', (SELECT revision::text FROM data_revision));
