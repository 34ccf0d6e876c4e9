"""Where rows land: the lake of Parquet files.

  schemas   every table's columns, declared once (the data dictionary is generated from them)
  buffer    a batch's rows per (table, month), written as one sorted part file each
  store     the Lake: parts, the writer lock, commits and snapshots, leftovers, the kept IDF
"""
