-- Ownership: every experiment and study records the user who submitted it (a study's cells are its
-- owner's), and an owner may share one so that every signed-in user can read it.
-- Rows stored before the lab had users keep a null owner: they are the admins' alone (an admin sees
-- everything; nobody else sees them, and nobody else may cancel or share them). Setting them to the
-- first admin is not possible here: on a store upgraded from before V5 no user exists yet when this
-- runs (the first admin is made after the migrations, at start-up).
alter table experiment add column owner_id varchar(36);
alter table experiment add column shared boolean default false not null;
alter table experiment add constraint experiment_owner foreign key (owner_id) references lab_user (id);
create index experiment_owner_seq on experiment (owner_id, seq);

alter table study add column owner_id varchar(36);
alter table study add column shared boolean default false not null;
alter table study add constraint study_owner foreign key (owner_id) references lab_user (id);
