"""Text reuse: edited copies of People's Daily and evening-news articles planted in other
"papers" and days among unrelated articles are found, boilerplate is not, and the pairs follow
the lake's commit protocol."""
from __future__ import annotations

import random
import re
import shutil
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest

from flows.daily import daily_ingest
from tasks.enrich import reuse
from tasks.split.script import split_as_printed
from tests.corpus import SEED, corpus_path
from tests.pages import read_truth
from warehouse.build import connect

_SENTENCE = re.compile(r"(?<=[。！？])")
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _pd_articles(day_dirs: list[Path]) -> list[tuple[Path, str]]:
    """(file, body) of the corpus's articles of 300 characters or more."""
    out = []
    for d in day_dirs:
        for f in sorted(d.glob("*.txt")):
            body = "\n".join(read_truth(f).paragraphs)
            if len(body) >= 300:
                out.append((f, body))
    return out


def _xwlb_articles(files: list[Path]) -> list[tuple[Path, str]]:
    """(file, body) of the stories the pipeline splits these evening-news days into (400+ chars)."""
    return [(f, a.body) for f in files for a, _ in split_as_printed(f.read_text(encoding="utf-8"))[1]
            if len(a.body) >= 400]


def edited_copy(body: str, keep: float, local: str, rng: random.Random) -> tuple[str, float]:
    """A copy as another paper prints it: sentences dropped until about `keep` of the text is
    left (always the first), a local paragraph added, punctuation and digits re-set. Returns
    the text and the share of the original it really kept."""
    sentences = [s for s in _SENTENCE.split(body) if s]
    kept = [s for i, s in enumerate(sentences) if i == 0 or rng.random() < keep]
    text = "".join(kept)
    share = len(text) / len(body)
    text = text.replace("，", ", ").replace("“", "\"").replace("”", "\"").translate(_FULL_WIDTH)
    return text + "\n" + local, share


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """An inbox: People's Daily articles (40 originals, 150 unrelated) and four evening-news
    days, plus 60 edited copies in three other papers 0 to 3 days later; then one run."""
    rng = random.Random(7)
    rmrb = corpus_path("rmrb", "2019-02")
    xwlb = sorted(corpus_path("xwlb", "2024").glob("*.txt"))[:4]
    days = sorted(p for p in rmrb.iterdir() if p.is_dir())
    articles = _pd_articles(days[:12])
    rng.shuffle(articles)
    originals, unrelated, donors = articles[:40], articles[40:190], articles[190:260]
    root = tmp_path_factory.mktemp("reuse")
    inbox = root / "inbox"
    for f, _ in originals + unrelated:
        target = inbox / "人民日报" / f.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f, target)
    for f in xwlb:
        (inbox / "新闻联播").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f, inbox / "新闻联播" / f.name)
    # (day, body, where the original is: its file, or for a story of a day's file its body)
    stories = [(f.name[:8], body, f"人民日报/{f.name}") for f, body in originals]
    stories += [(f.name[5:13], body, body) for f, body in _xwlb_articles(xwlb)[::3][:12]]
    copies = []     # (where the original is, copy file, kept share)
    for n, (day, body, original) in enumerate(stories):
        for k in range(1 + (n % 4 == 0)):       # every fourth story is printed by two papers
            paper = ("江南晚报", "北方日报", "海滨都市报")[(n + k) % 3]
            keep = rng.choice((0.3, 0.6, 0.75, 0.9, 1.0))
            local = "\n".join(donors[(2 * n + k) % len(donors)][1].split("\n")[:1])
            text, share = edited_copy(body, keep, local, rng)
            later = f"{day[:6]}{min(28, int(day[6:]) + rng.randint(0, 3)):02d}"
            path = inbox / paper / f"{later}-{5 + k:02d}-{n:02d}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"\n{paper}消息 新标题第{n}号\n\n" + "\n".join(f"\u3000\u3000{p}" for p in text.split("\n")),
                            encoding="utf-8")
            copies.append((original, path.relative_to(inbox).as_posix(), share))
    # small batches: an original and its copies mostly land in different ones, each linked
    # as it is done against the batches before it
    summary = daily_ingest(input=str(inbox), lake=str(root / "lake"), workers=1, batch_bytes=150_000)
    assert summary["batches"] >= 8
    return {"inbox": inbox, "lake": root / "lake", "copies": copies, "summary": summary}


def _families(con, copies) -> tuple[dict[str, int], dict[str, tuple[str, float]]]:
    """article_id → the story it is, and copy id → (its original's id, share of it kept). A
    story is an original with its planted copies, and with the articles that print the very
    same letters (People's Daily runs some stories on two pages: 20190201-01-05 and -03-07)."""
    arts = con.execute("SELECT article_id, source_path, body FROM articles").fetchall()
    letters = lambda s: reuse.letters(s).tobytes()  # noqa: E731
    same_text: dict[bytes, int] = {}
    family = {aid: same_text.setdefault(letters(body), len(same_text)) for aid, _, body in arts}
    by_letters = {letters(body): aid for aid, _, body in arts}
    by_path = {path: aid for aid, path, _ in arts}
    kept = {}
    for original, path, share in copies:
        copy_id, original_id = by_path[path], by_path.get(original) or by_letters.get(letters(original))
        assert original_id, f"the original of {path} is not an article of the lake"
        family[copy_id] = family[original_id]
        kept[copy_id] = (original_id, share)
    return family, kept


def test_planted_copies_are_found_and_nothing_else(planted):
    con = connect(planted["lake"])
    family, kept = _families(con, planted["copies"])
    pairs = con.execute("SELECT article_a, article_b, share_a, share_b, same_paper FROM reuse").fetchall()
    found = {(a, b) for a, b, *_ in pairs}
    right = [p for p in found if family.get(p[0], -1) == family.get(p[1], -2)]
    precision = len(right) / len(found)
    # recall over copies that keep at least half of the original, each against its original
    wanted = [tuple(sorted((cid, original))) for cid, (original, share) in kept.items() if share >= 0.5]
    recall = sum(p in found for p in wanted) / len(wanted)
    assert len(wanted) >= 40
    assert recall >= 0.95, [p for p in wanted if p not in found]
    assert precision >= 0.95, [p for p in found if p not in right]


def test_pairs_say_who_came_first_and_how_much_each_shares(planted):
    con = connect(planted["lake"])
    rows = con.execute("""
        SELECT r.*, a.paper AS paper_a, b.paper AS paper_b, a.pub_date AS date_a, b.pub_date AS date_b
        FROM reuse r JOIN articles a ON a.article_id = r.article_a JOIN articles b ON b.article_id = r.article_b
    """).df()
    assert len(rows) and (rows.article_a < rows.article_b).all()
    first = np.where(rows.date_a < rows.date_b, rows.article_a,
                     np.where(rows.date_b < rows.date_a, rows.article_b, rows.article_a))
    assert (rows.earlier == first).all()
    assert (rows.same_paper == (rows.paper_a == rows.paper_b)).all()
    assert rows.share_a.between(0, 1).all() and rows.share_b.between(0, 1).all()
    assert (rows.shared_chars >= 100).all() and rows.similarity.between(0, 1).all()
    # an original against its copy: the copy adds a local paragraph, so it shares less of itself
    # than the copies that kept everything share of the original
    pd_copy = rows[(rows.paper_a == "人民日报") != (rows.paper_b == "人民日报")]
    assert len(pd_copy) >= 20


def test_clusters_and_wire_pickup(planted):
    con = connect(planted["lake"])
    clusters = con.execute("SELECT * FROM reuse_clusters").df()
    family, kept = _families(con, planted["copies"])
    members = dict(con.execute("SELECT article_id, cluster_id FROM reuse_members").fetchall())
    # every cluster is one planted story (a story may be split only where a copy kept too little)
    for cluster_id, group in pd_groups(members).items():
        assert len({family.get(aid) for aid in group}) == 1, group
    # stories printed by two other papers: groups of three papers
    three = clusters[clusters.papers.map(len) == 3]
    assert len(three) >= 5 and (three["size"] >= 3).all()
    assert (three.first_date <= three.last_date).all() and (three.days >= 1).all()
    pickup = con.execute("""SELECT w.*, s.paper AS story_paper FROM wire_pickup w
                             JOIN articles s ON s.article_id = w.story_article_id""").df()
    assert (pickup.paper != pickup.story_paper).all()
    assert (pickup.days_after >= 0).all() and (pickup.days_after <= 3).all()
    assert pickup.headline_changed.all()          # every copy got a new headline
    # how much of the story a copy kept, against what the test kept (in characters, with
    # punctuation; the view counts letters)
    planted_share = {cid: share for cid, (_, share) in kept.items()}
    direct = pickup[pickup.story_article_id.isin({o for o, _ in kept.values()}) & pickup.kept_share.notna()]
    error = (direct.kept_share - direct.article_id.map(planted_share)).abs()
    assert len(direct) >= 30 and error.max() < 0.1, direct.assign(error=error).sort_values("error").tail()
    # a story first printed by its original paper: the papers that picked it up are the copies'
    originals = {original for original, _ in kept.values()}
    from_originals = pickup[pickup.story_article_id.isin(originals)]
    assert len(from_originals) >= 30
    assert set(from_originals.paper) == {"江南晚报", "北方日报", "海滨都市报"}


def pd_groups(members: dict[str, str]) -> dict[str, list[str]]:
    groups = defaultdict(list)
    for aid, cid in members.items():
        groups[cid].append(aid)
    return groups


def test_boilerplate_and_short_articles_stay_out(tmp_path):
    """A weather box every day, a lottery table every day, a standing notice every day and a
    two-line brief: no flood of pairs."""
    inbox = tmp_path / "inbox" / "城市晚报"
    inbox.mkdir(parents=True)
    notice = ("本报郑重声明：本报从未委托任何机构或个人以本报名义开展有偿新闻活动，也未授权任何单位代收订阅费用。"
              "读者如发现有人冒用本报名义招揽广告、收取费用或进行其他违法活动，请及时向本报社办公室和当地公安机关反映，"
              "本报将依法追究其法律责任。本报热线电话全天开通，欢迎读者监督。") * 2
    for day in range(1, 9):
        weather = f"今天白天晴转多云，最高气温{10 + day}度，最低气温{day}度，东北风三到四级。明天多云。"
        lottery = "双色球第2023%03d期开奖结果：" % day + " ".join(f"{(day * k) % 33 + 1:02d}" for k in range(40))
        page = (f"天气预报\n\n{weather}\n\n彩票开奖\n\n{lottery}\n\n本报声明\n\n{notice}\n\n"
                f"简讯\n\n市图书馆今天闭馆一天。\n")
        (inbox / f"2023010{day}-16.txt").write_text(page, encoding="utf-8")
    lake = tmp_path / "lake"
    daily_ingest(input=str(inbox.parent), lake=str(lake), workers=1)
    con = connect(lake)
    indexed = con.execute("SELECT count(*) FROM reuse_index").fetchone()[0]
    pairs = con.execute("SELECT count(*) FROM reuse").fetchone()[0]
    assert indexed == 8             # the notices only: weather, lottery and brief are too short or figures
    assert pairs <= reuse_fixture_limit()


def reuse_fixture_limit() -> int:
    from warehouse.reuse import FIXTURE_DAYS
    return FIXTURE_DAYS * (FIXTURE_DAYS - 1) // 2


def test_a_dead_run_leaves_no_pairs_and_a_changed_file_takes_its_pairs_along(tmp_path, monkeypatch):
    rmrb = corpus_path("rmrb", "2019-02")
    (f, body), = _pd_articles([sorted(p for p in rmrb.iterdir() if p.is_dir())[3]])[:1]
    inbox, lake = tmp_path / "inbox", tmp_path / "lake"
    (inbox / "人民日报").mkdir(parents=True)
    (inbox / "江南晚报").mkdir()
    shutil.copyfile(f, inbox / "人民日报" / f.name)
    daily_ingest(input=str(inbox), lake=str(lake), workers=1)
    copy = inbox / "江南晚报" / f"{f.name[:8]}-05-01.txt"
    copy.write_text("新标题\n\n" + body.replace("，", ","), encoding="utf-8")

    def dies(lake, run_row):
        raise OSError("power cut before the commit")

    with monkeypatch.context() as m:
        m.setattr("flows.daily.commit_run", dies)
        with pytest.raises(Exception):
            daily_ingest(input=str(inbox), lake=str(lake), workers=1)
    assert list(Path(lake).glob("reuse/*/part-*.parquet"))       # the dead run wrote its pairs …
    assert connect(lake).execute("SELECT count(*) FROM reuse").fetchone()[0] == 0   # … nobody sees them

    daily_ingest(input=str(inbox), lake=str(lake), workers=1)
    con = connect(lake)
    assert con.execute("SELECT count(*), min(share_a), min(share_b) FROM reuse").fetchone()[0] == 1
    assert con.execute("SELECT count(*) FROM reuse_clusters").fetchone()[0] == 1

    copy.write_text("新标题\n\n" + "这是另一篇完全不同的稿件，讲述本市公园的春天。" * 10, encoding="utf-8")
    daily_ingest(input=str(inbox), lake=str(lake), workers=1)
    assert connect(lake).execute("SELECT count(*) FROM reuse").fetchone()[0] == 0


def test_a_run_that_finds_nothing_new_does_no_reuse_work(tmp_path, monkeypatch):
    rmrb = corpus_path("rmrb", "2019-02")
    inbox, lake = tmp_path / "inbox", tmp_path / "lake"
    (inbox / "人民日报").mkdir(parents=True)
    for f, _ in _pd_articles([sorted(p for p in rmrb.iterdir() if p.is_dir())[5]])[:5]:
        shutil.copyfile(f, inbox / "人民日报" / f.name)
    daily_ingest(input=str(inbox), lake=str(lake), workers=1)

    def no_work(*args):
        raise AssertionError("text reuse linked on a run with nothing new")

    monkeypatch.setattr("warehouse.reuse.link", no_work)
    summary = daily_ingest(input=str(inbox), lake=str(lake), workers=1)
    assert summary["files_new"] == 0


def test_letters_ignore_punctuation_width_and_case():
    assert (reuse.letters("ＡＢ１２，中文　“报”ab12。").tolist()
            == reuse.letters("ab12中文报AB12").tolist())


def test_a_reprint_set_differently_has_the_same_fingerprint_and_a_short_text_none():
    text = ("国务院新闻办公室今天举行新闻发布会，介绍今年一季度国民经济运行情况。国家统计局新闻发言人表示，"
            "一季度国内生产总值同比增长百分之五点三，经济运行起步平稳、开局良好。") * 3
    reset = text.replace("，", ", ").replace("。", ". ")
    chosen, signatures, bands = reuse.fingerprints([text, "市图书馆今天闭馆一天。", reset])
    assert chosen.tolist() == [0, 2]
    assert (signatures[0] == signatures[1]).all() and (bands[0] == bands[1]).all()


def test_shared_passages_count_long_runs_only():
    story = SEED.read_text(encoding="utf-8")[2000:3200]
    half = story[: len(story) // 2]
    s = reuse.shared(reuse.Text.of(story), reuse.Text.of(half + "本地新闻：市里召开会议部署春耕生产。"))
    assert s.chars_b >= 0.8 * len(reuse.letters(half)) and s.chars_a == s.chars_b
    # two texts that share only set phrases (shorter than a passage) share nothing
    a = "在以习近平同志为核心的党中央坚强领导下，今天召开的会议研究了城市更新工作。"
    b = "会议强调，要更加紧密地团结在以习近平同志为核心的党中央周围，抓好粮食生产。"
    nothing = reuse.shared(reuse.Text.of(a), reuse.Text.of(b))
    assert (nothing.chars_a, nothing.chars_b) == (0, 0) and nothing.similarity > 0
    assert reuse.shared(reuse.Text.of(a), reuse.Text.of(b), min_chars=1) is None


def test_a_reprint_in_traditional_script_is_found(tmp_path):
    """A Hong Kong paper reprinting a People's Daily story: compared as its simplified twin."""
    import opencc
    rmrb = corpus_path("rmrb", "2019-02")
    (f, body), = _pd_articles([sorted(p for p in rmrb.iterdir() if p.is_dir())[6]])[:1]
    inbox = tmp_path / "inbox"
    (inbox / "人民日报").mkdir(parents=True)
    (inbox / "香江日报").mkdir()
    shutil.copyfile(f, inbox / "人民日报" / f.name)
    (inbox / "香江日报" / f"{f.name[:8]}-12-01.txt").write_text(
        "【本報訊】" + opencc.OpenCC("s2hk").convert(body), encoding="utf-8")
    daily_ingest(input=str(inbox), lake=str(tmp_path / "lake"), workers=1)
    con = connect(tmp_path / "lake")
    assert con.execute("SELECT count(*) FROM articles WHERE script = 'traditional'").fetchone()[0] == 1
    (n, share), = con.execute("SELECT count(*), min(least(share_a, share_b)) FROM reuse").fetchall()
    assert n == 1 and share > 0.9


def _covered_reference(h: np.ndarray, other: np.ndarray) -> int:
    """passages.covered in numpy: membership by searchsorted, runs from the edges of the hits."""
    if not len(h) or not len(other):
        return 0
    hit = other[np.minimum(np.searchsorted(other, h), len(other) - 1)] == h
    edges = np.flatnonzero(np.diff(np.concatenate(([0], hit.view(np.int8), [0]))))
    runs = edges[1::2] - edges[::2] + reuse.SHINGLE - 1
    return int(runs[runs >= reuse.MIN_RUN].sum())


def test_the_compiled_passage_loops_agree_with_numpy():
    from tasks.enrich import passages
    page = SEED.read_text(encoding="utf-8")
    rng = random.Random(3)
    sentences = [s for s in _SENTENCE.split(page) if s.strip()]
    for _ in range(40):
        a = "".join(rng.sample(sentences, 12))
        b = "".join(rng.sample(sentences, 8)) + "".join(s for s in rng.sample(sentences, 6) if rng.random() < 0.5)
        ta, tb = reuse.Text.of(a), reuse.Text.of(b)
        assert passages.covered(ta.hashes, tb.distinct, reuse.SHINGLE, reuse.MIN_RUN) == _covered_reference(
            ta.hashes, tb.distinct)
        assert passages.common(ta.distinct, tb.distinct) == len(np.intersect1d(ta.distinct, tb.distinct))
    empty = np.zeros(0, np.uint64)
    assert passages.covered(empty, ta.distinct, reuse.SHINGLE, reuse.MIN_RUN) == 0
    assert passages.covered(ta.hashes, empty, reuse.SHINGLE, reuse.MIN_RUN) == 0


def test_a_run_can_leave_quotations_and_reuse_out(tmp_path, monkeypatch):
    """`baoku run --skip-analyses`: what the bench compares the whole run against."""
    rmrb = corpus_path("rmrb", "2019-02")
    inbox, lake = tmp_path / "inbox", tmp_path / "lake"
    (inbox / "人民日报").mkdir(parents=True)
    (inbox / "江南晚报").mkdir()
    for f, _ in _pd_articles([sorted(p for p in rmrb.iterdir() if p.is_dir())[2]])[:6]:
        shutil.copyfile(f, inbox / "人民日报" / f.name)
        shutil.copyfile(f, inbox / "江南晚报" / f.name)      # reprinted: pairs, were reuse on

    def no_work(*args):
        raise AssertionError("text reuse linked on a run without analyses")

    monkeypatch.setattr("warehouse.reuse.link", no_work)
    daily_ingest(input=str(inbox), lake=str(lake), workers=1, analyses=False)
    con = connect(lake)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 12
    assert con.execute("SELECT (SELECT count(*) FROM quotes) + (SELECT count(*) FROM reuse_index)").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM entities").fetchone()[0] > 0     # the rest as always
