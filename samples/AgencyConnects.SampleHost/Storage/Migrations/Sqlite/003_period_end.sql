-- The month-end job's index: the end of each account's current billing period (see
-- Migrations/Postgres/003_period_end.sql), as INTEGER Unix ticks; NULL is "never due" (a closed agency), 0 "due at once"
-- (a snapshot written before this script).
ALTER TABLE snapshots ADD COLUMN period_end INTEGER NULL;
UPDATE snapshots SET period_end = 0;
CREATE INDEX snapshots_by_period_end ON snapshots (period_end);
