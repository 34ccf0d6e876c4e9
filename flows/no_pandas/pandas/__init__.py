"""Stands in for pandas in baoku's run processes, which never use it (`flows.pool.without_pandas`
puts this folder first on sys.path): pyarrow imports pandas on its first array only to check
for pandas input, and an ImportError tells it pandas is absent."""
raise ImportError("pandas is not loaded in a baoku run: nothing in it uses pandas")
