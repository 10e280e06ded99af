"""People admitted by name: "Lễ kết nạp đảng viên mới cho đồng chí Đỗ Thị Thu Thương và đồng chí
Mai Thị Dung", "trao quyết định kết nạp Đảng cho quần chúng ưu tú Trần Thị Thơm", "kết nạp quần
chúng ưu tú Nguyễn Mỹ Kim vào hàng ngũ của Đảng".

A cell's ceremony report often names those it admits instead of counting them; the count is
the number of names. A name is two to five capitalised words opening with a family name
(``organisations.SURNAMES``), so "cho Chi bộ Trường ..." or "cho Đảng" are never people.
"""

from __future__ import annotations

import re

from .organisations import SURNAMES, UPPER_LETTER

# Who a person is before the name: "quần chúng ưu tú", "đồng chí", "đoàn viên", "em", "cô".
# "cho các quần chúng Phạm Tiến Đạt và Nguyễn Phương Anh": one title for them all.
_TITLE = (
    r"(?:(?:các|những)\s+)?"
    r"(?:(?:quần\s+chúng|đoàn\s+viên|sinh\s+viên|học\s+sinh|thanh\s+niên)(?:\s+ưu\s+tú)?|"
    r"đồng\s+chí|đ/c|em|"
    r"giáo\s+viên|cô\s+giáo|thầy\s+giáo|cô|thầy|anh|chị|ông|bà)"
)
_NAME = rf"{UPPER_LETTER}[^\W\d_]*(?:[ \t]+{UPPER_LETTER}[^\W\d_]*){{1,4}}"
# Case matters in names (a capital opens each word), not in the words around them.
# "thanh niên Lê Quốc Ly (sinh năm 2002) và Phạm Công Minh (sinh năm 2004)": who a person
# is may follow the name in brackets.
_AFTER_NAME = r"(?:[ \t]*\([^()\n]{1,40}\))?"
_PERSON = rf"(?:(?i:{_TITLE})[ \t]+)?{_NAME}{_AFTER_NAME}"
# The verb that admits, then the people: "kết nạp (Đảng|đảng viên mới) cho|đối với <people>".
_NAMED_ADMISSION_RE = re.compile(
    r"(?i:(?<!\w)kết\s+nạp(?:\s+đảng(?:\s+viên)?(?:\s+mới)?)?\s+(?:cho|đối\s+với))\s+"
    rf"(?P<people>{_PERSON}(?:\s*(?:,|và)\s*{_PERSON})*)"
)
# "kết nạp quần chúng ưu tú Nguyễn Mỹ Kim vào hàng ngũ của Đảng": the people as the object.
_ADMITTED_INTO_RE = re.compile(
    rf"(?i:(?<!\w)kết\s+nạp)\s+(?P<people>{_PERSON}(?:\s*(?:,|và)\s*{_PERSON})*)"
    r"(?:\s*,[^.;:()]{0,80}?,)?\s+(?i:vào\s+(?:hàng\s+ngũ|Đảng))"
)
_PEOPLE_RE = re.compile(rf"{_PERSON}(?:\s*(?:,|và)\s*{_PERSON})*")
_NAME_RE = re.compile(_NAME)
_AFTER_NAME_RE = re.compile(_AFTER_NAME)
_PASSIVE_RE = re.compile(r"(?i:(?<!\w)được\s+kết\s+nạp(?:\s+vào)?\s+Đảng)")
# The people right before "được kết nạp": a title opens the list (a bare name could be the
# subject of anything), who they are and "những đồng chí" may stand between.
_PEOPLE_BEFORE_RE = re.compile(
    rf"(?<!\w)(?P<people>(?i:{_TITLE})[ \t]+{_NAME}(?:\s*(?:,|và)\s*{_PERSON})*)"
    r"(?:\s*,[^.;:()]{0,80}?)?\s*(?:[–-]\s*(?i:những\s+đồng\s+chí)\s+)?"
    r"(?i:(?:đã\s+|vừa\s+)?(?:vinh\s+dự\s+)?)$"
)
_TITLE_RE = re.compile(rf"{_TITLE}[ \t]+", re.IGNORECASE)
_SEPARATOR_RE = re.compile(r"\s*(?:,|và)\s*")
# "cho quần chúng Nguyễn Thị Mai Anh, tổ trưởng chuyên môn tổ Toán – Tin và quần chúng Trần
# Thị Thu Hiền": who a person is may follow the name; the next person then carries a title.
_APPOSITION_RE = re.compile(rf"\s*[,–-][^.;:()\d]{{1,100}}?\s*(?:,|và)\s*(?=(?i:{_TITLE})[ \t])")


def _people_end(text: str, pos: int, end: int) -> int:
    """Where the list of people that resumes at ``pos`` (after an apposition) ends."""
    m = _PEOPLE_RE.match(text, pos, end)
    return m.end() if m else pos


def _count_people(text: str, a: int, b: int, end: int) -> tuple[int, int]:
    """How many people the list at ``text[a:b]`` names, and where the last name ends."""
    count, last, pos = 0, a, a
    while pos < b:
        title = _TITLE_RE.match(text, pos, b)
        name = _NAME_RE.match(text, title.end() if title else pos, b)
        if name is None or name.group(0).split()[0] not in SURNAMES:
            break
        after = _AFTER_NAME_RE.match(text, name.end(), b)
        count, last = count + 1, after.end()
        sep = _SEPARATOR_RE.match(text, last, b) or _APPOSITION_RE.match(text, last, end)
        if sep is None:
            break
        pos, b = sep.end(), max(b, _people_end(text, sep.end(), end))
    return count, last


def named_admissions(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """(start, end, how many) of each list of people named as admitted in ``text[start:end]``.

    Every item must be a person (a family name first): a list that runs into anything else
    ("cho quần chúng Nguyễn Văn A, Chi bộ ...") stops before it."""
    if "nạp" not in text[start:end]:
        return []  # most sentences admit nobody (speed)
    found = []
    for rx in (_NAMED_ADMISSION_RE, _ADMITTED_INTO_RE):
        for m in rx.finditer(text, start, end):
            if any(a <= m.start("people") < b for a, b, _ in found):
                continue
            count, last = _count_people(text, *m.span("people"), end)
            if count:
                found.append((m.start("people"), last, count))
    for m in _PASSIVE_RE.finditer(text, start, end):
        # "đồng chí A và đồng chí B – những đồng chí vinh dự được kết nạp Đảng", "đ/c Lê Thị
        # Hồng Vân, giáo viên lớp 4 đã được kết nạp Đảng": the names before the verb.
        window = max(start, m.start() - 200)
        people = _PEOPLE_BEFORE_RE.search(text, window, m.start())
        if people is None or any(a <= people.start() < b for a, b, _ in found):
            continue
        count, last = _count_people(text, *people.span("people"), m.start())
        if count:
            found.append((people.start("people"), last, count))
    return sorted(found)
