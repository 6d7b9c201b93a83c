-- The result's summary on its own, written with the result, so that listing experiments reads a
-- few hundred bytes per row instead of parsing every run of every result. Rows finished before
-- this column existed keep it null and are listed from their result.
alter table experiment add column summary text;
