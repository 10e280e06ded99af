"""Organisation mentions, their level, and who a sentence is about.

Articles name an organisation once ("Đảng bộ xã Lộc Hiệp") and then refer back to it by
its level word alone ("Đảng bộ xã", "toàn huyện", "Đảng bộ trường"). Figures must be
credited to the named organisation, so mentions are split into *named* ones, which carry
a name, and *references*, which are resolved to the most recent named organisation of
the same kind or to the article's main organisation.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from . import abbreviations, gazetteer
from .folding import fold
from .lowercase import lower_same_length

_UPPER = "".join(sorted({c for c in map(chr, range(0x41, 0x1F00)) if c.isalpha() and c.isupper()}))
# One capital letter, Vietnamese ones included: what opens each word of a name.
UPPER_LETTER = f"[{_UPPER}]"
_U = UPPER_LETTER
# ("Trung tâm Y tế": health is "Y tế", its second word in lower case.)
_TOKEN = rf"(?:Y[ \t]+tế(?!\w)|{_U}[\w’']*|\d+[A-Za-z]?)"
_NAME = rf"{_TOKEN}(?:[ \t]+{_TOKEN}){{0,7}}"

CENTRAL_CITIES = frozenset(
    {"hà nội", "hồ chí minh", "hải phòng", "đà nẵng", "cần thơ", "huế", "hcm"}
)

_WORD_LEVEL = {
    "tỉnh": "province",
    "huyện": "district",
    "quận": "district",
    "thị xã": "district",
    "thành phố": "district",
    "xã": "commune",
    "phường": "commune",
    "thị trấn": "commune",
    "đặc khu": "commune",
    "trường": "grassroots",
    "đảng bộ": "grassroots",
    "chi bộ": "cell",
}
# The level words of districts, and of every territory above the commune ("toàn tỉnh",
# "toàn huyện" refer to one of these).
DISTRICT_WORDS = frozenset(w for w, level in _WORD_LEVEL.items() if level == "district")
TERRITORY_WORDS = DISTRICT_WORDS | {w for w, level in _WORD_LEVEL.items() if level == "province"}
# The word of a party body named as such ("Đảng bộ các cơ quan Đảng tỉnh", "Đảng ủy Khối ...").
PARTY_BODY_WORDS = frozenset({"đảng bộ"})
_COMMITTEE_WORD = {
    "tỉnh": "tỉnh",
    "huyện": "huyện",
    "thành": "thành phố",
    "thị": "thị xã",
    "quận": "quận",
}
# Capitalised words that end a name: titles, function words, institution words.
_STOP_TOKENS = frozenset(
    [
        "Đảng",
        "Ban",
        "Bí",
        "Phó",
        "Chủ",
        "Ủy",
        "Uỷ",
        "UBND",
        "HĐND",
        "MTTQ",
        "Ông",
        "Bà",
        "Em",
        "Anh",
        "Chị",
        "Đồng",
        "Trong",
        "Năm",
        "Từ",
        "Đến",
        "Sau",
        "Qua",
        "Theo",
        "Với",
        "Tại",
        "Là",
        "Các",
        "Những",
        "Nhờ",
        "Toàn",
        "Tổng",
        "Hội",
        "Thường",
        "Nghị",
        "Kế",
        "Huyện",
        "Tỉnh",
        "Xã",
        "Phường",
        "Quận",
        "Đoàn",
        "Chi",
        "Hiệu",
        "Giám",
        "Trưởng",
        "Bộ",
        "Ảnh",
        "Nguồn",
        "Ngày",
        "Tháng",
        "Quý",
    ]
)
# Surnames: after two name tokens they start a person's name, not more of the place.
SURNAMES = frozenset(
    [
        "Nguyễn",
        "Trần",
        "Lê",
        "Phạm",
        "Hoàng",
        "Huỳnh",
        "Phan",
        "Vũ",
        "Võ",
        "Đặng",
        "Bùi",
        "Đỗ",
        "Hồ",
        "Ngô",
        "Dương",
        "Lý",
        "Đinh",
        "Trịnh",
        "Đào",
        "Lương",
        "Trương",
        "Tạ",
        "Hà",
        "Lâm",
        "Mai",
        "Cao",
        "Chu",
        "Thái",
        "Quách",
        "Tô",
        "Lưu",
        "Triệu",
    ]
)

# "Bà Rịa - Vũng Tàu", "Phan Rang - Tháp Chàm": a place name joined by a dash (the official
# units decide how much of it is the name).
_DASHED_NAME = rf"{_TOKEN}(?:[ \t]+(?:[-–][ \t]+)?{_TOKEN}){{0,7}}"
_TERR_RE = re.compile(
    r"(?P<word>[Tt]hành\s+phố|TP\.?|Tp\.?|[Tt]hị\s+xã|[Tt]hị\s+trấn|[Tt]ỉnh|[Đđ]ặc\s+khu|"
    rf"[Hh]uyện|[Qq]uận|[Xx]ã|[Pp]hường)(?:[ \t]+|(?<=\.))(?P<name>{_DASHED_NAME})"
)
_COMMITTEE_RE = re.compile(
    r"(?P<word>[Tt]ỉnh|[Hh]uyện|[Tt]hành|[Tt]hị|[Qq]uận)[ \t]+(?:ủy|uỷ)(?!\w)"
    rf"(?:[ \t]+(?P<name>{_NAME}))?"
)
# Written out in title case or in lower case ("Chi bộ trường mầm non Kỳ Long").
_SCHOOL_TYPES = (
    r"[Tt]iểu\s+học|[Mm]ầm\s+non|[Mm]ẫu\s+giáo|[Tt]rung\s+học\s+cơ\s+sở|"
    r"[Tt]rung\s+học\s+phổ\s+thông|[Pp]hổ\s+thông(?:\s+[Dd]ân\s+tộc\s+[Nn]ội\s+trú)?|"
    r"[Đđ]ại\s+học|[Cc]ao\s+đẳng|[Tt]rung\s+cấp|[Cc]hính\s+trị|[Dd]ân\s+tộc\s+[Nn]ội\s+trú"
)
_BODY_KINDS = (
    r"Công\s+ty|Tổng\s+công\s+ty|Bệnh\s+viện|Ngân\s+hàng|Cục|Sở|Cơ\s+quan|Khối|"
    r"Quân\s+sự|Công\s+an|Bộ\s+đội|Viện|Trung\s+tâm|Tập\s+đoàn|Văn\s+phòng|Báo|Đài|"
    r"Học\s+viện|Đại\s+học|Hợp\s+tác\s+xã|Doanh\s+nghiệp|Bộ\s+Chỉ\s+huy|"
    # The coal companies of the TKV group: "Đảng bộ Than Quảng Ninh", "Than Hà Tu".
    r"Than"
)
# A body's name may hold up to three lower-case words between capitalised ones ("Cấp nước
# Quảng Bình", "Môi trường Đô thị", "Tổng công ty cao su Đồng Nai", "Trung tâm Y tế khu vực
# Phù Ninh"), not a verb or link word that ends it.
# Lower-case words that end a name: verbs and link words.
_NAME_END_WORDS = (
    # "Đảng bộ Than Quảng Ninh lần thứ V": the congress's ordinal is not the body's name.
    r"(?:và|của|có|đã|được|bộ|ủy|uỷ|với|cùng|là|tại|trong|kết|cho|đạt|tổ|vừa|long|tiến|lần|"
    r"trao|mở|khai|cử|giới|thực|luôn|đang|sẽ|cũng|chỉ|nhận|dự|tham|chào|mừng|đón|"
    # A level word starts the place the body is in: "Trường Mầm non Họa Mi quận Ba Đình".
    # ("Trường MN Đô thị Sài Đồng": "thị" of "Đô thị" goes on with the name.)
    r"tỉnh|huyện|quận|thị(?=[ \t]+(?:xã|trấn))|thành|xã|phường)(?!\w)"
)
_GAP_WORD = (
    rf"(?!{_NAME_END_WORDS})"
    r"[a-zà-ỹđ]+[ \t]+"
    # "Sở Giáo dục và Đào tạo", "Tài nguyên và Môi trường": "và" joins two capitalised
    # words of one name (a second body would open with "Đảng bộ", which ends the name).
    r"|và[ \t]+(?!Đảng|Chi|Ban|Huyện|Tỉnh|Thành|Quận|Xã|Phường)"
)
# "Trường THPT chuyên Nguyễn Quang Diêu" ("chuyên": a gifted-pupils school), "Trường Cao
# đẳng Kinh tế - Kỹ thuật Lâm Đồng": lower-case words and a dash inside the name.
# "Trường THPT Hiệp Hòa số 3": schools of one name are numbered.
_SCHOOL_NAME = (
    rf"{_TOKEN}(?:[ \t]+(?:chuyên[ \t]+|(?:{_GAP_WORD}){{1,3}}(?=[-–]|{_U})|)(?:[-–][ \t]+)?"
    rf"{_TOKEN}){{0,9}}(?:[ \t]+số[ \t]+\d{{1,2}}(?![\d.,/]))?"
)
# The levels of a school that teaches several: "Trường TH, THCS, THPT Khương Hạ".
_SCHOOL_LEVELS = r"(?:(?:MN|MG|TH|THCS|THPT|PTCS|PTTH|PTDTNT|PTDTBT)[ \t]*,[ \t]*)*"
_SCHOOL_TYPE_RE = re.compile(rf"(?:{_SCHOOL_TYPES})(?=[ \t])")
# A school's kind may be two ("Trường Phổ thông Dân tộc nội trú Trung học phổ thông tỉnh Quảng
# Ngãi"), and a school of a province or district is named after it.
_SCHOOL_KIND = (
    rf"(?:(?:{_SCHOOL_TYPES})[ \t]+)+(?:(?:tỉnh|huyện|thành[ \t]+phố|thị[ \t]+xã|quận)[ \t]+"
    rf"(?={_U}))?"
)
_SCHOOL_RE = re.compile(rf"Trường[ \t]+(?:{_SCHOOL_KIND}|{_SCHOOL_LEVELS}){_SCHOOL_NAME}")
# "Đảng bộ trường THPT Cẩm Xuyên": a school's party committee, its "trường" in lower case
# (as "Chi bộ trường Mầm non Định Hiệp" is a school's cell).
_PARTY_OF_SCHOOL_RE = re.compile(
    rf"(?<=[Đđ]ảng[ \t]bộ[ \t])trường[ \t]+(?:{_SCHOOL_KIND})?{_SCHOOL_NAME}"
)
# "Công ty Than Dương Huy - TKV": a dash before the group's acronym.
_BODY_NAME = (
    rf"{_TOKEN}(?:[ \t]+(?:(?:{_GAP_WORD}){{1,3}}(?={_U})|[-–][ \t]+(?=[A-ZĐ]{{2,}}))?"
    rf"{_TOKEN}){{0,7}}"
)
_BODY_RE = re.compile(
    r"(?:[Đđ]ảng\s+bộ|[Đđ]ảng\s+(?:ủy|uỷ)|[Cc]hi\s+bộ)[ \t]+"
    rf"(?P<name>(?:{_BODY_KINDS})(?:[ \t]+(?:[Cc]ổ\s+phần|TNHH|MTV|[Mm]ột\s+thành\s+viên|"
    rf"đa\s+khoa|nhân\s+dân))*[ \t]+(?:{_GAP_WORD}){{0,2}}{_BODY_NAME})"
)
# A body named by its kind and the territory it serves: "Đảng bộ Quân sự tỉnh",
# "Đảng bộ Công an huyện Lục Nam", "Đảng bộ Khối các cơ quan tỉnh". These are grassroots
# bodies, not the territory, so they must be read before the territorial word is.
_TERR_BODY_RE = re.compile(
    r"(?:[Đđ]ảng\s+bộ|[Đđ]ảng\s+(?:ủy|uỷ))[ \t]+"
    r"(?P<name>(?:Quân\s+sự|Công\s+an|Bộ\s+đội\s+Biên\s+phòng|Biên\s+phòng|"
    # The bodies of the 2025 structure: "Đảng bộ các cơ quan Đảng tỉnh", "Đảng bộ Ủy ban
    # nhân dân tỉnh", "Đảng bộ UBND thành phố".
    r"[Cc]ác\s+cơ\s+quan\s+(?:Đảng|đảng)|(?:Ủy|Uỷ)\s+ban\s+(?:nhân\s+dân|MTTQ\s+Việt\s+Nam)|UBND|"
    r"Hội\s+đồng\s+nhân\s+dân|HĐND|"
    r"[Kk]hối(?:[ \t]+(?:các|Các|cơ|quan|doanh|nghiệp|Doanh|Nghiệp|Cơ|Quan|dân|chính|Đảng|"
    r"đảng|và|Dân|Chính))*|[Cc]ơ\s+quan[ \t]+(?:UBND|HĐND|(?:Ủy|Uỷ)\s+ban(?:\s+nhân\s+dân)?|"
    r"Tỉnh\s+ủy|Huyện\s+ủy)|"
    # The zones of a province or city: "Đảng ủy Khu kinh tế tỉnh", "Đảng ủy Các Khu chế xuất
    # và công nghiệp thành phố", "Đảng bộ các Khu công nghiệp tỉnh".
    # ("Đảng bộ các Khu công nghiệp Tiền Giang", "các KCX-KCN TP.Hồ Chí Minh": the province's
    # name may follow with no level word, the zones joined by a dash.)
    r"(?:[Cc]ác[ \t]+)?[Kk]hu[ \t]+(?:chế\s+xuất|công\s+nghiệp|kinh\s+tế)"
    r"(?:(?:[ \t]*[-–,][ \t]*|[ \t]+(?:và[ \t]+)?)(?:[Kk]hu[ \t]+)?"
    r"(?:chế\s+xuất|công\s+nghiệp|kinh\s+tế))*)"
    r"[ \t]+(?:(?:(?<=ghiệp[ \t])|(?<=h[ \t]tế[ \t])|(?<=xuất[ \t]))(?=[A-ZĐ][^\W\d]*[ \t]+[A-ZĐ])|"
    r"tỉnh|huyện|thành\s+phố|thị\s+xã|quận|Tỉnh|Huyện|Thành\s+phố|Thị\s+xã|Quận|TP\.?|"
    # An agency of a commune of the 2025 structure: "Đảng bộ cơ quan UBND phường X".
    r"(?<=[Qq]uan[ \t]UBND[ \t])(?:xã|phường|Xã|Phường)|"
    r"(?<=[Nn]hân[ \t]dân[ \t])(?:xã|phường|Xã|Phường))"
    rf"(?:[ \t]*{_NAME})?)"
)
# The party committees directly under the Central Committee, read whole (their last word
# "ương" is lower case, and no territory follows): "Đảng bộ Công an Trung ương", "Đảng ủy
# Khối doanh nghiệp Trung ương", "Đảng bộ các cơ quan Đảng Trung ương", "Đảng bộ Quân đội",
# "Đảng bộ Chính phủ". The corpus puts them at province level, the highest it has.
_NATIONAL_BODY_RE = re.compile(
    r"(?:[Đđ]ảng\s+bộ|[Đđ]ảng\s+(?:ủy|uỷ))[ \t]+(?P<name>"
    r"(?:(?:Công\s+an|Quân\s+sự|[Cc]ác\s+cơ\s+quan\s+(?:Đảng|đảng)|"
    r"[Kk]hối(?:[ \t]+(?:các|Các|cơ|quan|doanh|nghiệp|Doanh|Nghiệp|Cơ|Quan|và))*|"
    r"Mặt\s+trận\s+Tổ\s+quốc,?\s+các\s+đoàn\s+thể)[ \t]+Trung\s+ương|"
    r"Quân\s+đội(?:\s+nhân\s+dân(?:\s+Việt\s+Nam)?)?|Chính\s+phủ|Quốc\s+hội))(?!\w)"
)
# "Quân ủy Trung ương" leads the Đảng bộ Quân đội: one organisation under one name.
_CENTRAL_MILITARY_COMMISSION_RE = re.compile(r"Quân\s+(?:ủy|uỷ)\s+Trung\s+ương(?!\w)")
_ARMY = "Quân đội"
# An enterprise named without its party unit: "Công ty CP Becamex A là điểm sáng ... Chi bộ
# đã kết nạp 15 quần chúng": the bare "Chi bộ" after it is the enterprise's cell.
_ENTERPRISE_RE = re.compile(
    r"(?<!\w)(?P<name>(?:Công\s+ty|Tổng\s+công\s+ty|Tập\s+đoàn|Hợp\s+tác\s+xã|Ngân\s+hàng|"
    r"Bệnh\s+viện)(?:[ \t]+(?:[Cc]ổ\s+phần|TNHH|MTV|[Mm]ột\s+thành\s+viên))*[ \t]+"
    rf"(?:{_GAP_WORD}){{0,2}}{_BODY_NAME})"
)
# How far back the enterprise a bare "Chi bộ" stands for may be named (within its paragraph).
_ENTERPRISE_REACH = 400
_AGENCY_PEOPLES_COMMITTEE_RE = re.compile(r"(?<=^[Cc]ơ quan )(?:Ủy|Uỷ)\s+ban\s+nhân\s+dân")
# A faculty or department is named in sentence case: "khoa Kinh tế và Quản trị kinh doanh",
# "bộ môn Ngữ văn"; the name runs to a verb or link word ("... đã tổ chức", "... trao").
_FACULTY_NAME = (
    rf"{_TOKEN}(?:[ \t]+(?:{_TOKEN}|&|và(?=[ \t]+{_U})|(?!{_NAME_END_WORDS})[a-zà-ỹđ]+(?!\w)))"
    r"{0,7}"
)
# "Chi bộ Tài chính kế toán nhận định ...", "Chi bộ Sinh viên Kinh tế tài chính trực thuộc
# ...", "Chi bộ Bệnh viện Phục hồi chức năng đã ...": a cell named in sentence case, its name
# running over lower-case words to the verb or link word after it (never over a number: "Chi
# bộ Ấp 3 phối hợp ..." is read as before).
_CELL_NAME_STOPS = (
    rf"{_NAME_END_WORDS}|(?:trực|thuộc|phối|họp|xét|đề|bàn|triển|hiện|gồm|nhấn|phát|nêu|"
    r"khẳng|đánh|yêu|mong|chúc|báo|quán|lãnh)(?!\w)"
)
# Not a person's name: "Bí thư Chi bộ Phan Dân nhấn mạnh ..." names the secretary.
_SENTENCE_CASE_NAME = (
    rf"(?!(?:{'|'.join(sorted(SURNAMES))})[ \t]){_U}[^\W\d_]*(?:[ \t]+{_U}[^\W\d_]*)*"
    rf"(?:[ \t]+(?!{_CELL_NAME_STOPS})[a-zà-ỹđ]+(?!\w))+"
    rf"(?:[ \t]+(?:{_U}[^\W\d_]*|(?!{_CELL_NAME_STOPS})[a-zà-ỹđ]+(?!\w)))*"
    rf"(?=[ \t]+(?:{_CELL_NAME_STOPS})|[ \t]*[,.;:()\n])"
)
_SECRETARY_BEFORE_RE = re.compile(r"(?:[Bb]í\s+thư|[Cc]hi\s+(?:ủy|uỷ)\s+viên)\s+$")
_CELL_RE = re.compile(
    # "Chi bộ nòng cốt Cụm công nghiệp A" (the core cell of an industrial zone's firms),
    # "Chi bộ ghép thôn A - thôn B": a kind of cell, kept in its name.
    r"[Cc]hi\s+bộ[ \t]+(?P<name>(?P<kind>(?:nòng\s+cốt|ghép)[ \t]+)?(?:"
    rf"(?P<faculty>khoa|bộ\s+môn)[ \t]+{_FACULTY_NAME}|"
    # "Chi bộ trường Mầm non Định Hiệp": a school's cell, its type in lower case or not.
    rf"[Tt]rường[ \t]+(?:{_SCHOOL_KIND}|{_SCHOOL_LEVELS}){_SCHOOL_NAME}|"
    # "Chi bộ Quân sự phường Long Biên", "Chi bộ Công an xã A": the force's cell of a commune.
    r"(?P<force>(?:Quân[ \t]+sự|Công[ \t]+an)[ \t]+(?:xã|phường|thị[ \t]+trấn|đặc[ \t]+khu)[ \t]+)"
    rf"{_NAME}|"
    rf"(?P<sentence_case>{_SENTENCE_CASE_NAME})|"
    # "Chi bộ số 4 (Đảng bộ Trường THPT Chuyên Thái Nguyên)": cells numbered within a body.
    r"(?P<numbered>số[ \t]+\d{1,3}(?![\d.,/]))|"
    r"(?:(?:thôn|ấp|khu\s+phố|tổ\s+dân\s+phố|phố|khu|"
    # Villages of the Central Highlands: "buôn" (Ê Đê), "bon" (M'Nông), "plei" (Jrai, Bahnar).
    rf"bản|làng|khối|tổ|xóm|buôn|bon|plei|sóc|khóm)[ \t]+)?{_SCHOOL_NAME}))"
)
_REF_RE = re.compile(
    r"(?P<pre>(?:[Tt]oàn[ \t]+(?:[Đđ]ảng\s+bộ[ \t]+)?)|(?:[Đđ]ảng\s+bộ[ \t]+)|"
    r"(?:[Đđ]ảng\s+(?:ủy|uỷ)[ \t]+)|(?:[Cc]hi\s+bộ[ \t]+))?"
    r"(?P<word>[Tt]ỉnh|[Hh]uyện|[Tt]hành\s+phố|[Tt]hị\s+xã|[Qq]uận|[Xx]ã|[Pp]hường|"
    rf"[Tt]hị\s+trấn|[Tt]rường)(?!\w)(?![ \t]+(?:{_U}|\d))"
)
_REF_LOOSE_RE = re.compile(
    r"(?P<pre>(?:[Tt]oàn[ \t]+(?:[Đđ]ảng\s+bộ[ \t]+)?)|(?:[Đđ]ảng\s+bộ[ \t]+)|"
    r"(?:[Đđ]ảng\s+(?:ủy|uỷ)[ \t]+))"
    r"(?P<word>[Tt]ỉnh|[Hh]uyện|[Tt]hành\s+phố|[Tt]hị\s+xã|[Qq]uận|[Xx]ã|[Pp]hường|"
    r"[Tt]hị\s+trấn)(?!\w)"
)
_SITE_RE = re.compile(
    r"(?:trang|cổng)\s+(?:thông\s+tin|tt)\s*(?:điện\s+tử|đt)?\s+"
    r"(?P<word>tỉnh|huyện|thành\s+phố|thị\s+xã|quận|xã|phường|thị\s+trấn)\s+"
    r"(?P<name>[^\W\d_]+(?:[ \t]+[^\W\d_]+)?)",
    re.IGNORECASE,
)
# What may precede a level word that is a count or a category, not an organisation:
# a digit or one of these words, then only spaces up to the level word.
_NOT_SUBJECT_WORDS = (
    "các",
    "những",
    "mỗi",
    "từng",
    "nhiều",
    "cấp",
    "thuộc",
    "trực thuộc",
    "giữa",
    "ngoài",
    "một số",
)
# Matched on the 20 characters before the level word, reversed: one anchored attempt
# rather than a search trying every start (speed; ``\b`` reads the same either way).
_NOT_SUBJECT_BEFORE_REV_RE = re.compile(
    r"\s*(?:\d|(?:"
    + "|".join(r"\s+".join(w[::-1] for w in reversed(p.split())) for p in _NOT_SUBJECT_WORDS)
    + r")\b)",
    re.IGNORECASE,
)


def _not_subject_before(text: str, pos: int) -> bool:
    """True when a count or category word ends right before ``pos`` ("các xã", "2 huyện")."""
    return _NOT_SUBJECT_BEFORE_REV_RE.match(text[max(0, pos - 20) : pos][::-1]) is not None


@dataclass(frozen=True)
class Org:
    word: str  # lower-case level word: "huyện", "thành phố", "trường", "chi bộ", "đảng bộ"
    name: str  # the distinctive part as written: "Kim Sơn", "Trường THPT Lộc Ninh"
    level: str

    @property
    def display(self) -> str:
        if self.word in ("trường", "đảng bộ"):
            return self.name
        return f"{self.word} {self.name}"


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    org: Org | None  # named mention
    ref_word: str | None = None  # unnamed reference: its level word
    weight: float = 1.0


@functools.lru_cache(maxsize=256)
def _norm_word(word: str) -> str:
    w = re.sub(r"\s+", " ", word.strip().lower())
    if w.rstrip(".") == "tp":
        return "thành phố"
    return w


def level_for(word: str, name: str) -> str:
    if word == "thành phố" and name.lower() in CENTRAL_CITIES:
        return "province"
    return _WORD_LEVEL.get(word, "grassroots")


# Stop words that also open place names ("Đồng Nai", "Bà Rịa", "Anh Sơn", "Hội An",
# "Chi Lăng", "Kế Sách", "Thường Tín", "Năm Căn"): kept as the first token of a name when
# a capitalised word, itself no stop word, follows.
_PLACE_OPENERS = frozenset(["Đồng", "Bà", "Anh", "Hội", "Chi", "Kế", "Thường", "Năm"])


@functools.lru_cache(maxsize=4096)
def trim_name(raw: str, max_tokens: int) -> str:
    tokens = raw.split()
    out: list[str] = []
    for i, tok in enumerate(tokens):
        if tok in _STOP_TOKENS and not (
            i == 0
            and tok in _PLACE_OPENERS
            and len(tokens) > 1
            and tokens[1][:1].isalpha()
            and tokens[1] not in _STOP_TOKENS
            and tokens[1] not in ("Chí", "CHÍ")
        ):
            break
        if tok in SURNAMES and len(out) >= 2:
            break
        out.append(tok)
        if len(out) >= max_tokens:
            break
    return " ".join(out)


_SCHOOL_HARD_STOPS = frozenset(
    ["Đảng", "Ban", "Bí", "Phó", "Chủ", "Ủy", "Uỷ", "UBND", "HĐND", "MTTQ", "Huyện", "Tỉnh"]
    + ["Xã", "Phường", "Quận", "Chi", "Hiệu", "Giám", "Trưởng", "Ngày", "Tháng", "Năm"]
)


# The words of a school's name, its kinds written out included: "Phổ thông Dân tộc nội trú
# Trung học phổ thông tỉnh Quảng Ngãi" is thirteen.
_SCHOOL_NAME_TOKENS = 14


def trim_school_name(raw: str, max_tokens: int) -> str:
    """A school's name: schools are named after people ("Trường THCS Chu Văn An",
    "Trường THPT Lê Quý Đôn"), so a surname may open the name right after the school
    type; after a place name it starts a person's ("Trường THPT Lộc Ninh Nguyễn Văn A")."""
    out: list[str] = []
    tokens = raw.split()
    person = False
    person_at = 0  # where the person's name opens in ``out``
    # "Cao đẳng Lý Tự Trọng": a type written out is an opening like "THCS".
    written = _SCHOOL_TYPE_RE.match(raw)
    type_tokens = len(written.group(0).split()) if written else 0
    for i, tok in enumerate(tokens):
        # Only the type so far ("THCS", "THPT chuyên", "Cao đẳng").
        opening = i <= type_tokens or all(t.isupper() or t == "chuyên" for t in out)
        if out and not opening and (tok in SURNAMES or tok in _STOP_TOKENS):
            # "Trường Cao đẳng Kinh tế - Kỹ thuật Lâm Đồng": a province or district closing
            # the name is a place, not a person's surname.
            n = gazetteer.official_prefix("any", tokens[i : i + 4]) or 0
            if n:
                out.extend(tokens[i : i + n])
                break
        if tok in SURNAMES:
            # "Đặng Trần Côn": a middle name may be a surname too.
            if not opening and not (person and len(out) - person_at == 1):
                break
            if not person:
                person, person_at = True, len(out)
        elif tok in _STOP_TOKENS:
            # "Lê Quý Đôn": a person's given names; "Đồng Xoài": a place name's opening.
            nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
            place = (
                opening and tok in _PLACE_OPENERS and nxt[:1].isupper() and nxt not in _STOP_TOKENS
            )
            if not (person and tok not in _SCHOOL_HARD_STOPS) and not place:
                break
        out.append(tok)
        if len(out) >= max_tokens:
            break
    return " ".join(out)


@functools.lru_cache(maxsize=4096)
def _make_org(word: str, name: str) -> Org | None:
    word = _norm_word(word)
    if not name:
        return None
    if word == "thành phố" and name.upper() in ("HCM", "HỒ CHÍ MINH"):
        name = "Hồ Chí Minh"
    return Org(word, name, level_for(word, name))


_TOKEN_END_RE = re.compile(r"\S+")
# Middle names: "<surname> <middle> ..." after a level word is a person, not a place.
_BODY_NOT_PERSON = (
    "Công ty",
    "Tổng công ty",
    "Bệnh viện",
    "Ngân hàng",
    "Viện",
    "Trung tâm",
    "Tập đoàn",
    "Học viện",
    "Hợp tác xã",
)


def _name_span(raw: str, n: int) -> str:
    """The first ``n`` tokens of ``raw`` as written (original spacing kept)."""
    ends = [t.end() for t in _TOKEN_END_RE.finditer(raw)]
    return raw[: ends[n - 1]] if 0 < n <= len(ends) else ""


@functools.lru_cache(maxsize=8192)
def territorial_name(word: str, raw: str, max_tokens: int = 4, validate: bool = True) -> str:
    """The place name that opens ``raw`` after the level word ``word``, or "".

    With the official units loaded, the longest run of the capitalised words that is the
    name of a unit of that level ("xã Lộc Hiệp Hoàng Ngọc Tuấn" → "Lộc Hiệp"); a person's
    name ("Tỉnh ủy Đặng Ngọc Dũng", "xã Trần Thị Mai") or a phrase ("huyện Nông thôn
    mới") gives "". Without them, the stop-word and surname rules of ``trim_name``.
    """
    tokens = raw.split()
    n = gazetteer.official_prefix(word, tokens[:6]) if validate else None
    if n is None:
        return trim_name(raw, max_tokens)
    if n == 0:
        # Units merged away before the dataset's snapshot (communes merged in 2019–2024) are
        # not in it, yet older articles name them: keep a name that looks like a place (two
        # words or more, not opening with a surname), never a person or a one-word phrase.
        name = trim_name(raw, max_tokens)
        words = name.split()
        return name if len(words) >= 2 and words[0] not in SURNAMES else ""
    if n == 1 and len(tokens) > 1 and tokens[0] in SURNAMES and tokens[1][:1].isupper():
        return ""  # "xã Lâm Văn Hùng": a one-word commune "Lâm" would be a person's surname
    return _name_span(raw, n)


def _person_follows(text: str, pos: int, end: int, word: str) -> bool:
    """After a level word at ``pos``: capitalised words that name no unit of that level
    (a person: "Bí thư Đảng ủy xã Trần Thị Mai"), so the level word is a reference."""
    m = _NAME_AFTER_RE.match(text, pos, end)
    if not m or not gazetteer.available():
        return False
    raw = m.group(1)
    first = raw.split()[0]
    if first in _STOP_TOKENS or first[:1].isdigit():
        return False
    return not territorial_name(word, raw)


_NAME_AFTER_RE = re.compile(rf"[ \t]+({_NAME})")
gazetteer.on_reload(territorial_name.cache_clear)


# Level words grouped by their first letter (speed: the scan tries one branch per "t" or
# "đ" of the text rather than each word that opens with it). No word here matches where
# another one does, so the matches are those of the plain list of words.
_TRIGGER_RE = re.compile(
    r"t(?:ỉnh|hị\s+(?:xã|trấn|ủy|uỷ)|hành\s+(?:phố|ủy|uỷ|đoàn)|p|rường|oàn)|huyện|xã|phường|"
    r"qu(?:ận|ân\s+(?:ủy|uỷ)\s+trung)|"
    r"đ(?:ặc\s+khu|ảng\s+(?:bộ|ủy|uỷ))|chi\s+bộ"
)


def find_org_mentions(
    text: str,
    start: int = 0,
    end: int | None = None,
    low: str | None = None,
    validate: bool = True,
) -> list[Mention]:
    """Named organisations and level-word references in ``text[start:end]``, in order.

    A cheap scan for level words on lower-cased text finds where a mention may begin;
    the detailed patterns are tried only there (speed: most positions start nothing).
    ``low`` is ``lower_same_length(text[start:end])`` when the caller has it already.
    ``validate=False`` takes territorial names as written (a name the user gives).
    """
    end = len(text) if end is None else end
    if low is None:
        low = lower_same_length(text[start:end])
    found: list[Mention] = []
    # Trigger matches never overlap, so each position is tried once.
    for t in _TRIGGER_RE.finditer(low):
        pos = start + t.start()
        if pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] == "_"):
            continue
        found.extend(_mentions_at(text, pos, end, t.group(0), validate))
    found.sort(key=lambda x: (x.start, -(x.end - x.start)))
    out: list[Mention] = []
    last_end = -1
    for mention in found:
        if mention.start >= last_end:
            if out and _serves_place(text, out[-1], mention):
                # "Đảng bộ Trung tâm Y tế huyện Cam Lộ": the body of the district it serves.
                body, place = out[-1].org, mention.org
                name = f"{body.name} {place.word} {place.name}"
                out[-1] = Mention(out[-1].start, mention.end, Org(body.word, name, body.level))
            else:
                out.append(mention)
            last_end = mention.end
    return out


def _serves_place(text: str, body: Mention, place: Mention) -> bool:
    """Whether `place` right after a body's name is the place the body serves, part of its
    name: the health centre or the hospital of a district or province."""
    return (
        body.org is not None
        and place.org is not None
        and body.org.level in ("grassroots", "cell")
        and place.org.level in ("district", "province")
        and text[body.end : place.start] == " "
        and _SERVICE_BODY_RE.match(body.org.name) is not None
        and place.org.word in ("huyện", "tỉnh", "thị xã", "thành phố", "quận")
    )


_SERVICE_BODY_RE = re.compile(r"(?:Trung\s+tâm\s+Y\s+tế|Bệnh\s+viện(?:\s+Đa\s+khoa)?)$")


_TOAN_NEXT = ("tỉnh", "huyện", "thành", "thị", "quận", "xã", "phường", "trường", "đảng")


@functools.lru_cache(maxsize=256)
def _trigger_kind(trigger: str) -> tuple[bool, bool, bool, bool]:
    """(party, territorial, committee word, youth) for a trigger, worked out once per
    spelling."""
    party = trigger.startswith(("đảng", "chi"))
    territorial = not party and trigger not in ("trường", "toàn")
    return party, territorial, trigger.endswith(("ủy", "uỷ")), trigger[-4:] == "đoàn"


# "chi bộ các trường THPT trên địa bàn huyện Krông Pắc đã tổ chức kết nạp Đảng cho 19 học
# sinh": the cells of a district's schools together, one count for them all (not the
# district's, whose other units admitted more).
_SCHOOL_GROUP_RE = re.compile(
    r"trường[ \t]+(?P<kind>THPT|THCS|PTDTNT|[Tt]iểu[ \t]+học|[Mm]ầm[ \t]+non)[ \t]+"
    r"trên[ \t]+địa[ \t]+bàn[ \t]+(?P<word>huyện|thị[ \t]+xã|thành[ \t]+phố|quận|tỉnh)[ \t]+"
    rf"(?P<name>{_NAME})"
)
_SCHOOL_GROUP_BEFORE_RE = re.compile(r"(?:[Cc]hi[ \t]+bộ[ \t]+)?(?:các|những)[ \t]+$")


# Words "trường" ends that are no school: "môi trường", "thị trường", "quảng trường", "công
# trường", "nông trường", "lâm trường", "chiến trường", "hiện trường", "phi trường".
_COMPOUND_TRUONG_RE = re.compile(
    r"(?<!\w)(?:[Mm]ôi|[Tt]hị|[Qq]uảng|[Cc]ông|[Nn]ông|[Ll]âm|[Cc]hiến|[Hh]iện|[Pp]hi|[Nn]gư)"
    r"[ \t]+$"
)


def _school_group_at(text: str, pos: int, end: int, validate: bool) -> Mention | None:
    before = _SCHOOL_GROUP_BEFORE_RE.search(text, max(0, pos - 16), pos)
    m = _SCHOOL_GROUP_RE.match(text, pos, end) if before else None
    if m is None:
        return None
    word = _norm_word(m.group("word"))
    name = territorial_name(word, m.group("name"), 4, validate)
    if not name:
        return None
    kind = " ".join(m.group("kind").split())
    org = Org("chi bộ", f"các trường {kind} trên địa bàn {word} {name}", "cell")
    return Mention(before.start(), m.start("name") + len(name), org)


_AND_CELL_RE = re.compile(r"[ \t]+và[ \t]+(?P<cell>[Cc]hi[ \t]+bộ)[ \t]")
_SCHOOL_ADMITS_RE = re.compile(r"(?:đã\s+|vừa\s+)?kết\s+nạp(?!\w)")


def _mentions_at(
    text: str, pos: int, end: int, trigger: str, validate: bool = True
) -> list[Mention]:
    # Most level words in running text start nothing ("xã hội", "môi trường", "toàn
    # diện"); the next character rules them out before any detailed pattern runs.
    nxt = text[pos + len(trigger) : pos + len(trigger) + 12].lstrip()
    if trigger == "toàn":
        if not nxt.lower().startswith(_TOAN_NEXT):
            return []
    elif trigger in ("xã", "phường", "trường") and nxt[:1].islower():
        if trigger == "trường" and _SCHOOL_ADMITS_RE.match(nxt):
            # "Trong hai năm 2024 và 2025, trường đã kết nạp 6 học sinh": the school named.
            return [Mention(pos, pos + len(trigger), None, ref_word="trường")]
        return []
    if trigger == "trường" and _COMPOUND_TRUONG_RE.search(text, max(0, pos - 8), pos):
        return []  # "Công ty TNHH Xây dựng Môi Trường Xanh": a word, not a school
    if trigger == "trường":
        group = _school_group_at(text, pos, end, validate)
        if group is not None:
            return [group]
    if trigger.startswith("quân"):  # "Quân ủy Trung ương"
        m = _CENTRAL_MILITARY_COMMISSION_RE.match(text, pos, end)
        return [Mention(pos, m.end(), Org("đảng bộ", _ARMY, "province"))] if m else []
    found: list[Mention] = []
    party, territorial, committee_word, youth = _trigger_kind(trigger)
    if youth and not validate:
        return []
    if territorial and validate and _mass_org_at(text, pos, youth, nxt):
        # "Hội Nông dân huyện", "Huyện Đoàn", "Thành Đoàn": a mass organisation of the
        # territory, not its party organisation; a figure after it belongs to neither.
        return [Mention(pos, pos + len(trigger), None, ref_word=MASS_ORG)]
    if youth:
        return []
    # Cheap look at the next word decides which detailed patterns can match here.
    committee = territorial and (
        committee_word
        or text[pos + len(trigger) : pos + len(trigger) + 3].lstrip()[:2].lower() in ("ủy", "uỷ")
    )
    m = _TERR_RE.match(text, pos, end) if territorial and not committee else None
    if m:
        name = territorial_name(_norm_word(m.group("word")), m.group("name"), 4, validate)
        org = _make_org(m.group("word"), " ".join(name.split()))
        if org:
            found.append(Mention(m.start(), m.start("name") + len(name), org))
        elif (
            validate
            and _WORD_LEVEL.get(_norm_word(m.group("word"))) == "commune"
            and gazetteer.available()
            and not _not_subject_before(text, m.start())
        ):
            # "xã Anh hùng ...": a commune, but none the article names; its figures are
            # not the district's either.
            found.append(Mention(m.start(), m.start("name"), None, ref_word=UNKNOWN_UNIT))
    m = _COMMITTEE_RE.match(text, pos, end) if committee else None
    if m:
        word = _COMMITTEE_WORD[m.group("word").lower()]
        name = territorial_name(word, m.group("name") or "", 4, validate)
        if name:
            org = _make_org(word, " ".join(name.split()))
            found.append(Mention(m.start(), m.start("name") + len(name), org, weight=2.0))
        elif not _not_subject_before(text, m.start()):
            ref_end = m.start("name") if m.group("name") else m.end()
            ref_end = len(text[m.start() : ref_end].rstrip()) + m.start()
            found.append(Mention(m.start(), ref_end, None, ref_word=word))
    m = None
    if trigger == "trường":
        m = _SCHOOL_RE.match(text, pos, end) or _PARTY_OF_SCHOOL_RE.match(text, pos, end)
    if m:
        _, _, rest = m.group(0).partition(" ")
        name = trim_school_name(rest, _SCHOOL_NAME_TOKENS)
        if name:
            full = f"Trường {name}"
            found.append(
                Mention(m.start(), m.start() + len(full), Org("trường", full, "grassroots"))
            )
    m = _NATIONAL_BODY_RE.match(text, pos, end) if party else None
    if m:
        name = " ".join(m.group("name").split())
        org = Org("đảng bộ", _ARMY if name.startswith(_ARMY) else name, "province")
        found.append(Mention(m.start(), m.end(), org, weight=0.5))
        return found
    m = _TERR_BODY_RE.match(text, pos, end) if party else None
    if m:
        name = m.group("name")
        head = re.match(r".*?(?:tỉnh|huyện|thành\s+phố|thị\s+xã|quận)(?=[ \t]|$)", name, re.I)
        kind_len = head.end() if head else len(name)
        rest = name[kind_len:].strip()
        tw = _TERR_WORD_END_RE.search(name[:kind_len])
        tail = (
            territorial_name(_norm_word(tw.group(0)), rest, 4, validate)
            if tw and rest.strip()
            else ""
        )
        if not tail and rest.strip():
            first = rest.split()[0]
            # A person after the body ("Đảng ủy Quân sự tỉnh Nguyễn Văn A"), with the
            # official units known: no place name.
            person = (
                validate and gazetteer.available() and first in SURNAMES and len(rest.split()) > 1
            )
            tail = "" if person else trim_name(rest, 4)
        trimmed = (name[:kind_len] + " " + tail).strip()
        # "Đảng bộ cơ quan Ủy ban nhân dân phường X" is "Đảng bộ cơ quan UBND phường X" as the
        # rest of the article writes it: one organisation under one name.
        shown = _AGENCY_PEOPLES_COMMITTEE_RE.sub("UBND", trimmed)
        org = Org("đảng bộ", shown, _body_level(name[:kind_len], tail or rest.strip()))
        found.append(Mention(m.start(), m.start("name") + len(trimmed), org, weight=0.5))
        return found
    m = _BODY_RE.match(text, pos, end) if party else None
    if m and _body_is_person(m.group("name")):
        m = None
    if m:
        name = m.group("name")
        kind_len = len(name) - len(name.split()[-1])
        trimmed = (name[:kind_len] + trim_name(name[kind_len:], 6)).strip()
        if text[m.start() : m.start() + 2].lower() == "ch":
            org = Org("chi bộ", trimmed, "cell")
        else:
            org = Org("đảng bộ", trimmed, "grassroots")
        found.append(Mention(m.start(), m.start("name") + len(trimmed), org, weight=0.5))
    m = _CELL_RE.match(text, pos, end) if trigger.startswith("chi") else None
    if m:
        kind = m.group("kind") or ""
        raw = m.group("name")[len(kind) :]
        kind = " ".join(kind.split())
        faculty = m.group("faculty")
        if faculty:
            name = f"{faculty} {trim_name(raw[len(faculty) :], 8)}".strip()
        elif raw[:7].lower() == "trường ":
            name = f"Trường {trim_school_name(raw[len('Trường ') :], _SCHOOL_NAME_TOKENS)}".strip()
        elif m.group("force"):
            force = " ".join(m.group("force").split())
            name = f"{force} {trim_name(raw[len(m.group('force')) :], 4)}".strip()
        elif m.group("sentence_case") or m.group("numbered"):
            name = " ".join(raw.split()[:8])
        elif raw.split()[0][:1].islower():
            prefix, _, rest = raw.partition(" ")
            if prefix.lower() in ("khu", "tổ") and rest.split()[0][:1].islower():
                p2, _, rest = rest.partition(" ")
                prefix = f"{prefix} {p2}"
            name = f"{prefix} {trim_name(rest, 5)}".strip()
        elif raw.split()[0] in SURNAMES and _SECRETARY_BEFORE_RE.search(
            text, max(0, pos - 16), pos
        ):
            # "đồng chí Bí thư Chi bộ Phan Dân nhấn mạnh": the secretary, named after the cell.
            name = ""
        else:
            # A dash joining two places ("Diên Phú - Đắc Lộc") is no word of the name.
            name = trim_name(raw, 7 + raw.split()[:8].count("-"))
        sentence_case = m.group("sentence_case") is not None
        if name and (
            faculty or sentence_case or name.split()[-1][:1].isupper() or name[-1:].isdigit()
        ):
            name = f"{kind} {name}" if kind else name
            stop = m.start("name") + len(name)
            if name.endswith(" và"):  # "khoa Chính trị học và Chi bộ khoa Luật"
                name, stop = name[:-3], stop - 3
            joint = _AND_CELL_RE.match(text, stop, end)
            second = (
                _mentions_at(text, joint.start("cell"), end, "chi bộ", validate) if joint else []
            )
            if second and second[0].org is not None and second[0].org.level == "cell":
                # "Chi bộ khoa Chính trị học và Chi bộ khoa Luật tổ chức lễ kết nạp cho 06
                # quần chúng": one ceremony of the two cells, their admissions together.
                name, stop = f"{name} và Chi bộ {second[0].org.name}", second[0].end
            found.append(Mention(m.start(), stop, Org("chi bộ", name, "cell"), weight=0.25))
    if not found and trigger.startswith("chi") and nxt[:1].islower():
        cell = _enterprise_cell(text, pos)
        if cell is not None:
            return [Mention(pos, pos + len(trigger), cell, weight=0.25)]
    m = _REF_RE.match(text, pos, end)
    if m:
        word = _norm_word(m.group("word"))
        pre = m.group("pre")
        ok = bool(pre) or word not in ("xã", "phường", "thị trấn", "trường")
        if pre and pre.strip().lower() == "chi bộ" and word != "trường":
            ok = False
        if ok and not _not_subject_before(text, m.start()):
            found.append(Mention(m.start(), m.end(), None, ref_word=word))
    elif territorial or trigger == "toàn" or party:
        m = _REF_LOOSE_RE.match(text, pos, end)
        if (
            validate
            and m
            and m.group("pre")
            and _person_follows(text, m.end(), end, _norm_word(m.group("word")))
        ):
            # "Bí thư Đảng ủy xã Trần Thị Mai cho biết": the commune the article is about.
            word = _norm_word(m.group("word"))
            if not _not_subject_before(text, m.start()):
                found.append(Mention(m.start(), m.end(), None, ref_word=word))
    return found


_TERR_WORD_END_RE = re.compile(r"(?:tỉnh|huyện|thành\s+phố|thị\s+xã|quận)$", re.IGNORECASE)


def _enterprise_cell(text: str, pos: int) -> Org | None:
    """The cell a bare "Chi bộ" opening a clause stands for: that of the enterprise its
    paragraph names last ("Công ty CP A là điểm sáng ... thuộc Đảng bộ Khu kinh tế tỉnh.
    Nhiệm kỳ 2022 - 2025, Chi bộ đã kết nạp ..."), unless a cell is named after it."""
    head = text[max(0, pos - 3) : pos]
    if not (pos == 0 or head.endswith(("\n", ". ", ", ", ": ")) or head.strip() == ""):
        return None
    lo = max(text.rfind("\n", 0, pos) + 1, pos - _ENTERPRISE_REACH)
    last = None
    for m in _ENTERPRISE_RE.finditer(text, lo, pos):
        last = m
    if last is None or "hi bộ" in text[last.end() : pos]:
        return None
    name = last.group("name")
    kind_len = len(name) - len(name.split()[-1])
    trimmed = (name[:kind_len] + trim_name(name[kind_len:], 6)).strip()
    return Org("chi bộ", " ".join(trimmed.split()), "cell")


MASS_ORG = "đoàn thể"
UNKNOWN_UNIT = "đơn vị khác"
# Before a level word: the name of a mass organisation ("Hội Nông dân", "Hội Liên hiệp
# Phụ nữ", "Đoàn Thanh niên", "Liên đoàn Lao động", "Mặt trận Tổ quốc", "Công đoàn").
_MASS_BEFORE_RE = re.compile(
    r"(?:\bHội(?:[ \t]+(?!nghị|đồng|thảo|viên|Nghị|Đồng)[^\W\d_]+){1,4}|\bĐoàn[ \t]+[Tt]hanh[ \t]+"
    r"niên(?:[ \t]+[^\W\d_]+){0,4}|\bLiên[ \t]+đoàn[ \t]+[Ll]ao[ \t]+động|\bCông[ \t]+đoàn|"
    r"\bMặt[ \t]+trận[ \t]+Tổ[ \t]+quốc|\bMTTQ(?:[ \t]+Việt[ \t]+Nam)?)[ \t]+$"
)


def _mass_org_at(text: str, pos: int, youth: bool, nxt: str) -> bool:
    if youth:  # "Thành Đoàn Hà Nội" (not "trở thành đoàn viên")
        return text[pos].isupper() and "Đoàn" in text[pos : pos + 12]
    if nxt.startswith("Đoàn") and not nxt.startswith("Đoàn kết"):
        return True  # "Tỉnh Đoàn", "Huyện Đoàn"
    before = text[pos - 45 if pos > 45 else 0 : pos]
    if not (
        "Hội" in before
        or "đoàn" in before
        or "Đoàn" in before
        or "Mặt" in before
        or "MTTQ" in before
    ):
        return False
    return _MASS_BEFORE_RE.search(before) is not None


def _body_level(kind: str, rest: str) -> str:
    """A force or bloc of the province ("Đảng bộ Công an tỉnh", "Đảng ủy Khối Cơ quan và
    Doanh nghiệp tỉnh") is directly under the province, at district level; one of a
    district, and an agency, is grassroots."""
    if re.match(r"\s*Cơ\s+quan", kind):
        return "grassroots"
    w = _norm_word(kind.split()[-1] if kind.split() else "")
    if kind.lower().rstrip().endswith("thành phố"):
        return "district" if rest.lower() in CENTRAL_CITIES else "grassroots"
    return "district" if w == "tỉnh" else "grassroots"


def _body_is_person(name: str) -> bool:
    """ "Bí thư Đảng ủy Khối Nguyễn Văn Hùng": a person follows the body's kind word."""
    if name.startswith(_BODY_NOT_PERSON):
        return False
    tokens = name.split()
    kind_words = 1
    while kind_words < len(tokens) and tokens[kind_words][:1].islower():
        kind_words += 1
    rest = tokens[kind_words:] if tokens[0] != "Bộ" else tokens[3:]
    return len(rest) >= 2 and rest[0] in SURNAMES


def site_mentions(text: str) -> list[Mention]:
    """'Trang thông tin điện tử huyện X' headers, whose name may be written in lower case."""
    out = []
    for m in _SITE_RE.finditer(text):
        name = " ".join(t[:1].upper() + t[1:].lower() for t in m.group("name").split())
        name = territorial_name(_norm_word(m.group("word")), name, 2)
        org = _make_org(m.group("word"), name)
        if org:
            out.append(Mention(m.start(), m.end(), org, weight=3.0))
    return out


_LEVEL_WEIGHT = {"province": 1.0, "district": 1.0, "commune": 0.9, "grassroots": 0.5, "cell": 0.2}


def choose_main(mentions: list[Mention], title_span: tuple[int, int] | None = None) -> Org | None:
    """The organisation the article is about: the most, and most heavily, named one."""
    scores: dict[str, float] = {}
    first: dict[str, int] = {}
    orgs: dict[str, Org] = {}
    for mention in mentions:
        if mention.org is None:
            continue
        key = distinctive_name(mention.org.display) + "|" + mention.org.level
        w = mention.weight * _LEVEL_WEIGHT.get(mention.org.level, 0.5)
        if title_span and title_span[0] <= mention.start < title_span[1]:
            w *= 3
        scores[key] = scores.get(key, 0.0) + w
        first.setdefault(key, mention.start)
        # Prefer the properly capitalised spelling when the same org is seen twice.
        if key not in orgs or orgs[key].name.islower():
            orgs[key] = mention.org
    if not scores:
        return None
    best = max(scores, key=lambda k: (scores[k], -first[k]))
    return orgs[best]


def parse_org(text: str) -> Org | None:
    """Read an organisation the caller names ("tỉnh Khánh Hòa", "Huyện ủy Tháp Mười")."""
    text = normalise_d(text.strip())
    for mention in find_org_mentions(text, validate=False):
        if mention.org is not None:
            return mention.org
    site = _SITE_RE.search("trang thông tin điện tử " + text)
    if site:
        return _make_org(site.group("word"), site.group("name").strip())
    return None


def normalise_d(text: str) -> str:
    """Icelandic Ð/ð (U+00D0/U+00F0) are look-alikes some sites use for Vietnamese Đ/đ."""
    return text.replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")


_LEVEL_PREFIXES = (
    "ban chấp hành",
    "ban thường vụ",
    "đảng bộ",
    "chi bộ",
    "đảng ủy",
    "đảng uỷ",
    "tỉnh ủy",
    "tỉnh uỷ",
    "huyện ủy",
    "huyện uỷ",
    "thành ủy",
    "thành uỷ",
    "thị ủy",
    "thị uỷ",
    "quận ủy",
    "quận uỷ",
    "toàn",
    "thành phố",
    "tp.",
    "tp",
    "thị xã",
    "thị trấn",
    "tỉnh",
    "huyện",
    "quận",
    "xã",
    "phường",
    "trường",
)


@functools.lru_cache(maxsize=4096)
def distinctive_name(org: str) -> str:
    """The part of an organisation's name that tells it apart, without level words or tones.

    "huyện Kim Sơn" → "kim son"; "Trường THPT Lộc Ninh" → "thpt loc ninh", which stays
    distinct from "Lộc Ninh" the district.
    """
    expanded, _ = abbreviations.expand(normalise_d(unicodedata.normalize("NFC", org)))
    s = expanded.lower().strip()
    changed = True
    while changed:
        changed = False
        for p in _LEVEL_PREFIXES:
            if s.startswith(p + " ") or (p.endswith(".") and s.startswith(p)):
                s = s[len(p) :].strip()
                changed = True
                break
    name = " ".join(re.sub(r"[^\w]+", " ", fold(s)).split())
    name = _COMMAND_RE.sub("", name, count=1)
    return _SCHOOL_TYPE_WORDS_RE.sub(lambda m: _SCHOOL_TYPE_SHORT[m.group(0)], name, count=1)


# The party committee of a military command is named after the force: "Đảng ủy Bộ Chỉ huy
# Quân sự tỉnh" is "Đảng bộ Quân sự tỉnh", "Bộ Chỉ huy Bộ đội Biên phòng" "Bộ đội Biên phòng".
_COMMAND_RE = re.compile(r"^bo chi huy (?=quan su|bo doi bien phong)")


# A school's type written out or abbreviated is one name: "Trường mầm non Đô thị Sài Đồng" is
# "Trường MN Đô thị Sài Đồng" (folded, at the start of the distinctive name).
_SCHOOL_TYPE_SHORT = {
    "trung hoc pho thong": "thpt",
    "trung hoc co so": "thcs",
    "tieu hoc": "th",
    "mam non": "mn",
    "mau giao": "mg",
}
_SCHOOL_TYPE_WORDS_RE = re.compile(rf"^(?:{'|'.join(_SCHOOL_TYPE_SHORT)})(?= )")


# "Báo Quảng Ngãi điện tử", "Bản quyền thuộc Báo Lâm Đồng", "(Baoquangngai.vn)-": the
# province's own newspaper, which reports on that province.
_NEWSPAPER_RE = re.compile(rf"\bBáo[ \t]+(?P<name>{_NAME})")
_NEWSPAPER_DOMAIN_RE = re.compile(r"\bbao(?P<key>[a-z]{4,})\.(?:com\.|org\.)?vn\b", re.IGNORECASE)


# The tag a provincial paper opens its lead with: "(ĐN) - Năm 2016, toàn Đảng bộ tỉnh ...",
# "(QBĐT) - ... toàn tỉnh đã kết nạp". Such articles say "toàn tỉnh" and never name it.
NEWSPAPER_TAGS = {
    "ĐN": "Đồng Nai",
    "QBĐT": "Quảng Bình",
    "GLO": "Gia Lai",
    "QNO": "Quảng Nam",
    "QNg": "Quảng Ngãi",
    "NTO": "Ninh Thuận",
    "BTO": "Bình Thuận",
    "BPO": "Bình Phước",
    "BGĐT": "Bắc Giang",
    "YBĐT": "Yên Bái",
    "HGĐT": "Hà Giang",
    "LCĐT": "Lào Cai",
    "HBĐT": "Hòa Bình",
    "BĐ": "Bình Định",
    "CT": "Cần Thơ",
    "TGCT": "Cần Thơ",
    "HNM": "Hà Nội",
}
_NEWSPAPER_TAG_RE = re.compile(
    r"\((?P<tag>" + "|".join(sorted(NEWSPAPER_TAGS, key=len, reverse=True)) + r")\)\s*[-–—:]"
)


def newspaper_province(text: str, low: str) -> Org | None:
    """The province whose newspaper published ``text`` (one line), or None.

    "Báo X" with X a province's official name is that province's paper; national papers
    ("Báo Nhân Dân", "Báo Tiền Phong") name no province. Needs the official units.
    """
    name = None
    if "báo" in low:
        for m in _NEWSPAPER_RE.finditer(text):
            name = gazetteer.province_name(m.group("name"))
            if name:
                break
    if name is None and "bao" in low:
        for m in _NEWSPAPER_DOMAIN_RE.finditer(text):
            name = gazetteer.province_from_domain(m.group("key"))
            if name:
                break
    if not name:
        return None
    if fold(name) in ("ho chi minh", "hcm"):
        return _make_org("thành phố", name)
    return _province_org(name)


# Hosts of provincial papers and portals: "baohaiduong.vn", "m.baohaiduong.vn",
# "sondong.bacgiang.gov.vn", "kimdong.hungyen.dcs.vn".
_HOST_RE = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?(?P<host>[^/:?#]+)", re.IGNORECASE)


def url_province(url: str) -> Org | None:
    """The province whose paper or portal ``url`` is on, from a label of its host that names
    one ("baohaiduong" → Hải Dương, "bacgiang" in "sondong.bacgiang.gov.vn"), or None.

    Only a fallback, like a paper's tag: who publishes is not always whom the article is
    about, so it never outweighs an organisation the text names."""
    name = _site_province(url)
    return _province_org(name) if name else None


def _site_province(url: str) -> str | None:
    """The official name of the province a host label of ``url`` names, the last one first."""
    return next((p for p in map(_label_province, reversed(_host_labels(url))) if p), None)


def url_district(url: str) -> Org | None:
    """The district whose portal ``url`` is on, from the host label before its province's
    ("tanyen.bacgiang.gov.vn" → huyện Tân Yên, "baolam.lamdong.dcs.vn" → huyện Bảo Lâm), or
    None. A fallback like ``url_province``: it stands for "huyện" in a text that never names
    the district it is about."""
    labels = _host_labels(url)
    for i, label in enumerate(labels):
        province = _label_province(label)
        if province and i > 0:
            found = gazetteer.district_from_domain(labels[i - 1], province)
            return _make_org(*found) if found else None
    return None


def url_headline_district(url: str) -> Org | None:
    """The district of the site's province that the headline kept in ``url`` opens with
    ("baogialai.com.vn/chu-pah-ket-nap-32-dang-vien-….html" → huyện Chư Păh), or None. A
    fallback like ``url_district``, for an excerpt that lost its headline."""
    province = _site_province(url)
    if province is None:
        return None
    path = url.split("://", 1)[-1].split("?", 1)[0].rstrip("/")
    if "/" not in path:
        return None
    found = gazetteer.district_from_slug(path.rsplit("/", 1)[-1], province)
    return _make_org(*found) if found else None


def _host_labels(url: str) -> list[str]:
    """The labels of ``url``'s host before its last ("sondong", "bacgiang", "gov")."""
    m = _HOST_RE.match(url.strip())
    return m.group("host").lower().split(".")[:-1] if m else []


def _label_province(label: str) -> str | None:
    """The province a host label names; labels of three letters or fewer ("gov", "dcs", "www")
    never do."""
    return gazetteer.province_from_domain(label) if len(label) > 3 else None


def _province_org(name: str) -> Org:
    """The province-level unit an official province name stands for: a central city is a
    "thành phố" of province level, any other a "tỉnh"."""
    if name.lower() in CENTRAL_CITIES:
        return _make_org("thành phố", name)
    return Org("tỉnh", name, "province")


def tagged_province(text: str) -> Org | None:
    """The province of the paper whose tag opens a lead in ``text`` ("(ĐN) - ..."), or None.

    Only a fallback for "toàn tỉnh" with no province named: a tag says who published, not
    whom the article is about, so it never outweighs an organisation the text names.
    """
    tag = _NEWSPAPER_TAG_RE.search(text)
    if tag is None:
        return None
    name = NEWSPAPER_TAGS[tag.group("tag")]
    return _province_org(name)


def home_province(orgs: list[Org]) -> Org | None:
    """The one province every district and commune the article names lies in, or None.

    Provincial papers write "toàn tỉnh" and name only their districts and communes; the
    units agree on one province where the names are not shared across provinces. Only a
    fallback, like a paper's tag.
    """
    common: frozenset[str] | None = None
    for org in orgs:
        if org.level not in ("district", "commune"):
            continue
        found = gazetteer.provinces_of(org.level, org.name)
        if not found:
            continue
        common = found if common is None else common & found
        if not common:
            return None
    if not common or len(common) != 1:
        return None
    (name,) = common
    return _province_org(name)


# Forces and blocs a provincial list names bare: "Công an 40; Quân sự 35; Khối Doanh nghiệp 60".
_BARE_BODY_RE = re.compile(
    r"(?:Công\s+an|Quân\s+sự|Bộ\s+đội\s+Biên\s+phòng|Biên\s+phòng|Khối(?:\s+\w+){1,4})"
    r"(?:\s+tỉnh|\s+thành\s+phố)?"
)
# An institution of a bloc: "Sở Y tế", "Cục Thuế tỉnh", "Bệnh viện Đa khoa tỉnh", "Trường …".
_BARE_INSTITUTION_RE = re.compile(
    rf"(?:{_BODY_KINDS}|Trường|Ban|Ủy\s+ban|Tòa\s+án|Viện\s+Kiểm\s+sát)(?:\s+\w+){{1,5}}"
)
_LIST_LEVEL_WORDS = ("huyện", "thành phố", "thị xã", "quận", "xã", "phường", "thị trấn")


def bare_unit(name: str) -> Org | None:
    """The unit a list item names without its level word ("Thanh Hà 120; Tứ Kỳ 110",
    "Công an 40"), or None: the whole name must be an official unit's or a provincial body's.
    Only lists call this; in running text such a name is anything."""
    name = " ".join(name.split())
    if _BARE_BODY_RE.fullmatch(name):
        kind = re.sub(r"\s+(?:tỉnh|thành\s+phố)$", "", name)
        return Org("đảng bộ", f"{kind} tỉnh", "district")
    if _BARE_INSTITUTION_RE.fullmatch(name):
        return Org("đảng bộ", name, "grassroots")  # "Sở Y tế 20; Cục Thuế tỉnh 12"
    tokens = name.split()
    for word in _LIST_LEVEL_WORDS:
        if _whole_official_name(word, tokens):
            return _make_org(word, name)
    return None


def _whole_official_name(word: str, tokens: list[str]) -> bool:
    """Whether the capitalised ``tokens`` (one to four) are, all of them, the official name
    of a unit the level word ``word`` ("any" for every level) can name."""
    return (
        1 <= len(tokens) <= 4
        and all(t[:1].isupper() for t in tokens)
        and gazetteer.official_prefix(word, tokens) == len(tokens)
    )


def kicker_place(lines: list[str]) -> Org | None:
    """A line above the headline that is only a place's name ("Vũng Liêm"), kept without a
    level: the text's "toàn huyện" or "Tỉnh ủy" decides which unit of that name it is."""
    for line in reversed(lines):
        tokens = line.split()
        if _whole_official_name("any", tokens):
            return Org("", " ".join(tokens), "")
    return None
