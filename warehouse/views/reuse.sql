-- reuse: one row per pair of articles in view that print the same long passages (a reprint, a
-- wire story in two papers, the same story on two pages); found by warehouse/reuse.py when the
-- later of the two was ingested. Pairs of committed runs whose two articles are both in view;
-- a pair found again (a file that came back after a change) shows once.
CREATE OR REPLACE VIEW reuse AS
SELECT t.* EXCLUDE (month)
FROM read_parquet('{lake}/reuse/*/*.parquet', hive_partitioning = true,
                  hive_types = {'month': 'VARCHAR'}, union_by_name = true) AS t
WHERE t.run_id IN (SELECT run_id FROM runs)
  AND t.article_a IN (SELECT article_id FROM live_articles)
  AND t.article_b IN (SELECT article_id FROM live_articles)
QUALIFY row_number() OVER (PARTITION BY t.article_a, t.article_b ORDER BY t.run_id DESC) = 1;
