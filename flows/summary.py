"""Short figures read back from the lake for the command line."""
from __future__ import annotations

from warehouse.build import connect


def top_terms(lake: str, n: int = 10) -> list[tuple[str, int]]:
    """The `n` reportable words (warehouse/views/reportable.sql) used most over the whole lake."""
    con = connect(lake)
    return con.execute(
        """SELECT term, sum(count)::BIGINT AS n FROM terms
           WHERE reportable(term, is_stop) GROUP BY term ORDER BY n DESC, term LIMIT ?""",
        [n]).fetchall()
