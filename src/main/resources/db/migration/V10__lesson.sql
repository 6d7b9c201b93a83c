-- Which lesson of the lecture an experiment was run for (the dashboard's "Run it" buttons), so a
-- teacher can put the class's results for one lesson side by side. A table of its own rather than
-- a column: most experiments are no lesson's, and an experiment removed takes its row with it.
create table lesson_run (
    experiment_id varchar(36) primary key references experiment (id) on delete cascade,
    lesson_id     varchar(64) not null,
    owner_id      varchar(36) references lab_user (id),
    created_at    timestamp with time zone not null
);

create index lesson_run_lesson_owner on lesson_run (lesson_id, owner_id);
