"""Rows gathered column by column per (table, month), then written as one Parquet part each.

Columnar lists are far cheaper than a dict per row at millions of term rows, and the schema
from `tasks.schemas` is applied once at flush.
"""
from __future__ import annotations

from collections import defaultdict

import pyarrow as pa

from tasks.lake import Lake
from tasks.schemas import TABLES

# Sort keys per table: terms by term so a one-term trend query reads few row groups;
# the rest by date then article, the order analysts read them in.
SORT_KEYS = {
    "articles": [("pub_date", "ascending"), ("article_id", "ascending")],
    "terms": [("term", "ascending"), ("pub_date", "ascending")],
    "entities": [("normalized", "ascending"), ("pub_date", "ascending")],
    "figures": [("pub_date", "ascending"), ("article_id", "ascending")],
    "keywords": [("keyword", "ascending"), ("pub_date", "ascending")],
    "sources": [("source_path", "ascending")],
}


class TableBuffers:
    def __init__(self) -> None:
        self._cols: dict[tuple[str, str], dict[str, list]] = {}
        self.rows: dict[str, int] = defaultdict(int)

    def columns(self, table: str, month: str) -> dict[str, list]:
        key = (table, month)
        cols = self._cols.get(key)
        if cols is None:
            cols = self._cols[key] = {name: [] for name in TABLES[table].names}
        return cols

    def add(self, table: str, month: str, row: dict) -> None:
        cols = self.columns(table, month)
        for name, values in cols.items():
            values.append(row.get(name))
        self.rows[table] += 1

    def add_many(self, table: str, month: str, fixed: dict, names: tuple[str, ...], rows: list[tuple]) -> None:
        """Rows that share `fixed` values (the article's ids and date) and differ in `names`."""
        if not rows:
            return
        cols = self.columns(table, month)
        n = len(rows)
        for name, value in fixed.items():
            cols[name].extend([value] * n)
        for name, column in zip(names, zip(*rows)):  # transpose in C, not per value in Python
            cols[name].extend(column)
        self.rows[table] += n

    def flush(self, lake: Lake, run_id: str, part: int) -> list[str]:
        """Write every buffered (table, month) as one sorted part file; returns the paths."""
        written = []
        for (table, month), cols in sorted(self._cols.items()):
            data = pa.Table.from_pydict(cols, schema=TABLES[table])
            if not data.num_rows:
                continue
            if table in SORT_KEYS:
                data = data.sort_by(SORT_KEYS[table])
            written.append(str(lake.write_part(table, month, run_id, part, data)))
        self._cols.clear()
        return written
