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
# Case-sensitive and literal-led, so the scan is fast on text with no abbreviation at all.
_RE = re.compile(rf"(?<![\w.])(?:\((?P<defined>{_FORMS})\)|(?P<short>{_FORMS}))(?!\w)")


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
        defined = m.group("defined")
        if defined is not None:
            before = text[pos : m.start()].rstrip()
            if before.lower().endswith(ABBREVIATIONS[defined].lower()):
                # "đảng viên (ĐV)": keep the long form, drop the definition.
                keep = pos + len(before)
                out.append(text[pos:keep])
                mp.extend(range(pos, keep))
                pos = m.end()
                continue
            start, short = m.start() + 1, defined
        else:
            start, short = m.start(), m.group("short")
        replacement = ABBREVIATIONS[short]
        out.append(text[pos:start])
        mp.extend(range(pos, start))
        out.append(replacement)
        mp.extend([start] * len(replacement))
        pos = start + len(short)
    if not out:
        return text, None
    out.append(text[pos:])
    mp.extend(range(pos, len(text) + 1))
    return "".join(out), mp
