from tasks.enrich.enricher import shared_enricher
from tasks.split.article import Article
from tests import reference
from tests.corpus import SEED

BODY = ("本报讯(记者李丰)记者日前从贵州省总工会获悉，截至10月底，全省成立新业态工会1388个，"
        "覆盖企业3653家，发展新就业形态劳动者会员22.2万人。")


def test_enrich_one_article():
    art = Article(headline="“四步走”把新就业形态劳动者引进“家”", body=BODY, reporters=["李丰"])
    e = reference.enrich(shared_enricher(), art)
    terms = {t[0]: t for t in e.terms}
    assert terms["新就业形态劳动者"][2] == 2             # headline and body
    assert terms["把"][3] is True and terms["获悉"][3] is True and terms["企业"][3] is False
    assert "，" not in terms and "1388" not in terms
    ents = {(t, x): (n, p, c) for t, x, n, p, c in e.entities}
    assert ents[("ORG", "贵州省总工会")][1] == "贵州省"
    assert ("PER", "李丰") in ents
    assert (222000, "人") in [(v, u) for v, u, *_ in e.figures]
    assert e.keywords and e.keywords[0][2] == 1


def test_enrich_seed_page():
    e = reference.enrich(shared_enricher(), Article(body=SEED.read_text(encoding="utf-8")))
    assert len(e.keywords) == 10 and len(e.figures) > 20
    assert "工会" in [w for w, _, _ in e.keywords]
