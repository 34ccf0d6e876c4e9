import math
from functools import cache
from time import perf_counter

import pytest

from tasks.enrich.enricher import article_text
from tasks.enrich.segment import get_segmenter
from tasks.entities import lexicon
from tasks.entities.places import Gazetteer
from tasks.entities.recognizer import Recognizer
from tests.corpus import SEED, corpus_path
from tests.enrich_eval import ner_eval, ner_sentences, xwlb_articles


@cache
def recognizer() -> Recognizer:
    return Recognizer.load()


def province_of(name):
    return recognizer().gazetteer.province_of(name)


def entities(tags, known_people=()):
    return recognizer().entities(tags, known_people)


def seed_entities():
    return entities(get_segmenter().tag(SEED.read_text(encoding="utf-8")))


@pytest.mark.parametrize("name", ["沈阳", "沈阳市", "辽宁省沈阳市", "辽宁省沈阳市和平区"])
def test_shenyang_resolves_to_liaoning(name):
    assert province_of(name) == "辽宁省"


def test_short_and_ambiguous_places():
    assert province_of("贵州") == "贵州省"
    assert province_of("内蒙古") == "内蒙古自治区"
    assert province_of("呼和浩特") == "内蒙古自治区"
    assert province_of("朝阳") is None          # a city of 辽宁省 and a district of 北京市
    assert province_of("黑") is None            # one character alone is no place
    # districts named by what they are (阳泉市's 城区, 矿区, 郊区) are no places in news
    units = Gazetteer.load().units
    assert not {"城区", "矿区", "郊区"} & set(units) and {"单县", "高县", "上城区"} <= set(units)


def test_seed_organisations_whole():
    orgs = {text: prov for typ, text, _, prov, _ in seed_entities() if typ == "ORG"}
    assert orgs["贵州省总工会"] == "贵州省"
    assert orgs["国网南京供电公司"] == "江苏省"
    assert "上海市医药工会" in orgs and "呼和浩特市总工会" in orgs and "中航工业沈飞工会" in orgs


def test_leading_province_skips_only_where_no_place_can_start():
    """`leading_province` looks up only positions where a gazetteer name starts: it must give
    what trying every substring of up to nine characters gives, on the organisations of real
    text and on chains and clashes of units."""
    leading_province = Gazetteer.load().leading_province

    def every_substring(name):
        for i in range(len(name)):
            for j in range(min(len(name), i + 9), i + 1, -1):
                if province_of(name[i:j]):
                    return province_of(name[i:j])
        return None

    corpus_path("xwlb", "2023")
    names = {text for typ, text, *_ in seed_entities() if typ == "ORG"}
    for article in xwlb_articles(80):
        names |= {text for typ, text, *_ in entities(get_segmenter().tag(article_text(article))) if typ == "ORG"}
    names |= {"中共辽宁省沈阳市委", "吉林省长春市第一中学", "辽宁省朝阳市总工会", "北京市朝阳区人民法院",
              "朝阳区", "中国石油天然气集团有限公司", "新华社", "沈阳"}
    assert len(names) > 150
    assert [leading_province(n) for n in sorted(names)] == [every_substring(n) for n in sorted(names)]
    assert leading_province("国网南京供电公司") == "江苏省"


def test_seed_provinces():
    provinces = {prov for *_, prov, _ in seed_entities() if prov}
    assert {"黑龙江省", "吉林省", "辽宁省", "内蒙古自治区", "贵州省", "上海市", "山东省", "安徽省",
            "重庆市", "浙江省"} <= provinces


def test_known_people_from_byline():
    tags = get_segmenter().tag("本报讯(记者黄洪涛 通讯员邢钰淇)走进")
    people = {text for typ, text, *_ in entities(tags, ["黄洪涛", "邢钰淇"]) if typ == "PER"}
    assert people == {"黄洪涛", "邢钰淇"}


def test_candidate_patterns():
    # Places glued to their suffix, organisations glued to a title or to a place, places
    # the tagger calls names: each proposed whole (the model then judges them).
    text = "奥克兰港的吉林省委书记张德江看了突尼斯队在清凉寺的比赛"
    tags = get_segmenter().tag(text)
    found = {(text[c[0]:c[1]], c[5]) for c in recognizer().candidates(tags)}
    assert {("奥克兰港", "LOC"), ("奥克兰", "LOC"), ("吉林省委", "ORG"), ("突尼斯队", "ORG"),
            ("清凉寺", "LOC")} <= found


def _candidates(text):
    tags = get_segmenter().tag(text)
    return {(text[c[0]:c[1]], c[4]) for c in recognizer().candidates(tags)}, tags


def test_place_candidates_the_tagger_splits_or_mistags():
    # A long place word read whole besides its known head (中华人民共和国 / 中华), a tail
    # glued to a name's last part (莱克 / 伍德县), a county without its 区 that the tagger
    # calls a name (怀柔/nr), a country from the iso-codes list (布隆迪); and the model takes them.
    text = "中华人民共和国驻布隆迪大使在莱克伍德县和怀柔会见来宾"
    found, tags = _candidates(text)
    assert {("中华人民共和国", "rule"), ("中华", "rule"), ("莱克伍德县", "loc"), ("怀柔", "stem"),
            ("布隆迪", "rule")} <= found
    places = {text for typ, text, *_ in entities(tags) if typ == "LOC"}
    assert {"中华人民共和国", "布隆迪", "莱克伍德县", "怀柔"} <= places


def test_organisation_runs_with_a_verb_are_their_own_source():
    # 台湾 / 加入 / 联合国 runs to an organisation's word through a verb: proposed, but as
    # `org-v`, which the model learned to doubt; the place and the organisation stay apart.
    text = "台湾加入联合国之说不成立"
    found, tags = _candidates(text)
    assert ("台湾加入联合国", "org-v") in found
    assert {(t, x) for t, x, *_ in entities(tags)} == {("LOC", "台湾"), ("ORG", "联合国")}


def test_world_places_generated_part():
    from tools import build_gazetteer

    names = lexicon.world_places()
    assert {"布隆迪", "几内亚比绍", "不来梅", "阿伯丁郡", "下莱茵省"} <= names
    # Left out on purpose: 中非 reads as China and Africa, 东北地区 as a region before 地区,
    # two-character subdivisions (内湖, 大港) are ordinary words.
    assert not {"中非", "东北地区", "内湖", "大港"} & names
    if not build_gazetteer.ISO_CODES.is_dir():
        pytest.skip("iso-codes not installed: cannot regenerate world_places.txt")
    hand, generated = lexicon.WORLD_PLACES_FILE.read_text(encoding="utf-8").split(build_gazetteer.WORLD_MARK)
    assert generated.split() == [n for n in build_gazetteer.iso_places() if n not in set(hand.split())]


def test_ner_people_daily():
    sents = ner_sentences(corpus_path("ner", "peoples-daily-ner.dev.bio"))
    held, tune = ner_eval(sents, True), ner_eval(sents, False)
    # Held out, trained on the tuning splits of People's Daily and CLUENER: 0.794 overall
    # (0.768 trained on People's Daily alone; acceptance 0.70), LOC 0.828 (acceptance 0.80),
    # PER 0.788, ORG 0.737; floors sit just under. A retraining moves these by ±0.007 when a
    # few dozen of CLUENER's candidates change (0.796 the model before, 4 true names apart).
    # The tuning split is what the model was trained on, so it scores higher (0.941) and says
    # little about new text.
    assert held["ALL"]["f1"] >= 0.78 and held["LOC"]["f1"] >= 0.81
    assert held["PER"]["f1"] >= 0.77 and held["ORG"]["f1"] >= 0.70
    assert tune["ALL"]["f1"] >= 0.92


# Written for this test (no corpus text): names the tagger cuts apart or glues to a title.
@pytest.mark.parametrize("text, expected", [
    ("联合国秘书长科菲·安南希望各方保持克制。", {("ORG", "联合国"), ("PER", "科菲·安南")}),
    ("微软公司创始人比尔·盖茨昨天抵达北京。", {("ORG", "微软公司"), ("PER", "比尔·盖茨"), ("LOC", "北京")}),
    ("美国民权运动领袖马丁·路德·金的演讲", {("LOC", "美国"), ("PER", "马丁·路德·金")}),
    ("外交部长王毅会见了来访客人。", {("ORG", "外交部"), ("PER", "王毅")}),
    ("国家新闻出版署今天在北京发布通知。", {("ORG", "国家新闻出版署"), ("LOC", "北京")}),
    ("作者曹火星为这里谱写校歌。", {("PER", "曹火星")}),
])
def test_names_joined_by_a_dot_split_by_the_tagger_or_heading_a_title(text, expected):
    assert {(m.type, m.text) for m in recognizer().mentions(get_segmenter().tag(text))} == expected


# Written for this test: a post, a count or a name between the words of a run before an
# organisation's suffix had the run swallow them (中华全国总工会主席尉健行 as one organisation,
# 山东省济南市一家个体餐馆 as one place).
@pytest.mark.parametrize("text, expected", [
    ("中华全国总工会主席尉健行在大会上讲话。", ("ORG", "中华全国总工会")),
    ("市总工会副主席李建军出席了会议。", ("PER", "李建军")),
    ("山东省济南市一家个体餐馆的老板拾金不昧。", ("LOC", "济南市")),
    # and a unit of the gazetteer that the tagger calls an organisation is the place
    ("香港特别行政区行政长官今天抵达北京。", ("LOC", "香港特别行政区")),
])
def test_posts_counts_and_units_of_the_gazetteer(text, expected):
    found = {(m.type, m.text) for m in recognizer().mentions(get_segmenter().tag(text))}
    assert expected in found and not any("主席" in name or "一家" in name for _, name in found), found


def test_entities_against_the_tagger():
    # Entity time / rjieba tag time on the same xwlb text, each text tagged and then put
    # through `entities` at once as `enrich` does, best of five passes per text. On the
    # 2-core dev machine 0.85–0.9: a look-up per word and ~1.5 µs per candidate cost about
    # as much as tagging. The bound leaves room for a loaded machine.
    corpus_path("xwlb", "2023")
    texts = [article_text(a) for a in xwlb_articles(limit_files=20)]
    tag = get_segmenter().tag
    for x in texts:                     # per-word caches filled, as in a long run
        entities(tag(x))
    best_tag, best_ent = [math.inf] * len(texts), [math.inf] * len(texts)
    for _ in range(5):
        for i, x in enumerate(texts):
            t0 = perf_counter()
            tags = tag(x)
            t1 = perf_counter()
            entities(tags)
            best_tag[i] = min(best_tag[i], t1 - t0)
            best_ent[i] = min(best_ent[i], perf_counter() - t1)
    assert sum(best_ent) / sum(best_tag) < 3.0, sum(best_ent) / sum(best_tag)


@pytest.mark.parametrize("text, name", [
    ("古巴国家主席迪亚斯-卡内尔当天表示", "迪亚斯-卡内尔"),       # a hyphen between transliterations
    ("约翰‧甘迺迪遇刺六十周年", "约翰‧甘迺迪"),                # Taiwan's middle dot
])
def test_names_joined_by_a_hyphen_or_another_middle_dot(text, name):
    found = {(m.text, m.type) for m in recognizer().mentions(get_segmenter().tag(text))}
    assert (name, "PER") in found


def test_a_hyphen_between_places_joins_no_name():
    found = {m.text for m in recognizer().mentions(get_segmenter().tag("中国-东盟博览会今天开幕"))}
    assert not any("-" in t for t in found)
