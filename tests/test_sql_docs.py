"""The docs that can go stale are run: every ```sql block of docs/SQL.md against a lake built by
the real pipeline (shared with tests/test_report.py), its ```python blocks too, and
docs/DATA_DICTIONARY.md is compared with what `warehouse.dictionary` generates now."""
from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from tests.corpus import ROOT
from tests.test_report import shared_lake

SQL_DOC = ROOT / "docs" / "SQL.md"
DICTIONARY = ROOT / "docs" / "DATA_DICTIONARY.md"


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```", SQL_DOC.read_text(encoding="utf-8"), re.M | re.S)


@pytest.fixture(scope="module")
def lake(tmp_path_factory) -> Path:
    return shared_lake(tmp_path_factory)


def test_doc_has_the_promised_examples():
    text = SQL_DOC.read_text(encoding="utf-8")
    for topic in ("monthly trend", "Top places", "reporter's articles", "Emerging words",
                  "Falling words", "Figures reported", "Keywords of an article", "Who said what", "Who reprinted what",
                  "People, organisations and places over time", "Ranked search"):
        assert topic in text
    assert len(_blocks("sql")) >= 6


@pytest.mark.parametrize("n", range(len(_blocks("sql"))))
def test_sql_block_runs(lake, n):
    sql = _blocks("sql")[n]
    with duckdb.connect(str(lake / "baoku.duckdb"), read_only=True) as con:
        try:
            con.execute(sql).fetchall()
        except duckdb.Error as e:
            pytest.fail(f"docs/SQL.md sql block {n + 1} fails: {e}\n{sql}")
        assert con.description, f"sql block {n + 1} returns no result set"


def test_sql_examples_find_the_seed_pages(lake):
    """The examples name words and people of the seed pages: most must return rows here, or
    the doc shows examples nobody can reproduce."""
    with duckdb.connect(str(lake / "baoku.duckdb"), read_only=True) as con:
        months = con.execute("SELECT count(DISTINCT date_trunc('month', pub_date)) FROM articles").fetchone()[0]
        empty = [n + 1 for n, sql in enumerate(_blocks("sql")) if not con.execute(sql).fetchall()
                 # rising and falling words need a month before them: without the corpus the
                 # lake has one month
                 and not (months < 2 and ("emerging_terms" in sql or "falling_terms" in sql))]
    # Only the rejected-files query may be empty, and only if nothing was rejected.
    assert len(empty) <= 1, f"blocks returning no rows: {empty}"


def test_python_blocks_run(lake):
    for code in _blocks("python"):
        exec(compile(code, str(SQL_DOC), "exec"), {"LAKE": str(lake)})


def test_data_dictionary_is_generated():
    from warehouse.dictionary import markdown
    assert DICTIONARY.read_text(encoding="utf-8") == markdown(), \
        "docs/DATA_DICTIONARY.md is stale: python -m warehouse.dictionary > docs/DATA_DICTIONARY.md"


def test_data_dictionary_covers_every_column():
    from tasks.lake.schemas import TABLES
    text = DICTIONARY.read_text(encoding="utf-8")
    for name, schema in TABLES.items():
        section = text.split(f"## {name}\n", 1)[1].split("\n## ", 1)[0]
        for field in schema:
            assert f"| `{field.name}` |" in section, (name, field.name)
            assert (field.metadata or {}).get(b"description"), f"{name}.{field.name} has no description"
