-- The estimate an experiment got at submit (issue 14): seconds, what it rests on (WAITS, a lower
-- bound from the workload's declared waits, or PAST_RUNS on the node that took the submit) and how it
-- was worked out in words. Rows stored before keep them null: they were accepted without one.
alter table experiment add column estimated_seconds double precision;
alter table experiment add column estimate_basis varchar(16);
alter table experiment add column estimate_detail varchar(4000);

-- Earlier runs of the same work are looked up at every submit (experiment.PastRuns): by kind, model and
-- size, newest first, without walking every finished row.
create index experiment_same_work on experiment (workload_kind, model, parallelism, tasks, seq);
