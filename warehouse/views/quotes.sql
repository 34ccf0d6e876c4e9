-- quotes: rows of the articles in view (the current version of each ingested file).
CREATE OR REPLACE VIEW quotes AS
SELECT t.* EXCLUDE (month)
FROM read_parquet('{lake}/quotes/*/*.parquet', hive_partitioning = true,
                  hive_types = {'month': 'VARCHAR'}, union_by_name = true) AS t
SEMI JOIN live_articles AS l ON t.article_id = l.article_id AND t.run_id = l.run_id;
