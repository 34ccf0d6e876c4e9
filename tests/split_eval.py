"""Measure `split_text` on People's Daily pages rebuilt from the corpus (see tests/pages.py).

    python -m tests.split_eval --out split_eval.json [--max-pages N] [--months tuning held-out]
    python -m tests.split_eval --fit-trees tasks/split/data/split_open_trees.tsv [--fit-month tuning]
    python -m tests.split_eval --fit-pairs tasks/split/data/split_title_pair.tsv [--fit-month tuning]

`--months` takes months (2019-02) or the sets of tests.pages.SETS: "tuning" (2019-02 and 2019-10
up to the 15th), on which everything is fit, and "held-out" (2019-10 from the 16th), which only
reports. Metrics per month or set and layout:
  headline P/R/F1      predicted articles matched to true ones by headline (spacing ignored)
  kicker, subheadline  share of matched articles where the field is right
  agency, place,       share of matched articles agreeing with `truth_credit`, a deliberately
  reporters            simple regex reading of the true body (kept apart from tasks.split.bylines)
  body_kept            per matched article, the share of its true content paragraphs found
                       intact in the predicted body or reading tip; mean and share >= 98 %
                       (`content_paragraphs`: no leading byline, credit line or reading-tip label,
                       datelines cut off wherever they open a paragraph)
Layout "mixed" draws a layout (a, b, c), an encoding and LF/CRLF line ends per page (seeded by
`mixed_seed` and the page key, see tests.pages.mixed_variant) and reads the bytes back through
tasks.ingest.decode, as the acceptance run does. Layout "file" splits each corpus file alone in
single-article mode (`single=True`, as the pipeline does for YYYYMMDD-PP-SS.txt files);
`one_article` is the share giving exactly one.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

from tasks.split import bylines, scorer
from tasks.split.layout import paragraphs
from tasks.split.splitter import Splitter, split_text
from tasks.split.titles import assign_titles, pair_features
from tests.pages import (CORPUS_DEFAULT, LAYOUTS, MIXED, SETS, Page, Truth, mixed_text,
                         page_text, pages_of, same_text)

# -- the independent truth reader ----------------------------------------------------------------
_T_LEAD = re.compile(r"^据?(本报|新华社|中新社)(?:讯|([\u4e00-\u9fff]{0,10}?)(?:\d+月)?(?:\d+日)?电)")
_T_PAREN = re.compile(r"^\s*[（(]([^）)]*)[）)]")
_T_ALONE = re.compile(r"^(本报|新华社)?记者\s*([\u4e00-\u9fff][\u4e00-\u9fff\s、]{1,30})$")
_T_TAIL = re.compile(r"[（(](?:据)?(本报|新华社)(?:记者\s*([^）)]+)|([\u4e00-\u9fff、]{0,12}?)(?:\d+月)?(?:\d+日)?电)[）)]$")
_T_PHOTO = re.compile(r"^(本报|新华社)记者\s*\S.{0,10}摄(?:影报道)?$")
# credit lines printed under an article's last paragraph (its closing dateline sits above them)
_T_TRAILER = re.compile(r"^(?:本版)?(?:制图|版式设计|版式|图片来源|数据来源|责任编辑|统筹)\s*[:：]|摄(?:影报道)?$")
_T_CREDIT = re.compile(r"(摄|制图|版式|设计|图片来源|数据来源|编辑|统筹|投稿邮箱|记者手记|·广告·)|^[（(].*[）)]$|^——"
                       r"|^\S{1,4}\s*\S{1,3}图\s+\S{1,4}\s*\S{1,3}文$")
# the label over a reading tip (its text is the article's `reading_tip`)
_T_TIP_MARK = re.compile(r"^[【\[]?(?:阅读提示|核心阅读|编者按|内容提要)[】\]]?[:：]?$")


def _t_names(s: str) -> list[str]:
    s = re.split(r"通讯员|实习生", s)[0].replace("本报", "").replace("记者", "")
    s = re.sub(r"(整理|报道|采写|采访)+$", "", s.strip())
    out, single = [], []
    for t in re.split(r"[\s、，]+", s) + [""]:
        if len(t) == 1:
            single.append(t)
            continue
        if len(single) == 4:
            out += ["".join(single[:2]), "".join(single[2:])]
        elif single:
            out.append("".join(single))
        single = []
        out += [t] if t else []
    return out


def _last_text(paragraphs: list[str]) -> int:
    """Index of the last paragraph above the trailing credit lines."""
    end = len(paragraphs) - 1
    while end > 0 and len(paragraphs[end]) <= 40 and _T_TRAILER.search(paragraphs[end]):
        end -= 1
    return end


def truth_credit(paragraphs: list[str]) -> tuple[str, str, list[str], str | None]:
    """(agency, place, reporters, first paragraph without the byline) read from the true body."""
    if not paragraphs:
        return "", "", [], None
    first = paragraphs[0]
    agency = place = ""
    reporters: list[str] = []
    rest: str | None = first
    m = _T_LEAD.match(first)
    if m:
        agency, place = m[1], m[2] or ""
        rest = first[m.end():]
        p = _T_PAREN.match(rest)
        if p and "记者" in p[1]:
            reporters = _t_names(p[1])
            rest = rest[p.end():]
        rest = rest.strip()
    elif (a := _T_ALONE.match(first)) and len(first) <= 30:
        agency, reporters, rest = a[1] or "", _t_names(a[2]), None
    for par in paragraphs[1:]:
        # further standalone bylines (compound articles; a "记者手记" box head is none) and a
        # closing photo credit
        if (a := _T_ALONE.match(par)) and len(par) <= 30 and not par.endswith(("摄", "摄影报道", "手记")):
            agency = agency or a[1] or ""
            reporters += [n for n in _t_names(a[2]) if n not in reporters]
    if not agency and (ph := _T_PHOTO.match(paragraphs[-1])):
        agency = ph[1]
    t = _T_TAIL.search(paragraphs[_last_text(paragraphs)])
    if t and not agency:
        agency, place = t[1], t[3] or ""
    if t and t[2] and not reporters:
        reporters = _t_names(t[2])
    return agency, place, reporters, rest


def _undated(p: str) -> str:
    """A paragraph without the dateline and reporters' note it opens on ("本报北京2月11日电
    （记者张贺）…"), as a dated item below a summary line or inside a column of briefs."""
    m = _T_LEAD.match(p)
    if not m:
        return p
    rest = p[m.end():]
    n = _T_PAREN.match(rest)
    return (rest[n.end():] if n and "记者" in n[1] else rest).strip()


def content_paragraphs(t: Truth) -> list[str]:
    """The true paragraphs that must survive in the body: no bylines or credit lines, the lead
    paragraph without its dateline, the last text paragraph without a closing "（…电）". Also left
    out: a reading tip's label ("核心阅读": its text is the reading tip) and the dateline opening a
    later paragraph (the splitter reads it as that article's or item's credit)."""
    paras = list(t.paragraphs)
    if not paras:
        return []
    rest = truth_credit(paras)[3]
    paras = ([rest] if rest else []) + [_undated(p) for p in paras[1:]]
    if paras:
        last = _last_text(paras)
        paras[last] = _T_TAIL.sub("", paras[last]).rstrip()
    return [p for p in paras if p and not (len(p) <= 40 and _T_CREDIT.search(p))
            and not _T_TIP_MARK.match(p)]


# -- scoring --------------------------------------------------------------------------------------
class _Score:
    def __init__(self) -> None:
        self.n_pred = self.n_true = self.matched = 0
        self.fields = {k: 0 for k in ("kicker", "subheadline", "agency", "place", "reporters")}
        self.kept: list[float] = []
        self.chars = 0
        self.seconds = 0.0
        self.units = self.single_units = 0

    def add_page(self, page: Page, text: str, single: bool = False) -> None:
        t0 = time.perf_counter()
        pred = split_text(text, page.pub_date, single=single)
        self.seconds += time.perf_counter() - t0
        self.chars += len(text)
        self.units += 1
        self.single_units += len(pred) == 1
        self.n_pred += len(pred)
        self.n_true += len(page.articles)
        free = list(page.articles)
        for a in pred:
            hit = next((t for t in free if same_text(t.headline, a.headline)), None)
            if hit is not None:
                free.remove(hit)
                self._compare(hit, a)

    def _compare(self, t: Truth, a) -> None:
        self.matched += 1
        agency, place, reporters, _ = truth_credit(t.paragraphs)
        checks = {"kicker": same_text(t.kicker, a.kicker),
                  "subheadline": same_text(t.subheadline, a.subheadline),
                  "agency": agency == a.agency, "place": place == a.dateline_place,
                  "reporters": reporters == a.reporters}
        for k, ok in checks.items():
            self.fields[k] += ok
        want = content_paragraphs(t)
        if want:
            have = a.body + "\n" + a.reading_tip
            self.kept.append(sum(p in have for p in want) / len(want))

    def result(self) -> dict:
        p = self.matched / self.n_pred if self.n_pred else 0.0
        r = self.matched / self.n_true if self.n_true else 0.0
        m = self.matched or 1
        out = {"pages": 0, "articles": self.n_true, "predicted": self.n_pred,
               "headline_p": p, "headline_r": r, "headline_f1": 2 * p * r / (p + r) if p + r else 0.0}
        out.update({k: v / m for k, v in self.fields.items()})
        out["body_kept_mean"] = sum(self.kept) / len(self.kept) if self.kept else 0.0
        out["body_kept_98"] = sum(k >= 0.98 for k in self.kept) / len(self.kept) if self.kept else 0.0
        out["chars_per_s"] = self.chars / self.seconds if self.seconds else 0.0
        out["one_article"] = self.single_units / self.units if self.units else 0.0
        return out


def _single_files(pages: list[Page]) -> list[Page]:
    return [Page(p.key, p.pub_date, [a]) for p in pages for a in p.articles]


def _file_text(page: Page) -> str:
    return page.articles[0].path.read_text(encoding="utf-8").replace("\r\n", "\n")


def _unit_text(page: Page, layout: str, mixed_seed: int) -> str:
    if layout == "file":
        return _file_text(page)
    if layout == MIXED:
        return mixed_text(page, mixed_seed)
    return page_text(page.articles, layout)


def evaluate(months=SETS, layouts=LAYOUTS + (MIXED, "file"), max_pages=None,
             seed=0, corpus: Path = CORPUS_DEFAULT, mixed_seed: int = 0) -> dict:
    """{month: {layout: metrics}} over the month's pages (a seeded sample of `max_pages`; the
    mixed layout's per-page variants are drawn with `mixed_seed`)."""
    results: dict = {}
    for month in months:
        pages = pages_of(month, corpus)
        if max_pages is not None and len(pages) > max_pages:
            pages = random.Random(seed).sample(pages, max_pages)
        results[month] = {}
        for layout in layouts:
            score = _Score()
            units = _single_files(pages) if layout == "file" else pages
            for page in units:
                text = _unit_text(page, layout, mixed_seed)
                score.add_page(page, text, single=layout == "file")
            res = score.result()
            res["pages"] = len(pages)
            results[month][layout] = res
    return results


_COLUMNS = ("headline_p", "headline_r", "headline_f1", "kicker", "subheadline", "agency", "place",
            "reporters", "body_kept_mean", "body_kept_98")


def table(results: dict) -> str:
    head = f"{'month':8} {'lay':5} {'arts':>5} " + " ".join(f"{c[:11]:>11}" for c in _COLUMNS)
    rows = [head + f" {'Mchar/s':>8} {'one_art':>8}"]
    for month, by_layout in results.items():
        for layout, r in by_layout.items():
            rows.append(f"{month:8} {layout:5} {r['articles']:5d} "
                        + " ".join(f"{r[c]:11.3f}" for c in _COLUMNS)
                        + f" {r['chars_per_s'] / 1e6:8.2f} {r['one_article']:8.3f}")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, help="write the metrics as JSON here")
    ap.add_argument("--months", nargs="+", default=list(SETS))
    ap.add_argument("--layouts", nargs="+", default=list(LAYOUTS) + [MIXED, "file"])
    ap.add_argument("--max-pages", type=int, default=None)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--mixed-seed", type=int, default=0)
    ap.add_argument("--fit-trees", type=Path, help="refit the run scorer's trees, write them here")
    ap.add_argument("--fit-month", default="tuning",
                    help="the month or set --fit-trees / --fit-pairs learns from")
    ap.add_argument("--fit-pairs", type=Path,
                    help="refit the two-line title block model, write its weights here")
    args = ap.parse_args(argv)
    if args.fit_trees:
        _fit_main(args.fit_trees, args.fit_month)
        return 0
    if args.fit_pairs:
        _fit_pairs_main(args.fit_pairs, args.fit_month)
        return 0
    res = evaluate(tuple(args.months), tuple(args.layouts), args.max_pages, args.seed,
                   mixed_seed=args.mixed_seed)
    print(table(res))
    if args.out:
        args.out.write_text(json.dumps(res, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0



# -- fitting the run scorer's trees ---------------------------------------------------------------
# python -m tests.split_eval --fit-trees tasks/split/data/split_open_trees.tsv   (rmrb 2019-02 + seed page)
# two-fold cross-validation inside 2019-02 (odd/even pages) put 40-150 trees of depth 2-5, rate
# 0.05-0.1 all within 0.956-0.961 of held-out runs decided right: the first setting stays
TREES, TREE_DEPTH, TREE_RATE, TREE_MIN_LEAF = 60, 3, 0.1, 10


def _article_starts(paras: list, arts) -> set[int]:
    """Indices of the paragraphs opening each true article (its kicker, else its headline)."""
    starts, k = set(), 0
    for a in arts:
        first = a.kicker or a.headline
        while k < len(paras) and not same_text(paras[k].text, first):
            k += 1
        if k < len(paras):
            starts.add(k)
            k += 1
    return starts


def run_samples(texts) -> tuple[list[dict], list[bool], list[float]]:
    """Features, truth and weight of every title run the scorer decides in blank-line pages
    `texts` ((text, true articles, weight) triples), the splitter state forced to the truth:
    every opening decision is answered by whether a true article starts in the run."""
    xs: list[dict] = []
    ys: list[bool] = []
    ws: list[float] = []
    for text, arts, weight in texts:
        starts = _article_starts(paragraphs(text)[0], arts)

        def truth(run, starts=starts, weight=weight) -> bool:
            opens = any(k in starts for k in range(run.start, run.end))
            if run.hard_cue is None:   # a run the scorer decides
                f = {k: float(v) for k, v in run.features().items()}
                f.update(run.cohesion_features())
                xs.append(f)
                ys.append(opens)
                ws.append(weight)
            return opens

        Splitter(text, opens=truth).drafts()
    return xs, ys, ws


def _training_texts(month: str, corpus: Path = CORPUS_DEFAULT) -> list:
    from types import SimpleNamespace

    from tests.corpus import SEED
    from tests.test_split_seed import EXPECTED
    out = [(page_text(p.articles, "a"), p.articles, 1.0)
           for p in pages_of(month, corpus)]
    seed = [SimpleNamespace(kicker=e[0], headline=e[1]) for e in EXPECTED]
    return out + [(SEED.read_text(encoding="utf-8"), seed, 10.0)]   # the seed page weighs 10


def fit_trees(xs, ys, ws) -> list[list[tuple]]:
    """Gradient-boosted regression trees (depth TREE_DEPTH, Newton leaves, L2 1) on the logistic
    loss, starting from the linear score: what the linear cues miss in combination. Cohesion cues
    are left out of the trees so that the linear bound on them still holds (speed). Each tree is
    a heap-ordered list of (feature, threshold) nodes and leaf values scaled by the rate."""
    import numpy as np

    names = sorted({n for x in xs for n in x if not n.startswith("cohesion")})
    X = np.array([[x.get(n, 0.0) for n in names] for x in xs])
    y, w = np.array(ys, float), np.array(ws, float)
    margin = np.array([scorer.open_score(x, scorer.NO_TREES) for x in xs])

    def grow(idx, g, h, node, depth, out):
        while len(out) <= node:
            out.append(None)
        leaf = -float((g * w)[idx].sum() / ((h * w)[idx].sum() + 1.0))
        best = (1e-9, None)
        if depth < TREE_DEPTH and len(idx) >= 2 * TREE_MIN_LEAF:
            G, H = (g * w)[idx].sum(), (h * w)[idx].sum()
            for f in range(len(names)):
                col = X[idx, f]
                vals = np.unique(col)
                cuts = vals[:-1] if len(vals) < 20 else np.unique(
                    np.quantile(col, np.linspace(0.05, 0.95, 19)))
                for t in cuts:
                    m = col <= t
                    if not TREE_MIN_LEAF <= m.sum() <= len(idx) - TREE_MIN_LEAF:
                        continue
                    gl, hl = (g * w)[idx][m].sum(), (h * w)[idx][m].sum()
                    gain = gl ** 2 / (hl + 1) + (G - gl) ** 2 / (H - hl + 1) - G ** 2 / (H + 1)
                    if gain > best[0]:
                        best = (gain, (f, float(t)))
        if best[1] is None:
            out[node] = ("", 0.0, TREE_RATE * leaf)
            return
        f, t = best[1]
        out[node] = (names[f], t, 0.0)
        grow(idx[X[idx, f] <= t], g, h, 2 * node + 1, depth + 1, out)
        grow(idx[X[idx, f] > t], g, h, 2 * node + 2, depth + 1, out)

    trees = []
    for _ in range(TREES):
        p = 1 / (1 + np.exp(-margin))
        nodes: list = []
        grow(np.arange(len(y)), p - y, p * (1 - p), 0, 0, nodes)
        trees.append(nodes)
        tree = scorer.BoostedTrees([nodes])
        margin = margin + np.array([tree.value(x) for x in xs])
    return trees


def write_trees(trees, path: Path, note: str) -> None:
    rows = [f"# {line}" for line in note.splitlines()]
    rows.append("# tree\tnode\tfeature\tthreshold\tleaf (heap order: children of n are 2n+1, 2n+2)")
    for k, nodes in enumerate(trees):
        for n, node in enumerate(nodes):
            if node is not None:
                rows.append(f"{k}\t{n}\t{node[0]}\t{node[1]:.6g}\t{node[2]:.6g}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def _unseen(fit_on: str) -> list[str]:
    """What a model fit on `fit_on` is checked on: the held-out set, or the other month."""
    if fit_on in SETS:
        return ["held-out"]
    return [m for m in ("2019-02", "2019-10") if m != fit_on]


def _fit_main(out: Path, month: str) -> None:
    xs, ys, ws = run_samples(_training_texts(month))
    trees = fit_trees(xs, ys, ws)
    test = _unseen(month)
    txs, tys, _ = run_samples([(page_text(p.articles, "a"), p.articles, 1.0)
                               for m in test for p in pages_of(m)])

    def acc(xs_, ys_, with_trees):
        added = scorer.BoostedTrees(trees if with_trees else [])
        return sum((scorer.open_score(x, added) > 0) == t for x, t in zip(xs_, ys_)) / len(ys_)

    note = (f"trees added to the run scorer's linear score (tasks.split.scorer.open_score), fit by\n"
            f"`python -m tests.split_eval --fit-trees` on the {len(ys)} scored title runs of rmrb {month}\n"
            f"in layout a + the seed page (weight 10), splitter state forced to the truth: {TREES} trees of\n"
            f"depth {TREE_DEPTH}, rate {TREE_RATE}. Runs decided right: {acc(xs, ys, False):.3f} -> "
            f"{acc(xs, ys, True):.3f} on {month}, {acc(txs, tys, False):.3f} -> {acc(txs, tys, True):.3f} "
            f"on unseen {'/'.join(test)}")
    write_trees(trees, out, note)
    print(note)


# -- fitting the two-line title block model -------------------------------------------------------
# python -m tests.split_eval --fit-pairs tasks/split/data/split_title_pair.tsv   (rmrb 2019-02)
# L2 1 and features seen >= 5 times were best in four-fold cross-validation over the weeks of
# 2019-02 (topics shift between weeks as between months; what else was tried: docs/SPLITTING.md)
PAIR_L2, PAIR_MIN_COUNT, PAIR_DIGITS = 1.0, 5, 3


def pair_samples(month: str, corpus: Path = CORPUS_DEFAULT) -> list[tuple[str, str, bool, bool]]:
    """(first line, second line, dated, headline + subheadline?) of every two-line title block
    of the month without a dash cue (a kicker ending in "——" or a subheadline opening on it)."""
    out = []
    for page in pages_of(month, corpus):
        for a in page.articles:
            if bool(a.kicker) == bool(a.subheadline) or a.kicker.endswith("——") \
                    or a.subheadline.startswith("——"):
                continue
            first, second = (a.kicker, a.headline) if a.kicker else (a.headline, a.subheadline)
            dated = bool(a.paragraphs) and bylines.parse_lead(a.paragraphs[0]) is not None
            out.append((first, second, dated, bool(a.subheadline)))
    return out


def fit_pairs(samples) -> dict[str, float]:
    """Logistic regression (L2 PAIR_L2 on all but the bias, Newton's method to convergence) over
    `tasks.split.titles.pair_features` seen at least PAIR_MIN_COUNT times; weights rounded."""
    from collections import Counter

    import numpy as np

    feats = [pair_features(first, second, dated) for first, second, dated, _ in samples]
    counts = Counter(n for f in feats for n in f)
    names = ["_bias"] + sorted(n for n, c in counts.items() if c >= PAIR_MIN_COUNT)
    col = {n: k for k, n in enumerate(names)}
    X = np.zeros((len(feats), len(names)))
    X[:, 0] = 1.0
    for r, f in enumerate(feats):
        for n, v in f.items():
            if n in col:
                X[r, col[n]] = v
    y = np.array([s[3] for s in samples], float)
    reg = np.full(len(names), PAIR_L2)
    reg[0] = 0.0
    w = np.zeros(len(names))
    for _ in range(100):
        p = 1 / (1 + np.exp(-X @ w))
        step = np.linalg.solve((X.T * (p * (1 - p))) @ X + np.diag(reg) + 1e-9 * np.eye(len(w)),
                               X.T @ (p - y) + reg * w)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    rounded = {n: round(float(v), PAIR_DIGITS) for n, v in zip(names, w)}
    return {n: v for n, v in rounded.items() if v or n == "_bias"}


def pair_accuracy(weights: dict[str, float], samples) -> float:
    """Share of `samples` that `tasks.split.titles.assign_titles` reads right with `weights`."""
    right = sum(assign_titles([first, second], dated, weights)
                == (("", first, second) if sub else (first, second, ""))
                for first, second, dated, sub in samples)
    return right / len(samples)


def _fit_pairs_main(out: Path, month: str) -> None:
    samples = pair_samples(month)
    weights = fit_pairs(samples)
    test = _unseen(month)
    tests = [s for m in test for s in pair_samples(m)]
    note = (f"feature\tweight: logistic regression, > 0 = headline + subheadline (see "
            f"tasks.split.titles.pair_features)\n"
            f"fit by `python -m tests.split_eval --fit-pairs` on the {len(samples)} two-line rmrb "
            f"{month} title blocks\nwithout a dash cue (L2 {PAIR_L2} on all but the bias, "
            f"Newton's method, features seen >= {PAIR_MIN_COUNT} times):\n"
            f"{pair_accuracy(weights, samples):.3f} of them read right by "
            f"tasks.split.titles.assign_titles, {pair_accuracy(weights, tests):.3f} of the "
            f"{len(tests)} unseen {'/'.join(test)} blocks")
    rows = [f"# {line}" for line in note.splitlines()]
    rows += [f"{n}\t{v:.{PAIR_DIGITS}f}" for n, v in weights.items()]
    out.write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(note)


if __name__ == "__main__":
    sys.exit(main())
