"""split_text against People's Daily ground truth (tests/pages.py, tests/split_eval.py).

The tuning pages (2019-02, and 2019-10 up to the 15th: everything is fit and chosen on them) and
the held-out pages (2019-10 from the 16th on, which only report; tests.pages.SETS) are measured
whole (a few seconds each). Layout "a" (blank lines everywhere, no
indentation) has no layout cue separating a one-line headline from a section head: it meets the
acceptance numbers on every field but headline F1, which has a floor at its measured level and an
expected failure at the acceptance level (strict: it reports when the splitter gets there).
Layout "mixed" (each page in a, b or c, in one of the encodings, LF or CRLF, drawn with a fixed
seed and read back through tasks.ingest.decode) is what the acceptance run meets on unseen months.
"""
from __future__ import annotations

import re

import pytest

from tasks.split.splitter import split_text
from tasks.split.titles import PAIR_WEIGHTS, assign_titles
from tests.corpus import corpus_path
from tests.pages import ENCODINGS, SETS, encode, load_pages, page_text, same_text
from tests.split_eval import evaluate

MAX_PAGES = None   # all pages: both months and every layout run in about ten seconds
ACCEPTANCE = {"headline_f1": 0.95, "kicker": 0.90, "subheadline": 0.90, "agency": 0.97,
              "place": 0.97, "reporters": 0.97, "body_kept_mean": 0.98}
# Figures on the tuning / held-out pages, models fit on the tuning pages (before the held-out
# split, with models fit on 2019-02 and figures on whole months, the history of each cue is in
# the commit messages).
# layout a: headline F1 0.931 / 0.928. What is left is mostly one-line titles with nothing but
# their words to tell an unsigned short article from a section head, and two-line blocks read the
# wrong way round.
FLOOR_A = dict(ACCEPTANCE, headline_f1=0.915)
# layouts b and c: headline F1 0.982 / 0.978 (b) and 0.978 / 0.974 (c). Nearly every error left is
# a two-line title block read the wrong way round (kicker + headline for headline + subheadline
# or the reverse), which costs a miss and a false article.
FLOOR_INDENTED = dict(ACCEPTANCE, headline_f1=0.968)
# layout mixed, mixed seed 0: headline F1 0.964 / 0.964, body kept 0.998 / 0.998 (models fit on
# 2019-02 alone: 0.961 on the held-out pages); this floor is the first to tell of a regression.
FLOOR_MIXED = dict(ACCEPTANCE, headline_f1=0.953)
_FILE = re.compile(r"^\d{8}-\d{2}-\d{2}\.txt$")


@pytest.fixture(scope="module", params=SETS)
def results(request):
    root = corpus_path("rmrb", "2019-10").parents[1]
    return evaluate(months=(request.param,), max_pages=MAX_PAGES, seed=1, corpus=root)[request.param]


def _below(r: dict, floors: dict) -> dict:
    return {k: round(r[k], 3) for k, floor in floors.items() if r[k] < floor}


@pytest.mark.parametrize("layout", ["b", "c", "file"])
def test_indented_layouts_meet_acceptance(results, layout):
    low = _below(results[layout], FLOOR_INDENTED if layout in ("b", "c") else ACCEPTANCE)
    assert not low, f"layout {layout}: below its floor {low}"


def test_mixed_layouts_meet_acceptance(results):
    low = _below(results["mixed"], FLOOR_MIXED)
    assert not low, f"layout mixed: below its floor {low}"


def test_blank_line_layout_floor(results):
    low = _below(results["a"], FLOOR_A)
    assert not low, f"layout a: below its floor {low}"


@pytest.mark.xfail(strict=True, reason="layout a headline F1 is 0.92-0.94, acceptance is 0.95")
def test_blank_line_layout_headline_acceptance(results):
    assert results["a"]["headline_f1"] >= ACCEPTANCE["headline_f1"]


def test_two_line_title_blocks_on_unseen_month():
    """Kicker + headline or headline + subheadline, decided on the held-out two-line blocks
    without a dash cue (the model was fit on the tuning pages): 328 blocks, 92.1 % right (fit on
    2019-02 alone and scored on all of 2019-10: 91.2 %; 89.2 % before the dateline and comma cues
    and the note / lead-in rules, the old hand-set votes 88 %, always kicker + headline 74 %)."""
    from tests.split_eval import pair_samples
    blocks = pair_samples("held-out", corpus_path("rmrb", "2019-10").parents[1])
    right = sum(assign_titles([first, second], dated)
                == (("", first, second) if sub else (first, second, ""))
                for first, second, dated, sub in blocks)
    assert len(blocks) > 300 and right / len(blocks) >= 0.90, (right, len(blocks))
    # without the article's dateline the model still reads most of them right
    plain = sum(assign_titles([first, second])
                == (("", first, second) if sub else (first, second, ""))
                for first, second, _, sub in blocks)
    assert plain / len(blocks) >= 0.88, (plain, len(blocks))


def test_two_line_block_model_refit_reproduces_the_stored_one():
    """`python -m tests.split_eval --fit-pairs` on the tuning pages gives the stored weights."""
    from tests.split_eval import fit_pairs, pair_samples
    weights = fit_pairs(pair_samples("tuning", corpus_path("rmrb", "2019-02").parents[1]))
    assert set(weights) == set(PAIR_WEIGHTS)
    assert all(abs(weights[n] - PAIR_WEIGHTS[n]) <= 0.0015 for n in weights)


@pytest.mark.parametrize("month", ["2019-02", "2019-10"])
def test_single_article_mode_on_every_file(month):
    """Every corpus file split with single=True (as the pipeline does for YYYYMMDD-PP-SS.txt):
    exactly one article, headline = line 2 of the file."""
    files = [f for f in sorted(corpus_path("rmrb", month).glob("*/*.txt")) if _FILE.match(f.name)]
    one = right = 0
    for f in files:
        text = f.read_text(encoding="utf-8").replace("\r\n", "\n")
        arts = split_text(text, None, single=True)
        one += len(arts) == 1
        right += len(arts) == 1 and same_text(arts[0].headline, text.split("\n")[1])
    assert one == len(files), (one, len(files))
    assert right / len(files) >= 0.98, (right, len(files))


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("crlf", [False, True])
def test_bytes_round_trip_through_decode(encoding, crlf):
    decode = pytest.importorskip("tasks.ingest.decode", reason="tasks.ingest.decode not written yet")
    if not hasattr(decode, "decode_bytes"):
        pytest.skip("tasks.ingest.decode.decode_bytes does not exist yet")
    page = load_pages(corpus_path("rmrb", "2019-10"))[3]
    text = page_text(page.articles, "b")
    decoded, _ = decode.decode_bytes(encode(text, encoding, crlf))
    assert [a.headline for a in split_text(decoded, page.pub_date)] == \
           [a.headline for a in split_text(text, page.pub_date)]


def test_whole_issue_in_one_text():
    from tests.pages import issues
    issue = issues(load_pages(corpus_path("rmrb", "2019-10")))[0]
    arts = split_text(page_text(issue.articles, "c"), issue.pub_date)
    found = sum(any(same_text(a.headline, t.headline) for a in arts) for t in issue.articles)
    assert found / len(issue.articles) >= 0.93
