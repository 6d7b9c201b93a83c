-- Fencing (issue 17). lease_epoch: which claim of an experiment holds its lease. A node's
-- heartbeat, status changes and final write are all conditional on the epoch it claimed with, and a
-- node that records another's lapsed lease moves the epoch on, so a node that was frozen (SIGSTOP, a
-- long GC pause, a VM pause) past its lease changes 0 rows when it wakes: what another node decided
-- stands.
alter table experiment add column lease_epoch bigint default 0 not null;

-- Every claim of an experiment, appended in the same transaction as the claim and never updated:
-- 'RUN' when a node took it to run, 'EXPIRE' when a node recorded that the lease lapsed. An
-- experiment that ran once has exactly one 'RUN' row; the kill-under-load check
-- (bench/kill_under_load.py) reads this table to prove that none ran twice. Rows go with their
-- experiment.
create table experiment_claim (
    experiment_id varchar(36)  not null references experiment (id) on delete cascade,
    lease_epoch   bigint       not null,
    node_id       varchar(200) not null,
    claim_kind    varchar(8)   not null,
    claimed_at    timestamp with time zone not null,
    primary key (experiment_id, lease_epoch)
);
