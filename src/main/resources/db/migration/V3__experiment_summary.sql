-- What a list of experiments shows, in columns of its own, so that listing reads a few hundred
-- bytes per row instead of parsing every stored spec and every run of every result. Rows stored
-- before these columns existed keep them null and are listed from their spec and result.
alter table experiment add column summary text;
alter table experiment add column parallelism int;
alter table experiment add column tasks int;
