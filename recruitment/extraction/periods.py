"""Dates and reporting periods as Vietnamese party news writes them.

A figure is only useful with the period it covers, and Vietnamese reports name periods
in many idioms ("6 tháng đầu năm", "từ đầu nhiệm kỳ đến nay", "đến cuối năm 2023").
Mentions are found first (with their span, so numbers inside them are never read as
figures) and resolved later, because some need facts from elsewhere in the article:
the publication date, the party term, a founding year, an as-of date.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from . import noise, vocabulary
from .lowercase import lower_same_length

_DASH = r"\s*[-–—]\s*"
_MY = r"tháng\s+(\d{1,2})\s*(?:[/.\-]\s*|\s+năm\s+)(\d{4})"
_DMY = r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})"
_UNTIL = r"(?:đến|tới)\s+"

# A date not glued to a word: ``\b`` before the first digit, written as a look-behind
# after it, so that the pattern opens with a digit and the engine jumps from digit to
# digit instead of trying every character (speed; it matches exactly the same).
FULL_DATE_RE = re.compile(r"(\d(?<!\w\d)\d?)" + _DMY[len(r"(\d{1,2})") :] + r"(?![\d/])")
ISO_DATE_RE = re.compile(r"(\d(?<!\w\d)\d{3})-(\d{2})-(\d{2})(?![\d/])")
_HAS_DATE_RE = re.compile(r"\d[/.\-]\d")
# These two run on lower-cased text.
AS_OF_RE = re.compile(_UNTIL + r"(?:hết\s+)?ngày\s+" + _DMY)
TERM_RE = re.compile(r"nhiệm\s+kỳ\s+(\d{4})" + _DASH + r"(\d{4})")

# (kind, gate words, pattern) on lower-cased text; longer idioms win over the plain
# "năm 2023" they contain. A pattern runs only where one of its gate words occurs, which
# keeps extraction fast (most sentences name no period at all).
_PATTERNS: list[tuple[str, tuple[str, ...], str]] = [
    (
        "ytd",
        ("đầu năm",),
        r"(?:từ|trong)\s+đầu\s+năm(?:\s+(?:nay|(\d{4})))?(?:\s+(?:đến|tới|cho\s+đến)\s+"
        r"(?:nay|hiện\s+nay|(?:hết\s+)?ngày\s+(\d{1,2})\s*[/.\-]\s*(\d{1,2})"
        r"(?:\s*[/.\-]\s*(\d{4}))?))?",
    ),
    (
        "term_to_date",
        ("nhiệm",),
        r"(?:từ|trong)\s+đầu\s+nhiệm\s+kỳ(?:\s+(\d{4})" + _DASH + r"(\d{4}))?"
        # "Từ đầu nhiệm kỳ 2020-2025 đến đầu tháng 7/2023": up to the start of July, i.e. the
        # end of June; "... đến hết tháng 6/2023", "... đến ngày 30/6/2023".
        r"(?:\s+(?:đến|tới|cho\s+đến)\s+(?:nay|hiện\s+nay|ngày\s+(\d{1,2})\s*[/.\-]\s*(\d{1,2})"
        r"\s*[/.\-]\s*(\d{4})|(đầu\s+|hết\s+|cuối\s+)?tháng\s+(\d{1,2})\s*[/.\-]\s*(\d{4})))?",
    ),
    (
        "term",
        ("nhiệm",),
        r"(?:đến|tới)\s+(?:cuối|hết)\s+nhiệm\s+kỳ(?:\s+(\d{4})" + _DASH + r"(\d{4}))?",
    ),
    ("term", ("nhiệm", "giai"), r"(?:nhiệm\s+kỳ|giai\s+đoạn)\s+(\d{4})" + _DASH + r"(\d{4})"),
    (
        "range",
        ("từ",),
        r"từ\s+(?:năm\s+)?(\d{4})\s+(?:đến|tới)\s+(?:(nay|hiện\s+nay)|"
        + _MY
        + r"|(?:hết\s+|cuối\s+)?(?:năm\s+)?(\d{4}))",
    ),
    # "9 tháng đầu năm 2025", "11 tháng năm 2023", "10 tháng của năm nay": the first N
    # months (the bare forms need the year or "nay", so "ngày 5 tháng năm" stays out).
    (
        "months",
        ("tháng đầu", "tháng cuối", "tháng năm", "tháng của"),
        r"(\d{1,2})\s+tháng\s+(?:(đầu|cuối)\s+năm(?:\s+(?:nay|(\d{4})))?|"
        r"(?:của\s+)?năm\s+(?:nay|(\d{4})(?!\d)))",
    ),
    # "Trong 9 tháng qua" in a review: the year's first months, its year named elsewhere ("sơ
    # kết ... 9 tháng và triển khai nhiệm vụ 3 tháng cuối năm 2023").
    ("months", ("tháng qua",), r"([2-9]|1[01])\s+tháng\s+qua(?!\w)()()()"),
    # "Sáu tháng đầu năm 2013", "Chín tháng năm 2017": the count written in words.
    (
        "months",
        ("tháng đầu", "tháng cuối", "tháng năm", "tháng của"),
        r"(?<!\w)(hai|ba|bốn|sáu|bảy|tám|chín|mười\s+một|mười\s+hai|mười)\s+tháng\s+"
        r"(?:(đầu|cuối)\s+năm(?:\s+(?:nay|(\d{4})))?|(?:của\s+)?năm\s+(?:nay|(\d{4})(?!\d)))",
    ),
    ("quarter", ("quý",), r"quý\s+(iv|i{1,3}|[1-4])(?!\w)(?:\s*(?:năm\s+|[/\-]\s*)(\d{4}))?"),
    ("stock_date", ("đến", "tới"), _UNTIL + r"(?:hết\s+)?ngày\s+" + _DMY),
    # "Đến ngày 17/9": the year is the article's.
    (
        "stock_day",
        ("đến", "tới"),
        _UNTIL + r"(?:hết\s+)?ngày\s+(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?!\s*[/.\-]?\s*\d)",
    ),
    ("stock_month", ("đến", "tới"), _UNTIL + r"(?:hết\s+|cuối\s+)?" + _MY),
    # "Đến đầu tháng 12-2025" ends on the first of that month; "đến hết tháng 7" without a
    # year is this year's.
    (
        "month_start",
        ("đầu tháng",),
        _UNTIL + r"đầu\s+tháng\s+(\d{1,2})(?:\s*(?:[/.\-]\s*|\s+năm\s+)(\d{4}))?(?![\d/.\-])",
    ),
    (
        "stock_month_this_year",
        ("đến", "tới"),
        _UNTIL + r"(?:hết\s+|cuối\s+)?tháng\s+(\d{1,2})(?!\s*(?:[/.\-]\s*\d|năm\s+\d|\d))",
    ),
    ("stock_year", ("hết", "cuối"), r"(?:hết|cuối)\s+năm\s+(\d{4})"),
    ("stock_year", ("đến", "tới"), _UNTIL + r"(?:hết\s+|cuối\s+)?năm\s+(\d{4})"),
    # "được kết nạp Đảng dịp 19/5", "riêng dịp 2/9 vừa qua", "kết nạp 51 đảng viên đợt 3-2":
    # the day of the occasion named (a round is named after it), this year's when it gives none.
    (
        "occasion",
        ("dịp", "đợt"),
        r"(?:dịp|đợt)\s+(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{4}))?(?![\d/.\-])",
    ),
    # "ngày 13 tháng 8 năm 2024": one day, written in words.
    ("day", ("ngày",), r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"),
    ("month", ("tháng",), _MY),
    # "trong 3 năm (2021-2023)", "năm 2021 - 2023", "các năm 2021-2023": whole years.
    # (Each starts with a digit or a literal: an optional lead-in makes the scan slow.)
    ("span", ("năm (", "năm("), r"\d{1,2}\s+năm\s*\(\s*(\d{4})" + _DASH + r"(\d{4})\s*\)"),
    ("span", ("năm",), r"năm\s+(\d{4})" + _DASH + r"(\d{4})(?!\d)"),
    # "Trong hai năm 2024 và 2025": two years in a row, together.
    ("span", ("hai năm", "2 năm"), r"(?:hai|2)\s+năm\s+(\d{4})\s+và\s+(?:năm\s+)?(\d{4})(?!\d)"),
    ("founding", ("thành lập",), r"thành\s+lập\s+(?:từ\s+|vào\s+|trong\s+)?(?:năm\s+)?(\d{4})"),
    ("since_founding", ("sau",), r"sau\s+(\d{1,2})\s+năm\s+(?:được\s+)?(?:thành\s+lập|ra\s+đời)"),
    ("this_year", ("năm nay",), r"năm\s+nay"),
    # "trong nhiệm kỳ qua" at a congress of 2020: the term that ended, 2015–2020.
    ("past_term", ("nhiệm kỳ",), r"nhiệm\s+kỳ\s+(?:vừa\s+qua|qua|trước)(?!\w)"),
    # "Trong nhiệm kỳ, ... đã kết nạp được 34 đảng viên" in a congress's year: what the term
    # under review achieved (a result; "chỉ tiêu trong nhiệm kỳ kết nạp 100" is the next's).
    (
        "past_term",
        ("nhiệm kỳ",),
        r"trong\s+nhiệm\s+kỳ(?=\s*,?\s+(?:[^\W\d]+\s+){0,12}?(?:đã|được)\s)(?!\s+(?:này|tới|mới))",
    ),
    # "Trong năm, ..." and "năm qua": the year the article reviews (the one just ended in
    # a January or February article). Not "5 năm qua", "những năm qua" or "trong năm học".
    ("past_year", ("trong năm",), r"trong\s+năm(?=\s*[,;:.)]|\s*$|\s+(?:qua|vừa\s+qua)(?!\w))"),
    (
        "past_year",
        ("năm qua",),
        r"(?<!\d\s)(?<!nhiều\s)(?<!những\s)(?<!các\s)(?<!mấy\s)năm\s+(?:vừa\s+)?qua(?!\w)",
    ),
    # "năm học 2023 - 2024": a school year, which the README gives no dates for (it is
    # kept as a mention so its years are neither figures nor the calendar years).
    ("school_year", ("năm",), r"năm\s+học\s+(\d{4})" + _DASH + r"(\d{4})"),
    # "từ ngày 1/7/2025 đến nay", "từ tháng 7/2025 đến nay": from that day (month) to now.
    (
        "from_date",
        ("nay",),
        r"từ\s+(?:ngày\s+)?" + _DMY + r"\s+(?:đến|tới|cho\s+đến)\s+(?:nay|hiện\s+nay)",
    ),
    (
        "from_month",
        ("nay",),
        r"từ\s+" + _MY + r"\s+(?:đến|tới|cho\s+đến)\s+(?:nay|hiện\s+nay)",
    ),
    # "từ khi sáp nhập đến nay": since the 2025 merger (units merged on 2025-07-01), also
    # said "từ khi vận hành chính quyền địa phương 2 cấp".
    (
        "since_merger",
        ("từ",),
        r"từ\s+(?:khi|sau\s+khi|ngày)\s+(?:(?:thực\s+hiện|vận\s+hành|triển\s+khai)\s+)?"
        r"(?:sáp\s+nhập|hợp\s+nhất|(?:mô\s+hình\s+)?chính\s+quyền\s+địa\s+phương\s+(?:2|hai)\s+cấp)"
        r"(?:(?:[ \t]+[^\W\d]+){0,6}?[ \t]+(?:đến|tới|cho[ \t]+đến)[ \t]+(?:nay|hiện[ \t]+nay))?"
        r"(?!\w)",
    ),
    ("year", ("năm",), r"năm\s+(\d{4})(?!\d)"),
    # "đến thời điểm này", "đến thời điểm hiện tại": up to now, as "đến nay".
    (
        "now",
        ("hiện", "nay", "thời điểm"),
        r"hiện(?:\s+(?:nay|có|tại)|(?=\s*,))|(?:đến|tới|cho\s+đến)\s+"
        r"(?:nay|thời\s+điểm\s+(?:này|hiện\s+(?:nay|tại)))",
    ),
    # A year without "năm": at a clause start before a comma, or "2023 là năm ...".
    # (One pattern per century, each led by a literal: no two matches can overlap, since
    # the year must be followed by a space or a comma, so together they find the same.)
    ("bare_year", ("19",), r"(19[6-9]\d)(?=\s*,\s|\s+là\s+năm)"),
    ("bare_year", ("20",), r"(20[0-4]\d)(?=\s*,\s|\s+là\s+năm)"),
    ("year", ("19", "20"), r"(?:trong|vào|cả)\s+((?:19[6-9]|20[0-4])\d)(?![\w./,\-%])"),
]
_VERB_HIEN_RE = re.compile(r"(?:\w|(?:thực|xuất|thể|phát|biểu)\s)$")


def _top_level_split(p: str) -> list[str]:
    """``p`` split at its top-level ``|`` (none inside brackets or classes)."""
    parts, depth, cls, start, i = [], 0, False, 0, 0
    while i < len(p):
        c = p[i]
        if c == "\\":
            i += 2
            continue
        if cls:
            cls = c != "]"
        elif c == "[":
            cls = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(p[start:i])
            start = i + 1
        i += 1
    parts.append(p[start:])
    return parts


def _literal_led(p: str) -> list[str]:
    """Rewrite a pattern led by a choice of words as one pattern per word.

    Speed: the regex engine jumps straight to a literal prefix, but tries a pattern
    that opens with ``(?:đến|tới)`` at every "t" and "đ" of the text (five times slower).
    Only group-free choices are split, so capture numbering is unchanged.
    """
    alts = _top_level_split(p)
    if len(alts) > 1 and "(" not in p.replace("(?:", "").replace("(?=", "").replace("(?!", ""):
        return [q for a in alts for q in _literal_led(a)]
    if not p.startswith("(?:"):
        return [p]
    depth, i = 0, 0
    while i < len(p):
        if p[i] == "\\":
            i += 2
            continue
        depth += {"(": 1, ")": -1}.get(p[i], 0)
        if depth == 0:
            break
        i += 1
    head, rest = p[3:i], p[i + 1 :]
    if rest[:1] in ("?", "*", "+", "{") or "(" in head.replace("(?:", ""):
        return [p]
    return [a + rest for a in _top_level_split(head)]


_DIGIT_LED = r"(\d{1,2})\s+", r"\d{1,2}\s+"


def _anchor(p: str) -> re.Pattern | None:
    """For a pattern led by ``\\d{1,2}\\s+``, the rest of it, which opens with a word.

    Speed: the engine tries a digit-led pattern at every digit of the text (ten times
    slower than a literal-led one). The rest is searched instead, and the pattern is tried
    only at the one or two digits before each place the rest matches (see ``_scan``).
    """
    for lead in _DIGIT_LED:
        if p.startswith(lead):
            return re.compile(p[len(lead) :])
    return None


_COMPILED = [
    (kind, tuple(sorted(gates)), re.compile(q), _anchor(q))
    for kind, gates, p in _PATTERNS
    for q in _literal_led(p)
]

# Kinds that describe a stock at a moment rather than a span of time.
# Kinds that name a moment ("đến ngày 15/9/2023", "đến cuối năm 2023"): a flow counted up
# to it runs from 1 January of its year.
MOMENT_KINDS = frozenset(
    {"stock_date", "stock_day", "stock_month", "month_start", "stock_month_this_year"}
    | {"stock_year"}
)
STOCK_KINDS = MOMENT_KINDS | {"now"}
# Kinds whose end is "now": the publication date or an as-of date.
TO_DATE_KINDS = frozenset({"ytd", "term_to_date", "now", "since_merger", "from_date", "from_month"})

# The 2025 reform: provinces and communes merged, districts abolished, on this day.
MERGER_DATE = vocabulary.REFORM_DATE

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_MONTH_COUNTS = {
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
    "mười một": 11,
    "mười hai": 12,
}


@dataclass(frozen=True)
class PeriodMention:
    kind: str
    start: int
    end: int
    label: str
    groups: tuple

    @property
    def is_period(self) -> bool:
        return self.kind != "founding"


@dataclass
class PeriodContext:
    """Article-wide facts some period idioms need to be pinned to dates."""

    published: date | None = None
    as_of: date | None = None
    term: tuple[int, int] | None = None
    founding_year: int | None = None
    breakdown_end: date | None = None


def last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def term_containing(year: int) -> tuple[int, int]:
    """Party terms run 2015–2020, 2020–2025, 2025–2030 …; a shared year goes to the later."""
    first = year - (year - 2000) % 5
    return first, first + 5


def _scan(rx: re.Pattern, anchor: re.Pattern | None, low: str) -> Iterator[re.Match]:
    """``rx.finditer(low)``; for a digit-led ``rx``, found through its ``anchor``.

    A match of ``\\d{1,2}\\s+REST`` starts one or two characters before the whitespace
    run that precedes a match of REST (the anchor, which cannot overlap itself). Trying
    ``rx`` there, left to right and past the previous match only, gives what ``finditer``
    gives.
    """
    if anchor is None:
        yield from rx.finditer(low)
        return
    last_end = 0
    for am in anchor.finditer(low):
        ws = am.start()
        while ws > 0 and low[ws - 1].isspace():
            ws -= 1
        if ws == am.start():
            continue
        for pos in (ws - 2, ws - 1):
            if pos >= last_end and (m := rx.match(low, pos)):
                last_end = m.end()
                yield m
                break


def find_period_mentions(
    text: str, start: int = 0, end: int | None = None, low: str | None = None
) -> list[PeriodMention]:
    """Non-overlapping period idioms in ``text[start:end]``, longest first at each place.

    ``low`` is ``lower_same_length(text[start:end])`` when the caller has it already.
    """
    end = len(text) if end is None else end
    if low is None:
        low = lower_same_length(text[start:end])
    found: list[PeriodMention] = []
    # A gate is looked for only when a pattern needs it, and once (speed: one gate found
    # settles the others of its patterns).
    present: dict[str, bool] = {}
    for kind, gates, rx, anchor in _COMPILED:
        for g in gates:
            hit = present.get(g)
            if hit is None:
                hit = present[g] = g in low
            if hit:
                break
        else:
            continue
        for m in rx.finditer(low) if anchor is None else _scan(rx, anchor, low):
            a, b = start + m.start(), start + m.end()
            if (
                kind == "now"
                and low.startswith("hiện", m.start())
                and _VERB_HIEN_RE.search(low, max(0, m.start() - 6), m.start())
            ):
                continue  # "thực hiện có hiệu quả", "phát hiện": a verb, not "now"
            if kind == "months" and low.endswith("ngày ", 0, m.start()):
                continue  # "ngày 12 tháng năm 2023": a date written out, not N months
            if kind == "year" and low.endswith("sinh ", 0, m.start()):
                continue  # "quần chúng Nông Trường An (sinh năm 2003)": a birth year
            if kind == "year" and low.endswith(("cùng kỳ ", "so với "), 0, m.start()):
                continue  # "tăng 12,71% so với cùng kỳ năm 2022": the year compared with
            if kind == "bare_year":
                if a > 0 and (text[a - 1].isalnum() or text[a - 1] in "./,:-_"):
                    continue
                found.append((a, b, "year", m))
                continue
            found.append((a, b, kind, m))
    # Mentions are built for the kept matches only (speed: most overlap a longer one).
    found.sort(key=lambda f: (f[0], f[0] - f[1]))
    out: list[PeriodMention] = []
    last_end = -1
    for a, b, kind, m in found:
        if a >= last_end:
            out.append(PeriodMention(kind, a, b, text[a:b], m.groups()))
            last_end = b
    return out


def _year(s: str | None) -> int | None:
    return int(s) if s else None


def is_bare_term(m: PeriodMention) -> bool:
    """ "Trong nhiệm kỳ, ... đã kết nạp": a term named by no years and no "qua"."""
    return m.kind == "past_term" and m.label.lower().startswith("trong")


def opens_year(m: PeriodMention) -> bool:
    """A part of a year counted from 1 January: "6 tháng đầu năm", "9 tháng", "quý I"."""
    if m.kind == "months":
        return m.groups[1] != "cuối"
    return m.kind == "quarter" and m.groups[0].lower() in ("i", "1")


def named_year(m: PeriodMention) -> int | None:
    """The year a year or a part of one names ("Năm 2022", "6 tháng cuối năm 2013",
    "quý II/2020"), or None."""
    if m.kind == "year":
        return _year(m.groups[0])
    if m.kind == "months":
        return _year(m.groups[2]) or _year(m.groups[3])
    if m.kind == "quarter":
        return _year(m.groups[1])
    return None


def so_far(m: PeriodMention) -> bool:
    """ "Từ đầu năm đến nay", "tính đến nay": up to now, with no day of its own."""
    if m.kind == "ytd":
        return not m.groups[1]
    return m.kind == "now" and not m.label.lower().startswith("hiện")


def resolve(m: PeriodMention, ctx: PeriodContext) -> tuple[date, date] | None:
    """Pin a mention to (start, end) dates, or None where the article lacks the facts."""
    g = m.groups
    pub = ctx.published
    try:
        if m.kind == "year":
            y = int(g[0])
            return date(y, 1, 1), date(y, 12, 31)
        if m.kind == "span":
            a, b = int(g[0]), int(g[1])
            return (date(a, 1, 1), date(b, 12, 31)) if 0 < b - a <= 10 else None
        if m.kind == "this_year":
            return (date(pub.year, 1, 1), date(pub.year, 12, 31)) if pub else None
        if m.kind == "past_term":
            bare = is_bare_term(m)
            if pub is None:
                return None
            if bare and pub.year % 5:
                # "trong nhiệm kỳ đã kết nạp được" between congresses: this term so far.
                first = ctx.term[0] if ctx.term else term_containing(pub.year)[0]
                return date(first, 1, 1), pub
            end = pub.year - (pub.year - 2000) % 5
            return date(end - 5, 1, 1), date(end, 12, 31)
        if m.kind == "past_year":
            if pub is None:
                return None
            y = pub.year - 1 if pub.month <= 2 else pub.year
            return date(y, 1, 1), date(y, 12, 31)
        if m.kind == "months":
            n = _MONTH_COUNTS.get(" ".join(g[0].lower().split())) or int(g[0])
            y = _year(g[2]) or _year(g[3]) or (pub.year if pub else None)
            if y is None or not 1 <= n <= 12:
                return None
            if g[1] == "cuối":
                return date(y, 13 - n, 1), date(y, 12, 31)
            return date(y, 1, 1), last_day(y, n)
        if m.kind == "quarter":
            q = _ROMAN.get(g[0].lower()) or int(g[0])
            y = _year(g[1]) or (pub.year if pub else None)
            if y is None:
                return None
            return date(y, 3 * q - 2, 1), last_day(y, 3 * q)
        if m.kind == "month":
            mo, y = int(g[0]), int(g[1])
            return date(y, mo, 1), last_day(y, mo)
        if m.kind == "ytd":
            end = None
            if g[1]:
                y = _year(g[3]) or _year(g[0]) or (pub.year if pub else None)
                end = safe_date(y, int(g[2]), int(g[1])) if y else None
            end = end or ctx.breakdown_end or ctx.as_of or pub
            if end is None:
                return None
            y = _year(g[0]) or end.year
            return date(y, 1, 1), end
        if m.kind == "term_to_date":
            end = ctx.breakdown_end or ctx.as_of or pub
            g = (*g, None, None, None, None, None, None)  # a mention built with the term only
            if g[2]:
                end = safe_date(int(g[4]), int(g[3]), int(g[2]))
            elif g[6]:
                month, year = int(g[6]), int(g[7])
                if (g[5] or "").strip().lower() == "đầu":
                    end = safe_date(year, month, 1)
                    end = end - timedelta(days=1) if end else None
                else:
                    end = last_day(year, month)
            if g[0]:
                first = int(g[0])
            elif ctx.term:
                first = ctx.term[0]
            elif end:
                first = term_containing(end.year)[0]
            else:
                return None
            if end is None:
                return None
            return date(first, 1, 1), end
        if m.kind == "term":
            if g[0]:
                a, b = int(g[0]), int(g[1])
            elif ctx.term:
                a, b = ctx.term
            elif pub:
                a, b = term_containing(pub.year)
            else:
                return None
            return date(a, 1, 1), date(b, 12, 31)
        if m.kind == "range":
            a = int(g[0])
            if g[1]:
                end = ctx.breakdown_end or ctx.as_of or pub
            elif g[2]:
                end = last_day(int(g[3]), int(g[2]))
            else:
                end = date(int(g[4]), 12, 31)
            return (date(a, 1, 1), end) if end else None
        if m.kind in ("stock_date", "day"):
            d = safe_date(int(g[2]), int(g[1]), int(g[0]))
            return (d, d) if d else None
        if m.kind == "stock_month":
            d = last_day(int(g[1]), int(g[0]))
            return d, d
        if m.kind == "occasion":
            y = _year(g[2]) or (pub.year if pub else None)
            d = safe_date(y, int(g[1]), int(g[0])) if y else None
            return (d, d) if d else None
        if m.kind in ("stock_day", "month_start", "stock_month_this_year"):
            y = _year(g[1]) if m.kind == "month_start" else None
            y = y or (pub.year if pub else None)
            if y is None:
                return None
            if m.kind == "stock_day":
                d = safe_date(y, int(g[1]), int(g[0]))
            elif m.kind == "month_start":
                d = safe_date(y, int(g[0]), 1)
            else:
                d = last_day(y, int(g[0]))
            return (d, d) if d else None
        if m.kind == "stock_year":
            d = date(int(g[0]), 12, 31)
            return d, d
        if m.kind == "now":
            # "hiện nay"/"hiện có" is the day of publication; "đến nay" may be an as-of date.
            d = pub if m.label.lower().startswith("hiện") else (ctx.as_of or pub)
            return (d, d) if d else None
        if m.kind == "from_date":
            d, end = safe_date(int(g[2]), int(g[1]), int(g[0])), ctx.as_of or pub
            return (d, end) if d and end and d <= end else None
        if m.kind == "from_month":
            end = ctx.as_of or pub
            d = safe_date(int(g[1]), int(g[0]), 1)
            return (d, end) if d and end and d <= end else None
        if m.kind == "since_merger":
            end = ctx.as_of or pub
            if end is None or end < MERGER_DATE:
                return None
            return MERGER_DATE, end
        if m.kind == "since_founding":
            if ctx.founding_year is None:
                return None
            return date(ctx.founding_year, 1, 1), date(ctx.founding_year + int(g[0]), 12, 31)
    except (ValueError, TypeError):
        return None
    return None


# ---------------------------------------------------------------- publication date

_META_LINE_RE = re.compile(
    r"đăng\s+lúc|ngày\s+đăng|đăng\s+ngày|cập\s+nhật|xuất\s+bản|lượt\s+xem|lượt\s+đọc|"
    r"ngày\s+phát\s+hành|thời\s+gian\s+đăng|GMT|\b\d{1,2}:\d{2}\b",
    re.IGNORECASE,
)
_WEEKDAY_RE = re.compile(r"thứ\s+(?:hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|chủ\s+nhật", re.IGNORECASE)
# Lines whose date is the site's, not the article's: visit counters ("Hôm nay: ...",
# "Đang truy cập") and scrape or access stamps.
_NOT_ARTICLE_DATE_RE = re.compile(
    r"truy\s+cập|trực\s+tuyến\s*:|online|^\s*hôm\s+nay|hôm\s+nay\s*:|hôm\s+qua\s*:|"
    r"tuần\s+này\s*:|tháng\s+này\s*:|thống\s+kê\s+truy|scrap|crawl|retrieved|accessed|"
    r"fetched|downloaded|ngày\s+lấy|thời\s+điểm\s+lấy",
    re.IGNORECASE,
)
_EVENT_START_RE = re.compile(
    r"^\s*(?:\(?[\w ]{0,20}\)?\s*[-–—]\s*)?(?:(?:sáng|chiều|tối|trưa|đêm)\s+)?"
    r"(?:(?:ngày|hôm)\s+)?" + _DMY + r"\s*,",
    re.IGNORECASE,
)
# A dateline opening the lead: "(Ngày 12-7-2023) - Theo ...", "(ĐCSVN) – Ngày 5/3/2023, ...",
# "BG - Ngày 5/3/2023, ...". News sites stamp the article's own date there.
_DATELINE_RE = re.compile(
    r"^\s*(?:\(\s*(?:ngày\s+)?" + _DMY + r"\s*\)\s*[-–—:]"
    r"|\(?[\w .]{1,20}\)?\s*[-–—]\s*(?:(?:sáng|chiều|tối|trưa|đêm)\s+)?ngày\s+" + _DMY + r"\s*,)",
    re.IGNORECASE,
)


def _line_dates(line: str) -> list[date]:
    out = []
    for m in FULL_DATE_RE.finditer(line):
        d = safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if d:
            out.append(d)
    for m in ISO_DATE_RE.finditer(line):
        d = safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            out.append(d)
    return out


def _dateline(line: str) -> date | None:
    m = _DATELINE_RE.match(line)
    if not m:
        return None
    g = m.groups()
    day, month, year = (g[0], g[1], g[2]) if g[0] else (g[3], g[4], g[5])
    return safe_date(int(year), int(month), int(day))


def _event_date(line: str) -> date | None:
    """The event date a body paragraph opens with ("Sáng ngày 11/5/2022, ...")."""
    m = _EVENT_START_RE.match(line)
    return safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1))) if m else None


def _opening_date(line: str) -> tuple[float, date] | None:
    """(score, date) of a long line's opening: a dateline, else an event date."""
    lead = _dateline(line)
    if lead is not None:
        return 2.5, lead
    event = _event_date(line)
    return (0.5, event) if event is not None else None


def _date_lines(text: str) -> Iterator[int]:
    """Indices of the lines of ``text`` that hold something like a date ("5/3", "1-2").

    One search per such line over the whole text, resumed at the next line (speed: most
    lines hold none, and a search per line costs more than the scan).
    """
    idx, line_start = 0, 0
    pos = 0
    while m := _HAS_DATE_RE.search(text, pos):
        idx += text.count("\n", line_start, m.start())
        yield idx
        line_start = text.find("\n", m.end())
        if line_start < 0:
            return
        pos = line_start


# A page saved with its metadata opens with it: " date 2025-11-14 Chi bộ thôn ...".
_DATE_STAMP_RE = re.compile(r"\s*date\s+(\d{4})-(\d{2})-(\d{2})(?!\d)")


# A day stamped in a page's address: "/d20090421083100000.htm", "-20250812164136877.htm" —
# eight digits of year, month and day, then at most a time of day (six to nine digits).
_URL_DAY_RE = re.compile(
    r"[/\-]d?((?:19|20)\d{2})(\d{2})(\d{2})(?:\d{6,9})?(?=[./?#]|$)", re.IGNORECASE
)


def url_published(url: str) -> date | None:
    """The day a news site wrote into the page's address when it published it, or None.

    Only a fallback for a page that shows no date of its own: papers stamp the day they
    post, and a month alone ("/202204/") is not a day to end "từ đầu năm đến nay" on.
    """
    path = url.split("://", 1)[-1].partition("/")[2]
    for m in _URL_DAY_RE.finditer("/" + path):
        day = safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if day is not None:
            return day
    return None


def url_year(url: str) -> int | None:
    """The one year the headline in a page's address names ("chu-pah-ket-nap-32-dang-vien-
    trong-quy-i-2023-post234462.html" → 2023), or None (none, or a span "2020-2025").

    Only a fallback for a page that shows no date and names no year before a figure: the
    address keeps the headline the excerpt may have lost."""
    segment = url.split("?", 1)[0].split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    tokens = re.split(r"[-_.]", segment.lower())
    years = {
        int(t)
        for i, t in enumerate(tokens)
        if _SLUG_YEAR_RE.fullmatch(t) and not _SLUG_HORIZON.intersection(tokens[max(0, i - 2) : i])
    }
    return years.pop() if len(years) == 1 else None


_SLUG_YEAR_RE = re.compile(r"(?:19[5-9]|20[0-4])\d")
# "…-truoc-nam-2030", "…-vao-nam-2030", "den-2025": a goal's horizon, not the year reported.
_SLUG_HORIZON = frozenset({"truoc", "vao", "den", "toi"})


def detect_published(text: str, usable: list[bool] | None = None) -> date | None:
    """The article's own date, telling it from page dates, counters and scrape times.

    Dates on a byline-like line (posting time, "Cập nhật", view count) rank first, a
    dateline opening the lead ("(ĐCSVN) – Ngày 5/3/2023, ...") next, then a weekday
    header, then a bare date line; a body that opens with the event date ("Sáng ngày
    11/5/2022, ...") counts only when nothing else does. Visit counters, scrape stamps
    and lines of foreign spam (a scraper's "时间:") never count. A metadata stamp opening the
    page (" date 2025-11-14 ...") is the page's own date and comes before all of them.
    """
    stamp = _DATE_STAMP_RE.match(text)
    if stamp is not None:
        stamped = safe_date(int(stamp.group(1)), int(stamp.group(2)), int(stamp.group(3)))
        if stamped is not None:
            return stamped
    best: tuple[float, int, date] | None = None
    lines = text.split("\n")
    body_start = next(
        (i for i, line in enumerate(lines) if len(line) > 250 or len(line.split()) > 45),
        len(lines),
    )
    for idx in _date_lines(text):
        line = lines[idx]
        if (not usable[idx]) if usable is not None else noise.is_spam_line(line):
            continue
        # Only short lines can be bylines or headers; a long one only by how it opens
        # (cheap anchored checks, so body paragraphs cost little: their dates are
        # looked for only when the opening is a date).
        undated = FULL_DATE_RE.sub("", ISO_DATE_RE.sub("", line)) if len(line) < 200 else None
        if undated is None or len(undated) >= 120:
            opening = _opening_date(line)
            if opening is None or not _line_dates(line):
                continue
            score, first = opening
        else:
            dates = _line_dates(line)
            if not dates or _NOT_ARTICLE_DATE_RE.search(line):
                continue
            stripped_len = len(undated.strip())
            lead = _dateline(line)
            if _META_LINE_RE.search(line):
                score, first = 3.0, dates[0]
            elif lead is not None:
                score, first = 2.5, lead
            elif stripped_len < 40 and _WEEKDAY_RE.search(line):
                score, first = 2.0, dates[0]
            elif stripped_len < 25:
                score, first = 1.0, dates[0]
            else:
                event = _event_date(line)
                if event is None:
                    continue
                score, first = 0.5, event
        # Higher score wins. Among equals the later line (closer to the article) wins
        # above the body; below it (related links, footers) only a better kind counts.
        if best is None or score > best[0] or (score == best[0] and idx <= body_start):
            best = (score, idx, first)
    if best is None and "tháng" in text:
        return _word_date_published(lines[:body_start], usable)
    return best[2] if best else None


# A date written in words: "Thứ Bảy, ngày 3 tháng 2 năm 2024".
_WORD_DATE_RE = re.compile(
    r"(?<!\w)ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})(?!\d)", re.IGNORECASE
)


def _word_date_published(lines: list[str], usable: list[bool] | None) -> date | None:
    """A header or byline line above the body dated in words, when no line has a numeric
    date: the line must be short once the date is taken out (not a sentence of the body)."""
    for idx, line in enumerate(lines):
        if "tháng" not in line or (usable is not None and not usable[idx]):
            continue
        m = _WORD_DATE_RE.search(line)
        if m is None or _NOT_ARTICLE_DATE_RE.search(line):
            continue
        rest = (line[: m.start()] + line[m.end() :]).strip(" ,.-–—|()")
        if len(rest) < 40 and (not rest or _WEEKDAY_RE.search(rest) or _META_LINE_RE.search(rest)):
            return safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return None


def find_as_of(text: str, low: str | None = None) -> date | None:
    """First explicit as-of date ("tính đến ngày 10-9-2018") in the text.

    ``low`` is ``text.lower()`` when the caller has it already.
    """
    low = text.lower() if low is None else low
    if "ngày" not in low:
        return None
    found = [m for rx in _AS_OF_RES if (m := rx.search(low))]
    if not found:
        return None
    m = min(found, key=lambda x: x.start())
    return safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))


_AS_OF_RES = [re.compile(q) for q in _literal_led(AS_OF_RE.pattern)]


def find_term(text: str, low: str | None = None) -> tuple[int, int] | None:
    """The party term the article names, if any ("nhiệm kỳ 2020-2025").

    ``low`` is ``text.lower()`` when the caller has it already.
    """
    low = text.lower() if low is None else low
    m = TERM_RE.search(low) if "nhiệm" in low else None
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        if 0 < b - a <= 6:
            return a, b
    return None


# A day of a month, with its year or without: "24/9", "27.10", "12-8", "1/10/2025".
_DAY_MONTH_RE = re.compile(
    r"(?<![\d/.\-])(?=(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{4}))?(?![\d]))"
)
# Days of one month: "từ ngày 22 đến 24/9", "20 - 21/7", "1-5/12/2025", "12 - 14.10".
_DAY_RANGE_RE = re.compile(
    r"(?<![\d/.\-])(\d{1,2})\s*(?:[-–]|đến|và)\s*(?:ngày\s+)?(\d{1,2})\s*[/.\-]\s*(\d{1,2})"
    r"(?:\s*[/.\-]\s*(\d{4}))?(?!\d)"
)
# "ngày 13 tháng 8 năm 2024", "ngày 5 tháng 8".
_WORD_DAY_RE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?")
# Before a day that names an occasion rather than dates an event: "đợt 2/9", "nhân dịp 19/5".
_OCCASION_BEFORE_RE = re.compile(r"(?<!\w)(?:đợt|dịp)\s+$")
# A sentence ends at ". ", not at the dot of "27.10" or of "TP. Nha Trang", "TX. Phổ Yên".
_SENTENCE_RE = re.compile(r"(?:[^.\n]|\.(?!\s)|(?<=\btp)\.|(?<=\btx)\.)+")
CONGRESS_RE = re.compile(r"đại\s+hội")
# A party body founded: "Lễ công bố Quyết định thành lập Chi bộ cơ sở Công ty ...".
FOUNDING_RE = re.compile(r"thành\s+lập\s+(?:đảng\s+bộ|chi\s+bộ)")
# An admission ceremony: "Lễ kết nạp Đảng", "tổ chức kết nạp", "trao Quyết định kết nạp";
# "tổ chức buổi kết nạp", and a mistyped "lễ" ("tổ chức lế kết nạp"): a word between "tổ
# chức" and "kết nạp" names the event (not "tổ chức xét kết nạp", a committee's meeting).
CEREMONY_RE = re.compile(
    r"lễ\s+kết\s+nạp|tổ\s+chức\s+(?:(?!xét\s)[^\W\d_]+\s+)?kết\s+nạp|"
    r"quyết\s+định\s+kết\s+nạp"
)
# A course: "khai giảng lớp bồi dưỡng nhận thức về Đảng", "lớp đối tượng Đảng", and its
# "học viên" ("5 ngày từ 1-5/12, các học viên được nghiên cứu ...").
COURSE_RE = re.compile(
    r"khai\s+giảng|bế\s+giảng|bế\s+mạc|lớp\s+(?:bồi\s+dưỡng|học|đối\s+tượng|nhận\s+thức|"
    r"cảm\s+tình|sẽ|đã)|học\s+viên"
)


# Not a birth year: "Nông Trường An (sinh năm 2003)".
_NAMED_YEAR_RE = re.compile(r"(?<!sinh )năm\s+((?:19|20)\d\d)(?!\d)")
# A month the text tells as past, with its year: "Tháng 2-2024, chi bộ ... tách thành 2 chi
# bộ", "tháng 3/2023", "tháng 5 năm 2022" (not a horizon: "đến tháng 6/2025").
_TOLD_MONTH_RE = re.compile(
    r"(?<!đến )(?<!tới )(?<!trước )tháng\s+(?:1[0-2]|0?[1-9])\s*(?:[-/.]|năm)\s*"
    r"((?:19|20)\d\d)(?!\d)"
)


def _only_year(low: str) -> int | None:
    """The year of an undated report's event: the latest month it tells as past with its
    year, when no later year is named ("Ngày 20-10, ... lễ kết nạp" with "Tháng 2-2024,
    chi bộ ... tách" and "thành lập năm 2013": a report tells what came before the news);
    else the one year it names ("lớp ... đợt I năm 2019"); else None."""
    years = {int(m.group(1)) for m in _NAMED_YEAR_RE.finditer(low)}
    told = [int(m.group(1)) for m in _TOLD_MONTH_RE.finditer(low)]
    if told and max(told) >= max(years, default=0):
        return max(told)
    return years.pop() if len(years) == 1 else None


# Days the country marks, by the year they began: a ceremony "nhân kỷ niệm 75 năm Ngày Quốc
# khánh" on a page without a date was held in 1945 + 75.
_ANNIVERSARY_ORIGINS = (
    (r"thành\s+lập\s+Đảng", 1930),
    (r"Quốc\s+khánh", 1945),
    (r"Cách\s+mạng\s+[Tt]háng\s+Tám", 1945),
    (r"(?:ngày\s+)?sinh\s+(?:của\s+)?(?:Chủ\s+tịch\s+Hồ\s+Chí\s+Minh|Bác\s+Hồ)", 1890),
    (r"thành\s+lập\s+Đoàn", 1931),
    (r"thành\s+lập\s+Quân\s+đội\s+nhân\s+dân", 1944),
    (r"giải\s+phóng\s+(?:hoàn\s+toàn\s+)?miền\s+Nam", 1975),
)
_ANNIVERSARY_RE = re.compile(
    r"(?<![\d.,])(\d{2,3})\s+năm\s+(?:[Nn]gày\s+)?(?:("
    + ")|(".join(rx for rx, _ in _ANNIVERSARY_ORIGINS)
    + "))",
    re.IGNORECASE,
)


def anniversary_year(text: str) -> int | None:
    """The year an undated page's anniversaries fall in ("kỷ niệm 75 năm Ngày Quốc khánh" is
    2020, "94 năm Ngày thành lập Đảng" 2024), when they agree on one; else None."""
    years = set()
    for m in _ANNIVERSARY_RE.finditer(text):
        kind = next(i for i, g in enumerate(m.groups()[1:]) if g is not None)
        years.add(_ANNIVERSARY_ORIGINS[kind][1] + int(m.group(1)))
    return years.pop() if len(years) == 1 else None


def find_event_days(
    low: str,
    cue: re.Pattern,
    *,
    published: date | None,
    term: tuple[int, int] | None,
    anniversary: int | None = None,
) -> tuple[date, date] | None:
    """The first and last day of the event the article reports (a congress, a ceremony, a
    course), or None.

    Event reports give the days without the year ("diễn ra từ ngày 22 đến 24/9", "Ngày
    27.10", "Sáng 21/10"). The first sentence naming the event (``cue``) with a day opens
    it; the last day is the latest the report gives within a fortnight of that one (a
    congress is announced, opens with a preparatory session and closes days later). The
    year is the date's own, else the publication's, else that of the ``anniversary`` an
    undated page marks (``anniversary_year``), else the first year of the term a congress
    opens (one for 2020–2025 sits in 2020). ``low`` is the lower-cased text.
    """
    first: date | None = None
    latest: date | None = None
    if cue.search(low) is None:
        return None  # most articles report no such event (speed: one scan, not one a sentence)
    for sentence in _SENTENCE_RE.finditer(low):
        text = sentence.group(0)
        if not cue.search(text):
            continue
        ranges = list(_DAY_RANGE_RE.finditer(text))
        if (
            "ngày" not in text
            and not re.search(r"sáng|chiều|tối", text)
            and not ranges
            and not FULL_DATE_RE.search(text)  # "lớp sẽ bế mạc vào 17-4-2012"
        ):
            continue
        found: list[date] = []
        days = [(m.group(1), m.group(3), m.group(4)) for m in ranges]
        days += [(m.group(2), m.group(3), m.group(4)) for m in ranges]
        rest = _DAY_RANGE_RE.sub(" ", text)
        # "đợt 2/9/2022", "dịp 19/5": the occasion a batch is named after, the event's day only
        # when the sentence gives no other ("ngày 6/9, ... lễ kết nạp ... đợt 2/9/2022").
        occasions = []
        for m in _DAY_MONTH_RE.finditer(rest):
            named = _OCCASION_BEFORE_RE.search(rest, max(0, m.start() - 12), m.start())
            (occasions if named else days).append((m.group(1), m.group(2), m.group(3)))
        days += [(m.group(1), m.group(2), m.group(3)) for m in _WORD_DAY_RE.finditer(rest)]
        all_days = days + occasions
        days = days or occasions
        # An undated page: the sentence's latest dated day is the present ("Ngày 3/2, mừng
        # 94 năm thành lập Đảng (3/2/1930 - 3/2/2024)"), earlier years are recalled.
        # Or the year of the anniversary it marks: "Ngày 3/2, đúng 96 năm Ngày thành lập Đảng
        # (3/2/1930)" is 2026, the founding day in brackets is recalled.
        now = (
            published.year
            if published
            else anniversary or max((int(y) for _, _, y in all_days if y), default=0)
        )
        for day, month, year in days:
            if year is None:
                year = now or anniversary or (term[0] if term else None) or _only_year(low)
            elif now and abs(int(year) - now) > 1:
                continue  # a past event the article recalls ("lần thứ nhất, 7/5/1978")
            d = safe_date(int(year), int(month), int(day)) if year else None
            if d is not None:
                found.append(d)
        if not found:
            continue
        if first is None:
            first, latest = min(found), max(found)
        elif ranges and len(found) > 1 and first <= max(found) <= first + _EVENT_SPAN:
            # "Chiều ngày 22/3, ... bế giảng lớp ...", then "Lớp ... được tổ chức từ ngày 18
            # đến 22/3": the span stated in full opens the event.
            first = min(first, *(d for d in found if d >= max(found) - _EVENT_SPAN))
        latest = max([latest, *(d for d in found if first <= d <= first + _EVENT_SPAN)])
    return (first, latest) if first is not None and latest is not None else None


def names_day(text: str, *, day: date) -> bool:
    """Whether ``text`` gives ``day`` by its day and month ("Ngày 3/2", "ngày 3 tháng 2"):
    a sentence that dates an event itself, whatever longer period it also names."""
    for pattern in (_DAY_MONTH_RE, _WORD_DAY_RE):
        for m in pattern.finditer(text):
            if (int(m.group(1)), int(m.group(2))) == (day.day, day.month):
                return True
    return False


def names_span(text: str, *, first: date, last: date) -> bool:
    """Whether ``text`` gives the days from ``first`` to ``last`` as one span of a month
    ("từ 3-4/7/2022", "từ ngày 22 đến 24/9")."""
    for m in _DAY_RANGE_RE.finditer(text):
        a, b, month = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if (a, b, month) == (first.day, last.day, first.month) and first.month == last.month:
            return True
    return False


# How long after the first day an event report still speaks of the same event.
_EVENT_SPAN = timedelta(days=15)
