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
    (
        "months",
        ("tháng đầu", "tháng cuối"),
        r"(\d{1,2})\s+tháng\s+(đầu|cuối)\s+năm(?:\s+(?:nay|(\d{4})))?",
    ),
    ("quarter", ("quý",), r"quý\s+(iv|i{1,3}|[1-4])(?!\w)(?:\s*(?:năm\s+|[/\-]\s*)(\d{4}))?"),
    ("stock_date", ("đến", "tới"), _UNTIL + r"(?:hết\s+)?ngày\s+" + _DMY),
    ("stock_month", ("đến", "tới"), _UNTIL + r"(?:hết\s+|cuối\s+)?" + _MY),
    ("stock_year", ("hết", "cuối"), r"(?:hết|cuối)\s+năm\s+(\d{4})"),
    ("stock_year", ("đến", "tới"), _UNTIL + r"(?:hết\s+|cuối\s+)?năm\s+(\d{4})"),
    ("month", ("tháng",), _MY),
    # "trong 3 năm (2021-2023)", "năm 2021 - 2023", "các năm 2021-2023": whole years.
    # (Each starts with a digit or a literal: an optional lead-in makes the scan slow.)
    ("span", ("năm (", "năm("), r"\d{1,2}\s+năm\s*\(\s*(\d{4})" + _DASH + r"(\d{4})\s*\)"),
    ("span", ("năm",), r"năm\s+(\d{4})" + _DASH + r"(\d{4})(?!\d)"),
    ("founding", ("thành lập",), r"thành\s+lập\s+(?:từ\s+|vào\s+|trong\s+)?(?:năm\s+)?(\d{4})"),
    ("since_founding", ("sau",), r"sau\s+(\d{1,2})\s+năm\s+(?:được\s+)?(?:thành\s+lập|ra\s+đời)"),
    ("this_year", ("năm nay",), r"năm\s+nay"),
    ("year", ("năm",), r"năm\s+(\d{4})(?!\d)"),
    (
        "now",
        ("hiện", "nay"),
        r"hiện(?:\s+(?:nay|có|tại)|(?=\s*,))|(?:đến|tới|cho\s+đến)\s+nay",
    ),
    # A year without "năm": at a clause start before a comma, or "2023 là năm ...".
    ("bare_year", ("19", "20"), r"((?:19[6-9]|20[0-4])\d)(?=\s*,\s|\s+là\s+năm)"),
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


_COMPILED = [
    (kind, frozenset(gates), re.compile(q)) for kind, gates, p in _PATTERNS for q in _literal_led(p)
]
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
            if (
                kind == "now"
                and low.startswith("hiện", m.start())
                and _VERB_HIEN_RE.search(low, max(0, m.start() - 6), m.start())
            ):
                continue  # "thực hiện có hiệu quả", "phát hiện": a verb, not "now"
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
        if m.kind == "span":
            a, b = int(g[0]), int(g[1])
            return (date(a, 1, 1), date(b, 12, 31)) if 0 < b - a <= 10 else None
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
            # "hiện nay"/"hiện có" is the day of publication; "đến nay" may be an as-of date.
            d = pub if m.label.lower().startswith("hiện") else (ctx.as_of or pub)
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


def detect_published(text: str, usable: list[bool] | None = None) -> date | None:
    """The article's own date, telling it from page dates, counters and scrape times.

    Dates on a byline-like line (posting time, "Cập nhật", view count) rank first, a
    dateline opening the lead ("(ĐCSVN) – Ngày 5/3/2023, ...") next, then a weekday
    header, then a bare date line; a body that opens with the event date ("Sáng ngày
    11/5/2022, ...") counts only when nothing else does. Visit counters, scrape stamps
    and lines of foreign spam (a scraper's "时间:") never count.
    """
    best: tuple[float, int, date] | None = None
    lines = text.split("\n")
    body_start = next(
        (i for i, line in enumerate(lines) if len(line) > 250 or len(line.split()) > 45),
        len(lines),
    )
    for idx, line in enumerate(lines):
        if not _HAS_DATE_RE.search(line):
            continue
        if (not usable[idx]) if usable is not None else noise.is_spam_line(line):
            continue
        dates = _line_dates(line)
        if not dates:
            continue
        # Only short lines can be bylines or headers; a long one only by how it opens
        # (cheap anchored checks, so body paragraphs cost little).
        short = len(line) < 200 and len(FULL_DATE_RE.sub("", ISO_DATE_RE.sub("", line))) < 120
        if short and _NOT_ARTICLE_DATE_RE.search(line):
            continue
        stripped_len = (
            len(FULL_DATE_RE.sub("", ISO_DATE_RE.sub("", line)).strip()) if short else 999
        )
        lead = _dateline(line)
        if short and _META_LINE_RE.search(line):
            score = 3.0
        elif lead is not None:
            score, dates = 2.5, [lead]
        elif stripped_len < 40 and _WEEKDAY_RE.search(line):
            score = 2.0
        elif stripped_len < 25:
            score = 1.0
        else:
            m = _EVENT_START_RE.match(line)
            if not m:
                continue
            score = 0.5
            event = safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            if event is None:
                continue
            dates = [event]
        # Higher score wins. Among equals the later line (closer to the article) wins
        # above the body; below it (related links, footers) only a better kind counts.
        if best is None or score > best[0] or (score == best[0] and idx <= body_start):
            best = (score, idx, dates[0])
    return best[2] if best else None


def find_as_of(text: str) -> date | None:
    """First explicit as-of date ("tính đến ngày 10-9-2018") in the text."""
    low = text.lower()
    if "ngày" not in low:
        return None
    found = [m for rx in _AS_OF_RES if (m := rx.search(low))]
    if not found:
        return None
    m = min(found, key=lambda x: x.start())
    return safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))


_AS_OF_RES = [re.compile(q) for q in _literal_led(AS_OF_RE.pattern)]


def find_term(text: str) -> tuple[int, int] | None:
    """The party term the article names, if any ("nhiệm kỳ 2020-2025")."""
    low = text.lower()
    m = TERM_RE.search(low) if "nhiệm" in low else None
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        if 0 < b - a <= 6:
            return a, b
    return None
