-- live_snapshot(): the rows of the newest snapshot of the lake (LAKE/live, one per commit; what
-- "current" means is in tasks/lake.py) that was visible when the query began. A snapshot's file
-- name carries the moment it becomes visible, set just after the file is in place, and now() is
-- the start of the query's transaction: every read of live/ in one query (or one transaction)
-- picks the same snapshot, even when a run commits between two of them. Taking the newest file
-- each time, a query joining terms to articles could read two states at once.
CREATE OR REPLACE MACRO live_snapshot() AS TABLE
SELECT * EXCLUDE (filename, visible_us)
FROM (SELECT *, TRY_CAST(regexp_extract(filename, '-([0-9]+)\.parquet$', 1) AS BIGINT) AS visible_us
      FROM read_parquet('{lake}/live/*.parquet', union_by_name = true, filename = true))
WHERE visible_us <= epoch_us(now())
QUALIFY visible_us = max(visible_us) OVER ();
