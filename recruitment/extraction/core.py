"""``extract``: from an article's text to admission figures with their evidence.

The pipeline works sentence by sentence on the article's lines (page noise skipped):
period idioms and organisation mentions are located first, then each number is read as
a figure from its noun and verb, and finally each figure is given the period and the
organisation the sentence (or the one before it) attaches to it. A period also carries
from one paragraph to the next, since reports list sub-organisations' figures below the
total they break down; a heading or page noise ends it.
"""

from __future__ import annotations

import bisect
import datetime
import itertools
import re
import time
import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from . import gazetteer, metrics, noise, numbers, organisations, periods
from .lowercase import lower_same_length
from .organisations import Mention, Org

__all__ = ["DEADLINE", "Candidate", "Extraction", "ExtractionTimeout", "extract"]

# Seconds ``extract`` may take by default. A long report takes well under a second; only a
# text far beyond any article (a whole archive pasted at once) comes near this.
DEADLINE = 20.0


class ExtractionTimeout(Exception):
    """Extraction ran past its deadline; the message is for staff, in Vietnamese."""

    def __init__(self, *, seconds: float, size: int):
        super().__init__(
            f"Bài viết quá dài để trích số liệu trong thời gian cho phép ({seconds:g} giây; "
            f"bài có {size:,} ký tự). Hãy chia bài thành các phần ngắn hơn rồi nhập lại."
        )
        self.seconds = seconds
        self.size = size


class _Clock:
    """The deadline of one extraction, checked once per line, sentence and figure.

    Every stage is linear in the text, so a check per unit of work is enough to stop a
    huge text in time; ``time.monotonic`` is cheap next to the work of a sentence."""

    def __init__(self, *, seconds: float | None, size: int):
        self.seconds, self.size = seconds, size
        self.stop = None if seconds is None else time.monotonic() + seconds

    def check(self) -> None:
        if self.stop is not None and time.monotonic() > self.stop:
            raise ExtractionTimeout(seconds=self.seconds or 0.0, size=self.size)


@dataclass(frozen=True)
class Candidate:
    organisation: str
    org_level: str
    metric: str
    period_start: datetime.date
    period_end: datetime.date
    period_label: str
    value: Decimal
    quote: str
    start: int
    end: int
    value_start: int
    value_end: int
    derived: bool = False
    approximate: bool = False
    # 0–1, and the reason code of ``confidence`` (where the organisation and period came from).
    confidence: float = 1.0
    reason: str = "own_clause"


@dataclass
class Extraction:
    text: str
    title: str | None
    published: datetime.date | None
    organisation: str | None
    organisation_level: str | None
    candidates: list[Candidate] = field(default_factory=list)

    def to_gold_dict(self, article_name: str) -> dict:
        """The figures in the corpus gold-file schema, for comparison and annotation."""
        figures = []
        for c in self.candidates:
            value = int(c.value) if c.value == c.value.to_integral_value() else float(c.value)
            figures.append(
                {
                    "organisation": c.organisation,
                    "org_level": c.org_level,
                    "metric": c.metric,
                    "period_start": c.period_start.isoformat(),
                    "period_end": c.period_end.isoformat(),
                    "period_label": c.period_label,
                    "value": value,
                    "quote": c.quote,
                    "derived": c.derived,
                }
            )
        return {
            "article": article_name,
            "published": self.published.isoformat() if self.published else None,
            "figures": figures,
        }


# ------------------------------------------------------------------ text preparation

_SENT_END_RE = re.compile(r"[.!?…]+[\"”’)\]]*(?=\s)")
_ABBREV_RE = re.compile(r"(?:\b(?:TP|Tp|ThS|TS|PGS|GS|BS|v\.v|St|Th)|\b[A-ZĐ])$")
_CLAUSE_BOUND_RE = re.compile(r"[;:()\[\]]|,(?!\d)|\s[–—-]\s")
# "số 5", "khóa 12", "lần thứ 3": a rank or a label, not a figure. Matched on the text
# before the number reversed, as (?<!tổng)(?<!tổng )\b(?:số|khóa|khoá|lần\s+thứ|thứ)\s*$
# would be on it: one anchored attempt rather than a search (speed).
_SO_BEFORE_REV_RE = re.compile(r"\s*(?:ốs|aóhk|áohk|ứht\s+nầl|ứht)\b(?!gnổt)(?! gnổt)", re.I)
_PERCENT_AFTER_RE = re.compile(r"\s?(?:%|phần\s+trăm(?!\w))")
_REACHED_AFTER_RE = re.compile(
    r"[^\d.;]{0,30}?[,;]?\s*(?:đạt|vượt|bằng)\s+[\d,]+\s*(?:%|phần\s+trăm)\s*(?:so\s+với\s+)?(?:chỉ\s+tiêu|kế\s+hoạch)",
    re.IGNORECASE,
)
_UNNAMED_PROVINCE_BODY_RE = re.compile(r"\s(?:tỉnh|Tỉnh)$")
_THOUSAND_RE = re.compile(r"[ \t]+(?:nghìn|ngàn)(?!\w)", re.IGNORECASE)
# "kết nạp 1.203/1.150 đảng viên": admitted over target, one figure each.
_PAIR_RE = re.compile(
    r"(?<![\d/.,:\-])(\d{1,3}(?:\.\d{3})+|\d+)\s*/\s*(\d{1,3}(?:\.\d{3})+|\d+)(?![\d/.,:\-]\d?)"
)
# A range ("từ 5 - 7%", "5 đến 7 đảng viên") is a band, not a figure.
_RANGE_BEFORE_RE = re.compile(r"\d\s*(?:[-–]|đến|tới)\s*$")
_RANGE_AFTER_RE = re.compile(r"\s*(?:[-–]\s*|(?:đến|tới)\s+)\d")
# After a number stated behind its noun ("... là 87."), only punctuation may follow.
_NOUNLESS_END_RE = re.compile(r"\s*(?:[,.;)(]|\s+(?:và|trong|năm|so)\s|$)")
_LIST_NEXT_RE = re.compile(r"\s*(?:[,;]|\s+và\s)")
# A paragraph that resets the carried period: a heading (short, no sentence end).
_HEADING_END_RE = re.compile(r"[.!?…:;,)\]\"”]\s*$")
# "Bắc Giang: 6 tháng đầu năm ..." / "Lục Nam kết nạp ...": a bare place name opening a title.
_TITLE_NAME_RE = re.compile(
    rf"^\s*(?P<name>{organisations._U}[\w’']*(?:[ \t]+{organisations._U}[\w’']*){{0,3}})"
    r"(?P<colon>\s*[:–—-]\s)?"
)
# A list of units with their counts: "như: xã A 8 đảng viên, xã B 6 đảng viên" in a
# sentence, or lines "- Huyện X: 312 đảng viên;" under a head line ending with ":".
_ITEM_GAP_RE = re.compile(r"[ \t]*(?:[:–—-]|với)?[ \t]*$")
_ITEM_SEP_RE = re.compile(
    r"[ \t]*(?:[,;]|\s+và)(?:[ \t]+(?:tiếp\s+(?:đến|theo)|sau\s+đó|kế\s+đến)(?:\s+là)?)?[ \t]*$",
    re.IGNORECASE,
)
_ITEM_BULLET_RE = re.compile(r"[ \t]*(?:[-–•+*][ \t]*|\d{1,2}[.)][ \t]+)?$")
_LIST_HEAD_END_RE = re.compile(r"(?::|\s(?:như|là|gồm))[ \t]*$", re.IGNORECASE)
_ITEM_NOUNS = frozenset({"đảng viên", "đồng chí"})
_UNIT_VERB_GAP_RE = re.compile(r"[ \t]+(?:đã[ \t]+)?kết[ \t]+nạp(?:[ \t]+(?:được|mới))?[ \t]+")
_UNIT_LEVELS = frozenset({"district", "commune"})
_ENGLISH_GROUPS_RE = re.compile(r"\d{1,3}(?:,\d{3})+")
_DIGIT_RE = re.compile(r"\d")
_NON_SPACE_RE = re.compile(r"\S")
_STOCK_ONLY_KINDS = frozenset({"stock_date", "stock_month", "stock_year"})
_TERRITORY_WORDS = frozenset({"tỉnh", "huyện", "thành phố", "thị xã", "quận"})
# A yearly breakdown after a total: "825 đảng viên (năm 2021: 270; năm 2022: 275; ...)".
_BREAKDOWN_FIRST_RE = re.compile(
    r"\s*(?:(?:đảng\s+viên|đồng\s+chí|quần\s+chúng)(?:\s+mới)?\s*)?[(:]\s*"
    r"(?:trong\s+đó\s*[,:]?\s*)?năm\s+\d{4}\s*(?::|=|là)\s*$",
    re.IGNORECASE,
)
_BREAKDOWN_NEXT_RE = re.compile(
    r"\s*(?:(?:đảng\s+viên|đồng\s+chí)\s*)?(?:[;,]|\s+và)\s*năm\s+\d{4}\s*(?::|=|là)\s*$",
    re.IGNORECASE,
)
_BREAKDOWN_END_RE = re.compile(r"\s*(?:(?:đảng\s+viên|đồng\s+chí)\s*)?(?:[;,)]|\s+và\s)")
_TERM_PLAN_RE = re.compile(
    r"\s*(?:%|phần\s+trăm)\s*(?:so\s+với\s+)?(?:chỉ\s+tiêu|kế\s+hoạch)(?:\s+(?:cả|của|toàn))?"
    r"\s+nhiệm\s+kỳ",
    re.IGNORECASE,
)
_GOAL_CUE_RE = re.compile(r"phấn\s+đấu|chỉ\s+tiêu|mục\s+tiêu", re.IGNORECASE)
# A figure between a goal word and a percentage: the goal word belongs to that figure.
_FIGURE_IN_RE = re.compile(
    r"\d\s*(?:%|phần\s+trăm)|\d\s+(?:đảng\s+viên|đồng\s+chí|quần\s+chúng)", re.I
)
_VERB_LIST_RE = re.compile(r",(?:[ \t]+[^\W\d_]+){1,3}[ \t]+và[ \t]+[^\W\d_]")
_RAISED_TO_RE = re.compile(r"nâng|đưa", re.IGNORECASE)
_TERM_WORD_RE = re.compile(r"nhiệm\s+kỳ", re.IGNORECASE)
# A period right after these words names the plan's period, not a figure's.
_PLAN_BEFORE_RE = re.compile(
    r"(?:chỉ\s+tiêu|kế\s+hoạch|mục\s+tiêu|nghị\s+quyết)(?:\s+[^\W\d_]+){0,5}\s*$", re.I
)
# A share reported part-way through a year (also "tính đến ngày 15/11") is of the year's plan.
_PART_YEAR_PLAN_KINDS = frozenset(
    {"months", "quarter", "ytd", "month", "this_year", "stock_date", "stock_month"}
)
# The 2025 reform (1 July 2025) abolished districts: communes are directly under provinces.
REFORM_DATE = datetime.date(2025, 7, 1)
_DISTRICT_WORDS = frozenset({"huyện", "quận", "thị xã", "thành phố"})
_GOAL_METRICS = frozenset({"target", "members_population_pct_target"})
_PART_YEAR_KINDS = frozenset({"months", "quarter", "ytd", "month"})
# After an organisation: it set or assigned the plan ("chỉ tiêu Tỉnh ủy giao").
_ASSIGNER_AFTER_RE = re.compile(r"\s+(?:đã\s+|đề\s+ra\s+và\s+)?giao(?!\w)", re.IGNORECASE)
_QUOTE_STOP_RE = re.compile(r"[,;.()]")
_HEADLINE_SKIP_RE = re.compile(
    r"^(?:trang\s+(?:thông\s+tin|chủ)|cổng\s+thông\s+tin|chào\s+mừng|xuất\s+bản|"
    r"báo\s+[^\n]*điện\s+tử\s*$|"
    r"chi\s+tiết\s+bài|tin\s+tức|trang\s+chủ|date$|null$)",
    re.IGNORECASE,
)


def _prepare(text: str) -> tuple[str, list[int] | None]:
    """NFC text with look-alike letters fixed, plus a map back to the caller's offsets.

    Matching needs precomposed Vietnamese letters, but offsets must refer to the text
    the caller gave; when normalisation changes lengths, ``mp[i]`` is the original
    offset of working index ``i``.
    """
    mp = None
    work = text
    if not unicodedata.is_normalized("NFC", text):
        out: list[str] = []
        mp = []
        i, n = 0, len(text)
        while i < n:
            j = i + 1
            while j < n and unicodedata.combining(text[j]):
                j += 1
            seg = unicodedata.normalize("NFC", text[i:j])
            out.append(seg)
            mp.extend([i] * len(seg))
            i = j
        mp.append(n)
        work = "".join(out)
    work = organisations.normalise_d(work).replace("\u00a0", " ").replace("\u202f", " ")
    return work, mp


def _lines(work: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for line in work.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _sentences(work: str, s: int, e: int) -> list[tuple[int, int]]:
    out = []
    start = s
    for m in _SENT_END_RE.finditer(work, s, e):
        before = work[max(s, m.start() - 4) : m.start()]
        if m.group(0).startswith(".") and _ABBREV_RE.search(before):
            continue
        nxt = work[m.end() : m.end() + 3].lstrip()
        if nxt and nxt[0].islower():
            continue
        out.append((start, m.end()))
        start = m.end()
    if start < e:
        out.append((start, e))
    return [(a, b) for a, b in out if _NON_SPACE_RE.search(work, a, b)]


class _Clauses:
    """Clause bounds of one sentence, found in one scan and looked up per number.

    A bound never straddles a number's first digit (a digit is neither punctuation nor
    the space around a dash), so the bounds before and after a number are the ones a
    scan up to it and a search from it would find.
    """

    def __init__(self, work: str, s: int, e: int):
        self.s, self.e = s, e
        bounds = [(m.start(), m.end()) for m in _CLAUSE_BOUND_RE.finditer(work, s, e)]
        self.starts = [a for a, _ in bounds]
        self.ends = [b for _, b in bounds]

    def around(self, pos: int) -> tuple[int, int]:
        """The clause around the number at ``pos``: between commas, semicolons or brackets."""
        i = bisect.bisect_left(self.starts, pos)
        cs = self.ends[i - 1] if i else self.s
        ce = self.starts[i] if i < len(self.starts) else self.e
        return cs, ce


def _masked(starts: list[int], reach: list[int], pos: int) -> bool:
    """Whether ``pos`` lies in one of the sorted masks (``reach``: running maximum end)."""
    k = bisect.bisect_right(starts, pos)
    return k > 0 and reach[k - 1] > pos


def _ends_list_head(work: str, a: int, b: int) -> bool:
    """``_LIST_HEAD_END_RE.search(work[a:b])``, looking only at the end of the span: the
    head word or colon must end where the trailing spaces begin (a long sentence part is
    not scanned again for each number in it)."""
    j = b
    while j > a and work[j - 1] in " \t":
        j -= 1
    return _LIST_HEAD_END_RE.search(work[max(a, j - 4) : b]) is not None


class _SentenceIndex:
    """What the attribution of each figure asks of its sentence, worked out once.

    A sentence can be a whole text (a list of thousands of units with no full stop): every
    question ("the last count before this figure", "the period mentions between here and
    the next figure") is answered by bisection instead of a walk over the sentence.
    Figures are in text order (by first digit) and period mentions sorted without overlap.
    """

    def __init__(self, work: str, s: int, e: int, figs: list, pms: list, mentions: list):
        self.work, self.s, self.e = work, s, e
        self.index = {id(f): i for i, f in enumerate(figs)}
        self.fig_starts = [f.num_start for f in figs]
        self.figs = figs
        self.ends = sorted(f.num_end for f in figs)
        # For each figure, where the last count before it in the sentence ends.
        self.prev_count_end = []
        prev = s
        for f in figs:
            self.prev_count_end.append(prev)
            if f.kind == "count":
                prev = f.num_end
        self.real = [pm for pm in pms if pm.is_period]
        self.real_starts = [pm.start for pm in self.real]
        self.mention_starts = [m.start for m in mentions]
        # The last count that is a result (not a goal): a breakdown by years ends there.
        self.last_result_count = max(
            (f.num_start for f in figs if f.kind == "count" and f.metric not in _GOAL_METRICS),
            default=-1,
        )
        self._names_term: bool | None = None
        self._raised_end: int | None = None

    def first_after(self, pos: int):
        """The first figure opening after ``pos``, or None."""
        k = bisect.bisect_right(self.fig_starts, pos)
        return self.figs[k] if k < len(self.figs) else None

    def last_end_by(self, pos: int) -> int:
        """Where the last figure ending at or before ``pos`` ends (-1 when none does)."""
        k = bisect.bisect_right(self.ends, pos)
        return self.ends[k - 1] if k else -1

    @property
    def names_term(self) -> bool:
        if self._names_term is None:
            self._names_term = _TERM_WORD_RE.search(self.work, self.s, self.e) is not None
        return self._names_term

    def raised_to_before(self, pos: int) -> bool:
        """ "nâng"/"đưa" between the sentence start and ``pos``: the words cannot overlap,
        so the first one in the sentence decides."""
        if self._raised_end is None:
            m = _RAISED_TO_RE.search(self.work, self.s, self.e)
            self._raised_end = m.end() if m else self.e + 1
        return self._raised_end <= pos


def _trim(work: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (work[a].isspace() or work[a] in ",;:("):
        a += 1
    while b > a and (work[b - 1].isspace() or work[b - 1] in ",;:(."):
        b -= 1
    return a, b


_TABLE_NUMBER_RE = re.compile(r"(\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)\s*(%)?")
# Column heads of an admissions table, lower-cased: the plan, the admitted, the share.
_TABLE_HEADS = (
    (re.compile(r"(?:tên\s+)?đơn\s+vị|địa\s+phương|đảng\s+bộ(?:\s+trực\s+thuộc)?"), "unit"),
    (re.compile(r"(?:chỉ\s+tiêu|kế\s+hoạch)(?:\s+(?:giao|kết\s+nạp|năm(?:\s+\d{4})?))?"), "target"),
    (re.compile(r"(?:đã\s+|số\s+(?:đảng\s+viên\s+)?)?kết\s+nạp|kết\s+quả"), "admitted"),
    (re.compile(r"(?:tỷ\s+lệ|tỉ\s+lệ)(?:\s+đạt)?(?:\s*\(%\))?|%|đạt\s*\(?%\)?"), "percent"),
)


def _table_columns(line: str) -> dict | None:
    """Column map of a table head line ("STT\tĐơn vị\tChỉ tiêu\tĐã kết nạp\tTỷ lệ"):
    a unit column and an admitted column at least; any other head is ignored."""
    cells = [c.strip().lower() for c in line.split("\t")]
    if len(cells) < 3:
        return None
    cols: dict = {"n": len(cells)}
    for i, cell in enumerate(cells):
        for rx, name in _TABLE_HEADS:
            if rx.fullmatch(cell):
                if name == "unit":
                    cols.setdefault("unit", i)
                elif name not in cols.values():
                    cols[i] = name
                break
    if "unit" not in cols or "admitted" not in cols.values():
        return None
    return cols


def _guess_title(
    work: str, lines: list[tuple[int, int]], flags: list[bool]
) -> tuple[int, int] | None:
    for (a, b), is_noise in zip(lines, flags, strict=True):
        if is_noise:
            continue
        line = work[a:b].strip()
        if line.lower().startswith("null "):
            line = line[5:]
        words = line.split()
        if len(words) < 4 or len(line) > 220 or line.endswith("."):
            continue
        if _HEADLINE_SKIP_RE.match(line) or periods.FULL_DATE_RE.search(line):
            continue
        if words[0].lower() in ("báo", "tạp") and all(w[:1].isupper() for w in words):
            continue  # a masthead ("Báo Sài Gòn Giải Phóng", "Tạp Chí Cộng Sản")
        letters = [c for c in line if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) > 0.6 * len(letters):
            continue
        off = work.index(line, a)
        return off, off + len(line)
    return None


# ------------------------------------------------------------------ figures


@dataclass
class _Figure:
    kind: str  # "count" or "percent"
    metric: str | None
    value: Decimal
    num_start: int
    num_end: int
    approximate: bool
    sentence: tuple[int, int]
    clause: tuple[int, int]
    linked: _Figure | None = None
    pct_kind: str | None = None
    period: tuple[datetime.date, datetime.date] | None = None
    period_label: str = ""
    period_mention: periods.PeriodMention | None = None
    org: Org | None = None
    org_mention: Mention | None = None
    present: bool = False  # a stock stated in the present tense ("... có N đảng viên")
    breakdown_of: _Figure | None = None  # "825 đảng viên (năm 2021: 270; ...)": the total


class _Extractor:
    def __init__(self, text: str, published, organisation: str | None):
        self.text = text
        self.work, self.mp = _prepare(text)
        work = self.work
        self.lines = _lines(work)
        line_texts = [work[a:b] for a, b in self.lines]
        # Each line is lower-cased once, here, for every scan that needs it (speed).
        line_lows = [t.lower() for t in line_texts]
        self.flags, spam = noise.line_flags(line_texts, line_lows)
        if published is None:
            published = periods.detect_published(work, [not s for s in spam])
        self.published = published
        kept = [i for i, f in enumerate(self.flags) if not f]
        clean = "\n".join(line_texts[i] for i in kept)
        # Lower case stops at a line break (even for a final sigma): joining the
        # lower-cased lines gives the text lower-cased.
        clean_low = "\n".join(line_lows[i] for i in kept)
        self.term = periods.find_term(clean, clean_low)
        # The article speaks of a party term (goals "đến năm 2025" are the term's then).
        self.term_context = self.term is not None or "nhiệm kỳ" in clean_low
        self.as_of = periods.find_as_of(clean, clean_low)
        self.title_span = _guess_title(work, self.lines, self.flags)

        # Article text with page noise blanked out (same offsets): mentions and periods
        # are found in one pass over it rather than one call per line (speed).
        article = "\n".join(
            " " * len(t) if f else t for t, f in zip(line_texts, self.flags, strict=True)
        )
        if all(len(line_lows[i]) == len(line_texts[i]) for i in kept):
            article_low = "\n".join(
                " " * len(t) if f else low
                for t, low, f in zip(line_texts, line_lows, self.flags, strict=True)
            )
        else:
            article_low = lower_same_length(article)
        self._line_starts = [a for a, _ in self.lines]
        self.mentions: list[tuple[Mention, int]] = []  # (mention, paragraph index)
        for m in organisations.find_org_mentions(article, low=article_low):
            if "\n" not in article[m.start : m.end]:
                self.mentions.append((m, self._line_of(m.start)))
        self.period_mentions = [
            pm
            for pm in periods.find_period_mentions(article, low=article_low)
            if "\n" not in article[pm.start : pm.end]
        ]
        self._pm_starts = [pm.start for pm in self.period_mentions]
        site: list[Mention] = []
        # The province whose newspaper this is: the first "Báo X" naming a province.
        self.newspaper: Org | None = None
        for idx, line in enumerate(line_texts):
            if spam[idx]:
                continue
            low = line_lows[idx]
            if "điện tử" in low:
                site.extend(organisations.site_mentions(line))
            if self.newspaper is None and ("báo" in low or "bao" in low):
                self.newspaper = organisations.newspaper_province(line, low)
                if self.newspaper is not None:
                    a = self.lines[idx][0]
                    site.append(Mention(a, a, self.newspaper, weight=1.0))
        if organisation:
            self.main = organisations.parse_org(organisation) or Org("", organisation.strip(), "")
        else:
            named = [m for m, _ in self.mentions] + site
            self.main = self._title_main() or organisations.choose_main(named, self.title_span)
        self.founding: list[tuple[int, int]] = []  # (position, year)
        # Lists of units: the metric the current line list's items share (set by a head
        # line ending with ":"), and the sentence holding an in-sentence list.
        self._line_list: str | None = None
        self._line_has_items = False
        self._inline_list: tuple[int, str] | None = None
        self._para_last_metric: str | None = None  # of the paragraph's last count so far
        self._cues: tuple[tuple[int, int], list[int]] | None = None
        self._mention_starts = [m.start for m, _ in self.mentions]
        # Named mentions by level word, in text order: a reference looks up the latest
        # one before it by bisection rather than walking all mentions (speed).
        self._named: dict[str, tuple[list[int], list[tuple[Org, int]]]] = {}
        for m, para in self.mentions:
            if m.org is not None:
                starts, orgs = self._named.setdefault(m.org.word, ([], []))
                starts.append(m.start)
                orgs.append((m.org, para))

    def _line_of(self, pos: int) -> int:
        return bisect.bisect_right(self._line_starts, pos) - 1

    # -- organisations

    def _title_main(self) -> Org | None:
        """The place a title opens with ("Bắc Giang: ..."), at the level the text refers to.

        Provincial news heads a story with the bare place name and then says only
        "Tỉnh ủy", "toàn tỉnh" or "toàn huyện"; the level words decide between the
        province and a district or city of the same name. Without any level word the
        name is kept level-less, so that a later "huyện" can still resolve to it.
        """
        if self.title_span is None:
            return None
        a, b = self.title_span
        m = _TITLE_NAME_RE.match(self.work, a, b)
        if not m:
            return None
        name = organisations.trim_name(m.group("name"), 4)
        tokens = name.split()
        if not tokens or (len(tokens) < 2 and not m.group("colon")):
            return None
        if len(tokens) >= 3 and tokens[0] in organisations.SURNAMES:
            return None  # a person's name heads the title
        n = gazetteer.official_prefix("any", tokens)
        if n == 0:
            return None  # no place: "Báo Quảng Ngãi", "Công tác ..."
        if n:
            tokens = tokens[:n]
            name = " ".join(tokens)
        rest = self.work[a + m.start("name") + len(name) : b]
        if not m.group("colon") and not re.match(r"\s+[^\W\d_A-ZĐ]", rest):
            return None
        key = organisations.distinctive_name(name)
        counts: dict[str, float] = {}
        named: dict[str, Org] = {}
        for mention, _ in self.mentions:
            if a <= mention.start < b:
                continue
            if mention.org is not None:
                if organisations.distinctive_name(mention.org.display) == key:
                    named.setdefault(mention.org.word, mention.org)
                    counts[mention.org.word] = counts.get(mention.org.word, 0) + 1
            elif mention.ref_word in _TERRITORY_WORDS:
                counts[mention.ref_word] = counts.get(mention.ref_word, 0) + 1
        if not counts:
            return None
        word = max(counts, key=lambda w: (counts[w], w in named))
        if word not in named and gazetteer.official_prefix(word, tokens) == 0:
            return None  # "Lâm Hà: ..." with "toàn tỉnh" below: not a province
        return named.get(word) or Org(word, name, organisations.level_for(word, name))

    def _resolve_ref(self, word: str, pos: int, para: int) -> Org | None:
        recent = None
        named = self._named.get(word)
        if named is not None:
            i = bisect.bisect_left(named[0], pos)
            if i:
                recent = named[1][i - 1]
        main = self.main
        if recent and recent[1] >= para - 1:
            return recent[0]
        if main is not None:
            if main.word == word:
                return main
            if main.word == "" and gazetteer.official_prefix(word, main.name.split()) != 0:
                return Org(word, main.name, organisations.level_for(word, main.name))
        if recent is None and self.newspaper is not None and word == self.newspaper.word:
            return self.newspaper  # "toàn tỉnh" in the province's own newspaper
        return recent[0] if recent else None

    def _mention_org(self, m: Mention, para: int) -> Org | None:
        if m.org is not None:
            return m.org
        return self._resolve_ref(m.ref_word or "", m.start, para)

    # -- main loop

    def run(self, clock: _Clock) -> list[Candidate]:
        out: list[Candidate] = []
        work = self.work
        # The period carries across paragraphs of the body ("6 tháng đầu năm 2023, toàn
        # tỉnh kết nạp ..." then "Thành phố X kết nạp 160 ..."), not past a heading or
        # page noise; the subject carries within a paragraph only.
        carried_period: periods.PeriodMention | None = None
        table: dict[int, str] | None = None
        for idx, ((a, b), is_noise) in enumerate(zip(self.lines, self.flags, strict=True)):
            clock.check()
            if is_noise:
                if a < b and work[a:b].strip():
                    carried_period = None
                continue
            if "\t" in work[a:b]:
                # A table flattened into tab-separated lines: its head names the columns.
                cols = _table_columns(work[a:b])
                if cols is not None:
                    table = cols
                    continue
                if table is not None:
                    rows = self._table_row(table, a, b, carried_period)
                    if rows is not None:
                        out.extend(rows)
                        continue
            table = None
            if self._starts_section(a, b) and not self._is_item_line(a, b):
                carried_period = None
            carried_org: tuple[Org, Mention] | None = None
            self._line_has_items = False
            self._para_last_metric = None
            line_pms = self.period_mentions[
                bisect.bisect_left(self._pm_starts, a) : bisect.bisect_left(self._pm_starts, b)
            ]
            line_pm_starts = [pm.start for pm in line_pms]
            for s, e in _sentences(work, a, b):
                clock.check()
                pms = line_pms[
                    bisect.bisect_left(line_pm_starts, s) : bisect.bisect_left(line_pm_starts, e)
                ]
                for pm in pms:
                    if pm.kind == "founding":
                        self.founding.append((pm.start, int(pm.groups[0])))
                figures = self._figures(s, e, pms) if _DIGIT_RE.search(work, s, e) else []
                lo = bisect.bisect_left(self._mention_starts, s)
                hi = bisect.bisect_left(self._mention_starts, e)
                sent_mentions = [m for m, _ in self.mentions[lo:hi]]
                self._sent = _SentenceIndex(work, s, e, figures, pms, sent_mentions)
                for fig in figures:
                    clock.check()
                    self._assign_org(fig, sent_mentions, idx, carried_org)
                    self._assign_period(fig, figures, pms, carried_period)
                    if (
                        fig.pct_kind == "population"
                        and fig.linked
                        and fig.linked.metric == "target"
                    ):
                        fig.metric = "members_population_pct_target"
                counts = [f for f in figures if f.kind == "count"]
                if counts:
                    self._para_last_metric = counts[-1].metric
                for fig in figures:
                    out.extend(self._candidates(fig))
                real = [pm for pm in pms if pm.is_period]
                if real:
                    carried_period = real[-1]
                    last = figures[-1] if figures else None
                    if (
                        last is not None
                        and last.period_mention is not None
                        and last.num_end <= real[-1].start
                        and _PLAN_BEFORE_RE.search(work[last.num_end : real[-1].start][-60:])
                    ):
                        # "đạt 103,25% chỉ tiêu Tỉnh ủy giao năm 2024": the year is the
                        # plan's; the figures below share the total's period.
                        carried_period = last.period_mention
                elif figures and figures[-1].period_mention is not None:
                    carried_period = figures[-1].period_mention
                for m in sent_mentions:
                    org = self._mention_org(m, idx)
                    if org is not None:
                        carried_org = (org, m)
            self._update_line_list(a, b)
        return out

    def _table_row(
        self, cols: dict[int, str], a: int, b: int, carried: periods.PeriodMention | None
    ) -> list[Candidate] | None:
        """Figures of one row under a table head ("1\tHuyện A\t120\t126\t105%"), read with
        the period the text above the table names; None when the line is no such row."""
        cells = self.work[a:b].split("\t")
        if len(cells) != cols["n"]:
            return None
        org = organisations.parse_org(cells[cols["unit"]])
        if org is None or not org.level or carried is None or self.published is None:
            return [] if org is not None else None
        ctx = periods.PeriodContext(published=self.published, as_of=self.as_of, term=self.term)
        rng = periods.resolve(carried, ctx)
        if rng is None:
            return []
        if carried.kind in _STOCK_ONLY_KINDS:
            rng = (datetime.date(rng[1].year, 1, 1), rng[1])
        out = []
        pos = a
        for i, cell in enumerate(cells):
            metric = cols.get(i)
            m = _TABLE_NUMBER_RE.fullmatch(cell.strip())
            cell_start = pos
            pos += len(cell) + 1
            if not isinstance(metric, str) or m is None or (metric == "percent") != bool(m[2]):
                continue
            if metric == "percent":
                metric = "percent_of_target"
            vs = cell_start + cell.index(m[1])
            oa, ob = self._span(a, b)
            va, vb = self._span(vs, vs + len(m[1]))
            out.append(
                Candidate(
                    organisation=org.display,
                    org_level=org.level,
                    metric=metric,
                    period_start=rng[0],
                    period_end=rng[1],
                    period_label=carried.label,
                    value=numbers.parse_number(m[1]),
                    quote=self.text[oa:ob],
                    start=oa,
                    end=ob,
                    value_start=va,
                    value_end=vb,
                )
            )
        return out

    def _is_item_line(self, a: int, b: int) -> bool:
        """A line of a unit list ("Huyện Văn Lâm: 120 đảng viên, đạt 105%"): short and
        without a sentence end, but no heading; the list head's period goes on."""
        if not self._line_list:
            return False
        i = bisect.bisect_left(self._mention_starts, a)
        if i >= len(self.mentions) or self.mentions[i][0].start >= b:
            return False
        return bool(_ITEM_BULLET_RE.match(self.work, a, self.mentions[i][0].start))

    def _update_line_list(self, a: int, b: int) -> None:
        """After a line: does a list of unit lines follow, or go on, or end here?"""
        work = self.work
        if a == b or not _NON_SPACE_RE.search(work, a, b):
            return  # blank lines do not end a list
        if self._line_has_items:
            return
        self._line_list = None
        line = work[a:b].rstrip()
        if not line.endswith(":"):
            return
        sents = _sentences(work, a, a + len(line))
        hs = sents[-1][0] if sents else a
        admitted_before = self._para_last_metric == "admitted"
        self._line_list = metrics.classify_list_head(work[hs : a + len(line)], admitted_before)

    def _open_verb_list(self, s: int, ns: int) -> None:
        """ "Quận 12 kết nạp 410 đảng viên, quận Bình Thạnh 325 đảng viên": a unit opening
        the sentence or a list with its own verb; the units after it leave the verb out."""
        i = bisect.bisect_left(self._mention_starts, ns) - 1
        if i < 0:
            return
        m = self.mentions[i][0]
        if m.org is None or m.start < s or m.org.level not in _UNIT_LEVELS:
            return
        if not _UNIT_VERB_GAP_RE.fullmatch(self.work, m.end, ns):
            return
        work = self.work
        if _NON_SPACE_RE.search(work, s, m.start) and not _ends_list_head(work, s, m.start):
            return
        self._inline_list = (s, "admitted")

    def _list_item(self, s: int, prev_end: int, ns: int) -> str | None:
        """The metric of "<unit> N đảng viên" as an item of a list, or None.

        The number must follow a named unit directly (a colon or dash between them at
        most), and the unit must open an item: right after the list's head (in the
        sentence, or on the line under a head line) or after the previous item's
        separator.
        """
        work = self.work
        i = bisect.bisect_left(self._mention_starts, ns) - 1
        if i < 0:
            return None
        m = self.mentions[i][0]
        if m.org is None or m.start < prev_end or not _ITEM_GAP_RE.match(work[m.end : ns]):
            return None
        before = work[prev_end : m.start]
        inline = self._inline_list
        if inline is not None and inline[0] == s and prev_end > s:
            return inline[1] if _ITEM_SEP_RE.match(before) else None
        if prev_end == s and self._line_list and s == self.lines[self._line_of(s)][0]:
            if _ITEM_BULLET_RE.match(before):
                self._line_has_items = True
                self._inline_list = (s, self._line_list)  # "- Huyện A: 12; huyện B: 10"
                return self._line_list
            return None
        if prev_end == s and _LIST_HEAD_END_RE.search(before):
            admitted_before = self._para_last_metric == "admitted"
            metric = metrics.classify_list_head(before, admitted_before)
            if metric is not None:
                self._inline_list = (s, metric)
            return metric
        return None

    def _starts_section(self, a: int, b: int) -> bool:
        """The title or a heading (short, no sentence end): the period does not carry past it."""
        if self.title_span and a <= self.title_span[0] < b:
            return True
        return b - a < 160 and not _HEADING_END_RE.search(self.work, a, b)

    def _figures(self, s: int, e: int, pms: list[periods.PeriodMention]) -> list[_Figure]:
        work = self.work
        figs: list[_Figure] = []
        masked = [(pm.start, pm.end) for pm in pms]
        for dm in periods.FULL_DATE_RE.finditer(work, s, e):
            masked.append((dm.start(), dm.end()))
        # Numbers and "admitted/target" pairs, in text order; a number's value is read
        # only once it is a figure (speed: most are years, dates or other counts).
        tokens: list[tuple[int, int, Decimal | None, tuple | None]] = [
            (ns, ne, None, None) for ns, ne in numbers.find_number_spans(work, s, e)
        ]
        if "/" in work[s:e]:
            for pm_ in _PAIR_RE.finditer(work, s, e):
                first = numbers.parse_number(pm_.group(1))
                second = numbers.parse_number(pm_.group(2))
                tokens.append((pm_.start(), pm_.end(), first, (pm_.start(2), pm_.end(2), second)))
            tokens.sort(key=lambda t: t[0])
        masked.sort()
        mask_starts = [ms for ms, _ in masked]
        # The furthest end among the masks opening at or before each one: a number is
        # masked when that reaches past it (bisection, not a walk over every mask).
        mask_reach = list(itertools.accumulate((me for _, me in masked), max))
        tokens = [
            t
            for t in tokens
            if not _masked(mask_starts, mask_reach, t[0])
            and not _SO_BEFORE_REV_RE.match(work[max(s, t[0] - 12) : t[0]][::-1])
        ]
        if not tokens:
            return figs
        prev_end = s
        clauses = _Clauses(work, s, e)
        last_count: _Figure | None = None  # the sentence's last count so far
        seen = 0
        for i, (ns, ne, value, pair) in enumerate(tokens):
            for f in figs[seen:]:
                if f.kind == "count":
                    last_count = f
            seen = len(figs)
            if pair is None and (
                _RANGE_BEFORE_RE.search(work[max(s, ns - 8) : ns])
                or _RANGE_AFTER_RE.match(work, ne, e)
            ):
                prev_end = ne
                continue
            if value is None:
                value = numbers.parse_number(work[ns:ne])
                # "1,455 đảng viên": people come in whole numbers, so a comma before
                # three digits groups thousands the English way.
                if (
                    work.find(",", ns, ne) != -1
                    and _ENGLISH_GROUPS_RE.fullmatch(work, ns, ne)
                    and metrics.PERSON_RE.match(work, ne, e)
                ):
                    value = numbers.parse_number(work[ns:ne].replace(",", ""))
                thousand = _THOUSAND_RE.match(work, ne, e)
                if thousand:
                    # "hơn 2 nghìn đảng viên", "2,5 ngàn quần chúng": the word multiplies.
                    value, ne = value * 1000, thousand.end()
            clause = clauses.around(ns)
            pre_clause = work[clause[0] : ns]
            approx = numbers.is_approximate(work, ns)
            pm = _PERCENT_AFTER_RE.match(work, ne, e) if pair is None else None
            if pm:
                post = work[pm.end() : clause[1]]
                res = metrics.classify_percent(pre_clause, post)
                if res is None:
                    prev_end = pm.end()
                    continue
                pct_kind, excess = res
                val = value + 100 if excess else value
                fig = _Figure(
                    "percent", None, val, ns, ne, approx, (s, e), clause, pct_kind=pct_kind
                )
                fig.linked = self._link(figs, fig)
                if not self._settle_percent(fig):
                    prev_end = pm.end()
                    continue
                figs.append(fig)
                prev_end = pm.end()
                continue
            noun_m = metrics.PERSON_RE.match(work, ne, e)
            total = self._breakdown_total(last_count, ns, ne, e) if pair is None else None
            if total is not None:
                # "825 đảng viên (năm 2021: 270; năm 2022: 275)": each year's share.
                fig = _Figure("count", total.metric, value, ns, ne, approx, (s, e), clause)
                fig.breakdown_of = total
                figs.append(fig)
                prev_end = noun_m.end() if noun_m else ne
                continue
            if not noun_m:
                metric = None
                if pair is None:
                    metric = self._nounless(work[prev_end:ns], ne, e, tokens, i + 1)
                prev_end = ne
                if metric is not None:
                    fig = _Figure("count", metric, value, ns, ne, approx, (s, e), clause)
                    fig.present = metric == "members_total"
                    figs.append(fig)
                continue
            nxt = numbers.NUMBER_RE.search(work, noun_m.end(), e)
            post_end = min(clause[1], nxt.start() if nxt else e)
            post = work[noun_m.end() : post_end]
            la_so = work[ne : nxt.start() if nxt else e]
            metric = metrics.classify_count(
                work[prev_end:ns], pre_clause, post, noun_m.group("noun"), la_so
            )
            if metric is None and pair is None and noun_m.group("noun").lower() in _ITEM_NOUNS:
                metric = self._list_item(s, prev_end, ns)
            elif metric == "admitted" and pair is None and self._inline_list is None:
                self._open_verb_list(s, ns)
            prev_end = noun_m.end()
            if metric is None:
                continue
            if pair is not None:
                if metric not in ("admitted", "trained"):
                    continue
                ps, pe, second = pair
                fig = _Figure("count", metric, value, ns, ps - 1, approx, (s, e), clause)
                fig.num_end = ns + len(work[ns:ps].rstrip(" /"))
                figs.append(fig)
                tgt = "target" if metric == "admitted" else "trained_target"
                partner = _Figure("pair", tgt, second, ps, pe, approx, (s, e), clause)
                partner.linked = fig
                figs.append(partner)
                continue
            fig = _Figure("count", metric, value, ns, ne, approx, (s, e), clause)
            if metric == "members_total":
                fig.present = metrics.is_have_stock(pre_clause, post) or bool(
                    re.search(r"hiện", pre_clause, re.I)
                )
            figs.append(fig)
        return figs

    def _nounless(self, pre_near: str, ne: int, e: int, tokens: list, nxt: int) -> str | None:
        """The metric of a number without a noun after it, or None.

        Two forms: the noun comes first ("số đảng viên mới kết nạp là 87"), or a list
        shares the noun of its last item ("năm 2022 kết nạp 120, năm 2023 kết nạp 135
        đảng viên").
        """
        work = self.work
        if not _NOUNLESS_END_RE.match(work, ne, e):
            return None
        metric = metrics.classify_nounless(pre_near)
        if metric is not None:
            return metric
        if not _LIST_NEXT_RE.match(work, ne, e) or nxt >= len(tokens):
            return None
        ns2, ne2, _v, pair = tokens[nxt]
        if pair is not None or ns2 - ne > 80:
            return None
        noun_m = metrics.PERSON_RE.match(work, ne2, e)
        between = work[ne:ns2]
        if (
            noun_m is None
            or noun_m.group("noun").lower() not in metrics.PARTY_NOUNS
            or not metrics.ADMIT_PRE_RE.search(between)
        ):
            return None
        post = work[noun_m.end() : min(e, noun_m.end() + 80)]
        return metrics.classify_count(pre_near, pre_near, post, noun_m.group("noun"), "")

    def _breakdown_total(self, last: _Figure | None, ns: int, ne: int, e: int) -> _Figure | None:
        """The total a "năm 2021: 270" item breaks down, when the number is such an item;
        ``last`` is the sentence's last count so far."""
        if last is None or not _BREAKDOWN_END_RE.match(self.work, ne, e):
            return None
        if last.metric not in ("admitted", "trained", "target"):
            return None
        gap = self.work[last.num_end : ns]
        if last.breakdown_of is not None:
            return last.breakdown_of if _BREAKDOWN_NEXT_RE.match(gap) else None
        return last if _BREAKDOWN_FIRST_RE.match(gap) else None

    def _link(self, figs: list[_Figure], pct: _Figure) -> _Figure | None:
        """The count a percentage qualifies: the last one before it in the sentence."""
        gap_start = None
        for prev in reversed(figs):
            if prev.kind == "pair":
                gap_start = prev.num_end  # "1.203/1.150 đảng viên, đạt 104,6%"
                continue
            if prev.kind == "count" and prev.breakdown_of is not None:
                # "825 đảng viên (năm 2021: 270; ...), đạt 68,75%": the total, past the list.
                close = self.work.find(")", prev.num_end, pct.num_start)
                if close < 0:
                    return prev
                gap = self.work[close + 1 : pct.num_start]
                if numbers.NUMBER_RE.search(gap) or len(gap) >= 200:
                    return None
                return prev.breakdown_of
            if prev.kind == "count":
                gap = self.work[gap_start or prev.num_end : pct.num_start]
                if numbers.NUMBER_RE.search(gap):
                    return None
                return prev if len(gap) < 200 else None
            return None
        return None

    def _settle_percent(self, fig: _Figure) -> bool:
        """Give a percentage its metric from what it qualifies; False drops it."""
        work = self.work
        linked = fig.linked
        if fig.pct_kind == "population":
            # The goal word may open the sentence: "Mục tiêu đến năm 2025, tỷ lệ đảng viên
            # so với dân số đạt 6,5%" (but not past another figure: "đạt 103% chỉ tiêu").
            cue_end = self._last_goal_cue_end(fig)
            target_ctx = (linked is not None and linked.metric == "target") or (
                cue_end is not None and not _FIGURE_IN_RE.search(work, cue_end, fig.num_start)
            )
            fig.metric = "members_population_pct_target" if target_ctx else "members_population_pct"
            return True
        if linked is not None and linked.metric in ("admitted", "trained"):
            fig.metric = (
                "percent_of_target" if linked.metric == "admitted" else "trained_percent_of_target"
            )
            return True
        if fig.pct_kind != "target":
            return False
        fig.linked = None
        before = work[max(fig.sentence[0], fig.num_start - 120) : fig.num_start]
        if metrics.ADMIT_WORD_RE.search(before):
            fig.metric = "percent_of_target"
            return True
        if metrics.TRAIN_WORD_RE.search(before):
            fig.metric = "trained_percent_of_target"
            return True
        return False

    def _last_goal_cue_end(self, fig: _Figure) -> int | None:
        """Where the last goal word before a percentage ends, in its sentence.

        The cues of a sentence are found once (its percentages are read before the
        sentence index exists, so they are kept per sentence here)."""
        s, e = fig.sentence
        if self._cues is None or self._cues[0] != (s, e):
            self._cues = ((s, e), [m.end() for m in _GOAL_CUE_RE.finditer(self.work, s, e)])
        ends = self._cues[1]
        # A cue must end before the number: the lead it was searched in stopped there.
        k = bisect.bisect_right(ends, fig.num_start)
        return ends[k - 1] if k else None

    def _is_qualifier(self, i: int, sent_mentions: list[Mention]) -> bool:
        """A mention that locates the one before it rather than naming the subject.

        "Đảng ủy xã Tân Mộc (huyện Lục Ngạn) kết nạp ..." and "xã Tân Mộc, huyện Lục
        Ngạn kết nạp ...": the higher-level name only says where the commune is.
        """
        work = self.work
        m = sent_mentions[i]
        if i == 0 or m.org is None:
            return False
        prev = sent_mentions[i - 1]
        if prev.org is None:
            return False
        gap = work[prev.end : m.start]
        if gap.strip() not in ("(", ",", "-", "–"):
            return False
        rank = {"cell": 0, "grassroots": 1, "commune": 2, "district": 3, "province": 4}
        return rank.get(m.org.level, 0) > rank.get(prev.org.level, 0)

    def _assign_org(self, fig: _Figure, sent_mentions: list[Mention], para: int, carried) -> None:
        source = fig.linked or fig.breakdown_of
        if source is not None:
            fig.org, fig.org_mention = source.org, source.org_mention
            return
        sent = self._sent
        n_before = bisect.bisect_left(sent.mention_starts, fig.num_start)
        for i in range(n_before - 1, -1, -1):
            m = sent_mentions[i]
            if self._is_qualifier(i, sent_mentions):
                continue
            if i != 0 and _ASSIGNER_AFTER_RE.match(self.work, m.end):
                continue  # "chỉ tiêu Tỉnh ủy giao": who set the plan, not the subject
            if m.ref_word in (organisations.MASS_ORG, organisations.UNKNOWN_UNIT):
                return  # "Hội Nông dân huyện giới thiệu ...": not a party organisation
            org = self._mention_org(m, para)
            if org is not None:
                fig.org, fig.org_mention = org, m
                return
            if m.ref_word in _TERRITORY_WORDS and not _ASSIGNER_AFTER_RE.match(self.work, m.end):
                # "toàn Đảng bộ tỉnh" with no province named: never credit the figure to
                # an organisation of another level (the commune named further on).
                return
        for m in sent_mentions[bisect.bisect_left(sent.mention_starts, fig.num_end) :]:
            if m.start >= fig.clause[1]:
                break
            if fig.num_end <= m.start:
                org = self._mention_org(m, para)
                if org is not None:
                    fig.org, fig.org_mention = org, m
                    return
        if carried is not None:
            fig.org, fig.org_mention = carried
            return
        fig.org = self.main

    def _assign_period(self, fig: _Figure, figs: list[_Figure], pms, carried) -> None:
        if fig.linked is not None:
            fig.period, fig.period_label = fig.linked.period, fig.linked.period_label
            fig.period_mention = fig.linked.period_mention
            return
        sent = self._sent
        real, starts = sent.real, sent.real_starts
        # Period mentions are sorted and do not overlap: each search below looks only at
        # those opening in its window (bisection), never at the whole sentence's.
        prev_end = sent.prev_count_end[sent.index[id(fig)]]
        chosen = None
        for k in range(bisect.bisect_left(starts, prev_end), len(real)):
            pm = real[k]
            if pm.start > fig.num_start:
                break
            if pm.end <= fig.num_start:
                chosen = pm
        if chosen is None:
            k = bisect.bisect_left(starts, fig.num_end)
            if k < len(real) and real[k].start < fig.clause[1]:
                chosen = real[k]
        if chosen is None:
            # "207 là số đảng viên ... kết nạp từ đầu năm đến nay, đạt ...": the period
            # may trail the figure, up to where the next figure's clause begins.
            later = sent.first_after(fig.num_end)
            limit = later.clause[0] if later else fig.sentence[1]
            for k in range(bisect.bisect_left(starts, fig.num_end), len(real)):
                pm = real[k]
                if pm.start > limit:
                    break
                if pm.end <= limit:
                    chosen = pm
                    break
        if chosen is None:
            for k in range(bisect.bisect_right(starts, fig.num_start) - 1, -1, -1):
                if real[k].end <= fig.num_start:
                    chosen = real[k]
                    break
        if (
            chosen is None
            and fig.metric == "members_total"
            and not sent.raised_to_before(fig.num_start)
        ):
            # "Tổng số đảng viên toàn Đảng bộ là 7.126 đồng chí" in a sentence without a
            # date: the count now, not at the end of a period an earlier sentence named
            # (unless it is the result of that period: "nâng tổng số ... lên").
            fig.present = True
        if chosen is None and not (fig.present and fig.metric == "members_total"):
            chosen = carried
        if chosen is None:
            if not fig.present or self.published is None:
                return
            chosen = periods.PeriodMention("now", fig.num_start, fig.num_start, "hiện nay", ())
        if chosen.kind == "now" and fig.metric != "members_total":
            chosen = self._term_to_date(chosen, fig, carried) or chosen
        ctx = periods.PeriodContext(published=self.published, as_of=self.as_of, term=self.term)
        if chosen.kind in periods.TO_DATE_KINDS or (chosen.kind == "range" and chosen.groups[1]):
            ends = []
            last_count = sent.last_result_count
            if last_count <= fig.num_end:
                last_count = -1
            for pm in real[bisect.bisect_right(starts, fig.num_end) :]:
                if pm.start > last_count:
                    break
                # A breakdown by years: each year introduces one of the later counts (not
                # the year of a plan: "đạt 45% chỉ tiêu năm 2026 là 40 đảng viên").
                if (
                    fig.num_end < pm.start
                    and pm.end <= last_count
                    and pm.kind == "year"
                    and not _PLAN_BEFORE_RE.search(self.work, max(0, pm.start - 60), pm.start)
                ):
                    r = periods.resolve(pm, ctx)
                    if r:
                        ends.append(r[1])
            if ends:
                ctx.breakdown_end = max(ends)
                if ctx.term is None and chosen.kind == "term_to_date":
                    ctx.term = periods.term_containing(max(ends).year)
        if chosen.kind == "since_founding":
            k = bisect.bisect_left(self.founding, (chosen.start,))
            ctx.founding_year = self.founding[k - 1][1] if k else None
        if fig.present and not (fig.sentence[0] <= chosen.start < fig.sentence[1]):
            # "Đảng bộ tỉnh có 104.598 đảng viên": a stock now, whatever came before.
            if self.published is None:
                return
            chosen = periods.PeriodMention("now", fig.num_start, fig.num_start, "hiện nay", ())
        rng = periods.resolve(chosen, ctx)
        if rng is None:
            return
        if fig.metric == "members_total" and rng[0] != rng[1]:
            rng = (rng[1], rng[1])
        if fig.metric != "members_total" and chosen.kind == "now" and rng[0] == rng[1]:
            return  # "đến nay, đã kết nạp 300": a running total from an unstated start
        if fig.metric != "members_total" and chosen.kind in _STOCK_ONLY_KINDS:
            # A flow "tính đến ngày 15/9/2023" runs from Jan 1 of that year (the as-of
            # convention); "đến năm 2025" is a horizon, not a period: give nothing,
            # unless it is a goal for the term ending that year.
            if chosen.kind == "stock_year" and not re.search(r"hết|cuối", chosen.label, re.I):
                rng = self._term_horizon(rng[1].year) if fig.metric in _GOAL_METRICS else None
                if rng is None:
                    return
            else:
                rng = (datetime.date(rng[1].year, 1, 1), rng[1])
        if (
            fig.metric == "target"
            and chosen.kind in _PART_YEAR_KINDS
            and self._follows_percent(fig, figs)
        ):
            # "đạt 34,3% chỉ tiêu năm (chỉ tiêu 140 đảng viên)": the plan is the year's.
            rng = (datetime.date(rng[1].year, 1, 1), datetime.date(rng[1].year, 12, 31))
        if fig.metric in ("admitted", "trained") and self._is_future(chosen, rng, fig):
            fig.metric = "target" if fig.metric == "admitted" else "trained_target"
        fig.period, fig.period_label, fig.period_mention = rng, chosen.label, chosen

    def _term_to_date(self, now_pm, fig: _Figure, carried) -> periods.PeriodMention | None:
        """ "Đến nay" right after a term: from the start of that term to now.

        The term is the one the previous sentence named ("Nhiệm kỳ 2020 - 2025, Đại hội
        đề ra chỉ tiêu ... Đến nay, đã kết nạp 702 đảng viên"), or the figure's own
        sentence speaks of the term ("đạt 78% chỉ tiêu nhiệm kỳ"); else None.
        """
        if now_pm.label.lower().startswith("hiện") or self.published is None:
            return None
        groups: tuple = (None, None)
        if carried is not None and carried.kind in ("term", "term_to_date"):
            if carried.groups and carried.groups[0]:
                groups = (carried.groups[0], carried.groups[1])
        elif not self._sent.names_term:
            return None
        if groups[0] and not int(groups[0]) <= self.published.year <= int(groups[1]):
            return None  # an earlier term: "đến nay" is not counted from its start
        return periods.PeriodMention("term_to_date", now_pm.start, now_pm.end, now_pm.label, groups)

    def _term_horizon(self, year: int) -> tuple[datetime.date, datetime.date] | None:
        """ "Mục tiêu đến năm 2025": a goal for the term ending that year, when it is current."""
        pub = self.published
        if not self.term_context or pub is None or year % 5 or not year - 5 <= pub.year <= year:
            return None
        return datetime.date(year - 5, 1, 1), datetime.date(year, 12, 31)

    def _follows_percent(self, fig: _Figure, figs: list[_Figure]) -> bool:
        """A stated plan right after the share of it ("đạt 34,3% (chỉ tiêu 140 đảng viên)")."""
        k = self._sent.index[id(fig)] - 1
        while k >= 0 and figs[k].num_end > fig.num_start:
            k -= 1
        return k >= 0 and figs[k].kind == "percent" and figs[k].metric == "percent_of_target"

    def _is_future(self, pm: periods.PeriodMention, rng, fig: _Figure) -> bool:
        """A bare "kết nạp N" over a term or years not yet begun is a plan, not a result."""
        pre = self.work[fig.clause[0] : fig.num_start]
        if metrics.ACHIEVED_RE.search(pre):
            return False
        if pm.kind == "term" and (self.published is None or rng[1] > self.published):
            # "Nhiệm kỳ 2015 - 2020 ... kết nạp 12.560 đảng viên, vượt 4,7% chỉ tiêu" near
            # the term's end: a share of the plan reached makes it a result.
            return not (
                rng[0] <= (self.published or rng[0])
                and _REACHED_AFTER_RE.match(self.work, fig.num_end, fig.sentence[1])
            )
        return self.published is not None and rng[0].year > self.published.year

    # -- output

    def _span(self, a: int, b: int) -> tuple[int, int]:
        if self.mp is None:
            return a, b
        return self.mp[a], self.mp[b]

    def _quote(self, fig: _Figure) -> tuple[int, int]:
        work = self.work
        a, b = fig.clause
        if fig.kind == "count":
            # Reach back to the period or subject that opens the sentence part, but never
            # past an earlier figure: "Năm 2021, toàn Đảng bộ tỉnh kết nạp 1.455 ...".
            floor = max(fig.sentence[0], self._sent.last_end_by(fig.num_start))
            if floor > fig.sentence[0]:
                bounds = list(_CLAUSE_BOUND_RE.finditer(work, floor, fig.num_start))
                floor = bounds[-1].end() if bounds else fig.clause[0]
            for anchor in (fig.period_mention, fig.org_mention):
                if anchor is not None and floor <= anchor.start < a and a - anchor.start < 120:
                    a = anchor.start
        if fig.kind == "count" and b - fig.num_end < 12:
            # Keep the noun: "kết nạp 26 đảng viên mới" rather than "kết nạp 26".
            m = _QUOTE_STOP_RE.search(work, fig.num_end, fig.sentence[1])
            b = m.start() if m else fig.sentence[1]
        if fig.kind == "count" and fig.breakdown_of is not None:
            pm = fig.period_mention  # "năm 2021: 270"
            if pm is not None and fig.sentence[0] <= pm.start < a and a - pm.end < 6:
                a = pm.start
        while b < fig.sentence[1] and _VERB_LIST_RE.match(work, b):
            # "theo dõi, bồi dưỡng và kết nạp vào Đảng ...": a comma inside a list of verbs
            # does not end the clause.
            nxt = _CLAUSE_BOUND_RE.search(work, b + 1, fig.sentence[1])
            b = nxt.start() if nxt else fig.sentence[1]
        a, b = _trim(work, a, b)
        if not (a <= fig.num_start and fig.num_end <= b):
            a, b = min(a, fig.num_start), max(b, fig.num_end)
        return a, b

    def _candidates(self, fig: _Figure) -> list[Candidate]:
        if fig.metric is None or fig.period is None or fig.org is None or not fig.org.level:
            return []
        if (
            fig.org.level == "district"
            and fig.org.word in _DISTRICT_WORDS
            and self.published is not None
            and self.published >= REFORM_DATE
            and fig.period[1] >= REFORM_DATE
        ):
            # After the reform there are no districts: a district's figure is only a report
            # on an earlier period about a former district.
            return []
        qa, qb = self._quote(fig)
        oqa, oqb = self._span(qa, qb)
        ova, ovb = self._span(fig.num_start, fig.num_end)
        org = fig.org
        main = self.main
        if (
            org.word == "đảng bộ"
            and org.level == "district"
            and main is not None
            and main.level == "province"
            and main.name
            and _UNNAMED_PROVINCE_BODY_RE.search(org.name)
        ):
            # "Đảng bộ Ủy ban nhân dân tỉnh" in an article on one province: that province's.
            org = Org(org.word, f"{org.name} {main.name}", org.level)
        cands = [
            Candidate(
                organisation=org.display,
                org_level=org.level,
                metric=fig.metric,
                period_start=fig.period[0],
                period_end=fig.period[1],
                period_label=fig.period_label,
                value=fig.value,
                quote=self.text[oqa:oqb],
                start=oqa,
                end=oqb,
                value_start=ova,
                value_end=ovb,
                approximate=fig.approximate,
            )
        ]
        linked = fig.linked
        if (
            fig.metric in ("percent_of_target", "trained_percent_of_target")
            and linked is not None
            and linked.metric in ("admitted", "trained")
            and fig.value > 0
            and not fig.approximate
            and not linked.approximate
        ):
            target = (linked.value * 100 / fig.value).quantize(Decimal(1), rounding=ROUND_HALF_UP)
            period, label = fig.period, fig.period_label
            pm0 = fig.period_mention
            if pm0 is not None and pm0.kind in _PART_YEAR_PLAN_KINDS:
                # Plans are annual: a share reported part-way is a share of the year's plan.
                y = period[1].year
                period = (datetime.date(y, 1, 1), datetime.date(y, 12, 31))
            for pm in periods.find_period_mentions(self.work, fig.num_end, fig.clause[1]):
                if pm.kind == "year":
                    r = periods.resolve(pm, periods.PeriodContext())
                    if r:
                        period, label = r, pm.label
            if _TERM_PLAN_RE.match(self.work, fig.num_end, fig.clause[1]):
                # "đạt 78% chỉ tiêu nhiệm kỳ": the plan is the whole term's.
                first = self.term[0] if self.term else fig.period[0].year
                first, last = periods.term_containing(first) if not self.term else self.term
                period = (datetime.date(first, 1, 1), datetime.date(last, 12, 31))
                label = f"nhiệm kỳ {first}-{last}"
            cands.append(
                Candidate(
                    organisation=org.display,
                    org_level=org.level,
                    metric="target" if linked.metric == "admitted" else "trained_target",
                    period_start=period[0],
                    period_end=period[1],
                    period_label=label,
                    value=target,
                    quote=self.text[oqa:oqb],
                    start=oqa,
                    end=oqb,
                    value_start=ova,
                    value_end=ovb,
                    derived=True,
                )
            )
        return cands


def _dedupe(cands: list[Candidate], title: tuple[int, int] | None = None) -> list[Candidate]:
    """One candidate per figure. A headline repeats a figure of the body: the body's sentence,
    which carries the organisation and period in full, is the better quote."""

    def in_title(c: Candidate) -> bool:
        return title is not None and title[0] <= c.start < title[1]

    stated = {
        (organisations.distinctive_name(c.organisation), c.metric, c.period_start, c.period_end)
        for c in cands
        if not c.derived
    }
    # A headline figure the body states too (maybe more exactly: "hơn 2.300" above,
    # "2.318" below) for the same organisation, metric and period only repeats it.
    in_body = {
        (organisations.distinctive_name(c.organisation), c.org_level, c.metric)
        + (c.period_start, c.period_end)
        for c in cands
        if not c.derived and not in_title(c)
    }
    # The same value for the same organisation and metric: the headline rounds the period
    # ("9 tháng đầu năm" above, "tính đến ngày 10-9" below), the body states it exactly.
    values_in_body = {
        (organisations.distinctive_name(c.organisation), c.org_level, c.metric, c.value)
        for c in cands
        if not c.derived and not in_title(c)
    }
    best: dict[tuple, Candidate] = {}
    for c in cands:
        key = (organisations.distinctive_name(c.organisation), c.org_level, c.metric)
        key += (c.period_start, c.period_end, c.value, c.derived)
        if c.derived and key[:1] + key[2:5] in stated:
            continue
        if in_title(c) and (key[:5] in in_body or key[:3] + key[5:6] in values_in_body):
            continue
        if key not in best or (in_title(best[key]) and not in_title(c)):
            best[key] = c
    kept = {id(c) for c in best.values()}
    return [c for c in cands if id(c) in kept]


def extract(
    text: str,
    published: datetime.date | None = None,
    organisation: str | None = None,
    *,
    deadline: float | None = DEADLINE,
) -> Extraction:
    """Admission figures in an article, each with organisation, period and quote.

    ``published`` overrides the date found on the page; ``organisation`` names the
    article's subject for texts that only say "toàn tỉnh" / "toàn huyện". Past
    ``deadline`` seconds (None: no limit) it raises ``ExtractionTimeout``.
    """
    clock = _Clock(seconds=deadline, size=len(text))
    ex = _Extractor(text, published, organisation)
    title = None
    title_span = None
    if ex.title_span:
        title_span = ex._span(*ex.title_span)
        title = text[title_span[0] : title_span[1]]
    cands = _dedupe(ex.run(clock), title_span)
    main = ex.main
    return Extraction(
        text=text,
        title=title,
        published=ex.published,
        organisation=main.display if main and main.level else (main.name if main else None),
        organisation_level=(main.level or None) if main else None,
        candidates=cands,
    )
