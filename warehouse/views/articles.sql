-- articles: rows of the current version of each ingested file (see sources).
CREATE OR REPLACE VIEW articles AS
SELECT t.* EXCLUDE (month)
FROM read_parquet('{lake}/articles/*/*.parquet', hive_partitioning = true,
                  hive_types = {'month': 'VARCHAR'}, union_by_name = true) AS t
SEMI JOIN sources AS s ON t.source_path = s.source_path AND t.source_id = s.source_id
                      AND t.run_id = s.run_id AND s.status = 'ok';
