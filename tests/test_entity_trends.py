"""People, organisations and places over time: entity_trends counts what `entities` holds,
names merged by rules and by the lake's alias file, which takes effect without a run."""
from __future__ import annotations

import shutil
from collections import Counter

import pytest

from flows.daily import daily_ingest
from tests.corpus import CORPUS, ROOT
from warehouse.build import connect

SAMPLE = ROOT / "flows" / "sample_inbox"


@pytest.fixture(scope="module")
def lake(tmp_path_factory):
    """The seed pages (2022-12) and, where the corpus is, People's Daily pages of two months."""
    base = tmp_path_factory.mktemp("entity-trends")
    inbox = base / "inbox"
    shutil.copytree(SAMPLE, inbox)
    for month in ("2019-02", "2019-10"):
        for f in sorted((CORPUS / "rmrb" / month).rglob("*.txt"))[:60]:
            dest = inbox / "rmrb" / month / f.name
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(f, dest)
    daily_ingest(input=str(inbox), lake=str(base / "lake"), workers=1)
    return base / "lake"


def _expected(con, aliases: dict[tuple[str | None, str], str]) -> Counter:
    """(month, type, name) → mentions, from the rows of `entities`, merged here by the rules
    the view documents and by `aliases` ((type or None, alias) → canonical)."""
    titles = ("同志", "总书记", "主席", "总理", "委员长", "先生", "女士")
    out = Counter()
    for day, type_, name, count in con.execute(
            "SELECT pub_date, type, normalized, count FROM entities WHERE pub_date IS NOT NULL").fetchall():
        if type_ == "PER":
            for t in titles:
                if name.endswith(t) and len(name) - len(t) >= 2:
                    name = name[: -len(t)]
                    break
        if type_ == "ORG" and name.startswith("中华人民共和国") and len(name) > 7:
            name = name[7:]
        name = aliases.get((type_, name)) or aliases.get((None, name)) or name
        out[(day.replace(day=1), type_, name)] += count
    return out


def _trends(con) -> Counter:
    return Counter({(m, t, n): v for m, t, n, v in
                    con.execute("SELECT month, type, normalized, mentions FROM entity_trends").fetchall()})


def test_entity_trends_count_what_entities_hold(lake):
    con = connect(lake)
    assert _trends(con) == _expected(con, {})
    months = {m for m, in con.execute("SELECT DISTINCT month FROM entity_trends").fetchall()}
    assert len(months) >= 1
    # share: the month's mentions over the month's words, the denominator of term_trends
    (bad,) = con.execute("""
        SELECT count(*) FROM entity_trends e
        JOIN (SELECT date_trunc('month', pub_date)::DATE AS month, sum(n_words) AS words FROM articles GROUP BY ALL) w
        USING (month) WHERE abs(e.share - e.mentions / w.words) > 1e-12""").fetchone()
    assert bad == 0


def test_the_alias_file_merges_names_at_the_next_query(lake):
    con = connect(lake)
    top = con.execute("""SELECT type, normalized FROM entity_trends GROUP BY ALL
                         ORDER BY sum(mentions) DESC, normalized LIMIT 3""").fetchall()
    (type_a, a), (_, b), (_, c) = top
    before = _trends(con)
    (lake / "aliases.csv").write_text(
        f"type,alias,canonical\n{type_a},{a},合并名\n,{b},合并名\n\n,,\n", encoding="utf-8")
    try:
        con = connect(lake)      # no run in between: the view reads the file at each query
        after = _trends(con)
        assert after == _expected(con, {(type_a, a): "合并名", (None, b): "合并名"})
        assert after != before and not any(n in (a, b) for _, _, n in after)
        assert any(n == c for _, _, n in after)
    finally:
        (lake / "aliases.csv").write_text("type,alias,canonical\n", encoding="utf-8")
    assert _trends(connect(lake)) == before


def test_emerging_entities_rank_per_type(lake):
    con = connect(lake)
    rows = con.execute("SELECT month, type, rank, score, mentions FROM emerging_entities").fetchall()
    if not rows:
        pytest.skip("one month only (the People's Daily corpus is absent): nothing can rise")
    for month, type_ in {(m, t) for m, t, *_ in rows}:
        ranked = sorted((r, s) for m, t, r, s, _ in rows if (m, t) == (month, type_))
        assert [r for r, _ in ranked] == list(range(1, len(ranked) + 1))
        assert all(a >= b for (_, a), (_, b) in zip(ranked, ranked[1:]))
    assert all(n >= 5 for *_, n in rows)


def test_rules_merge_titles_and_the_country_prefix(lake, tmp_path):
    con = connect(lake)
    con.execute("""CREATE OR REPLACE TEMP TABLE probe AS SELECT * FROM (VALUES
        ('PER', '习近平同志'), ('PER', '习近平总书记'), ('PER', '习近平'), ('PER', '王先生'),
        ('ORG', '中华人民共和国国务院'), ('ORG', '国务院')) t(type, normalized)""")
    sql = (ROOT / "warehouse" / "views" / "entity_names.sql").read_text(encoding="utf-8")
    rule = sql[sql.index("CASE"):sql.index("END AS ruled_name") + 3]
    names = con.execute(f"SELECT type, normalized, {rule} FROM probe").fetchall()
    assert [n for *_, n in names] == ["习近平", "习近平", "习近平", "王先生", "国务院", "国务院"]
