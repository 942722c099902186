-- The address data's revision: the last address import that changed something. Address imports take one lock
-- (ImportRunner), so their audit ids commit in order and a larger id is always newer data.
SELECT COALESCE(max(id), 0) FROM import_audit WHERE kind = 'addresses' AND outcome = 'applied';
