"""The data dictionary, rendered from the schemas declared in tasks/lake/schemas.py.

Descriptions live only in the schemas (Arrow field metadata); this module only formats them.
tests/test_sql_docs.py compares the committed docs/DATA_DICTIONARY.md with `markdown()`, so the
file cannot drift from the schemas.

    python -m warehouse.dictionary > docs/DATA_DICTIONARY.md
"""
from __future__ import annotations

import sys

import duckdb
import pyarrow as pa

from tasks.lake.schemas import PARTITIONED, TABLES, description
from warehouse.build import REPORT_VIEWS

HEADER = """\
# baoku data dictionary

Generated from `tasks/lake/schemas.py` by `python -m warehouse.dictionary > docs/DATA_DICTIONARY.md`;
do not edit by hand (a test compares this file with the generated text).

Each table is a view of the same name in `LAKE/baoku.duckdb` over the Parquet files of
`LAKE/<table>/`. *SQL type* is what DuckDB, and so a BI tool, shows; *Parquet type* is the
Arrow type the files are written with. Tables marked *partitioned* are stored as
`LAKE/<table>/month=YYYY-MM/*.parquet` by publication month; the views hide the `month` column
and keep only rows of committed runs and of the current version of each file.

The report views, derived from these tables, are defined with comments in
`warehouse/views/*.sql`: {report_views}.
"""


def _sql_types(schema: pa.Schema) -> list[str]:
    """DuckDB's own names for the schema's types, asked from DuckDB rather than mapped by hand
    (an empty Arrow table costs nothing to scan)."""
    with duckdb.connect() as con:
        return [str(t) for t in con.from_arrow(schema.empty_table()).types]


def _cell(text: str) -> str:
    """Prose for a Markdown table cell: a pipe would end the cell, a newline the row, and a '<'
    could open an HTML tag that renderers then hide."""
    return text.replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")


def _code(text: str) -> str:
    """A code span in a table cell (`list<item: string>` must show as written)."""
    return "`" + text.replace("|", "\\|").replace("`", "'") + "`"


def table_markdown(name: str, schema: pa.Schema) -> str:
    where = "partitioned by month" if name in PARTITIONED else "not partitioned"
    lines = [f"## {name}", "", f"`LAKE/{name}/`, {where}.", "",
             "| column | SQL type | Parquet type | description |", "|---|---|---|---|"]
    for field, sql_type in zip(schema, _sql_types(schema)):
        lines.append(f"| {_code(field.name)} | {_code(sql_type)} | {_code(str(field.type))} | "
                     f"{_cell(description(name, field.name))} |")
    return "\n".join(lines)


def markdown() -> str:
    """The whole dictionary: one table per lake table, in the order tasks/lake/schemas.py lists them."""
    header = HEADER.format(report_views=", ".join(f"`{v}`" for v in REPORT_VIEWS))
    return "\n\n".join([header.rstrip("\n"), *(table_markdown(n, s) for n, s in TABLES.items())]) + "\n"


def main() -> None:
    sys.stdout.write(markdown())


if __name__ == "__main__":
    main()
