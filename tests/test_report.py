"""The HTML report: built from a lake made by the real pipeline, checked as a file (self-contained,
escaped) and as a page in a real headless Chromium (no console errors, no network, charts drawn,
CJK font used), with a screenshot kept in artifacts/report.png for people to look at.

The lake is built once per session by `shared_lake()`, which tests/test_bi.py and
tests/test_sql_docs.py reuse: the seed pages of flows/sample_inbox, plus a few People's Daily
pages of two earlier months from the corpus when it is there (so the lake has months with a
baseline and rising / falling words exist), plus one unreadable file with a hostile name (so
the rejected-files table and the HTML escaping are exercised).

The browser is driven over the DevTools protocol (`--remote-debugging-port` + the `websockets`
package Prefect already installs): no extra dependency, no browser download, and unlike
`--dump-dom` it reports console errors, exceptions, network requests and the fonts used.
"""
from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request
from collections import Counter
from datetime import date
from pathlib import Path

import duckdb
import pytest

from tests.corpus import CORPUS, ROOT

SAMPLE_INBOX = ROOT / "flows" / "sample_inbox"
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
HOSTILE = "<img src=x onerror=alert(1)>.txt"      # a file name that must stay text in the report
REPRINT = "江城晚报/20221223-08.txt"               # the seed's page 4 of 2022-12-22, reprinted
CORPUS_PAGES = 24                                  # per month: enough for rising words, still quick

_cache: dict[str, Path] = {}


def shared_lake(tmp_path_factory) -> Path:
    """The session's lake (built on first use) with baoku.duckdb and report.html."""
    if "lake" in _cache:
        return _cache["lake"]
    base = tmp_path_factory.mktemp("report-lake")
    inbox, lake = base / "inbox", base / "lake"
    shutil.copytree(SAMPLE_INBOX, inbox)
    for month in ("2019-02", "2019-10"):      # copied to tmp only, never into the repo
        src = CORPUS / "rmrb" / month
        if src.is_dir():
            for f in sorted(src.rglob("*.txt"))[:CORPUS_PAGES]:
                dest = inbox / "rmrb" / month / f.relative_to(src)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(f, dest)
    (inbox / HOSTILE).write_bytes(b"\x00\x01binary\x00")
    # a seed page reprinted a day later by another paper: the reprints section has a group
    reprint = inbox / REPRINT
    reprint.parent.mkdir()
    shutil.copyfile(SAMPLE_INBOX / "工人日报" / "grrb-20221222-04.txt", reprint)

    # Prefect runs quiet, offline and in a throwaway PREFECT_HOME: tests/conftest.py sets that
    # before Prefect is first imported (setting it here would be too late to count).
    assert os.environ.get("DO_NOT_TRACK") == "1" and os.environ.get("PREFECT_HOME")
    from flows.daily import daily_ingest
    summary = daily_ingest(input=str(inbox), lake=str(lake), workers=1)
    assert summary["status"] == "ok" and summary["articles_written"] > 0, summary
    assert (lake / "baoku.duckdb").exists()
    _cache["lake"] = lake
    return lake


@pytest.fixture(scope="module")
def lake(tmp_path_factory) -> Path:
    return shared_lake(tmp_path_factory)


@pytest.fixture(scope="module")
def report(lake) -> tuple[Path, float]:
    from warehouse.report import write_report
    t0 = time.perf_counter()
    path = write_report(lake, lake.parent / "out" / "report.html")
    return path, time.perf_counter() - t0


def _has_rising(lake: Path) -> bool:
    with duckdb.connect(str(lake / "baoku.duckdb"), read_only=True) as con:
        return con.execute("SELECT count(*) FROM emerging_terms").fetchone()[0] > 0


# ---------------------------------------------------------------- the file

def test_report_shows_the_reprint_groups(report, lake):
    page = report[0].read_text(encoding="utf-8")
    section = page[page.index('id="reprints"'):]
    with duckdb.connect(str(lake / "baoku.duckdb"), read_only=True) as con:
        headlines = [h for h, in con.execute("""SELECT headline FROM articles WHERE paper = '工人日报'
                     AND source_path LIKE '%grrb-20221222-04.txt' AND n_chars >= 150""").fetchall()]
    assert len(headlines) == 2 and "工人日报、江城晚报" in section
    assert all(h in section for h in headlines if h), headlines

def test_report_is_one_self_contained_file(report):
    path, seconds = report
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    # Nothing is loaded from elsewhere: no external script, stylesheet, image or font.
    assert not re.search(r"""<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", page, re.I)
    assert "plotly.js v" in page and "Plotly.newPlot" in page  # the library itself is inline
    assert "Noto Sans CJK SC" in page and "Microsoft YaHei" in page
    assert seconds < 5, f"report took {seconds:.1f} s"


def test_report_escapes_text_from_the_data(report):
    page = report[0].read_text(encoding="utf-8")
    assert "<img" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;.txt" in page      # listed, as text
    assert "binary file" in page                                 # with its reason


def test_render_escapes_labels_and_script_data():
    from warehouse.report.charts import hbar
    from warehouse.report.page import render
    from warehouse.report.sections import Chart, Section, Table
    evil = "</script><script>alert(1)</script>"
    fig = hbar([evil, "<b>粗</b>"], [2.0, 1.0], "#000", [evil, "&amp;"], "score")
    sec = Section("s", evil, evil, [Chart("c", evil, evil, fig)],
                  [Table(evil, [evil, evil], [[evil, [evil, evil]]], ["code", "chips"])], detail=evil)
    ov = {"articles": 1, "first_date": date(2024, 1, 1), "last_date": date(2024, 1, 2), "days": 2,
          "chars": 10, "papers": [evil], "files": 1, "rejected": 0, "runs": 1, "last_run": None}
    page = render(ov, [sec], Path("/tmp/<lake>"), "/* js */")
    assert "<script>alert" not in page and "<b>粗" not in page and "/tmp/<lake>" not in page
    data = json.loads(page.split("const FIGURES = ", 1)[1].split(";\nconst CONFIG", 1)[0])
    # Chart labels are entity-escaped for plotly's HTML subset, which decodes them back for display.
    assert data["c"]["data"][0]["y"] == ["&lt;b&gt;粗&lt;/b&gt;", "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"]


def test_falling_terms_mirror_the_emerging_statistic():
    """A word that vanishes ranks first, a word that merely dips ranks next, rising and rare
    words are not listed, and the first month has no falling words (nothing to fall from)."""
    from warehouse.build import VIEWS_DIR
    con = duckdb.connect()
    rows = []
    for month, counts in ((date(2024, 1, 5), {"消失": 40, "减少": 40, "上升": 5, "稀有": 2, "填充": 400}),
                          (date(2024, 2, 5), {"减少": 10, "上升": 60, "填充": 400})):
        for term, n in counts.items():
            rows += [(f"{month}-{term}-{i}", month, term, n // 2, False) for i in range(2)]
    con.execute("CREATE TABLE terms (article_id VARCHAR, pub_date DATE, term VARCHAR, count INTEGER, is_stop BOOLEAN)")
    con.executemany("INSERT INTO terms VALUES (?, ?, ?, ?, ?)", rows)
    for name in ("reportable", "g2", "emerging_terms", "falling_terms"):
        con.execute((VIEWS_DIR / f"{name}.sql").read_text(encoding="utf-8"))
    got = con.execute("SELECT month, term, mentions, baseline FROM falling_terms ORDER BY month, rank").fetchall()
    assert [(m, t) for m, t, *_ in got] == [(date(2024, 2, 1), "消失"), (date(2024, 2, 1), "减少")]
    # 40 uses among January's 486 words predict 38.7 among February's 470; none came
    assert got[0][2] == 0 and got[0][3] == pytest.approx(40 * 470 / 486)
    rising = con.execute("SELECT term FROM emerging_terms ORDER BY rank").fetchall()
    assert rising == [("上升",), ("填充",)]       # the filler's share grew as the others shrank


# ---------------------------------------------------------------- one rule for the words shown

# Words no report may list, however often they are used: numbers in digits (half- and
# full-width, with a decimal point or a per cent) and in Chinese numerals, one-character words
# and stop words. RISE are put into the lake's latest month only, FALL into an earlier one only.
RISE = {"三万": False, "第一": False, "2022": False, "２０２２": False, "3.5%": False, "涨": False, "我们": True}
FALL = {"五千": False, "十二": False, "1949": False, "１９４９": False, "0.5": False, "落": False, "他们": True}
RISING_WORD, FALLING_WORD = "涌现词", "消退词"   # reportable, injected the same way: they must show


def _inject(lake: Path, month: date, words: dict[str, bool], con) -> None:
    """Add the words to two articles of `month`, 5,000 times each, as a run would have."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    from tasks.lake.schemas import TABLES
    articles = con.execute("""SELECT article_id, pub_date, source_id, run_id FROM live_articles
                              WHERE date_trunc('month', pub_date) = ? ORDER BY article_id LIMIT 2""",
                           [month]).fetchall()
    assert len(articles) == 2
    rows = [{"article_id": a, "pub_date": d, "term": w, "pos": "n", "count": 5000, "is_stop": stop,
             "source_id": s, "run_id": r} for a, d, s, r in articles for w, stop in words.items()]
    folder = lake / "terms" / f"month={month:%Y-%m}"
    pq.write_table(pa.Table.from_pylist(rows, schema=TABLES["terms"]), folder / "part-injected.parquet")


def test_reports_list_only_reportable_words(lake, tmp_path):
    from flows.summary import top_terms
    from tasks.enrich.terms import stopwords
    from warehouse.build import connect
    from warehouse.report import write_report
    assert {w for w, stop in {**RISE, **FALL}.items() if stop} <= stopwords()
    copy = tmp_path / "lake"
    shutil.copytree(lake, copy)
    con = connect(copy)
    months = [m for (m,) in con.execute("SELECT DISTINCT date_trunc('month', pub_date)::DATE AS m "
                                        "FROM articles WHERE pub_date IS NOT NULL ORDER BY m").fetchall()]
    if len(months) < 2:
        pytest.skip("the lake has one month (no corpus): nothing can rise or fall")
    latest, earlier = months[-1], months[-2]
    _inject(copy, latest, {**RISE, RISING_WORD: False}, con)
    _inject(copy, earlier, {**FALL, FALLING_WORD: False}, con)
    unreportable = set(RISE) | set(FALL)

    def listed(view: str) -> list[str]:
        return [t for (t,) in con.execute(f"SELECT term FROM {view} WHERE month = ? ORDER BY rank", [latest]).fetchall()]

    assert listed("emerging_terms")[0] == RISING_WORD and not unreportable & set(listed("emerging_terms"))
    assert listed("falling_terms")[0] == FALLING_WORD and not unreportable & set(listed("falling_terms"))
    everywhere = {t for (t,) in con.execute("SELECT term FROM emerging_terms UNION SELECT term FROM falling_terms").fetchall()}
    assert not unreportable & everywhere

    page = write_report(copy, tmp_path / "report.html").read_text(encoding="utf-8")
    figures = json.loads(page.split("const FIGURES = ", 1)[1].split(";\nconst CONFIG", 1)[0])
    rising, falling = figures["rising"]["data"][0]["y"], figures["falling"]["data"][0]["y"]
    trend = [trace["name"] for trace in figures["trend-chart"]["data"]]
    assert RISING_WORD in rising and RISING_WORD in trend and FALLING_WORD in falling
    assert not unreportable & set(rising + falling + trend)

    top = [t for t, _ in top_terms(str(copy), 20)]
    assert {RISING_WORD, FALLING_WORD} <= set(top) and not unreportable & set(top)


# ---------------------------------------------------------------- the province map

# The names the tiles must show, written out here rather than derived from the code under test.
SHORT_PROVINCES = """黑龙江 内蒙古 吉林 新疆 甘肃 宁夏 山西 北京 天津 辽宁 青海 陕西 河南 河北 山东 西藏 四川 重庆
湖北 安徽 江苏 云南 贵州 湖南 江西 浙江 上海 广西 广东 福建 台湾 海南 澳门 香港""".split()


def _figures(page: str) -> dict:
    return json.loads(page.split("const FIGURES = ", 1)[1].split(";\nconst CONFIG", 1)[0])


def _tile(figure: dict, row: int, col: int) -> tuple[list, list]:
    """The customdata of the tile at (row, col) and the z of each heatmap layer there."""
    layers = [t for t in figure["data"] if t["type"] == "heatmap"]
    custom = [t["customdata"][row][col] for t in layers]
    assert all(c == custom[0] for c in custom)                   # the layers agree on every tile
    return custom[0], [t["z"][row][col] for t in layers]


def test_tile_grid_holds_the_gazetteer_provinces_once_each():
    from tasks.entities.places import read_gazetteer
    from warehouse.report.charts import TILE_GRID, short_province
    provinces = {p.province for places in read_gazetteer().values() for p in places}
    assert len(provinces) == 34 and set(TILE_GRID) == provinces
    cells = list(TILE_GRID.values())
    assert len(set(cells)) == 34                                  # no two units share a tile
    assert all(0 <= r <= 7 and 0 <= c <= 8 for r, c in cells)
    assert sorted(map(short_province, TILE_GRID)) == sorted(SHORT_PROVINCES)
    # a few landmarks of the map: north up, west left
    assert TILE_GRID["黑龙江省"] == (0, 8) and TILE_GRID["新疆维吾尔自治区"] == (2, 1)
    assert TILE_GRID["海南省"] == (7, 4) and TILE_GRID["台湾省"] == (6, 8)


def _hand_lake(with_before: bool = True) -> duckdb.DuckDBPyConnection:
    """`entities` and `live_articles` by hand, and the real place_trends view over them. The
    latest month is 2024-06, so the months shown are 2024-04..06 (04 has no article) and the
    three before are 2024-01..03 (02 has none); 2023-12 is outside both."""
    from warehouse.build import VIEWS_DIR
    con = duckdb.connect()
    words = {date(2023, 12, 9): 5_000, date(2024, 1, 10): 20_000, date(2024, 3, 3): 30_000,
             date(2024, 5, 20): 10_000, date(2024, 6, 30): 30_000}
    mentions = [(date(2024, 1, 10), "贵州省", 10), (date(2024, 3, 3), "贵州省", 15),
                (date(2024, 5, 20), "贵州省", 12), (date(2024, 6, 30), "贵州省", 18),
                (date(2024, 6, 30), "香港特别行政区", 4),
                (date(2024, 3, 3), "台湾省", 10),
                (date(2023, 12, 9), "北京市", 7),
                (date(2024, 6, 30), None, 99), (date(2024, 6, 30), "", 99)]
    if not with_before:
        words = {d: n for d, n in words.items() if d >= date(2024, 4, 1)}
        mentions = [m for m in mentions if m[0] >= date(2024, 4, 1)]
    con.execute("CREATE TABLE live_articles (article_id VARCHAR, pub_date DATE, n_words INTEGER)")
    con.executemany("INSERT INTO live_articles VALUES (?, ?, ?)", [(f"a{d}", d, n) for d, n in words.items()])
    con.execute("CREATE TABLE entities (article_id VARCHAR, pub_date DATE, province VARCHAR, count INTEGER)")
    con.executemany("INSERT INTO entities VALUES (?, ?, ?, ?)", [(f"a{d}", d, p, n) for d, p, n in mentions])
    con.execute((VIEWS_DIR / "place_trends.sql").read_text(encoding="utf-8"))
    return con


def test_province_map_rates_and_change_worked_out_by_hand():
    from warehouse.report.charts import TILE_GRID, change, province_map
    from warehouse.report.sections import rows
    got = {r[0]: r for r in rows(_hand_lake(), "province_map", provinces=list(TILE_GRID))}
    assert set(got) == set(TILE_GRID)
    # words shown: 10,000 + 30,000; words before: 20,000 + 30,000
    gz = got["贵州省"]
    assert gz[1] == 12 + 18 and gz[2] == pytest.approx(30 / 40_000 * 10_000)        # 7.5
    assert gz[3] == 10 + 15 and gz[4] == pytest.approx(25 / 50_000 * 10_000)        # 5.0
    assert got["香港特别行政区"][1:5] == (4, pytest.approx(1.0), 0, 0)
    assert got["台湾省"][1:5] == (0, 0, 10, pytest.approx(2.0))
    assert got["北京市"][1:5] == (0, 0, 0, 0)                   # 2023-12 is in neither window
    assert gz[5] == ["2024-05", "2024-06"]                       # the months with articles
    assert [change(got[p][2], got[p][4]) for p in ("贵州省", "香港特别行政区", "台湾省", "北京市")] \
        == ["+50 %", "new", "-100 %", "n/a"]

    fig = province_map(list(got.values()))
    custom, z = _tile(fig, 5, 4)                                 # 贵州 at row 5, column 4
    assert custom == ["贵州省", "30", "7.50", "5.00 per 10,000 words (25 mentions)", "+50 %"]
    assert z == [None, pytest.approx(7.5)]                       # (grey layer, colour layer)
    custom, z = _tile(fig, 6, 8)                                 # 台湾: grey, but hovered with its fall
    assert custom == ["台湾省", "0", "0.00", "2.00 per 10,000 words (10 mentions)", "-100 %"]
    assert z == [0, None]
    assert _tile(fig, 7, 6)[0][4] == "new"                        # 香港
    assert _tile(fig, 0, 0)[1] == [None, None]                   # no unit there: no tile
    hover = fig["data"][1]["hovertemplate"]
    assert "2024-05 – 2024-06" in hover and "%{customdata[4]}" in hover
    names = next(t for t in fig["data"] if t["type"] == "scatter")
    assert sorted(names["text"]) == sorted(SHORT_PROVINCES)
    assert (names["x"][names["text"].index("贵州")], names["y"][names["text"].index("贵州")]) == (4, 5)

    # no article in the three months before: nothing to compare with
    got = {r[0]: r for r in rows(_hand_lake(with_before=False), "province_map", provinces=list(TILE_GRID))}
    assert got["贵州省"][1:5] == (30, pytest.approx(7.5), 0, None)
    custom, _ = _tile(province_map(list(got.values())), 5, 4)
    assert custom[3:] == ["n/a (no articles)", "n/a"]


def test_change_in_words():
    from warehouse.report.charts import change
    assert change(7.5, 5.0) == "+50 %" and change(2.0, 8.0) == "-75 %" and change(3.0, 3.0) == "±0 %"
    assert change(1.0, 0) == "new" and change(0, 0) == "n/a" and change(1.0, None) == "n/a"


def _by_hand(lake: Path) -> tuple[dict, dict, float, float]:
    """Mentions per province in the lake's latest three months and the three before, and the
    words of each, counted in Python from the rows of `entities` and `live_articles`."""
    with duckdb.connect(str(lake / "baoku.duckdb"), read_only=True) as con:
        articles = con.execute("SELECT pub_date, n_words FROM live_articles WHERE pub_date IS NOT NULL").fetchall()
        mentions = con.execute("SELECT pub_date, province, count FROM entities WHERE pub_date IS NOT NULL").fetchall()
    index = lambda d: d.year * 12 + d.month - 1                  # months since year 0
    latest = max(index(d) for d, _ in articles)
    window = lambda d: "now" if latest - 3 < index(d) <= latest else "before" if latest - 6 < index(d) else None
    words = {"now": 0, "before": 0}
    for d, n in articles:
        if window(d):
            words[window(d)] += n
    now, before = Counter(), Counter()
    for d, province, n in mentions:
        if province and window(d):
            (now if window(d) == "now" else before)[province] += n
    return now, before, words["now"], words["before"]


def test_province_map_rate_equals_mentions_over_words_of_the_lake(lake, report):
    from warehouse.build import connect
    from warehouse.report.charts import TILE_GRID
    from warehouse.report.sections import rows
    now, before, words_now, words_before = _by_hand(lake)
    con = connect(lake)
    try:
        got = {r[0]: r for r in rows(con, "province_map", provinces=list(TILE_GRID))}
    finally:
        con.close()
    top, n = now.most_common(1)[0]
    assert n > 0 and words_now > 0
    assert got[top][1] == n and got[top][2] == pytest.approx(n / words_now * 10_000)
    for province in TILE_GRID:
        assert got[province][1] == now[province]
        assert got[province][2] == pytest.approx(now[province] / words_now * 10_000)
        assert got[province][3] == before[province]
        assert got[province][4] == (pytest.approx(before[province] / words_before * 10_000) if words_before else None)
    # and the report's map carries it: the tile of the most mentioned unit
    custom, _ = _tile(_figures(report[0].read_text(encoding="utf-8"))["places-chart"], *TILE_GRID[top])
    assert custom[:3] == [top, f"{n:,}", f"{n / words_now * 10_000:,.2f}"]


# ---------------------------------------------------------------- the page, in a browser

class DevTools:
    """The few DevTools-protocol calls the test needs, over one page's websocket; events
    that arrive while waiting for a reply are kept in `events`."""

    def __init__(self, ws_url: str):
        from websockets.sync.client import connect
        self.ws = connect(ws_url, max_size=None, open_timeout=20)
        self.events: list[dict] = []
        self._id = 0

    def call(self, method: str, timeout: float = 30, **params) -> dict:
        self._id += 1
        self.ws.send(json.dumps({"id": self._id, "method": method, "params": params}))
        deadline = time.monotonic() + timeout
        while True:
            msg = json.loads(self.ws.recv(timeout=max(0.1, deadline - time.monotonic())))
            if msg.get("id") == self._id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            self.events.append(msg)

    def wait_event(self, method: str, timeout: float = 30) -> dict:
        deadline = time.monotonic() + timeout
        for e in self.events:
            if e.get("method") == method:
                return e
        while True:
            msg = json.loads(self.ws.recv(timeout=max(0.1, deadline - time.monotonic())))
            self.events.append(msg)
            if msg.get("method") == method:
                return msg

    def evaluate(self, expression: str):
        r = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return r["result"].get("value")

    def close(self):
        self.ws.close()


def _launch_chromium(user_data: Path) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--hide-scrollbars", "--mute-audio", f"--user-data-dir={user_data}",
         "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # With port 0 Chromium picks a free port and writes it to DevToolsActivePort.
    port_file = user_data / "DevToolsActivePort"
    deadline = time.monotonic() + 30
    while not (port_file.exists() and port_file.read_text().strip()):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"chromium did not start (exit {proc.poll()})")
        time.sleep(0.1)
    port = port_file.read_text().split()[0]
    no_proxy = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    pages = json.load(no_proxy.open(f"http://127.0.0.1:{port}/json/list", timeout=10))
    return proc, next(p["webSocketDebuggerUrl"] for p in pages if p["type"] == "page")


@pytest.fixture(scope="module")
def browser_page(report):
    """Load the report in headless Chromium; yields (DevTools, load seconds)."""
    if not CHROMIUM:
        pytest.skip("chromium not installed (apt-get install -y chromium fonts-noto-cjk)")
    user_data = Path(tempfile.mkdtemp(prefix="baoku-chromium-"))
    proc, ws_url = _launch_chromium(user_data)
    cdp = DevTools(ws_url)
    try:
        for domain in ("Page", "Runtime", "Log", "Network", "DOM", "CSS"):
            cdp.call(f"{domain}.enable")
        cdp.call("Emulation.setDeviceMetricsOverride", width=1280, height=900, deviceScaleFactor=1, mobile=False)
        t0 = time.perf_counter()
        cdp.call("Page.navigate", url=report[0].absolute().as_uri())
        cdp.wait_event("Page.loadEventFired", timeout=60)
        yield cdp, time.perf_counter() - t0
    finally:
        cdp.close()
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(user_data, ignore_errors=True)


RENDERED_JS = """(() => {
  const plots = [...document.querySelectorAll('div.plot')];
  return {ids: plots.map(p => p.id),
          drawn: plots.filter(p => p.querySelector('svg.main-svg .trace')).map(p => p.id),
          // bars and lines are paths, markers points; a heatmap (the province map) is one image
          marks: plots.map(p => p.querySelectorAll('.trace path, .trace .point, .hm image').length),
          imgs: document.querySelectorAll('img').length};
})()"""


def test_page_loads_offline_without_errors(browser_page):
    cdp, seconds = browser_page
    errors = [e for e in cdp.events if e.get("method") == "Runtime.exceptionThrown"
              or (e.get("method") == "Runtime.consoleAPICalled" and e["params"]["type"] in ("error", "assert"))
              or (e.get("method") == "Log.entryAdded" and e["params"]["entry"]["level"] == "error")
              or e.get("method") == "Page.javascriptDialogOpening"]
    assert errors == [], json.dumps(errors, ensure_ascii=False)[:2000]
    urls = [e["params"]["request"]["url"] for e in cdp.events if e.get("method") == "Network.requestWillBeSent"]
    assert [u for u in urls if not u.startswith(("file:", "data:", "blob:"))] == []
    assert seconds < 20


def test_charts_are_drawn(browser_page, lake):
    cdp, _ = browser_page
    deadline = time.monotonic() + 20
    while True:  # newPlot draws synchronously today; the wait only guards a slower machine
        state = cdp.evaluate(RENDERED_JS)
        if state["drawn"] == state["ids"] or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert state["drawn"] == state["ids"], state
    expected = {"volume-chart", "trend-chart", "places-chart", "entities-chart", "reporters-chart", "pages-chart",
                "runs-chart"}
    if _has_rising(lake):
        expected |= {"rising", "falling"}
    assert expected <= set(state["ids"]), state
    assert all(n > 0 for n in state["marks"]), state    # every chart has bars, lines, points or tiles
    assert state["imgs"] == 0                            # the hostile file name stayed text


def _fonts_for(cdp: DevTools, selector: str) -> list[str]:
    root = cdp.call("DOM.getDocument", depth=0)["root"]["nodeId"]
    node = cdp.call("DOM.querySelector", nodeId=root, selector=selector)["nodeId"]
    assert node, f"no element {selector}"
    return [f["familyName"] for f in cdp.call("CSS.getPlatformFontsForNode", nodeId=node)["fonts"]]


def test_chinese_renders_with_a_cjk_font(browser_page):
    cdp, _ = browser_page
    have_cjk = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout.strip() \
        if shutil.which("fc-list") else ""
    if not have_cjk:
        pytest.skip("no CJK font installed (apt-get install -y fonts-noto-cjk)")
    cjk = re.compile(r"CJK|Han|PingFang|YaHei|WenQuanYi|Hei|Song|Ming", re.I)
    for selector in ("h1", "#places-chart .textpoint text"):   # page text and chart text
        fonts = _fonts_for(cdp, selector)
        assert any(cjk.search(f) for f in fonts), (selector, fonts)


# Each text of the map with the centre and width of its box, in viewport pixels.
MAP_JS = """(() => {
  const texts = [...document.querySelectorAll('#places-chart text')];
  const where = {};
  for (const t of texts) {
    const r = t.getBoundingClientRect();
    where[t.textContent] = [r.x + r.width / 2, r.y + r.height / 2, r.width];
  }
  return {texts: texts.map(t => t.textContent), where};
})()"""
HOVER_JS = "(document.querySelector('#places-chart .hoverlayer') || {}).textContent || ''"


def test_province_map_draws_every_unit(browser_page):
    cdp, _ = browser_page
    state = cdp.evaluate(MAP_JS)
    assert [n for n in SHORT_PROVINCES if n not in state["texts"]] == [], state["texts"]
    at = state["where"]
    assert all(at[n][2] > 0 for n in SHORT_PROVINCES), at          # drawn, not zero-width
    # laid out as on the map: north above south, west left of east
    assert at["黑龙江"][1] < at["北京"][1] < at["广东"][1] < at["海南"][1]
    assert at["新疆"][0] < at["四川"][0] < at["湖北"][0] < at["上海"][0]
    # square tiles: one column across is as far as one row down
    across, down = at["天津"][0] - at["北京"][0], at["河北"][1] - at["北京"][1]
    assert across > 30 and down == pytest.approx(across, rel=0.05)


def _hover(cdp: DevTools, short: str) -> str:
    """The hover label's text while a real mouse rests on the tile named `short`."""
    cdp.evaluate("document.getElementById('places-chart').scrollIntoView({block: 'center'})")
    time.sleep(0.3)
    x, y, _ = cdp.evaluate(MAP_JS)["where"][short]
    try:
        deadline = time.monotonic() + 10
        while True:
            cdp.call("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)
            time.sleep(0.2)
            text = cdp.evaluate(HOVER_JS)
            if text or time.monotonic() > deadline:
                return text
    finally:
        cdp.call("Input.dispatchMouseEvent", type="mouseMoved", x=1, y=1)   # no label left behind


def test_province_map_hover_gives_the_counts_and_the_change(browser_page, lake):
    """A real mouse over the tile of the most mentioned unit (coloured) and over 北京 (whatever
    it is) shows the mentions, rate and change counted by hand."""
    from warehouse.report.charts import short_province
    cdp, _ = browser_page
    now, before, words_now, words_before = _by_hand(lake)
    for province in dict.fromkeys([now.most_common(1)[0][0], "北京市"]):
        text = _hover(cdp, short_province(province))
        n, b = now[province], before[province]
        if not words_before or not (n or b):
            change = "n/a"
        elif not b:
            change = "new"
        else:
            change = f"{round((n / words_now) / (b / words_before) * 100 - 100):+d} %"
        assert province in text, text
        assert f"{n:,} mentions, {n / words_now * 10_000:,.2f} per 10,000 words" in text, text
        assert f"change: {change}" in text, text


def test_screenshot_for_people(browser_page):
    """artifacts/report.png: the whole page as a person sees it (not a pass/fail check)."""
    cdp, _ = browser_page
    height = int(cdp.call("Page.getLayoutMetrics")["cssContentSize"]["height"])
    cdp.call("Emulation.setDeviceMetricsOverride", width=1280, height=min(height, 12000),
             deviceScaleFactor=1, mobile=False)
    time.sleep(0.5)  # plotly re-lays out responsive charts on resize
    png = base64.b64decode(cdp.call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                                    timeout=60)["data"])
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "report.png").write_bytes(png)
    # the map up close: the places section, in page coordinates
    x, y, width, height = cdp.evaluate("""(() => {
      const r = document.getElementById('places').getBoundingClientRect();
      return [r.x + window.scrollX, r.y + window.scrollY, r.width, r.height]; })()""")
    png = base64.b64decode(cdp.call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                                    clip={"x": x, "y": y, "width": width, "height": height, "scale": 1},
                                    timeout=60)["data"])
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000
    (ARTIFACTS / "report-map.png").write_bytes(png)


# ---------------------------------------------------------------- the search box

SEARCH_JS = """((query) => {
  const box = document.getElementById('search-box');
  box.value = query;
  box.dispatchEvent(new Event('input'));
  return {status: document.getElementById('search-status').textContent,
          ids: [...document.querySelectorAll('#search-results li')].map(li => li.dataset.article),
          text: document.getElementById('search-results').textContent};
})"""


def test_search_box_months_fit_the_budget():
    from warehouse.report.search_index import MAX_ARTICLES, months_shown
    m = [date(2023, i, 1) for i in range(1, 7)]
    assert months_shown([(m[0], 10), (m[1], 20)]) == m[:2]
    assert months_shown([(m[3], MAX_ARTICLES - 5), (m[4], 3), (m[5], 2)]) == m[3:]
    assert months_shown([(m[3], 1), (m[4], MAX_ARTICLES), (m[5], 5)]) == m[5:]
    assert months_shown([(m[5], MAX_ARTICLES * 2)]) == m[5:]          # the latest always
    assert months_shown([]) == []


def test_search_box_ranks_as_the_sql_macro(browser_page, lake, report):
    """Typed in the page, offline: the articles listed are the macro's, in its order, for the
    same months; an excluded word and a word not in the months behave."""
    cdp, _ = browser_page
    page = report[0].read_text(encoding="utf-8")
    months = page.split('id="search"', 1)[1].split("</h2>", 1)[0].split(" · ")[-1].split(" – ")
    first, last = months[0], months[-1]
    with duckdb.connect(str(lake / "baoku.duckdb"), read_only=True) as con:
        def macro(query: str) -> list[str]:
            return [a for a, in con.execute("SELECT article_id FROM search(?, date_from := ?, date_to := ?, top := 20)",
                                            [query, first, last]).fetchall()]
        for query in ("劳动者", "工会 职工", "工会 -劳动者"):
            expected = macro(query)
            got = cdp.evaluate(f"{SEARCH_JS}({json.dumps(query)})")
            assert expected and got["ids"] == expected, (query, got, expected)
        headline = con.execute("SELECT headline FROM search('劳动者', date_from := ?, date_to := ?, top := 1)",
                               [first, last]).fetchone()[0]
        # typed without spaces: cut into the words the months hold
        assert cdp.evaluate(f"{SEARCH_JS}('工会职工')")["ids"] == macro("工会 职工")
    got = cdp.evaluate(f"{SEARCH_JS}('劳动者')")
    assert headline in got["text"] and "articles hold 劳动者" in got["status"]
    # artifacts/report-search.png: the box with its answer, for people to look at
    x, y, width, height = cdp.evaluate("""(() => {
      const r = document.getElementById('search').getBoundingClientRect();
      return [r.x + window.scrollX, r.y + window.scrollY, r.width, Math.min(r.height, 900)]; })()""")
    png = base64.b64decode(cdp.call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                                    clip={"x": x, "y": y, "width": width, "height": height, "scale": 1},
                                    timeout=60)["data"])
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "report-search.png").write_bytes(png)
    got = cdp.evaluate(f"{SEARCH_JS}('zzqx')")
    assert got["ids"] == [] and "No word of the query" in got["status"]
