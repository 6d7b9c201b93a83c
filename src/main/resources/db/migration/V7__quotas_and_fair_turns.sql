-- Quotas and fair turns (issue 11). owner_id: the user who submitted an experiment, as the submit
-- path records it (null for rows from before users existed); the per-user quota counts a user's
-- QUEUED and RUNNING rows, and the claim picks the queued row of the user whose last experiment
-- started longest ago.
-- Ownership's V6 adds the same column (with its foreign key to lab_user) for the same user: when V6
-- ran first the column is kept as it is, and this migration only adds what V6 did not, so it works
-- with or without V6 before it (H2 and PostgreSQL both take IF NOT EXISTS here).
alter table experiment add column if not exists owner_id varchar(36);

create index if not exists experiment_owner_status on experiment (owner_id, status);
create index if not exists experiment_owner_started on experiment (owner_id, started_at);

-- Per-user submit-rate token buckets (Bucket4j's serialized state) when nodes share PostgreSQL,
-- so a user gets one budget across all of them. An embedded H2 node keeps its buckets in memory.
create table if not exists rate_bucket (
    id    varchar(64) primary key,
    state bytea
);
