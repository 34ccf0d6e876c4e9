# cython: language_level=3
"""Split a decoded newspaper page into articles and fill every field of `Article`.

The page is read paragraph by paragraph (see `tasks.split.layout`). Each paragraph gets one role
(title line, lead dateline, standalone byline, photo credit, editor, other credit, closing dateline,
reading-tip marker, body); then runs of title lines are either a new article's title block or
section heads of the current article. With indentation marking paragraphs every unindented run is
a title block; on a blank-line page a few hard cues decide (a dateline below, a closed article
above) and otherwise a small logistic scorer weighing layout, byline, length and topic cues, the
lexical cohesion of the paragraph below and how parallel the run is to the article's earlier
section heads (`_features`, `_cohesion_features`, `_WEIGHTS`), plus boosted trees for what those
cues mean together (`_TREES`, fit by `python -m tests.split_eval --fit-trees`). Finally each article
is repaired (page-break splits joined, an out-of-column-order block rotated back, a note mark put
back into the body) and its credits resolved.

A file known to hold one article (`single=True`) is never split: its first title block titles it
(by line position when the file keeps kicker/headline/subheadline slots, see
`tasks.split.layout.title_slots`) and everything after is its body.

Section heads stay in the body as their own paragraphs (they are part of the text a reader sees)
and are also listed in `section_heads`; so do the standalone bylines of a compound article's
sections (they also credit the reporters; the article's own byline, above its text or closing it,
is a credit only). The reading tip is a separate box and is not in the body.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tasks.split import bylines
from tasks.split.article import Article
from tasks.split.bylines import Credit
from tasks.split.layout import Para, continues, is_terminated, paragraphs, title_slots

_TIP_MARK = re.compile(r"^[【\[]?(?:阅读提示|核心阅读|编者按|内容提要)[】\]]?\s*[:：]?\s*")
_TIP_BULLET = re.compile(r"^[■●◆▲★·]")
_BULLET = re.compile(r"^[■●◆▲★·◎]")
# a headline carrying a column tag: "基层情怀，问计于民听心声（评论员观察）"
_COLUMN_TAG = re.compile(r"[（(][^（()）]{1,50}(?:[（(][^（()）]{1,6}[）)])?[^（()）]{0,4}[）)]$")
# paragraphs that open with a date are news text, never titles ("12月12日，上海…")
_DIGIT = re.compile(r"\d")
_DATE_START = re.compile(r"^(?:\d{1,2}月)?\d{1,2}日[，,]")
# a letter's date line or a highlighted figure ("2019年1月21日", "296户", "10.5%"): body text
# (a year run into words is a title: "2019春运一线")
_DATE_OR_FIGURE = re.compile(r"^(?:\d{4}年\d{1,2}月\d{1,2}日|(?!(?:19|20)\d\d[^\d年.,%])[\d.,%]+\S{0,4})$")
# lines that never open an article in a blank-line page: notes, bullets, numbered heads
_NEVER_OPENS = re.compile(r"^(?:[（(]|——|[■●◆▲★·]|第[一二三四五六七八九十\d]+[章节部分]|[一二三四五六七八九十]+、)")
# the note on the writer closing a signed piece: "（作者为中国驻某国大使）", "（作者单位：…）"
_AUTHOR_NOTE = re.compile(r"^[（(]作者(?:为|系|是|单位)")
# boxes set inside an article, after its text or its closing dateline: "链接", "记者手记", and heads
# tagged so ("用事实和数据说话（记者手记）")
_BOX = re.compile(r"^[■●◆]?(?:记者手记|相关链接|链\s*接|延伸阅读|背景链接)$|[（(](?:记者手记|链接|延伸阅读)[）)]$")
# titles of standing photo/brief columns that never carry a byline
_STANDING_TITLES = frozenset({"图片报道", "图片新闻", "新闻速览", "速览", "简讯", "本版责编", "广告",
                              "启事"})
# columns of briefs, each item titled and dated, titled by the bare column name
_BRIEF_COLUMNS = frozenset({"速览", "数读", "新闻速览", "简讯"})
# leaders, bodies and verbs of hard news: headline words, rare in section heads
_NEWS_WORD = re.compile(r"习近平|李克强|栗战书|汪洋|王沪宁|赵乐际|韩正|王岐山|中共中央|国务院|人大|政协|"
                        r"召开|会见|会谈|举行|印发|发布|出席|签署|公报|致电|通过|颁布|公布")
_SUB_START = ("——", "（", "(")   # a subheadline spelling out ("——…") or annotating the headline
_KICKER_END = re.compile(r"(?:强调|指出|要求|印发|表示|宣布|提出|时说|发布|发表)$")
_SUB_END = re.compile(r"(?:主持|出席|参加)[\u4e00-\u9fff]{0,5}$|(?:会见|讲话|致辞)$")
# a document's number ("［十三届］第五号", "第703号") and its date or adoption note ("（2019年1月31日）",
# "（二〇一八年…会议通过）")
_DOC_NO_PATTERN = r"^[［\[（(]?[^，。]{0,8}第[一二三四五六七八九十百零〇\d]+号[］\]）)]?$"
_DOC_DATE_PATTERN = r"^[（(][^（()）]*(?:\d{4}|[〇一二][〇一二三四五六七八九]{3})年[^（()）]*[）)]$"
_DOC_NO = re.compile(_DOC_NO_PATTERN)
_DOC_DATE = re.compile(_DOC_DATE_PATTERN)
# either under a title line: the title of a document printed whole, which opens an article however
# long the article above runs (rmrb 2019-02: 9 of 9 such runs open one)
_DOC_NOTE = re.compile(_DOC_DATE_PATTERN + "|" + _DOC_NO_PATTERN)
# a second title line that can only annotate the headline above it: a note in parentheses (a
# document's date or adoption, a count) or a document's number: rmrb 2019-02, 9 of 9 such two-line
# blocks are headline + subheadline
_NOTE_SUB = re.compile(r"^[（(].*[）)]$|" + _DOC_NO_PATTERN)
# a first line opening on a framing preposition is a kicker leading to the headline ("从…入手",
# "针对…问题", "随着…，…"): rmrb 2019-02, 7 of 7
_LEAD_IN = re.compile(r"^(?:从|针对|随着)")
# lines that head the body's first section, never a title line: an editor's note, a section number
_BODY_MARKS = frozenset({"编者的话", "编者按", "开栏的话", "写在前面"})
_NUMERAL = re.compile(r"^[一二三四五六七八九十]{1,3}$")
_EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$", re.ASCII)
_TRANSCRIPT_LEADS = 3
_MAX_TITLE = 60        # headlines/subheadlines in rmrb 2019-02: 99 % are at most 60 characters
_MAX_KICKER = 120      # kickers ending in "——" run longer (a whole sentence leading to the headline)
_MAX_INDENT_TITLE = 150
_MAX_EXCLAMATION = 10  # a title ending on ！/？ with a comma is short ("新春招聘会，火爆！")
_MAX_SPEAKER = 24      # "外交部驻港公署负责人：", "博鳌亚洲论坛全球健康论坛大会："
_TOPIC_PARAS = 4       # paragraphs on either side of a title run compared with it for topic
_CAPTION_LOOKAHEAD = 3  # a photo item: at most this many caption paragraphs before the credit
_MAX_PHOTO_PARAS = 3    # …and an article that short with a photo credit is a captioned photo
_MAX_TITLE_LINES = 3    # kicker, headline, subheadline
_COHESION_CHARS = 80    # the opening of the paragraph below a title run compared for cohesion
_COHESION_PARAS = 6     # …with this many paragraphs of the article above and of the text after it
_COHESION_WINDOW = 1500  # …at most this many characters of either (speed)
_MAX_GAP_SHARE = 0.2    # indented pages: blank lines before at most this share of paragraphs
                        # part articles (rmrb: one per article, ~5 % of paragraphs)
_MAX_ITEM_KICKER = 4    # "新技术", "能帮就帮": the kicker of an item in a column, never a headline
_BAND = 2               # section heads of one article: last lines within this many characters


@dataclass
class _Item:
    text: str
    is_head: bool = False   # a section head


@dataclass
class _Draft:
    titles: list[str] = field(default_factory=list)
    items: list[_Item] = field(default_factory=list)
    tip: list[str] = field(default_factory=list)
    lead: Credit | None = None
    credits: list[Credit] = field(default_factory=list)
    byline_at: int = 0      # body position of a standalone byline met after the body began
    inline_bylines: list[tuple[int, str]] = field(default_factory=list)   # (body position, line)
    closed: bool = False    # a closing dateline or credit was met: the article is over
    head_runs: list[tuple[int, bool, int]] = field(default_factory=list)   # shapes of its head runs
    bylines: int = 0        # standalone bylines met (compound articles have one per section)
    slots: tuple[str, str, str] | None = None   # kicker, headline, subheadline known by position
    blank_lines: bool = False   # titled on a blank-line page (no layout cue ends its title block)


def _role(p: Para, indent_mode: bool) -> str:
    text = p.text
    if _TIP_MARK.match(text) and len(text) <= 8:
        return "tip"
    if len(text) <= 40:
        if bylines.split_end_dateline(text)[0] == "":
            return "end"
        if bylines.parse_editor(text) is not None:
            return "editor"
        if bylines.parse_photo(text) is not None:
            return "photo"
        if bylines.is_other_credit(text):
            return "credit"
        if bylines.parse_standalone(text) is not None:
            return "byline"
        if bylines.is_picture_source(text) or _EMAIL.match(text):
            return "source"   # (a column's e-mail address under its last piece, too)
        if not indent_mode and bylines.is_signature(text):
            return "signature"
    if bylines.parse_lead(text) is not None:
        return "lead"
    if _title_like(p, indent_mode):
        return "title"
    return "body"


def _title_like(p: Para, indent_mode: bool) -> bool:
    """Could be a kicker, headline, subheadline or section head (decided later by context)."""
    text = p.text
    if text.endswith(("：", ":", "，", ",")):
        return False   # a salutation ("女士们，先生们，") or a lead-in ("这正是："), never a title
    if indent_mode:
        return not p.indented and len(text) <= _MAX_INDENT_TITLE
    if _DATE_START.match(text) or _DATE_OR_FIGURE.match(text):
        return False
    if text.endswith("——"):
        # a kicker leading to the headline, whole sentences included ("…湿地——")
        return len(text) <= _MAX_KICKER
    if "。" in text.rstrip("。”"):
        return False
    if len(text) > _MAX_TITLE:
        return False
    if text.endswith(("，", ",", "、", "：", ":", "；", ";", "。", "……")):
        return False
    # "新春招聘会，火爆！" and quoted headlines end on ！/？/” without being sentences; a longer
    # exclamation or question with a comma is one ("最后，祝大家新春快乐，万事如意！"): rmrb 2019-02
    # has 68 such paragraphs of 11-24 characters and no such title line
    if not is_terminated(text):
        return True
    return len(text) <= 24 and not (len(text) > _MAX_EXCLAMATION and ("，" in text or "," in text))


def _is_continuation(p: Para, prev: str | None, indent_mode: bool) -> bool:
    """An unindented line in an indented page that carries on a cut paragraph."""
    return (indent_mode and not p.indented and prev is not None and continues(prev, p.text)
            and (is_terminated(p.text) or len(p.text) > _MAX_TITLE))


def _load_weights(name: str) -> dict[str, float]:
    """A logistic model's weights by feature (its bias as "_bias") from data/`name`."""
    path = Path(__file__).parent / "data" / name
    rows = (line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#"))
    return {feature: float(weight) for feature, weight in rows}


# weights of `_open_score` over `_features` and `_cohesion_features`, fit on rmrb 2019-02 (how, and
# why they are not refit: the header of the TSV)
_WEIGHTS = _load_weights("split_open_weights.tsv")
_BIAS = _WEIGHTS.pop("_bias")


def _load_trees() -> list[list[tuple[str, float, float]]]:
    """The boosted trees of data/split_open_trees.tsv, each a list of nodes in heap order."""
    path = Path(__file__).parent / "data" / "split_open_trees.tsv"
    trees: list[list] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        tree, node, name, threshold, leaf = line.split("\t")
        k, n = int(tree), int(node)
        while len(trees) <= k:
            trees.append([])
        nodes = trees[k]
        nodes.extend([None] * (n + 1 - len(nodes)))
        nodes[n] = (name, float(threshold), float(leaf))
    return trees


def _trees_value(trees: list[list], features: dict[str, float]) -> float:
    """The sum of regression trees over `features`. A tree is a list of nodes in heap order (the
    children of node n are 2n+1 and 2n+2), a node is (feature, threshold, leaf value) and a leaf
    has no feature: go left while the feature is at most the threshold."""
    total = 0.0
    for nodes in trees:
        n = 0
        name, threshold, leaf = nodes[0]
        while name:
            n = 2 * n + (1 if features.get(name, 0.0) <= threshold else 2)
            name, threshold, leaf = nodes[n]
        total += leaf
    return total


# boosted trees on top of the linear score: the combinations of cues it misses (an unsigned
# commentary ending, a short one-line title, a long article with no heads yet); fit by
# `python -m tests.split_eval --fit-trees` (how: see the header of the TSV). They never read the
# cohesion cues, so the bound on those still lets `_opens` skip them.
_TREES = _load_trees()


def _open_score(features: dict[str, float], trees: list[list] = _TREES) -> float:
    """> 0: the title run opens a new article. A logistic regression over `_features` and
    `_cohesion_features`, plus the boosted `trees` over `_features` (none: the linear score)."""
    return (_BIAS + sum(_WEIGHTS[name] * value for name, value in features.items())
            + _trees_value(trees, features))


# the range the cohesion cues (each a share in [0, 1]) can add to the score
_COHESION_LOW = sum(min(0.0, _WEIGHTS[n]) for n in ("cohesion_above", "cohesion_below"))
_COHESION_HIGH = sum(max(0.0, _WEIGHTS[n]) for n in ("cohesion_above", "cohesion_below"))


def _tagged(line: str) -> bool:
    """Ends on a column tag ("…（评论员观察）"); a line that is all parenthesis is a note."""
    return bool(_COLUMN_TAG.search(line)) and not line.startswith(("（", "("))


def _overlap(run: list[str], text: str) -> float:
    """Share of the run's character pairs found in `text`: a section head shares the words of
    the article around it, a new headline those of the text below it."""
    pairs = {line[k:k + 2] for line in run for k in range(len(line) - 1)}
    return len([p for p in pairs if p in text]) / len(pairs) if pairs else 0.0


def _cohesion(text: str, above: str, below: str) -> tuple[float, float]:
    """Shares of the character pairs of `text` (the opening of the paragraph below a title run)
    found in the article's last paragraphs and in the paragraphs after it: body text under a
    section head carries on the article's words, the first paragraph of a new article those of
    the text below it."""
    pairs = {text[k:k + 2] for k in range(min(len(text), _COHESION_CHARS) - 1)}
    if not pairs:
        return 0.0, 0.0
    return (len([p for p in pairs if p in above]) / len(pairs),
            len([p for p in pairs if p in below]) / len(pairs))


def _shape(run: list[str]) -> tuple[int, bool, int]:
    """What makes head runs of one article parallel: line count, a dash-ended first line and
    the length of the last line."""
    return len(run), run[0].endswith("——"), len(run[-1])


def _parallel(a: tuple[int, bool, int], b: tuple[int, bool, int]) -> bool:
    return a[:2] == b[:2] and abs(a[2] - b[2]) <= 1


def _caption_ahead(roles: list[str], paras: list[Para], i: int) -> bool:
    """The paragraphs after position i are a photo caption: a few body paragraphs, then a credit."""
    for j in range(i + 1, min(len(paras), i + 1 + _CAPTION_LOOKAHEAD + 1)):
        if roles[j] in ("photo", "source") or (roles[j] == "body"
                                  and bylines.split_trailing_photo(paras[j].text)[1]):
            return j > i + 1 or roles[j] == "body"
        if roles[j] != "body":
            return False
    return False


# weights of `_pair_features`, fit on rmrb 2019-02 (how: see the header of the TSV)
_PAIR_WEIGHTS = _load_weights("split_title_pair.tsv")


def _pair_features(first: str, second: str, dated: bool = False) -> dict[str, float]:
    """Cues of a two-line block: column tags sit on the headline; kickers end in a reporting
    verb ("…时强调") and are the longer line, subheadlines are parenthesised notes, a person's role
    ("栗战书主持") or figures ("累计精简比例达81%"); plus the characters at the end of line 1 and
    at both ends of line 2 ("…发布" / "…开幕" open an event headline). `dated`: the article opens
    on a dateline ("本报北京2月1日电"): hard news, titled headline + subheadline far more often
    (rmrb 2019-02: 71 of 187 dated blocks, 27 of 234 undated). A comma sets off a kicker's
    background clause ("…，…") more often than a subheadline's summary."""
    cues = {
        "dated": dated,
        "comma1": "，" in first or "," in first, "comma2": "，" in second or "," in second,
        "tag2": _tagged(second), "tag1": bool(_COLUMN_TAG.search(first)),
        "kend1": bool(_KICKER_END.search(first)), "subend2": bool(_SUB_END.search(second)),
        "paren2": second.startswith(("（", "(")),
        "dig1": bool(_DIGIT.search(first)), "dig2": bool(_DIGIT.search(second)),
        "pct2": "%" in second or "％" in second,
        "sp1": " " in first, "sp2": " " in second,
        "q1": first.startswith("“"), "q2": second.startswith("“"),
        "lr": max(-1.0, min(1.0, math.log(len(second) / len(first)))),
        "short1": len(first) <= 8, "long2": len(second) >= 30,
        "colon1": first.endswith(("：", ":")),
        "semi2": "；" in second or "。" in second,
    }
    out = {name: float(v) for name, v in cues.items() if v}
    for name in ("e1:" + first[-1:], "e1:" + first[-2:], "s2:" + second[:1], "s2:" + second[:2],
                 "e2:" + second[-1:], "e2:" + second[-2:], "s1:" + first[:2]):
        out[name] = 1.0
    return out


def _pair_score(first: str, second: str, dated: bool = False) -> float:
    """> 0: a two-line block reads as headline + subheadline (else kicker + headline)."""
    return _PAIR_WEIGHTS["_bias"] + sum(_PAIR_WEIGHTS.get(name, 0.0) * v for name, v in
                                        _pair_features(first, second, dated).items())


def _is_subheadline(first: str, second: str, dated: bool = False) -> bool:
    """A two-line block reads as headline + subheadline (else kicker + headline)."""
    if not first or not second:
        return False
    return _pair_score(first, second, dated) > 0


def _is_column_name(line: str) -> bool:
    """A bare column name standing as headline ("速览", "数读", "来论"): rmrb has 372 headlines of
    at most five characters with neither kicker nor subheadline, and 44 kickers that short."""
    return len(line) <= 5 and " " not in line and not line.endswith(("——", "：", ":")) \
        and not _KICKER_END.search(line)


def _split_block(run: list[str], dated: bool) -> tuple[list[str], list[str]]:
    """Blank-line pages: the title lines of a run opening an article, and the lines after them
    that are its first paragraphs. A column-tagged headline has at most a kicker before it and
    only a "——" subheadline after it (rmrb: 1279 of 1380 have no subheadline, 80 of the other
    101 start with "——"); a bare column name (unless a dateline follows two lines: then it is a
    short kicker, "中宣部"; above three lines, or two and a standalone byline, it titles a
    compound column, "速览", "新春走基层" / "张鼓匠 摘了帽" / "本报记者 白剑峰": rmrb 2019-02 has
    3 such columns and no short kicker over a headline and a byline), a "——" or parenthesised
    subheadline end the block early. `dated`: a dateline lead follows the run."""
    tagged = next((k for k, line in enumerate(run) if _tagged(line)), None)
    if tagged is not None and tagged <= 1:
        end = tagged + 1
    elif len(run) >= 2 and _is_column_name(run[0]) and (not dated or len(run) >= 3):
        end = 1
    elif len(run) >= 3 and (run[1].endswith("——") or len(run[1]) <= _MAX_ITEM_KICKER):
        # the second line is the kicker of a section head below the headline (a column's title
        # over its first item, "新技术" / "…可全程追踪"): rmrb 2019-02 and 2019-10 have no
        # three-line title block with a headline that short (2019-02: 4 such columns)
        end = 1
    else:
        end = next((k for k in (1, 2) if k < len(run) and run[k].startswith(_SUB_START)),
                   _MAX_TITLE_LINES)
    if end < min(len(run), _MAX_TITLE_LINES) and run[end].startswith(_SUB_START):
        end += 1
    # an order's heading and number under a document's title open its text ("…的决定" /
    # "…国务院令" / "第703号")
    end = next((k for k in range(1, min(end, len(run) - 1))
                if run[k].endswith("令") and _DOC_NO.match(run[k + 1])), end)
    # bulleted summary lines under a headline open its body (rmrb 2019-02: 61 articles start on
    # one; 4 title lines carry bullets, all first lines)
    end = next((k for k in range(1, min(end, len(run))) if _BULLET.match(run[k])), end)
    return run[:end], run[end:]


def _assign_titles(lines: list[str], dated: bool = False) -> tuple[str, str, str]:
    """(kicker, headline, subheadline) of a title block of 1-3 lines.

    Two lines: a "——", a parenthesised or numbered note below (`_NOTE_SUB`) or a framing
    preposition above (`_LEAD_IN`) decides; without one (rmrb 2019-02: 323 of 421 such blocks are
    kicker + headline) the small model of `_is_subheadline` (`dated`: the article opens on a
    dateline)."""
    if len(lines) == 1:
        return "", lines[0], ""
    if len(lines) == 2:
        first, second = lines
        if first.endswith("——"):
            return first, second, ""
        if second.startswith("——") or _NOTE_SUB.match(second):
            return "", first, second
        if _LEAD_IN.match(first):
            return first, second, ""
        if _is_subheadline(first, second, dated):
            return "", first, second
        return first, second, ""
    return lines[0], lines[1], lines[2]


class _Splitter:
    def __init__(self, text: str, single: bool = False):
        self.paras, self.indent_mode = paragraphs(text)
        # an indented page with blank lines only here and there: they part articles, so a title
        # run broken by one is two title blocks (a picture's title-only article over the next)
        self.gap_breaks = self.indent_mode and \
            sum(p.gap for p in self.paras) <= len(self.paras) * _MAX_GAP_SHARE
        self.roles = [_role(p, self.indent_mode) for p in self.paras]
        # a broadcast transcript (every report opens on "央视网消息（…）："): a title with no lead
        # under it is a sub-head of the report; the trees, fit on newspaper pages where unsigned
        # articles are common, would split it off
        self.transcript = sum(1 for p, r in zip(self.paras, self.roles)
                              if r == "lead" and bylines.is_web_lead(p.text)) >= _TRANSCRIPT_LEADS
        self._promote_titles_above_leads()
        if not single:
            self._promote_page_top_kicker()
        self.drafts: list[_Draft] = []
        self.cur: _Draft | None = None
        self.single = single
        self.start = self._open_single(text) if single else 0

    def _promote_titles_above_leads(self) -> None:
        """A long unfinished line right above a dateline lead is that article's title: broadcast
        transcripts run titles to 100+ characters ("…——习近平总书记在…上的重要讲话引发强烈反响")."""
        for i in range(len(self.paras) - 1):
            text = self.paras[i].text
            if (self.roles[i] == "body" and self.roles[i + 1] == "lead" and len(text) <= _MAX_INDENT_TITLE
                    and not self.paras[i].indented
                    and not is_terminated(text) and "。" not in text):
                self.roles[i] = "title"
        # a speaker kicker ("国台办：", "国家税务总局：") over a headline and a dateline
        for i in range(len(self.paras) - 2):
            text = self.paras[i].text
            if (self.roles[i] == "body" and text.endswith(("：", ":")) and len(text) <= _MAX_SPEAKER
                    and (i == 0 or self.roles[i - 1] != "title")
                    and not any(c in text for c in "，,。；;") and self.roles[i + 1] == "title"
                    and self.roles[i + 2] in ("lead", "byline")):
                self.roles[i] = "title"

    def _promote_page_top_kicker(self) -> None:
        """A blank-line page opening on an unfinished line right above a title: that line is the
        first article's kicker, however it ends ("写春联、赏年画、进博物馆……", "…如何应对？")."""
        if self.indent_mode or len(self.paras) < 2 or self.roles[:2] != ["body", "title"]:
            return
        text = self.paras[0].text
        if len(text) <= _MAX_KICKER and "。" not in text and not text.endswith(("，", ",", "：", ":")):
            self.roles[0] = "title"

    def run(self) -> list[_Draft]:
        i = self.start
        while i < len(self.paras):
            i = self._step(i)
        return self.drafts

    def _open_single(self, text: str) -> int:
        """A one-article file: its title block opens the only article; returns where the rest
        starts. Titles kept by position are taken as they are, else the leading title lines."""
        slots = title_slots(text)
        if slots is not None:
            self._new([]).slots = slots
            return sum(1 for s in slots if s)
        n = 0
        while n < min(len(self.paras), _MAX_TITLE_LINES) and self.roles[n] == "title":
            n += 1
        run = [p.text for p in self.paras[:n]]
        dated = n < len(self.paras) and self.roles[n] == "lead"
        titles, rest = (run, []) if self.indent_mode else _split_block(run, dated)
        self._new(titles).items.extend(_Item(t) for t in rest)
        return n

    def _new(self, titles: list[str]) -> _Draft:
        self.cur = _Draft(titles=titles, blank_lines=not self.indent_mode and not self.single)
        self.drafts.append(self.cur)
        return self.cur

    def _last_body(self) -> str | None:
        if self.cur and self.cur.items and not self.cur.items[-1].is_head:
            return self.cur.items[-1].text
        return None

    def _step(self, i: int) -> int:
        p, role = self.paras[i], self.roles[i]
        if role == "title" and _is_continuation(p, self._last_body(), self.indent_mode):
            role = "body"
        handler = getattr(self, "_on_" + role)
        return handler(i)

    def _on_title(self, i: int) -> int:
        j = i
        while j < len(self.paras) and self.roles[j] == "title" and not (
                j > i and (_is_continuation(self.paras[j], None, self.indent_mode)
                           or (self.gap_breaks and self.paras[j].gap))):
            j += 1
        run = [p.text for p in self.paras[i:j]]
        nxt = self.roles[j] if j < len(self.paras) else ""
        note = max((k for k in range(1, len(run)) if _AUTHOR_NOTE.match(run[k])), default=0) \
            if len(run) > 1 and self.cur is not None else 0
        if note:
            # a signature over the author's note closes the article above ("张三" / "（作者为…）")
            self.cur.items.extend(_Item(t, is_head=True) for t in run[:note])
            run, i = run[note:], i + note
        while self.cur is not None and run and _NEVER_OPENS.match(run[0]):
            # notes ("（作者为…）"), bullets and numbered heads belong to the article above
            self.cur.items.append(_Item(run.pop(0), is_head=True))
            i += 1
        if not run:
            return j
        if self.cur is not None and _BOX.search(run[0]) and not self.indent_mode:
            self.cur.items.extend(_Item(t, is_head=True) for t in run)
            return j
        tagged = [k for k, line in enumerate(run) if _tagged(line)]
        if tagged and tagged[0] > 1 and self.cur is not None:
            # the tagged line is the headline: at most a kicker before it, the rest is the
            # article above
            cut = tagged[0] - 1
            self.cur.items.extend(_Item(t, is_head=True) for t in run[:cut])
            run, i = run[cut:], i + cut
        if nxt in ("", "end") and self.cur is not None and not self.cur.closed \
                and run[0] not in _STANDING_TITLES:
            # nothing (or only a closing dateline) follows: text broken off, not a title (but an
            # advertisement or a photo is only its title)
            for k in range(i, j):
                self._on_body(k)
            return j
        if not self._opens(run, i, j):
            self.cur.items.extend(_Item(t, is_head=True) for t in run)
            self.cur.head_runs.append(_shape(run))
            return j
        dated_doc = next((k for k in range(1, len(run)) if _DOC_DATE.match(run[k])), 0) \
            if len(run) > 1 and not self.indent_mode else 0
        if dated_doc and self.cur is not None and not self.cur.closed:
            # a document's title is the line above its date note; lines above it end the article
            # above, an order's heading and number below it open the document's text ("…法" /
            # "（…会议通过）" / "…主席令" / "第十九号")
            self.cur.items.extend(_Item(t, is_head=True) for t in run[:dated_doc - 1])
            run = run[dated_doc - 1:]
        elif len(run) > _MAX_TITLE_LINES and self.cur is not None and not self.cur.closed \
                and not (not self.indent_mode and (_tagged(run[0]) or any(
                    line.startswith("——") for line in run[1:_MAX_TITLE_LINES]))):
            # lines above a full title block end the article above (unless the run opens on a
            # column-tagged headline or its subheadline is marked: then the lines after that
            # block open the body, "…（人民时评）" / "——…之六" / a summary line)
            self.cur.items.extend(_Item(t, is_head=True) for t in run[:-_MAX_TITLE_LINES])
            run = run[-_MAX_TITLE_LINES:]
        if not self.indent_mode:
            titles, rest = _split_block(run, nxt == "lead")
        elif len(run) > _MAX_TITLE_LINES:
            titles, rest = ["".join(run[:-2])] + run[-2:], []   # a kicker broken over lines
        else:
            titles, rest = run, []
        self._new(titles).items.extend(_Item(t) for t in rest)
        return j

    def _opens(self, run: list[str], i: int, j: int) -> bool:
        """Does the title run paras[i:j] open a new article (else: section heads of `cur`)?"""
        decided = self._decided(run, i, j)
        if decided is not None:
            return decided
        score = _open_score(self._features(run, i, j), [] if self.transcript else _TREES)
        if not _COHESION_LOW <= -score < _COHESION_HIGH:
            return score > 0   # the cohesion cues cannot change the decision: skip them (speed)
        return score + sum(_WEIGHTS[name] * value
                           for name, value in self._cohesion_features(j).items()) > 0

    def _decided(self, run: list[str], i: int, j: int) -> bool | None:
        """What the hard cues say of the title run paras[i:j]; None: the scorer decides."""
        cur = self.cur
        if self.single:
            return False
        if cur is None or cur.closed or self.indent_mode:
            return True
        if i and _DATE_OR_FIGURE.match(self.paras[i - 1].text):
            return False   # the caption of a highlighted figure ("239家") set in the article
        nxt = self.roles[j] if j < len(self.paras) else ""
        if nxt == "lead" and len(cur.titles) == 1 and cur.titles[0] in _BRIEF_COLUMNS \
                and run[0] not in _STANDING_TITLES:
            # an item of a column of dated briefs ("速览" / an item's title / "本报北京…电"):
            # rmrb 2019-02, 13 of 14 dated runs under one are its items
            return False
        if nxt == "lead" or (nxt == "byline" and cur.lead is not None):
            # a dateline follows a title (rmrb: 96 % of runs before one open an article), and an
            # article credited in its dateline takes no second byline
            return True
        if any(_DOC_NOTE.match(line) for line in run[1:_MAX_TITLE_LINES]):
            return True
        return None

    def _features(self, run: list[str], i: int, j: int) -> dict[str, float]:
        """The cues `_open_score` weighs (see `_WEIGHTS`)."""
        cur = self.cur
        nxt = self.roles[j] if j < len(self.paras) else ""
        prev = self.roles[i - 1] if i else ""
        longest = max(len(line) for line in run)
        body_lens = [len(it.text) for it in cur.items if not it.is_head]
        since = next((k for k, it in enumerate(reversed(cur.items)) if it.is_head), len(cur.items))
        heads = [it.text for it in cur.items if it.is_head]
        last = run[-1]
        return {
            "next_byline": nxt in ("byline", "signature"),
            "next_byline_again": nxt in ("byline", "signature") and cur.bylines > 0,
            "next_tip": nxt == "tip",
            "after_credit": prev in ("end", "editor", "photo", "credit", "source"),
            "caption_ahead": _caption_ahead(self.roles, self.paras, j - 1),
            "column_tag": any(_tagged(line) for line in run),
            "long_run": len(run) >= 4,
            "dash_kicker": run[0].endswith("——"),
            "dash_sub": len(run) > 1 and run[1].startswith("——"),
            "news_word": any(_NEWS_WORD.search(line) for line in run),
            "body_paras": math.log1p(len(body_lens)) / 3,
            "length": min(longest, 40) / 40,
            "spaced": any(" " in line for line in run),
            "standing": run[0] in _STANDING_TITLES,
            "body_chars": math.log1p(sum(body_lens)) / 10,
            "has_heads": bool(cur.head_runs),
            "parallel": any(_parallel(_shape(run), shape) for shape in cur.head_runs),
            "credited": cur.lead is not None or bool(cur.credits),
            "quoted": run[0].startswith(("“", "\"")),
            "since_head": math.log1p(since) / 3,
            "topic_above": _overlap(run, "".join(it.text for it in cur.items[-_TOPIC_PARAS:])),
            "topic_below": _overlap(run, "".join(p.text for p in self.paras[j:j + _TOPIC_PARAS])),
            # parallel section heads: same opening character ("一是…", "坚持…"), same length band
            "same_first": any(h[:1] == last[:1] for h in heads),
            "head_band": any(abs(len(h) - len(last)) <= _BAND for h in heads),
        }

    def _cohesion_features(self, j: int) -> dict[str, float]:
        """The lexical cohesion cues of the paragraph below a title run ending before j, weighed
        with `_features` (apart, as they are the costly ones)."""
        below = self.paras[j].text if j < len(self.paras) else ""
        above_c, below_c = _cohesion(
            below, "".join(it.text for it in self.cur.items[-_COHESION_PARAS:])[-_COHESION_WINDOW:],
            "".join(p.text for p in self.paras[j + 1:j + 1 + _COHESION_PARAS])[:_COHESION_WINDOW])
        return {"cohesion_above": above_c, "cohesion_below": below_c}

    def _open(self) -> _Draft:
        """The article text belongs to: the current one (even after its closing dateline, as
        boxes like "链接" follow it), a headless one only at the very top of the page."""
        return self.cur or self._new([])

    def _on_body(self, i: int) -> int:
        text = self.paras[i].text
        cur = self._open()
        last = self._last_body()
        # an indented line is a paragraph of its own (rmrb pages: the unfinished lines above
        # one are section and brief heads, not paragraphs cut by a page break)
        if last is not None and not self.paras[i].indented and continues(last, text):
            cur.items[-1].text = last + text
        else:
            cur.items.append(_Item(text))
        return i + 1

    def _on_lead(self, i: int) -> int:
        credit, rest = bylines.parse_lead(self.paras[i].text)
        cur = self._open()
        if cur.lead is not None or len(cur.items) > 1 or (
                cur.items and len(cur.titles) == 1 and _is_column_name(cur.titles[0])):
            # a further dated item inside a compound article (rmrb "速览", a leader's meetings),
            # or the first item of a column of briefs (a bare column name over the item's title)
            return self._on_body(i)
        cur.lead = credit
        if rest:
            cur.items.append(_Item(rest))
        return i + 1

    def _on_byline(self, i: int) -> int:
        credit = bylines.parse_standalone(self.paras[i].text)
        cur = self._open()
        if not cur.credits and not cur.lead and cur.items:
            cur.byline_at = len(cur.items)
        if cur.items:
            # a section's byline in a compound article is text a reader sees there: it stays in
            # the body (put back by `_put_back_bylines`) as well as crediting its reporters
            cur.inline_bylines.append((len(cur.items), self.paras[i].text))
        cur.bylines += 1
        cur.credits.append(credit)
        return i + 1

    def _on_photo(self, i: int) -> int:
        if self.cur is not None:
            self.cur.credits.append(bylines.parse_photo(self.paras[i].text))
        return i + 1

    def _on_editor(self, i: int) -> int:
        if self.cur is not None:
            self.cur.credits.append(Credit(editors=bylines.parse_editor(self.paras[i].text)))
        return i + 1

    def _on_credit(self, i: int) -> int:
        return i + 1

    def _on_source(self, i: int) -> int:
        """A picture's source line: kept as text, and like a credit it closes the item above."""
        self._open().items.append(_Item(self.paras[i].text))
        return i + 1

    def _on_signature(self, i: int) -> int:
        """A bare signature ("张  岩"): kept as text, counted like a standalone byline."""
        cur = self._open()
        cur.bylines += 1
        cur.items.append(_Item(self.paras[i].text))
        return i + 1

    def _on_end(self, i: int) -> int:
        if self.cur is not None:
            self.cur.credits.append(bylines.split_end_dateline(self.paras[i].text)[1])
            self.cur.closed = True
        return i + 1

    def _on_tip(self, i: int) -> int:
        cur = self._open()
        inline = _TIP_MARK.sub("", self.paras[i].text)
        j = i + 1
        if inline:
            cur.tip.append(inline)
        elif j < len(self.paras) and self.roles[j] == "body":
            cur.tip.append(self.paras[j].text)
            j += 1
        # further tip paragraphs only when they are bullets ("■…", as rmrb's 核心阅读 has)
        while j < len(self.paras) and self.roles[j] == "body" and _TIP_BULLET.match(
                self.paras[j].text) and _TIP_BULLET.match(cur.tip[0] if cur.tip else "■"):
            cur.tip.append(self.paras[j].text)
            j += 1
        return j


def _rotate_out_of_order(d: _Draft) -> None:
    """Text broken off at the end while a standalone byline sits mid-article: the block before the
    byline was placed out of column order and belongs after the broken-off end (and the byline,
    the article's own, opens it: it is no section byline to keep in the body)."""
    items = d.items
    if not 0 < d.byline_at < len(items) or items[-1].is_head or is_terminated(items[-1].text):
        return
    head, tail = items[:d.byline_at], items[d.byline_at:]
    if head[0].is_head:
        return
    joined = continues(tail[-1].text, head[0].text)
    if joined:
        tail[-1] = _Item(tail[-1].text + head[0].text)
        head = head[1:]
    d.items = tail + head
    d.inline_bylines = [(k - d.byline_at if k > d.byline_at else k + len(tail) - joined, line)
                        for k, line in d.inline_bylines if k != d.byline_at]


def _put_back_bylines(d: _Draft) -> None:
    """Standalone bylines met after the body began and followed by more of it (a section's, not
    the article's closing one) go back into it where they stood."""
    n = len(d.items)
    for k, line in reversed(d.inline_bylines):
        if k < n:
            d.items.insert(k, _Item(line))


def _close_tail(d: _Draft) -> None:
    """Credits glued to the last paragraph: "…。（本报上海12月20日电）", "…。 新华社记者 徐昱摄"."""
    if not d.items or d.items[-1].is_head:
        return
    text, credit = bylines.split_end_dateline(d.items[-1].text)
    if credit is None:
        text, credit = bylines.split_trailing_photo(text)
    if credit is not None:
        d.items[-1].text = text
        d.credits.append(credit)
        if not text:
            d.items.pop()


def _note_mark_second(d: _Draft) -> None:
    """Blank-line pages: a two-line title block whose second line is an editor's note mark
    ("咱们村，年味浓" / "编者的话") or a section number ("犀牛寨的炊烟" / "一") is a headline over
    its first section head; the line goes back to the body. (Taking the article's section heads'
    shape for the same cue, "新春走基层" / "毛里湖水 又见清澈", was right on 2019-02 and wrong on 11
    of 13 blocks of 2019-10.)"""
    if not d.blank_lines or len(d.titles) != 2:
        return
    second = d.titles[1]
    if second in _BODY_MARKS or _NUMERAL.match(second):
        d.titles = d.titles[:1]
        d.items.insert(0, _Item(second, is_head=True))


def _finish(d: _Draft, seq: int, pub: date | None) -> Article:
    _rotate_out_of_order(d)
    _close_tail(d)
    _put_back_bylines(d)
    _note_mark_second(d)
    kicker, headline, sub = d.slots or (_assign_titles(d.titles, d.lead is not None) if d.titles
                                         else ("", "", ""))
    a = Article(seq=seq, kicker=kicker, headline=headline, subheadline=sub,
                reading_tip="\n".join(d.tip))
    for c in ([d.lead] if d.lead else []) + d.credits:
        a.agency = a.agency or c.agency
        if c.place and not a.dateline_place:
            a.dateline_place = c.place
        if c.day and a.dateline_date is None:
            a.dateline_date = bylines.resolve_date(c.month, c.day, pub)
        for mine, theirs in ((a.reporters, c.reporters), (a.correspondents, c.correspondents),
                             (a.photographers, c.photographers), (a.editors, c.editors)):
            mine.extend(n for n in theirs if n not in mine)
    a.section_heads = [it.text for it in d.items if it.is_head]
    a.body = "\n".join(it.text for it in d.items)
    if a.photographers and not d.lead and len(d.items) <= _MAX_PHOTO_PARAS and not d.tip:
        a.kind = "photo"
    return a


def split_text(text: str, pub_date: date | None = None, single: bool = False) -> list[Article]:
    """The articles of one decoded page, in order, every field filled. Never raises.

    `single`: the text is exactly one article (a file named by its article number), so nothing
    is ever split off: the first title block titles it, the rest is its body."""
    if not isinstance(text, str) or not text.strip():
        return []
    drafts = [d for d in _Splitter(text, single).run()
              if d.titles or d.items or d.slots or (single and d.tip)]
    return [_finish(d, seq, pub_date) for seq, d in enumerate(drafts, 1)]
