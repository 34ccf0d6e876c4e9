"""Short figures read back from the lake for the command line."""
from __future__ import annotations

from warehouse.build import connect


def top_terms(lake: str, n: int = 10) -> list[tuple[str, int]]:
    con = connect(lake)
    return con.execute(
        """SELECT term, sum(count)::BIGINT AS n FROM terms
           WHERE NOT is_stop AND length(term) >= 2 GROUP BY term ORDER BY n DESC, term LIMIT ?""",
        [n]).fetchall()
