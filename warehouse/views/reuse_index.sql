-- reuse_index: the MinHash index of text reuse, 32 band hashes per fingerprinted article in
-- view (see tasks/enrich/reuse.py); what a run's new articles are looked up in.
CREATE OR REPLACE VIEW reuse_index AS
SELECT t.* EXCLUDE (month)
FROM read_parquet('{lake}/reuse_index/*/*.parquet', hive_partitioning = true,
                  hive_types = {'month': 'VARCHAR'}, union_by_name = true) AS t
SEMI JOIN live_articles AS l ON t.article_id = l.article_id AND t.run_id = l.run_id;
