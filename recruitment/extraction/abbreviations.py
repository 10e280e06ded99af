"""Abbreviations party reports use, written out before any rule reads the text.

Lists of units say "kết nạp 241 ĐV (đạt 160% kế hoạch)"; a rule written for "đảng viên" then
reads them too, instead of every rule learning every short form. Only upper-case forms that
mean one thing in these reports are expanded ("CB" is "chi bộ" or "cán bộ", so it stays).
A definition in brackets right after the long form ("đảng viên (ĐV)") is dropped, so the
long form is not read twice.

Two more kinds are written out where the text settles them: a form the article defines itself
("Cụm công nghiệp (CCN) Diên Phú ... Chi bộ CCN Diên Phú"), so a unit it names short is the
unit it named in full; and "ĐH", which is "Đại học" before a proper name ("Chi bộ ĐH Đông Á")
and "Đại hội" elsewhere ("ĐH Đảng bộ", "ĐH XIII"), where it stays.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

ABBREVIATIONS = {
    "ĐV": "đảng viên",
    "đ/c": "đồng chí",
    "Đ/c": "đồng chí",
    "đ/chí": "đồng chí",
    "ĐVM": "đảng viên mới",
    "TCCSĐ": "tổ chức cơ sở đảng",
    "TCCS": "tổ chức cơ sở đảng",
    "QCUT": "quần chúng ưu tú",
    "ĐU": "Đảng ủy",
    "BCH": "Ban Chấp hành",
    "BTV": "Ban Thường vụ",
    "BTC": "Ban Tổ chức",
    "UBKT": "Ủy ban Kiểm tra",
    "CATP": "Công an thành phố",
    "BĐBP": "Bộ đội Biên phòng",
    "BCHQS": "Ban Chỉ huy Quân sự",
    "CHQS": "Chỉ huy Quân sự",
    "KCN": "khu công nghiệp",
    "KCX": "khu chế xuất",
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

# "ĐH Đông Á", "Trường ĐH Cần Thơ": a university before a proper name; not the congress of
# "ĐH Đảng bộ", "ĐH Đoàn", "ĐH XIII", "ĐH đại biểu".
_UNIVERSITY_RE = re.compile(
    r"(?<![\w.])ĐH(?=[ \t]+(?!Đảng|Đoàn|Đại|Hội|Công\s+đoàn|[IVXLC]+(?!\w))[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ])"
)
# A form defined in brackets after its long form: "Cụm công nghiệp (CCN)", "Hợp tác xã (HTX)".
_DEFINITION_RE = re.compile(r"\((?P<short>[A-ZĐ]{2,6})\)")
# Forms the readers match as written ("Đảng bộ UBND tỉnh", "Trường THPT Lộc Ninh"): a text's
# own definition of one of them changes nothing.
_KEPT = frozenset(
    ["UBND", "HĐND", "MTTQ", "THPT", "THCS", "PTDTNT", "PTDTBT", "TP", "TPHCM", "HCM", "KH"]
    + ["CNXH", "TW", "QĐ", "NQ", "TU", "HU", "ĐU"]
)
_WORD_RE = re.compile(r"[^\W\d_]+")


def _initial(word: str) -> str:
    """A word's first letter as an abbreviation writes it: upper case, tone marks off, but
    "Đ" kept ("Ủy ban nhân dân" → "UBND", "đảng viên" → "ĐV")."""
    first = word[:1].upper()
    return first if first == "Đ" else unicodedata.normalize("NFD", first)[:1]


def _defined_forms(text: str) -> dict[str, str]:
    """The forms ``text`` defines in brackets after their long form, each once."""
    found: dict[str, str] = {}
    for m in _DEFINITION_RE.finditer(text):
        short = m.group("short")
        if short in ABBREVIATIONS or short in _KEPT or short in found:
            continue
        words = list(_WORD_RE.finditer(text, max(0, m.start() - 80), m.start()))[-len(short) :]
        if len(words) != len(short) or text[words[-1].end() : m.start()].strip():
            continue
        if "".join(_initial(w.group(0)) for w in words) == short:
            found[short] = text[words[0].start() : words[-1].end()]
    return found


def replace_matches(
    text: str, pattern: re.Pattern, long_form: Callable[[re.Match], str | None]
) -> tuple[str, list[int] | None]:
    """``text`` with each match of ``pattern`` replaced by ``long_form(match)`` (deleted when
    that is ""; kept when None), and the map from each new offset to the old one."""
    out: list[str] = []
    mp: list[int] = []
    pos = 0
    for m in pattern.finditer(text):
        replacement = long_form(m)
        if replacement is None:
            continue
        out.append(text[pos : m.start()])
        mp.extend(range(pos, m.start()))
        out.append(replacement)
        mp.extend([m.start()] * len(replacement))
        pos = m.end()
    if not out:
        return text, None
    out.append(text[pos:])
    mp.extend(range(pos, len(text) + 1))
    return "".join(out), mp


def compose_maps(first: list[int] | None, second: list[int] | None) -> list[int] | None:
    """The map of two replacements made one after the other."""
    if first is None or second is None:
        return first if second is None else second
    return [first[i] for i in second]


def expand(text: str) -> tuple[str, list[int] | None]:
    """``text`` with abbreviations written out, and a map from each new offset to the old one.

    The map has one entry per character of the result plus one for its end; None when nothing
    changed. Every character of an expansion maps to the abbreviation's first character, so a
    quote that starts or ends at one still covers it in the caller's text.
    """
    mp: list[int] | None = None
    if "(" in text:
        defined = _defined_forms(text)
        if defined:
            forms = "|".join(sorted(map(re.escape, defined), key=len, reverse=True))
            own = re.compile(rf"(?:[ \t]*\((?P<d>{forms})\)|(?<![\w.])(?P<s>{forms}))(?!\w)")
            text, mp = replace_matches(
                text, own, lambda m: "" if m.group("d") else defined[m.group("s")]
            )
    if "ĐH" in text:
        text, step = replace_matches(text, _UNIVERSITY_RE, lambda m: "Đại học")
        mp = compose_maps(mp, step)
    text, step = _expand_standard(text)
    return text, compose_maps(mp, step)


def _expand_standard(text: str) -> tuple[str, list[int] | None]:
    """``text`` with ``ABBREVIATIONS`` written out; a definition right after its long form
    ("đảng viên (ĐV)") is dropped with the space before it, so the long form is not read
    twice."""
    out: list[str] = []
    mp: list[int] = []
    pos = 0
    for m in _RE.finditer(text):
        defined = m.group("defined")
        if defined is not None:
            before = text[pos : m.start()].rstrip()
            if before.lower().endswith(ABBREVIATIONS[defined].lower()):
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
