-- The month-end job's index (MonthEnd/MonthEndJob.cs): the end of each account's current billing period, written with
-- every snapshot (ConnectsAccount.CurrentPeriod.End). An account is due when period_end <= the job's instant, so the job
-- reads exactly the due accounts, oldest period end first, by a range scan of this index, and a close moves the account
-- out of that range (its new period ends after the instant). NULL is "never due": a closed agency, which no operation
-- changes any more. Snapshots written before this script get the Unix epoch, "due at once": the job's first run reads
-- them, writes their real period end (closing what is due) and, for a closed agency, NULL.
ALTER TABLE snapshots ADD COLUMN period_end timestamptz NULL;
UPDATE snapshots SET period_end = '1970-01-01T00:00:00Z';
CREATE INDEX snapshots_by_period_end ON snapshots (period_end);
