-- A study: one workload over several models and parallelism values. Each cell is an ordinary
-- experiment (with its own in-experiment SEQUENTIAL baseline); study_cell links them.
create table study (
    id          varchar(36)  primary key,
    name        varchar(200) not null,
    spec        text         not null,
    status      varchar(32)  not null,
    created_at  timestamp with time zone not null
);

create table study_cell (
    study_id      varchar(36) not null references study (id),
    position      int         not null,
    experiment_id varchar(36) not null references experiment (id),
    model         varchar(32) not null,
    parallelism   int         not null,
    primary key (study_id, position)
);

create index study_cell_experiment on study_cell (experiment_id);
