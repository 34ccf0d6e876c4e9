"""Rows gathered column by column per (table, month), then written as one sorted Parquet
part each.

Columnar lists are far cheaper than a dict per row, and the schema from
`tasks.lake.schemas` is applied once at flush. The terms and keywords of articles are no rows
here: the batch counts them over arrays (`tasks.enrich.terms`) and hands them in as tables.
"""
from __future__ import annotations

import pyarrow as pa

from tasks.lake.schemas import SORT_KEYS, TABLES
from tasks.lake.store import Lake


class TableBuffers:
    def __init__(self) -> None:
        self._cols: dict[tuple[str, str], dict[str, list]] = {}

    def columns(self, table: str, month: str) -> dict[str, list]:
        key = (table, month)
        cols = self._cols.get(key)
        if cols is None:
            cols = self._cols[key] = {name: [] for name in TABLES[table].names}
        return cols

    def add(self, table: str, month: str, row: dict) -> int:
        """One row; returns its index among the (table, month)'s rows."""
        cols = self.columns(table, month)
        for name, values in cols.items():
            values.append(row.get(name))
        return len(values) - 1

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

    def flush(self, lake: Lake, run_id: str, part: int, tables: dict[tuple[str, str], pa.Table] | None = None
              ) -> list[str]:
        """Write every buffered (table, month), and the ready `tables` (sorted already), as one
        sorted part file each; returns the paths."""
        tables = dict(tables or {})
        for (table, month), cols in self._cols.items():
            tables[(table, month)] = pa.Table.from_pydict(cols, schema=TABLES[table]).sort_by(SORT_KEYS[table])
        written = [str(lake.write_part(table, month, run_id, part, data))
                   for (table, month), data in sorted(tables.items()) if data.num_rows]
        self._cols.clear()
        return written
