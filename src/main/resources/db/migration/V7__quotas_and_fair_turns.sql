-- Quotas and fair turns (issue 11). owner_id: the user who submitted an experiment (null for rows
-- from before users existed); the per-user quota counts a user's QUEUED and RUNNING rows, and the
-- claim picks the queued row of the user whose last experiment started longest ago.
alter table experiment add column owner_id varchar(36);

create index experiment_owner_status on experiment (owner_id, status);
create index experiment_owner_started on experiment (owner_id, started_at);

-- Per-user submit-rate token buckets (Bucket4j's serialized state) when nodes share PostgreSQL,
-- so a user gets one budget across all of them. An embedded H2 node keeps its buckets in memory.
create table rate_bucket (
    id    varchar(64) primary key,
    state bytea
);
