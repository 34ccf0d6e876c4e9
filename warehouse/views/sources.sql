-- sources: the current version of every file read, from the newest snapshot of the lake
-- (LAKE/live, taken at every commit; what "current" means is in tasks/lake.py). Rows of a run
-- that is still going (or died) are not in it, so neither are their articles.
CREATE OR REPLACE VIEW sources AS
SELECT * EXCLUDE (articles, taken_at)
FROM read_parquet('{lake}/live/*.parquet', union_by_name = true)
QUALIFY taken_at = max(taken_at) OVER ();
