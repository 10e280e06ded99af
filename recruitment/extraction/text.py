"""The article as the extractor reads it: one working form, its lines, sentences and clauses.

Matching needs precomposed Vietnamese letters and one kind of space, but every offset a
candidate carries must point into the text the caller gave; ``Text`` keeps both and maps
working offsets back. Lines, sentences and clauses are spans of the working form.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

from . import abbreviations, numbers, organisations, periods

SENT_END_RE = re.compile(r"[.!?…]+[\"”’)\]]*(?=\s)")
_ABBREV_RE = re.compile(r"(?:\b(?:TP|Tp|ThS|TS|PGS|GS|BS|v\.v|St|Th)|\b[A-ZĐ])$")
CLAUSE_BOUND_RE = re.compile(r"[;:()\[\]]|,(?!\d)|\s[–—-]\s")
NON_SPACE_RE = re.compile(r"\S")
# A paragraph that resets the carried period: a heading (short, no sentence end).
_HEADING_END_RE = re.compile(r"[.!?…:;,)\]\"”]\s*$")
_HEADLINE_SKIP_RE = re.compile(
    r"^(?:trang\s+(?:thông\s+tin|chủ)|cổng\s+thông\s+tin|chào\s+mừng|xuất\s+bản|"
    r"báo\s+[^\n]*điện\s+tử\s*$|"
    # Breadcrumbs: "Chi tiết bài viết", "Chi tiết tin tức - Huyện Triệu Phong", "Chi tiết - …".
    r"chi\s+tiết(?:\s+(?:bài|tin))?[^\n.]{0,20}?\s[-–»>/]|chi\s+tiết\s+bài|tin\s+tức|trang\s+chủ|"
    r"date$|null$)",
    re.IGNORECASE,
)


def prepare(text: str) -> tuple[str, list[int] | None]:
    """NFC text with look-alike letters fixed, abbreviations written out and small counts in
    words written in digits, plus a map back to the caller's offsets.

    When normalisation changes lengths, ``mp[i]`` is the original offset of working
    index ``i``; None when the offsets are the same.
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
    work, expanded = abbreviations.expand(work)
    work, spelled = abbreviations.replace_matches(
        work, numbers.WORD_COUNT_RE, numbers.word_count_digits
    )
    expanded = abbreviations.compose_maps(expanded, spelled)
    if expanded is not None:
        mp = [mp[i] for i in expanded] if mp is not None else expanded
    return work, mp


def line_spans(work: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for line in work.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


class Text:
    """The caller's text, its working form and the working form's lines."""

    def __init__(self, text: str):
        self.original = text
        self.work, self._map = prepare(text)
        self.lines = line_spans(self.work)
        self.line_starts = [a for a, _ in self.lines]

    def line_of(self, pos: int) -> int:
        return bisect.bisect_right(self.line_starts, pos) - 1

    def span(self, a: int, b: int) -> tuple[int, int]:
        """Working offsets → the caller's offsets."""
        if self._map is None:
            return a, b
        return self._map[a], self._map[b]


def sentences(work: str, s: int, e: int) -> list[tuple[int, int]]:
    """The sentences of ``work[s:e]`` (one line): an abbreviation's dot or a lower-case
    word after the stop does not end one."""
    out = []
    start = s
    for m in SENT_END_RE.finditer(work, s, e):
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
    return [(a, b) for a, b in out if NON_SPACE_RE.search(work, a, b)]


class Clauses:
    """Clause bounds of one sentence, found in one scan and looked up per number.

    A bound never straddles a number's first digit (a digit is neither punctuation nor
    the space around a dash), so the bounds before and after a number are the ones a
    scan up to it and a search from it would find.
    """

    def __init__(self, work: str, s: int, e: int):
        self.s, self.e = s, e
        bounds = [(m.start(), m.end()) for m in CLAUSE_BOUND_RE.finditer(work, s, e)]
        self.starts = [a for a, _ in bounds]
        self.ends = [b for _, b in bounds]

    def around(self, pos: int) -> tuple[int, int]:
        """The clause around the number at ``pos``: between commas, semicolons or brackets."""
        i = bisect.bisect_left(self.starts, pos)
        cs = self.ends[i - 1] if i else self.s
        ce = self.starts[i] if i < len(self.starts) else self.e
        return cs, ce


def trim(work: str, a: int, b: int) -> tuple[int, int]:
    """A quote's span without the punctuation and spaces at its ends."""
    while a < b and (work[a].isspace() or work[a] in ",;:("):
        a += 1
    while b > a and (work[b - 1].isspace() or work[b - 1] in ",;:(."):
        b -= 1
    return a, b


def guess_title(
    work: str, lines: list[tuple[int, int]], flags: list[bool]
) -> tuple[int, int] | None:
    """The headline: the first line of the article that reads like one (not the site's
    banner, a masthead, a date line or a line in capitals)."""
    for i, ((a, b), is_noise) in enumerate(zip(lines, flags, strict=True)):
        if is_noise:
            continue
        line = work[a:b].strip()
        if line.lower().startswith("null "):
            line = line[5:]
        words = line.split()
        if len(words) < 4 or len(line) > 220:
            continue
        if line.endswith(".") and not _dated_below(work, lines, i, line):
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


def _dated_below(work: str, lines: list[tuple[int, int]], i: int, line: str) -> bool:
    """A one-sentence line with a stop heads the page when its date line follows ("Tân Yên
    kết nạp được 60 đảng viên, đạt 30% kế hoạch năm." over "Ngày đăng: 07/02/2017")."""
    if ". " in line:
        return False
    below = next((work[a:b].strip() for a, b in lines[i + 1 :] if work[a:b].strip()), "")
    return len(below) < 60 and periods.FULL_DATE_RE.search(below) is not None


def starts_section(work: str, a: int, b: int, title: tuple[int, int] | None) -> bool:
    """The title or a heading (short, no sentence end): the period does not carry past it.

    A heading introduces the text under it: a short line without a stop that ends the
    text is a paragraph cut off ("Tại phường A, ... 48 đảng viên được kết nạp, đạt 120% chỉ
    t"), which goes on in the period of the paragraphs above."""
    if title and a <= title[0] < b:
        return True
    return (
        b - a < 160
        and not _HEADING_END_RE.search(work, a, b)
        and NON_SPACE_RE.search(work, b) is not None
    )
