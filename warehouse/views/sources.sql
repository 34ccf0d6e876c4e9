-- sources: the current version of every file read: its latest row written by a committed run.
-- Rows of a run that is still going (or died) are not here, so neither are their articles.
CREATE OR REPLACE VIEW sources AS
SELECT s.* EXCLUDE (month)
FROM read_parquet('{lake}/sources/*/*.parquet', hive_partitioning = true,
                  hive_types = {'month': 'VARCHAR'}, union_by_name = true) AS s
JOIN runs AS r ON r.run_id = s.run_id
QUALIFY row_number() OVER (PARTITION BY s.source_path ORDER BY r.finished_at DESC, s.run_id DESC) = 1;
