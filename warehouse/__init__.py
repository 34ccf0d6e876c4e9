"""The DuckDB side of baoku: view definitions (views/*.sql), the database file, reports."""
