"""Page noise: what a scraped news page carries besides the article.

Scraped pages bring site banners, visit counters ("Số lượt truy cập 653441"), link lists,
footers and, on hijacked sites, foreign spam wrapped around a real article. Figures must
come from the article only, so lines are classified here and the extractor skips noise.
"""

from __future__ import annotations

import re

# _COUNTER_RE and _FOOTER_RE run on lower-cased lines (IGNORECASE is slow).
# CJK ideographs, kana, hangul and CJK punctuation (【】): never part of a Vietnamese article.
_CJK_RE = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef]")
_COUNTER_RE = re.compile(
    r"lượt\s+(?:xem|truy\s+cập|đọc|view)|truy\s+cập|trực\s+tuyến\s*:|hôm\s+nay\s*:|"
    r"đang\s+(?:online|truy\s+cập)|tổng\s+lượt|thống\s+kê\s+truy|hôm\s+qua\s*:|tuần\s+này\s*:|"
    r"tháng\s+này\s*:",
)
_FOOTER_RE = re.compile(
    r"bản\s+quyền|copyright|©|ghi\s+rõ\s+nguồn|địa\s+chỉ\s*:|điện\s+thoại\s*:|e-?mail\s*:|"
    r"fax\s*:|giấy\s+phép|chịu\s+trách\s+nhiệm|đường\s+dây\s+nóng|thăm\s+dò\s+ý\s+kiến|"
    r"liên\s+kết\s+(?:web|banner)|gửi\s+bình\s+chọn",
)
# Matched against lower-cased lines (faster than IGNORECASE on long lines). Every choice
# opens with a letter, so the engine only tries where one of those letters is: "kèo" and
# "slot" start a word, checked by a look-behind after their first letter rather than a
# ``\b`` before it (which would have every character tried).
_SPAM_RE = re.compile(
    r"soi\s+kèo|nhà\s+cái|cá\s+cược|casino|nổ\s+hũ|xổ\s+số|tài\s+xỉu|bắn\s+cá|k(?<!\wk)èo\b|"
    r"game\s+bài|s(?<!\ws)lot"
)
_BULLET_RE = re.compile(r"^\s*[•·●▪■◦►»›\-*+]\s+")
_RELATED_RE = re.compile(
    r"^\s*(?:tin|bài(?:\s+viết)?)\s+(?:liên\s+quan|khác|cùng\s+chuyên\s+mục|mới|đã\s+đưa)|"
    r"^\s*các\s+tin\s+(?:khác|đã\s+đưa)|^\s*xem\s+thêm|^\s*đọc\s+thêm",
    re.IGNORECASE,
)
_BULLET_FIGURE_RE = re.compile(
    r"\d\s*(?:%|đảng\s+viên|đồng\s+chí|quần\s+chúng)|(?:kết\s+nạp|chỉ\s+tiêu)[^\d]{0,30}\d"
)
_ENDS_WITH_DATE_RE = re.compile(r"\d{1,2}\s*[/.\-]\s*\d{1,2}(?:\s*[/.\-]\s*\d{2,4})?\s*\)?\s*$")
_VI_LOWER = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
_VI_LETTER_RE = re.compile(f"[{_VI_LOWER}{_VI_LOWER.upper()}]")
_SENTENCE_END_RE = re.compile(r"[.!?…:;]\s*$")


def is_spam_line(line: str) -> bool:
    """Foreign-script or gambling spam: nothing on such a line is the article's."""
    if _CJK_RE.search(line):
        return True
    return len(line) < 200 and bool(_SPAM_RE.search(line.lower()))


def is_foreign_line(line: str) -> bool:
    """A line of several words with no Vietnamese letter: an English link list and the like."""
    if _VI_LETTER_RE.search(line):
        return False
    return len(line.split()) >= 4


def is_noise_line(line: str) -> bool:
    """Counters, footers, bullets of links, spam, foreign text: never a source of figures."""
    return _classify(line) != ""


def _classify(line: str, low: str | None = None) -> str:
    """ "spam", "noise" or "" (article text) for one line; ``low`` is ``line.lower()``."""
    s = line.strip()
    if not s:
        return "noise"
    if _CJK_RE.search(s):
        return "spam"
    # Lower-cased once per line (speed); stripping commutes with lower-casing.
    ls = s.lower() if low is None else low.strip()
    if len(s) < 200 and _SPAM_RE.search(ls):
        return "spam"
    return "noise" if _is_other_noise(s, ls) else ""


# Link titles scraped into one line, each glued to the next: "... mặt trận tình nguyệnPhát
# triển Đảng ở khu dân cư: Đa dạng hình thứcLễ kết nạp Đảng trực tuyến...".
_GLUED_TITLES_RE = re.compile(f"[a-z{_VI_LOWER}][A-ZĐ{_VI_LOWER.upper()}][a-z{_VI_LOWER}]")


def _is_other_noise(s: str, ls: str) -> bool:
    if is_foreign_line(s):
        return True
    if len(_GLUED_TITLES_RE.findall(s)) >= 2:
        return True
    if len(s) < 120 and (_COUNTER_RE.search(ls) or _FOOTER_RE.search(ls)):
        return True
    if not (_BULLET_RE.match(s) and len(s) < 200 and not _SENTENCE_END_RE.search(s)):
        return False
    # "- Năm 2022: kết nạp 130 đảng viên": a figure in a bulleted list is the article's;
    # a dated link ("- Hà Nội: Kết nạp 5.000 đảng viên (05/12/2023)") is not.
    return not (_BULLET_FIGURE_RE.search(ls) and not _ENDS_WITH_DATE_RE.search(ls))


def noise_flags(lines: list[str]) -> list[bool]:
    """Per-line noise flags, treating the short lines after a "Tin liên quan" heading as links."""
    return line_flags(lines)[0]


def line_flags(lines: list[str], lows: list[str] | None = None) -> tuple[list[bool], list[bool]]:
    """(noise, spam) flags per line: spam lines are noise too, and never carry a date.

    ``lows`` are the lines lower-cased, when the caller has them already.
    """
    if lows is None:
        kinds = [_classify(line) for line in lines]
    else:
        kinds = [_classify(line, low) for line, low in zip(lines, lows, strict=True)]
    spam = [k == "spam" for k in kinds]
    flags = [k != "" for k in kinds]
    in_related = False
    for i, line in enumerate(lines):
        s = line.strip()
        if _RELATED_RE.match(s) and len(s) < 60:
            in_related = True
            flags[i] = True
            continue
        if in_related:
            if not s:
                continue
            if len(s) < 200 and not _SENTENCE_END_RE.search(s):
                flags[i] = True
                continue
            in_related = False
    return flags, spam
