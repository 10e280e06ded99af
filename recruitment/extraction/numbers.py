"""Vietnamese number notation.

Vietnamese writes ``1.455`` for one thousand four hundred fifty-five and ``85,6`` for
eighty-five point six, the reverse of English; reading them the English way silently
corrupts every figure, so all number parsing goes through here.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# A number not glued to a word, a date (``/``, ``-``), a time (``:``) or another number;
# glued to the people it counts it is a typo of the page ("kết nạp được 11quần chúng").
# (It opens with a plain digit so the engine can jump from digit to digit: an opening
# alternation is tried at every character, ten times slower on a whole article.)
NUMBER_RE = re.compile(
    r"(\d(?:\d{0,2}(?:\.\d{3})+|\d*))(?:,(\d+))?"
    r"(?:(?![\w/:]|[.,\-–]\d)|(?=(?:quần\s+chúng|đảng\s+viên|đồng\s+chí)(?!\w)))"
)
# Characters that, right before a number, make it part of a code, date or time. (Checked
# in Python rather than by a look-behind: a leading look-behind makes the scan slow.)
_GLUED_BEFORE = frozenset(".,/:%+-_")

# Words that make the figure after them approximate ("hơn 200 đảng viên").
_APPROX_WORDS = (
    "hơn",
    "gần",
    "khoảng",
    "trên",
    "xấp xỉ",
    "ước",
    "ước tính",
    "chừng",
    "ngót",
    "trên dưới",
    "gần như",
)
APPROX_BEFORE_RE = re.compile(
    r"(?:^|[\s(,])(?:" + "|".join(_APPROX_WORDS) + r")\s+$", re.IGNORECASE
)
# The same, matched on the text before the number reversed: one anchored attempt rather
# than a search trying every start (speed).
_APPROX_BEFORE_REV_RE = re.compile(
    r"\s+(?:" + "|".join(w[::-1] for w in _APPROX_WORDS) + r")(?:\Z|[\s(,])", re.IGNORECASE
)


def parse_number(token: str) -> Decimal:
    """Parse a Vietnamese-notation number ("1.455" → 1455, "85,6" → 85.6)."""
    token = token.strip().rstrip("%").strip()
    int_part, _, frac = token.partition(",")
    int_part = int_part.replace(".", "").replace("\u00a0", "").replace(" ", "")
    if not int_part.isdigit() or (frac and not frac.isdigit()):
        raise ValueError(f"not a Vietnamese number: {token!r}")
    try:
        return Decimal(f"{int_part}.{frac}") if frac else Decimal(int_part)
    except InvalidOperation as exc:  # pragma: no cover - guarded by isdigit
        raise ValueError(f"not a Vietnamese number: {token!r}") from exc


def find_numbers(
    text: str, start: int = 0, end: int | None = None
) -> list[tuple[int, int, Decimal]]:
    """All standalone numbers in ``text[start:end]`` as (start, end, value)."""
    return [(a, b, parse_number(text[a:b])) for a, b in find_number_spans(text, start, end)]


def find_number_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Where the standalone numbers in ``text[start:end]`` are, as (start, end)."""
    end = len(text) if end is None else end
    out = []
    skip_to = -1
    for m in NUMBER_RE.finditer(text, start, end):
        a = m.start()
        if a < skip_to:
            continue
        if a > 0:
            before = text[a - 1]
            if before in _GLUED_BEFORE or before.isalpha():
                continue
        b = m.end()
        if b - a <= 3 and text[b : b + 2].strip().isdigit() and m.group(2) is None:
            b = _space_grouped_end(text, a, b, end)
            skip_to = b
        out.append((a, b))
    return out


def _space_grouped_end(text: str, a: int, b: int, end: int) -> int:
    """Where "1 455 đảng viên" ends (spaces group thousands in some pages), else ``b``.

    Only before a noun counting people, and not after a word that takes a number of its
    own ("Quận 12 410 đảng viên", "năm 2023 1 200 ...")."""
    g = _SPACE_GROUP_RE.match(text, b, end)
    if g is None:
        return b
    stop = g.end()
    while (g := _SPACE_GROUP_RE.match(text, stop, end)) is not None:
        stop = g.end()
    if not _COUNT_NOUN_AFTER_RE.match(text, stop, end):
        return b
    if _NUMBER_TAKING_BEFORE_RE.search(text, max(0, a - 12), a):
        return b
    return stop


_SPACE_GROUP_RE = re.compile(r" \d{3}(?![\d\w]|[.,]\d)")
_COUNT_NOUN_AFTER_RE = re.compile(
    r"\s+(?:đảng\s+viên|đồng\s+chí|quần\s+chúng|đoàn\s+viên|người|hội\s+viên)(?!\w)",
    re.IGNORECASE,
)
_NUMBER_TAKING_BEFORE_RE = re.compile(
    r"(?:(?<!\w)(?:quận|phường|năm|tháng|ngày|khóa|khoá|lần|thứ|tổ|khu|ấp|đội|lớp|khối)|\d)\s*$",
    re.IGNORECASE,
)


# "từ 10-12 đảng viên", "10 đến 12 quần chúng": a band of people, stated by its lower
# bound (the corpus convention); a band of anything else is no figure ("từ 5 - 7%").
_COUNT_RANGE_RE = re.compile(
    r"(\d{1,3}(?:\.\d{3})+|\d+)(?:\s*[-–]\s*|\s+(?:đến|tới)\s+)(\d{1,3}(?:\.\d{3})+|\d+)"
    r"(?=" + _COUNT_NOUN_AFTER_RE.pattern + r")",
    re.IGNORECASE,
)
# Words that make the number after them a lower bound: "ít nhất 15", "tối thiểu 15";
# "từ" only opens a band ("từ 10-12") or a floor closed by "trở lên" ("từ 15 đảng viên
# trở lên"), elsewhere it is a start ("tăng từ 100 lên 120").
_AT_LEAST_BEFORE_RE = re.compile(r"(?<!\w)(?:ít\s+nhất|tối\s+thiểu)\s+$", re.IGNORECASE)
_FROM_BEFORE_RE = re.compile(r"(?<!\w)từ\s+$", re.IGNORECASE)
_OR_MORE_AFTER_RE = re.compile(r"[^\d,;.:()]{0,40}?\strở\s+lên(?!\w)", re.IGNORECASE)


def find_count_ranges(text: str, start: int, end: int) -> list[tuple[int, int, Decimal]]:
    """Bands of people in ``text[start:end]`` ("10-12 đảng viên", "10 đến 12 quần chúng")
    as (start, end, lower bound): the span covers both ends."""
    out: list[tuple[int, int, Decimal]] = []
    if not any(text.find(sep, start, end) != -1 for sep in ("-", "–", "đến", "tới")):
        return out  # most sentences have no band (speed)
    for m in _COUNT_RANGE_RE.finditer(text, start, end):
        a = m.start()
        if a > 0 and (text[a - 1] in _GLUED_BEFORE or text[a - 1].isalnum()):
            continue
        low, high = parse_number(m.group(1)), parse_number(m.group(2))
        if low < high:
            out.append((a, m.end(), low))
    return out


def lower_bound_start(text: str, s: int, start: int, end: int, e: int, *, band: bool) -> int:
    """Where the words making the number ``text[start:end]`` a lower bound begin ("ít nhất",
    "tối thiểu", the "từ" of a band or of "từ 15 ... trở lên"), else ``start``; ``band``
    says the number opens a band ("10-12")."""
    window = text[max(s, start - 12) : start]
    if "từ" not in window and "nhất" not in window and "thiểu" not in window:
        return start  # the words are rare before a number (speed)
    m = _AT_LEAST_BEFORE_RE.search(window)
    if m is None:
        m = _FROM_BEFORE_RE.search(window)
        if m is not None and not band and not _OR_MORE_AFTER_RE.match(text, end, e):
            return start
    return start - len(window) + m.start() if m else start


def is_approximate(text: str, number_start: int) -> bool:
    """True when a hedge word ("hơn", "gần", ...) sits right before the number."""
    window = text[max(0, number_start - 20) : number_start]
    return _APPROX_BEFORE_REV_RE.match(window[::-1]) is not None


# ------------------------------------------------------------------ numbers in a sentence

DIGIT_RE = re.compile(r"\d")
# "số 5", "khóa 12", "lần thứ 3": a rank or a label, not a figure. Matched on the text
# before the number reversed, as (?<!tổng)(?<!tổng )(?<!con )\b(?:số|khóa|khoá|lần\s+thứ|thứ)\s*$
# would be on it: one anchored attempt rather than a search (speed).
# ("tổng số 120", "con số 120" and "trong số 7 quần chúng được kết nạp" count; "số 7" alone
# labels.)
SO_BEFORE_REV_RE = re.compile(
    r"\s*(?:ốs|aóhk|áohk|ứht\s+nầl|ứht)\b(?!gnổt)(?! gnổt)(?! noc)(?! gnort)", re.I
)
PERCENT_AFTER_RE = re.compile(r"\s?(?:%|phần\s+trăm(?!\w))")
_THOUSAND_RE = re.compile(r"[ \t]+(?:(nghìn|ngàn)|vạn)(?!\w)", re.IGNORECASE)
# "kết nạp 1.203/1.150 đảng viên": admitted over target, one figure each.
_PAIR_RE = re.compile(
    r"(?<![\d/.,:\-])(\d{1,3}(?:\.\d{3})+|\d+)\s*/\s*(\d{1,3}(?:\.\d{3})+|\d+)(?![\d/.,:\-]\d?)"
)
# A range ("từ 5 - 7%", "5 đến 7 đảng viên") is a band, not a figure.
_RANGE_BEFORE_RE = re.compile(r"\d\s*(?:[-–]|đến|tới)\s*$")
_RANGE_AFTER_RE = re.compile(r"\s*(?:[-–]\s*|(?:đến|tới)\s+)\d")
_ENGLISH_GROUPS_RE = re.compile(r"\d{1,3}(?:,\d{3})+")
# A cell of a table: a number, maybe a percentage.
TABLE_NUMBER_RE = re.compile(r"(\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)\s*(%)?")


def is_label(text: str, s: int, pos: int) -> bool:
    """True when the number at ``pos`` is a rank or label ("số 5", "khóa 12"); ``s`` is
    where its sentence starts."""
    return SO_BEFORE_REV_RE.match(text[max(s, pos - 12) : pos][::-1]) is not None


def in_range(text: str, s: int, e: int, start: int, end: int) -> bool:
    """True when the number ``text[start:end]`` is one end of a range ("5 - 7%")."""
    return bool(
        _RANGE_BEFORE_RE.search(text[max(s, start - 8) : start])
        or _RANGE_AFTER_RE.match(text, end, e)
    )


def find_pairs(text: str, start: int, end: int) -> list[tuple[int, int, Decimal, tuple]]:
    """ "1.203/1.150" pairs in ``text[start:end]``: (start, end, first, (start, end, second))."""
    if "/" not in text[start:end]:
        return []
    return [
        (
            m.start(),
            m.end(),
            parse_number(m.group(1)),
            (m.start(2), m.end(2), parse_number(m.group(2))),
        )
        for m in _PAIR_RE.finditer(text, start, end)
    ]


def is_english_grouped(text: str, start: int, end: int) -> bool:
    """ "1,455": a comma before groups of three digits, the English way."""
    return (
        text.find(",", start, end) != -1
        and _ENGLISH_GROUPS_RE.fullmatch(text, start, end) is not None
    )


def thousands_after(text: str, end: int, stop: int) -> tuple[int, int] | None:
    """The word multiplying the number before ``end`` and where it ends: "2 nghìn đảng
    viên" (a thousand), "gần 50 vạn đảng viên" (ten thousand); else None."""
    m = _THOUSAND_RE.match(text, end, stop)
    if m is None:
        return None
    return (1000 if m.group(1) else 10000), m.end()


# Small counts written in words before the people counted: "Lễ kết nạp cho hai sinh viên ưu
# tú", "cho ba quần chúng", "chúc mừng hai đồng chí đảng viên mới". "một" (also "a") and
# "năm" (also "year") count only right after "kết nạp", "năm" after "cho" too.
_NUMBER_WORDS = {
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
}
WORD_COUNT_RE = re.compile(
    r"(?<!\w)(?:hai|ba|bốn|sáu|bảy|tám|chín|mười|(?<=nạp )một|(?<=cho |nạp )năm)"
    r"(?=\s+(?:em\s+)?(?:quần\s+chúng|đồng\s+chí|đảng\s+viên|sinh\s+viên|học\s+sinh|"
    r"giáo\s+viên|đoàn\s+viên|học\s+viên|công\s+nhân|chiến\s+sĩ|cán\s+bộ)(?!\w))",
    re.IGNORECASE,
)


def word_count_digits(match: re.Match) -> str:
    """The digits of a count ``WORD_COUNT_RE`` found in words ("hai" → "2")."""
    return str(_NUMBER_WORDS[match.group(0).lower()])
