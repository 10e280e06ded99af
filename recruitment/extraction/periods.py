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
from dataclasses import dataclass
from datetime import date

from . import noise

_DASH = r"\s*[-–—]\s*"
_MY = r"tháng\s+(\d{1,2})\s*(?:[/.\-]\s*|\s+năm\s+)(\d{4})"
_DMY = r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})"
_UNTIL = r"(?:đến|tới)\s+"

FULL_DATE_RE = re.compile(r"\b" + _DMY + r"(?![\d/])")
ISO_DATE_RE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?![\d/])")
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
        r"(?:\s+(?:đến|tới|cho\s+đến)\s+(?:nay|hiện\s+nay))?",
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
    ("months", ("tháng",), r"(\d{1,2})\s+tháng\s+(đầu|cuối)\s+năm(?:\s+(?:nay|(\d{4})))?"),
    ("quarter", ("quý",), r"quý\s+(iv|i{1,3}|[1-4])(?!\w)(?:\s*(?:năm\s+|[/\-]\s*)(\d{4}))?"),
    ("stock_date", ("đến", "tới"), _UNTIL + r"(?:hết\s+)?ngày\s+" + _DMY),
    ("stock_month", ("đến", "tới"), _UNTIL + r"(?:hết\s+|cuối\s+)?" + _MY),
    ("stock_year", ("hết", "cuối"), r"(?:hết|cuối)\s+năm\s+(\d{4})"),
    ("stock_year", ("đến", "tới"), _UNTIL + r"(?:hết\s+|cuối\s+)?năm\s+(\d{4})"),
    ("month", ("tháng",), _MY),
    ("founding", ("thành lập",), r"thành\s+lập\s+(?:từ\s+|vào\s+|trong\s+)?(?:năm\s+)?(\d{4})"),
    ("since_founding", ("sau",), r"sau\s+(\d{1,2})\s+năm\s+(?:được\s+)?(?:thành\s+lập|ra\s+đời)"),
    ("this_year", ("năm nay",), r"năm\s+nay"),
    ("year", ("năm",), r"năm\s+(\d{4})(?!\d)"),
    ("now", ("hiện", "nay"), r"hiện\s+(?:nay|có|tại)|(?:đến|tới|cho\s+đến)\s+nay"),
    # A year without "năm": at a clause start before a comma, or "2023 là năm ...".
    ("bare_year", ("19", "20"), r"((?:19[6-9]|20[0-4])\d)(?=\s*,\s|\s+là\s+năm)"),
    ("year", ("19", "20"), r"(?:trong|vào|cả)\s+((?:19[6-9]|20[0-4])\d)(?![\w./,\-%])"),
]
_COMPILED = [(kind, frozenset(gates), re.compile(p)) for kind, gates, p in _PATTERNS]
_ALL_GATES = tuple(sorted({g for _, gates, _ in _PATTERNS for g in gates}))

# Kinds that describe a stock at a moment rather than a span of time.
STOCK_KINDS = frozenset({"stock_date", "stock_month", "stock_year", "now"})
# Kinds whose end is "now": the publication date or an as-of date.
TO_DATE_KINDS = frozenset({"ytd", "term_to_date", "now"})

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


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


def find_period_mentions(text: str, start: int = 0, end: int | None = None) -> list[PeriodMention]:
    """Non-overlapping period idioms in ``text[start:end]``, longest first at each place."""
    end = len(text) if end is None else end
    low = text[start:end].lower()
    if len(low) != end - start:  # a letter whose lower case is longer: keep offsets
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text[start:end])
    found: list[PeriodMention] = []
    present = {g for g in _ALL_GATES if g in low}
    if not present:
        return []
    for kind, gates, rx in _COMPILED:
        if gates.isdisjoint(present):
            continue
        for m in rx.finditer(low):
            a, b = start + m.start(), start + m.end()
            if kind == "bare_year":
                if a > 0 and (text[a - 1].isalnum() or text[a - 1] in "./,:-_"):
                    continue
                found.append(PeriodMention("year", a, b, text[a:b], m.groups()))
                continue
            found.append(PeriodMention(kind, a, b, text[a:b], m.groups()))
    found.sort(key=lambda p: (p.start, -(p.end - p.start)))
    out: list[PeriodMention] = []
    last_end = -1
    for p in found:
        if p.start >= last_end:
            out.append(p)
            last_end = p.end
    return out


def _year(s: str | None) -> int | None:
    return int(s) if s else None


def resolve(m: PeriodMention, ctx: PeriodContext) -> tuple[date, date] | None:
    """Pin a mention to (start, end) dates, or None where the article lacks the facts."""
    g = m.groups
    pub = ctx.published
    try:
        if m.kind == "year":
            y = int(g[0])
            return date(y, 1, 1), date(y, 12, 31)
        if m.kind == "this_year":
            return (date(pub.year, 1, 1), date(pub.year, 12, 31)) if pub else None
        if m.kind == "months":
            n = int(g[0])
            y = _year(g[2]) or (pub.year if pub else None)
            if y is None or not 1 <= n <= 12:
                return None
            if g[1].lower() == "cuối":
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
        if m.kind == "stock_date":
            d = safe_date(int(g[2]), int(g[1]), int(g[0]))
            return (d, d) if d else None
        if m.kind == "stock_month":
            d = last_day(int(g[1]), int(g[0]))
            return d, d
        if m.kind == "stock_year":
            d = date(int(g[0]), 12, 31)
            return d, d
        if m.kind == "now":
            d = ctx.as_of or pub
            return (d, d) if d else None
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
    r"GMT|\b\d{1,2}:\d{2}\b",
    re.IGNORECASE,
)
_WEEKDAY_RE = re.compile(r"thứ\s+(?:hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|chủ\s+nhật", re.IGNORECASE)
_EVENT_START_RE = re.compile(
    r"^\s*(?:\(?[\w ]{0,20}\)?\s*[-–—]\s*)?(?:(?:sáng|chiều|tối|trưa|đêm)\s+)?"
    r"(?:(?:ngày|hôm)\s+)?" + _DMY + r"\s*,",
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


def detect_published(text: str, usable: list[bool] | None = None) -> date | None:
    """The article's own date, telling it from page dates, counters and scrape times.

    Dates on a byline-like line (posting time, view counter, "Đăng lúc") rank first, a
    weekday header next, a bare date line after; a body that opens with the event date
    ("Sáng ngày 11/5/2022, ...") counts only when nothing else does. Lines of foreign
    spam (a scraper's "时间:") never count.
    """
    best: tuple[float, int, date] | None = None
    for idx, line in enumerate(text.split("\n")):
        if not _HAS_DATE_RE.search(line):
            continue
        if (not usable[idx]) if usable is not None else noise.is_spam_line(line):
            continue
        dates = _line_dates(line)
        if not dates:
            continue
        stripped = FULL_DATE_RE.sub("", ISO_DATE_RE.sub("", line)).strip()
        if _META_LINE_RE.search(line) and len(stripped) < 120:
            score = 3.0
        elif _WEEKDAY_RE.search(line) and len(stripped) < 40:
            score = 2.0
        elif len(stripped) < 25:
            score = 1.0
        elif _EVENT_START_RE.match(line):
            score = 0.5
            m = _EVENT_START_RE.match(line)
            dates = [safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))]
            if dates[0] is None:
                continue
        else:
            continue
        cand = (score, idx, dates[0])
        # Higher score wins; among equals the later line (closer to the article) wins.
        if best is None or score >= best[0]:
            best = cand
    return best[2] if best else None


def find_as_of(text: str) -> date | None:
    """First explicit as-of date ("tính đến ngày 10-9-2018") in the text."""
    m = AS_OF_RE.search(text.lower()) if "ngày" in text.lower() else None
    if not m:
        return None
    return safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))


def find_term(text: str) -> tuple[int, int] | None:
    """The party term the article names, if any ("nhiệm kỳ 2020-2025")."""
    low = text.lower()
    m = TERM_RE.search(low) if "nhiệm" in low else None
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        if 0 < b - a <= 6:
            return a, b
    return None
