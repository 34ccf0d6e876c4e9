-- runs: one row per committed run. A run's row is the last thing it writes (its commit).
CREATE OR REPLACE VIEW runs AS
SELECT *
FROM read_parquet('{lake}/runs/*.parquet', union_by_name = true);
