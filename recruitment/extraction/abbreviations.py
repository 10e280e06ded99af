"""Abbreviations party reports use, written out before any rule reads the text.

Lists of units say "kết nạp 241 ĐV (đạt 160% kế hoạch)"; a rule written for "đảng viên" then
reads them too, instead of every rule learning every short form. Only upper-case forms that
mean one thing in these reports are expanded ("CB" is "chi bộ" or "cán bộ", so it stays).
A definition in brackets right after the long form ("đảng viên (ĐV)") is dropped, so the
long form is not read twice.
"""

from __future__ import annotations

import re

ABBREVIATIONS = {
    "ĐV": "đảng viên",
    "ĐVM": "đảng viên mới",
    "TCCSĐ": "tổ chức cơ sở đảng",
    "TCCS": "tổ chức cơ sở đảng",
    "QCUT": "quần chúng ưu tú",
    "ĐU": "Đảng ủy",
    "BCH": "Ban Chấp hành",
    "BTV": "Ban Thường vụ",
    "BTC": "Ban Tổ chức",
    "UBKT": "Ủy ban Kiểm tra",
    "CSĐ": "cơ sở đảng",
    # The dot of "TX." goes with it: left behind, it would end the sentence.
    "T.P.": "thành phố",
    "T.P": "thành phố",
    "T.X.": "thị xã",
    "T.X": "thị xã",
    "TX.": "thị xã",
    "TX": "thị xã",
}

_FORMS = "|".join(sorted(map(re.escape, ABBREVIATIONS), key=len, reverse=True))
# A definition "đảng viên (ĐV)" first, so that its bracket goes with it.
_RE = re.compile(
    rf"(?P<long>(?:{'|'.join(re.escape(v) for v in ABBREVIATIONS.values())})\s*)"
    rf"\((?P<defined>{_FORMS})\)"
    rf"|(?<![\w.])(?P<short>{_FORMS})(?![\w])",
    re.IGNORECASE,
)


def expand(text: str) -> tuple[str, list[int] | None]:
    """``text`` with abbreviations written out, and a map from each new offset to the old one.

    The map has one entry per character of the result plus one for its end; None when nothing
    changed. Every character of an expansion maps to the abbreviation's first character, so a
    quote that starts or ends at one still covers it in the caller's text.
    """
    out: list[str] = []
    mp: list[int] = []
    pos = 0
    for m in _RE.finditer(text):
        if m.group("short") is not None:
            short = m.group("short")
            if short not in ABBREVIATIONS:
                continue  # lower case "đv" is not the abbreviation
            replacement = ABBREVIATIONS[short]
            start = m.start()
        else:
            defined = m.group("defined")
            if defined not in ABBREVIATIONS or not m.group("long").lower().startswith(
                ABBREVIATIONS[defined].lower()
            ):
                continue
            # Keep "đảng viên", drop " (ĐV)".
            long_end = m.start() + len(m.group("long").rstrip())
            out.append(text[pos:long_end])
            mp.extend(range(pos, long_end))
            pos = m.end()
            continue
        out.append(text[pos:start])
        mp.extend(range(pos, start))
        out.append(replacement)
        mp.extend([start] * len(replacement))
        pos = m.end()
    if not out:
        return text, None
    out.append(text[pos:])
    mp.extend(range(pos, len(text) + 1))
    return "".join(out), mp
