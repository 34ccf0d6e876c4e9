-- sources: the current version of every file read, from the newest snapshot of the lake
-- (see live_snapshot). Rows of a run that is still going (or died) are not in it, so neither
-- are their articles.
CREATE OR REPLACE VIEW sources AS
SELECT * EXCLUDE (articles, taken_at) FROM live_snapshot();
