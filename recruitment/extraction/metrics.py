"""Which admission metric a number states, read from the words around it.

A number is a figure only when its noun and verb say so: "kết nạp 735 đảng viên" is an
admission, "109 đảng bộ" is a count of organisations, "tạo nguồn được 10 đoàn viên" is a
pool of candidates. Percentages qualify the figure they follow ("đạt 103% chỉ tiêu") and
are dropped when they measure something else (growth, share of organisations rated well).
"""

from __future__ import annotations

import re

from . import periods
from .vocabulary import GOAL_OF_COUNT

_APPROX = r"(?:(?:hơn|gần|khoảng|trên|xấp\s+xỉ|ước|chừng|ngót)\s+)?"

# The noun after a number that makes it a count of people ("em" counts pupils and the young:
# "19 em học sinh"; "ĐVTN" is "đoàn viên thanh niên", a Youth Union member).
PERSON_RE = re.compile(
    r"\s*(?:(?:là\s+)?số\s+)?(?:em\s+)?(?P<noun>đảng\s+viên|đồng\s+chí|quần\s+chúng|đoàn\s+viên|"
    r"ĐVTN|"
    r"học\s+viên|học\s+sinh|sinh\s+viên|người|trường\s+hợp|hội\s+viên|cán\s+bộ|"
    r"thanh\s+niên|công\s+nhân|giáo\s+viên|đối\s+tượng|chiến\s+sĩ|cảm\s+tình\s+Đảng)"
    r"(?!\w)",
    re.IGNORECASE,
)
PARTY_NOUNS = frozenset({"đảng viên", "đồng chí", "quần chúng", "người", "trường hợp"})

ADMIT_PRE_RE = re.compile(
    r"(?:kết\s+nạp|phát\s+triển)(?:\s+(?:được|thêm|mới|cho|tổng\s+cộng|tổng\s+số|"
    r"thành\s+công|vào\s+Đảng|đảng\s+viên(?:\s+mới)?|Đảng|đối\s+với|là|đạt|:))*\s*"
    + _APPROX
    + r"$",
    re.IGNORECASE,
)
# "kết nạp đảng viên cho 6 học sinh", "kết nạp Đảng đối với 2 quần chúng": the verb names
# the party, so whoever is counted was admitted to it.
_PARTY_IN_VERB_RE = re.compile(r"đảng", re.IGNORECASE)
# "tổ chức lễ kết nạp Đảng "Lớp đảng viên 90 năm ..." cho 10 đoàn viên": a ceremony admits
# whoever it is held for, whatever names the ceremony between (not a Youth Union's or an
# association's: "lễ kết nạp đoàn viên", "kết nạp vào Hội"; not a gift to others).
CEREMONY_FOR_RE = re.compile(
    r"(?:" + periods.CEREMONY_RE.pattern + r")(?!\s+(?:đoàn|hội)\s+viên|\s+vào\s+(?:đoàn|hội))"
    r"(?:(?!\scho\s|trao|tặng)[^.;,:\n]){0,100}?\scho\s+" + _APPROX + r"$",
    re.IGNORECASE,
)
ADMIT_POST_RE = re.compile(
    r"^[^\d;]{0,90}?(?:kết\s+nạp(?:\s+vào)?\s+Đảng|được\s+kết\s+nạp|"
    r"đứng\s+(?:vào|trong)\s+hàng\s+ngũ\s+(?:của\s+)?Đảng)",
    re.IGNORECASE,
)
# "Đảng bộ huyện A đạt tỷ lệ phát triển Đảng cao nhất, với 227 đảng viên": the admissions
# the rate is reckoned on.
ADMIT_RATE_WITH_RE = re.compile(
    r"(?:tỷ|tỉ)\s+lệ\s+(?:phát\s+triển\s+(?:Đảng|đảng\s+viên)|kết\s+nạp(?:\s+đảng\s+viên)?)"
    r"(?:\s+mới)?[^.;:\d%]{0,30}?\s*,?\s+với\s+" + _APPROX + r"$",
    re.IGNORECASE,
)
ADMIT_LA_SO_RE = re.compile(r"^\s*là\s+số\s+[^\d.;]{0,200}?kết\s+nạp", re.IGNORECASE)
# "28 quần chúng là công nhân tiêu biểu, xuất sắc vinh dự được đứng trong hàng ngũ của
# Đảng": people not yet members who have been let into the ranks, across the commas that
# only list what they are (not "phấn đấu đứng vào hàng ngũ của Đảng": a wish).
JOINED_RANKS_RE = re.compile(
    r"^[^\d.;:]{0,150}?\sđược\s+đứng\s+(?:vào|trong)\s+hàng\s+ngũ\s+(?:của\s+)?Đảng",
    re.IGNORECASE,
)
_NON_MEMBER_NOUNS = frozenset({"quần chúng"})
NOT_ADMITTED_RE = re.compile(
    r"đề\s+nghị|đủ\s+điều\s+kiện|xem\s+xét|hồ\s+sơ|chưa|tạo\s+nguồn|chờ|quy\s+trình|"
    # "107 học viên là đối tượng kết nạp Đảng": candidates, not members.
    r"đối\s+tượng",
    re.IGNORECASE,
)
TRAINED_POST_RE = re.compile(
    r"^[^\d;]{0,70}?(?:(?:tham\s+gia|đi\s+học|theo\s+học|học|dự)\s+(?:\S+\s+){0,2}?lớp|"
    r"lớp\s+(?:bồi\s+dưỡng|cảm\s+tình|đối\s+tượng|nhận\s+thức)|bồi\s+dưỡng\s+nhận\s+thức|"
    r"được\s+bồi\s+dưỡng)",
    re.IGNORECASE,
)
TRAINED_PRE_RE = re.compile(
    r"(?:bồi\s+dưỡng|học\s+lớp|lớp\s+[^,;\d]{0,60})\s+(?:nhận\s+thức\s+về\s+Đảng\s+)?cho\s+"
    + _APPROX
    + r"$",
    re.IGNORECASE,
)
# "bồi dưỡng trên 450 quần chúng ưu tú": candidates as the course's direct object (with
# "cho" before them the course is named by ``TRAINED_PRE_RE``); members are not candidates
# ("bồi dưỡng 50 đảng viên" is another course).
CANDIDATES_TRAINED_PRE_RE = re.compile(r"bồi\s+dưỡng\s+" + _APPROX + r"$", re.IGNORECASE)
_CANDIDATE_NOUNS = frozenset({"quần chúng", "đối tượng"})
# A goal that governs the list of items after it: "đề ra mục tiêu phấn đấu năm 2024 bồi
# dưỡng trên 450 quần chúng ưu tú, kết nạp 300 đảng viên mới". An item is a clause that
# opens with its verb (no subject of its own), and none reports a result.
GOAL_LIST_CUE_RE = re.compile(
    r"phấn\s+đấu|dự\s+kiến|đề\s+ra\s+mục\s+tiêu|mục\s+tiêu\s+(?:phấn\s+đấu|là|đến|năm)",
    re.IGNORECASE,
)
GOAL_ITEM_RE = re.compile(r"\s*(?:kết\s+nạp|phát\s+triển|bồi\s+dưỡng)(?!\w)", re.IGNORECASE)
_RESULT_WORDS_RE = re.compile(r"(?<!\w)(?:đã|được|vừa|đạt|vượt)(?!\w)|%", re.IGNORECASE)
# A congress's delegates "đại diện cho gần 58.000 đảng viên": the members it speaks for.
_REPRESENTS = r"(?:đại\s+diện|thay\s+mặt)(?:\s+cho)?(?:\s+(?:tổng\s+số|toàn\s+thể))?"
REPRESENTS_RE = re.compile(_REPRESENTS + r"\s*" + _APPROX + r"$", re.IGNORECASE)
# The attendees of a class: "Lớp bồi dưỡng có 107 học viên", "Tham gia lớp có 228 quần
# chúng ưu tú", "với sự tham gia của 94 học viên".
TRAINED_CLASS_PRE_RE = re.compile(
    r"(?:lớp|khóa|khoá)[^.;\d]{0,80}?\s(?:có|gồm)\s+(?:tổng\s+số\s+)?"
    + _APPROX
    # "Dự khai giảng có đồng chí A, ...; đại diện ... và 37 học viên": the learners close
    # the guest list of the opening.
    + r"$|dự\s+(?:lễ\s+)?khai\s+giảng\s+có\s[^.\d]{0,400}?\s(?:và|cùng)\s+"
    + _APPROX
    + r"$|với\s+sự\s+tham\s+gia\s+của\s+"
    + _APPROX
    # "Dự lễ khai giảng có lãnh đạo Đảng ủy ... và 242 học viên": the class opened (the
    # guests may be a list: "có đồng chí A- Trưởng Ban ...; đồng chí B ... và 45 học viên").
    + r"$|khai\s+giảng[^.\d]{0,240}?\s(?:có|gồm|và|cùng)\s+(?:tổng\s+số\s+)?"
    + _APPROX
    + r"$",
    re.IGNORECASE,
)
_ATTENDEE_NOUNS = frozenset({"quần chúng", "học viên", "đồng chí", "đối tượng"})
# "Tổng số đảng viên được đánh giá, xếp loại là 900": the members a review covered, not
# the stock (an admission count, "tổng số đảng viên được kết nạp", is read before this).
_NOT_NARROWED = r"(?!\s+đảng\s+viên\s+(?:đã\s+)?(?:được|bị)\s)"
TOTAL_PRE_RE = re.compile(
    r"(?:(?:tổng\s+số|tổng\s+cộng)"
    + _NOT_NARROWED
    + r"(?:[^;]{0,80}?)(?:\s(?:là|lên(?:\s+con\s+số)?|có|đạt|gồm)|:)?|"
    r"hiện\s+(?:nay\s+|tại\s+)?có(?:\s+tổng\s+số)?|" + _REPRESENTS + r")\s*" + _APPROX + r"$",
    re.IGNORECASE,
)
TARGET_CUE_RE = re.compile(
    r"chỉ\s+tiêu|kế\s+hoạch|phấn\s+đấu|dự\s+kiến|mục\s+tiêu|(?:phải|sẽ|cần)\s+kết\s+nạp|"
    # "Tỉnh ủy giao Đảng ủy Khối các cơ quan tỉnh kết nạp 120 đảng viên": a unit between.
    r"được\s+giao|giao\s+(?:cho\s+)?(?:[^\d,.;:]{0,60}?\s)?(?:chỉ\s+tiêu|kết\s+nạp)|đề\s+ra|"
    r"đăng\s+ký\s+kết\s+nạp",
    re.IGNORECASE,
)
ACHIEVED_RE = re.compile(r"(?<!\w)(?:đã|được|vừa)(?!\w)", re.IGNORECASE)
# "phải kết nạp được từ 7.700 đảng viên": "được" after a duty is "manage to", no result.
_DUTY_ABLE_RE = re.compile(r"(?<!\w)(?:phải|cần|sẽ)\s+kết\s+nạp\s+được(?!\w)", re.IGNORECASE)


def is_achieved(text: str, *, after_duty: str = "") -> bool:
    """Whether ``text`` says something was done ("đã", "được", "vừa"), a duty's "kết nạp
    được" aside; ``after_duty`` is the duty ``text`` follows, if any ("phải kết nạp")."""
    if after_duty and _DUTY_ABLE_RE.match(after_duty + " được"):
        text = re.sub(r"^\s*được(?!\w)", " ", text)
    return ACHIEVED_RE.search(_DUTY_ABLE_RE.sub(" ", text)) is not None


# "xét kết nạp", "đề nghị kết nạp 20 quần chúng": candidates in the pipeline, not admitted.
NOT_ADMITTED_PRE_RE = re.compile(
    r"(?:đề\s+nghị|xét|xem\s+xét|chờ|hồ\s+sơ|chuẩn\s+bị|đủ\s+điều\s+kiện|chưa|"
    r"kết\s+nạp\s+lại)[^\d;,]{0,25}$",
    re.IGNORECASE,
)
# "đã xem xét và ra quyết định kết nạp thêm 113": the decision is the admission.
DECIDED_BEFORE_RE = re.compile(r"quyết\s+định\s*$", re.IGNORECASE)
# A plan stated by its noun: "(chỉ tiêu 140 đảng viên)", "kế hoạch giao 300 đảng viên";
# not "vượt chỉ tiêu 20 đảng viên" (the excess).
TARGET_COUNT_PRE_RE = re.compile(
    # "chỉ tiêu huyện giao là 08 đồng chí": the level that set it may sit before "giao".
    r"(?<!\w)(?:chỉ\s+tiêu|kế\s+hoạch)(?:(?:\s+(?:được|cấp\s+trên|huyện|tỉnh|thành\s+phố|"
    r"[Hh]uyện\s+ủy|[Tt]ỉnh\s+ủy|[Đđ]ảng\s+ủy))?\s+giao(?:\s+cho(?:\s+[^\W\d]+){1,6}?)?|"
    r"\s+(?:của\s+)?năm(?:\s+\d{4})?|"
    r"\s+kết\s+nạp(?:\s+đảng\s+viên)?(?:\s+mới)?|\s+là|\s*:)*\s*" + _APPROX + r"$",
    re.IGNORECASE,
)
EXCESS_BEFORE_RE = re.compile(r"(?:vượt|hơn|quá)(?:\s+mức)?\s*$", re.IGNORECASE)
# Inside "trong đó", a count of a category ("25 học sinh", "25 đảng viên là học sinh", "nữ")
# breaks the total down by kind of person: not a figure of its own.
BREAKDOWN_CUE_RE = re.compile(r"trong\s+(?:đó|số\s+đó|số\s+này)", re.IGNORECASE)
CATEGORY_NOUNS = frozenset(
    {"học sinh", "sinh viên", "đoàn viên", "đvtn", "thanh niên", "công nhân", "giáo viên"}
    | {"chiến sĩ"}
    | {"cán bộ", "hội viên", "học viên"}
)
CATEGORY_POST_RE = re.compile(
    r"^\s*(?:mới\s+)?(?:là|nữ|trẻ|người|dân\s+tộc|theo\s+đạo|có\s+đạo|tôn\s+giáo|"
    r"có\s+trình\s+độ|dưới|ở|tại|thuộc|học\s+sinh|sinh\s+viên|đoàn\s+viên)(?!\w)",
    re.IGNORECASE,
)
# "8 đảng viên mới trong các doanh nghiệp", "15 đảng viên là người dân tộc thiểu số": a count
# narrowed, after its noun, to a group; beside a total of the same unit and period it is a
# part of that total (``candidates.dedupe``).
NARROWED_POST_RE = re.compile(
    r"^\s*(?:mới\s+)?(?:(?:là|nữ|trẻ|dân\s+tộc|theo\s+đạo|có\s+đạo|tôn\s+giáo|học\s+sinh|"
    r"sinh\s+viên|đoàn\s+viên)|trong\s+(?:các\s+|khối\s+|lĩnh\s+vực\s+)?(?:doanh\s+nghiệp|"
    r"trường|học\s+sinh|sinh\s+viên|đồng\s+bào|tôn\s+giáo|lực\s+lượng|người))(?!\w)",
    re.IGNORECASE,
)
# "56 đoàn viên vinh dự được kết nạp vào Đảng, chiếm tỷ lệ 71%": a count stated as its share
# of a total is a part of that total.
SHARE_OF_TOTAL_POST_RE = re.compile(r"^[^;]*?chiếm(?:\s+tỷ\s+lệ)?\s*$", re.IGNORECASE)
# "Riêng các tổ chức cơ sở đảng khối xã kết nạp mới 52": a part of a stated total.
SUBSET_PRE_RE = re.compile(r"(?<!\w)riêng\s+(?:các|khối|số|những)(?!\w)", re.IGNORECASE)
# "Trong số đảng viên mới nói trên, có 9 người ...", "trong tổng số 50 đảng viên ... thì có
# 30 đảng viên là nữ": a part of a group of people the text has just counted, whatever
# narrows it (a category, a sector, a place), unless a unit is named before the count
# ("Trong số 500 đảng viên mới, huyện Kim Sơn kết nạp 100" is that district's own figure).
PART_OF_GROUP_RE = re.compile(
    r"(?<!\w)trong\s+(?:tổng\s+)?số\s+(?:\d[\d.]*\s+)?(?:đảng\s+viên|quần\s+chúng)(?!\w)",
    re.IGNORECASE,
)
# A unit named by a level word and a capitalised name ("huyện Kim Sơn", "Chi bộ Thôn 3"),
# not the whole the group belongs to ("trong toàn huyện").
NAMED_UNIT_RE = re.compile(
    r"(?<!toàn )(?<!\w)(?:[Đđ]ảng\s+bộ|[Cc]hi\s+bộ|[Hh]uyện|[Xx]ã|[Pp]hường|[Tt]hị\s+trấn|"
    r"[Qq]uận|[Tt]hành\s+phố|[Tt]hị\s+xã|[Tt]ỉnh|[Tt]rường|[Cc]ông\s+ty)\s+[A-ZĐ0-9]"
)
# An average is no period's figure: "bình quân hằng năm kết nạp 600 đảng viên".
AVERAGE_RE = re.compile(
    r"bình\s+quân|trung\s+bình|(?:mỗi|hằng|hàng)\s+năm|mỗi\s+(?:tháng|quý)",
    re.IGNORECASE,
)
# "mỗi năm, Đảng bộ tỉnh phải kết nạp được từ 7.700 đảng viên trở lên": a duty for each year
# is the plan of every year (this one included), not an average of results.
_EACH_YEAR_DUTY_RE = re.compile(
    r"(?<!\w)(?:mỗi|hằng|hàng)\s+năm(?!\w)(?:(?!bình\s+quân|trung\s+bình)[^.;])*?"
    r"(?:phải|cần|phấn\s+đấu|chỉ\s+tiêu)",
    re.IGNORECASE,
)


def is_average(text: str) -> bool:
    """Whether ``text`` makes the count after it an average ("bình quân mỗi năm kết nạp
    120"), not a plan set for each year."""
    return AVERAGE_RE.search(text) is not None and not _EACH_YEAR_DUTY_RE.search(text)


# A bound set for or met by each of many units ("mỗi chi bộ kết nạp ít nhất 1 đảng viên",
# "100% chi bộ kết nạp từ 1-2 đảng viên", "đối với đảng bộ các phường, phải kết nạp từ 1-2",
# "12 chi bộ kết nạp từ 2 đảng viên trở lên"): a norm or a count of units, no unit's figure.
DISTRIBUTIVE_RE = re.compile(
    r"(?<!\w)(?:mỗi|từng|mọi)\s(?!năm(?!\w))|(?<!\w)đối\s+với\s|"
    r"(?:100\s*%\s*(?:các\s+|số\s+)?|(?<!\w)(?:các|những)\s+|"
    r"(?<![\d.,])\d+\s+)(?:chi\s+bộ|đảng\s+bộ|tổ\s+chức|cơ\s+sở|xã|phường|thôn|ấp|khu\s+phố|"
    r"đơn\s+vị|địa\s+phương)(?!\w)",
    re.IGNORECASE,
)
# The whole as the subject: "chỉ đạo các tổ chức cơ sở đảng làm tốt công tác, phấn đấu toàn
# huyện kết nạp từ 180 đảng viên trở lên" aims for the district, not each of its units.
_WHOLE_SUBJECT_RE = re.compile(
    r"(?<!\w)toàn\s+(?:đảng\s+bộ|tỉnh|huyện|thành\s+phố|thị\s+xã|quận|xã|phường|thị\s+trấn)"
    r"(?!\w)",
    re.IGNORECASE,
)


def is_distributive(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]``, before a count, makes it a norm for each unit ("mỗi chi
    bộ kết nạp ít nhất 1 đảng viên") rather than one unit's figure."""
    found = list(DISTRIBUTIVE_RE.finditer(text, start, end))
    return bool(found) and _WHOLE_SUBJECT_RE.search(text, found[-1].end(), end) is None


# A number stated after its noun: "số đảng viên mới kết nạp là 87",
# "chỉ tiêu kết nạp năm 2024 là 150", "tổng số đảng viên toàn tỉnh là 104.598".
ADMIT_IS_RE = re.compile(
    r"số\s+(?:đảng\s+viên|quần\s+chúng)\s+(?:mới\s+)?(?:được\s+)?kết\s+nạp(?:\s+mới)?"
    r"[^;:]{0,50}?\s(?:là|đạt)\s*(?::\s*)?" + _APPROX + r"$",
    re.IGNORECASE,
)
TARGET_IS_RE = re.compile(
    r"(?:chỉ\s+tiêu|kế\s+hoạch|mục\s+tiêu)\s+(?:kết\s+nạp|phát\s+triển)(?:\s+đảng\s+viên)?"
    r"(?:\s+mới)?[^;:]{0,50}?\s(?:là|:)\s*" + _APPROX + r"$",
    re.IGNORECASE,
)
TOTAL_IS_RE = re.compile(
    r"tổng\s+số"
    + _NOT_NARROWED
    + r"\s+đảng\s+viên[^\d;:]{0,60}?\s(?:là|đạt|có|lên(?:\s+con\s+số)?)\s*(?::\s*)?"
    + _APPROX
    + r"$",
    re.IGNORECASE,
)
# The party units a stock is counted in: "57 tổ chức cơ sở đảng", "40 chi bộ, đảng bộ trực
# thuộc", "32 chi, đảng bộ cơ sở".
_UNIT = (
    r"(?:tổ\s+chức\s+cơ\s+sở\s+đảng|tổ\s+chức\s+đảng|đảng\s+bộ|chi\s+bộ|chi)"
    r"(?:\s+(?:cơ\s+sở|trực\s+thuộc|đảng|Đảng))*"
)
_UNITS = _UNIT + r"(?:\s*,\s*" + _UNIT + r")*"
# "23 tổ chức cơ sở Đảng và 35 chi bộ trực thuộc Đảng bộ": counts of the units, one kind or
# several, before the members they hold.
_UNIT_COUNT = r"\d{1,3}(?:\.\d{3})*\s+" + _UNITS + r"(?:\s+Đảng\s+(?:bộ|ủy|uỷ))?"
UNIT_COUNTS = _UNIT_COUNT + r"(?:\s*(?:,|và)\s*" + _UNIT_COUNT + r")*"
# "Đảng bộ tỉnh có 104.598 đảng viên", "toàn Đảng bộ có 6.240 đảng viên sinh hoạt tại ...":
# a stock, when an organisation is the subject and nothing narrows the count.
HAVE_PRE_RE = re.compile(
    r"(?<!\w)có\s+(?:tổng\s+(?:số|cộng)\s+)?" + _APPROX + r"$|"
    # "có 57 tổ chức cơ sở đảng với 9.012 đảng viên", "có 40 chi bộ, đảng bộ trực thuộc, với
    # 1.356 đảng viên", "gồm có 05 chi bộ, với 98 đảng viên", "là đảng bộ cấp trên trực tiếp
    # của 71 tổ chức cơ sở đảng, với 2.223 đảng viên": the count after "với" is the members.
    r"(?<!\w)(?:(?:gồm\s+)?có|của)\s+" + UNIT_COUNTS + r"\s*,?\s+"
    r"(?:với|gồm|và)\s+(?:tổng\s+số\s+)?" + _APPROX + r"$",
    re.I,
)
# "nâng tổng số tổ chức đảng lên 62, với 2.353 đảng viên": the units raised, then the
# members they hold after the change.
_TOTAL_ADMITTED_PRE_RE = re.compile(
    r"tổng\s+số\s+(?:quần\s+chúng|đảng\s+viên)(?:\s+mới)?\s+(?:được\s+)?kết\s+nạp"
    r"[^;]{0,80}?\s(?:lên|là)\s*" + _APPROX + r"$",
    re.IGNORECASE,
)
RAISED_UNITS_RE = re.compile(
    r"tổng\s+số\s+" + _UNITS + r"\s+lên\s+\d{1,3}(?:\.\d{3})*\s*,?\s+"
    r"(?:với|gồm|và)\s+(?:tổng\s+số\s+)?" + _APPROX + r"$",
    re.I,
)
HAVE_SUBJECT_RE = re.compile(
    r"(?:đảng|chi)\s+bộ|toàn\s+(?:tỉnh|huyện|thành\s+phố|thị\s+xã|quận|xã|phường|"
    r"thị\s+trấn|đảng)|(?:tỉnh|huyện|thành|thị|quận)\s+(?:ủy|uỷ)",
    re.IGNORECASE,
)
HAVE_BLOCK_RE = re.compile(
    r"trong\s+đó|trong\s+số|gồm|kết\s+nạp|phát\s+triển|mới|tặng|trao|xóa|xoá|khai\s+trừ|"
    r"miễn|chuyển|đề\s+nghị|xét|nữ|trẻ|tuổi|dân\s+tộc|tôn\s+giáo|bồi\s+dưỡng|lớp",
    re.IGNORECASE,
)
HAVE_NOUN_BLOCK_RE = re.compile(
    r"^\s*(?:nữ|trẻ|là|người|dân\s+tộc|có|được|đủ|đang|dưới|trên|từ|tuổi|cao|miễn|mới|dự\s+bị|"
    r"chính\s+thức|lớn|hưu|đi|làm|không|chưa|bị|vi|đã|sẽ|tham|thuộc(?!\s+\d|\s*$)|ưu|đạt|hoàn)(?!\w)",
    re.IGNORECASE,
)

# Percentages.
POP_RE = re.compile(r"dân\s+số", re.IGNORECASE)
# The plan a percentage is measured against, in words or abbreviated, often glued to the sign:
# "đạt 105% KH", "bằng 120%NQ" (the resolution's target).
_PLAN_NOUNS = r"chỉ\s+tiêu|kế\s+hoạch|KH|NQ(?!\w)|mục\s+tiêu|nghị\s+quyết"
# "đạt gần 102% so chỉ tiêu Nghị quyết": "so" alone compares too.
PCT_TARGET_POST_RE = re.compile(
    rf"^\s*(?:so\s+(?:với\s+)?|của\s+)?(?:{_PLAN_NOUNS})", re.IGNORECASE
)
PCT_OTHER_RE = re.compile(
    r"tăng|giảm|chiếm|tỷ\s+lệ|tỉ\s+lệ|bình\s+quân|trung\s+bình", re.IGNORECASE
)
PCT_GROWTH_POST_RE = re.compile(
    rf"^\s*(?:so\s+với\s+(?!{_PLAN_NOUNS})|tổng\s+số|"
    r"trên\s+tổng|trở\s+lên)",
    re.IGNORECASE,
)
# "95% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ", "90% đảng viên được xếp loại":
# a share of organisations or members, not progress on the admission plan.
PCT_SUBJECT_POST_RE = re.compile(
    r"^\s*(?:số\s+)?(?:tổ\s+chức|đảng\s+viên|chi\s+bộ|đảng\s+bộ|cơ\s+sở|cán\s+bộ|hộ|"
    r"xã|thôn|người|quần\s+chúng|đoàn\s+viên|học\s+sinh|dân|lao\s+động|doanh\s+nghiệp|"
    r"trở\s+lên|trên|dưới)(?!\w)|^/\s*năm",
    re.IGNORECASE,
)
# "từ 5 - 7%": a range is a plan's band, not a figure.
PCT_RANGE_PRE_RE = re.compile(r"\d\s*(?:[-–]|đến|tới)\s*$", re.IGNORECASE)
PCT_VUOT_PRE_RE = re.compile(
    r"vượt(?:\s+(?:mức\s+)?(?:chỉ\s+tiêu|kế\s+hoạch|KH))?(?:\s+(?:được\s+giao|giao|đề\s+ra))?"
    r"\s*$",
    re.IGNORECASE,
)
# "đạt gần 55%", "đạt hơn 100%": the bound is the share's, the verb still reports it.
PCT_DAT_PRE_RE = re.compile(
    r"(?:đạt|bằng|hoàn\s+thành)(?:\s+(?:được|tỷ\s+lệ))?(?:\s+(?:gần|hơn|trên|khoảng))?\s*$",
    re.IGNORECASE,
)
# Courses other than the party-awareness one (``trained`` counts only the latter).
COURSE_CUE_RE = re.compile(r"lớp|bồi\s+dưỡng|đào\s+tạo|tập\s+huấn", re.IGNORECASE)
AWARENESS_COURSE_RE = re.compile(
    r"nhận\s+thức\s+(?:về\s+)?Đảng|cảm\s+tình\s+Đảng|đối\s+tượng\s+(?:kết\s+nạp|Đảng|đảng)|"
    r"kết\s+nạp\s+Đảng",
    re.IGNORECASE,
)
OTHER_COURSE_RE = re.compile(
    r"lý\s+luận|(?:trung|cao|sơ)\s+cấp|đảng\s+viên\s+mới|cập\s+nhật\s+kiến\s+thức|"
    r"nghiệp\s+vụ|kỹ\s+năng|chuyên\s+môn|quốc\s+phòng|cấp\s+(?:ủy|uỷ)|bí\s+thư\s+chi\s+bộ|"
    r"tin\s+học|ngoại\s+ngữ|học\s+tập\s+(?:nghị\s+quyết|quán\s+triệt)",
    re.IGNORECASE,
)
# List heads: "vượt chỉ tiêu" / "đạt kế hoạch" report results, not a plan.
LIST_HEAD_ACHIEVED_RE = re.compile(
    r"(?:vượt|đạt|hoàn\s+thành)(?:\s+(?:và\s+vượt|mức))?\s+(?:chỉ\s+tiêu|kế\s+hoạch)",
    re.IGNORECASE,
)
# List heads that hand out plans: "giao chỉ tiêu ... cho các đảng bộ:", "phân bổ chỉ tiêu".
LIST_HEAD_PLAN_RE = re.compile(
    r"(?:giao|phân\s+bổ|phân\s+giao)\s+chỉ\s+tiêu|chỉ\s+tiêu[^.;:]{0,40}?\s(?:giao|phân\s+bổ)"
    r"\s+(?:cho\s+)?(?:các|từng)",
    re.IGNORECASE,
)
LIST_HEAD_GENERIC_RE = re.compile(
    r"kết\s+quả|cụ\s+thể|như\s+sau|trong\s+đó|dẫn\s+đầu|(?:cao|nhiều)\s+nhất|tiêu\s+biểu",
    re.IGNORECASE,
)
ADMIT_WORD_RE = re.compile(r"kết\s+nạp|phát\s+triển\s+đảng", re.IGNORECASE)
TRAIN_WORD_RE = re.compile(r"bồi\s+dưỡng|lớp\s+(?:cảm\s+tình|đối\s+tượng)", re.IGNORECASE)


def classify_count(
    pre_near: str,
    pre_clause: str,
    post: str,
    noun: str,
    la_so: str,
    *,
    have_pre: str | None = None,
    before: str = "",
    sentence_pre: str = "",
) -> str | None:
    """The metric of a people count: admitted / trained / members_total (+ "_target"), or None.

    ``pre_near`` is the text since the previous figure, ``pre_clause`` since the clause
    start, ``post`` the rest of the clause after the noun, ``la_so`` the sentence after the
    number (for "207 là số đảng viên ... kết nạp"). ``have_pre`` is what a stock's "có" is
    looked for in when it lies before the clause ("có 40 chi bộ, đảng bộ trực thuộc, với
    1.356 đảng viên": commas cut the units off the members); ``pre_clause`` by default.
    ``before`` is the paragraph before the sentence, where a class's attendees may find the
    course named ("... tổ chức lớp bồi dưỡng nhận thức về Đảng. Dự lễ khai giảng có ... 242
    học viên"). ``sentence_pre`` is the sentence before the clause, where a goal may
    govern the clause as an item of its list.
    """
    noun = " ".join(noun.lower().split())
    metric = None
    near = pre_near[-60:]
    adm = ADMIT_PRE_RE.search(near)
    if adm is None and "cho" in near:
        near = pre_clause[-160:]
        adm = CEREMONY_FOR_RE.search(near)
    if (
        adm
        and NOT_ADMITTED_PRE_RE.search(near[: adm.start()])
        and not DECIDED_BEFORE_RE.search(near[: adm.start()])
    ):
        return None
    if is_average(pre_clause) or SUBSET_PRE_RE.search(pre_near):
        return None
    if is_part_of_group(pre_near) or is_part_of_group(pre_clause):
        return None
    if (
        BREAKDOWN_CUE_RE.search(pre_near)
        and (noun in CATEGORY_NOUNS or CATEGORY_POST_RE.match(post))
        # "giới thiệu cho Đảng 2.156 đoàn viên ưu tú, trong đó có 1.450 đoàn viên được kết nạp
        # Đảng": those admitted out of a pool, not a part of admissions counted before.
        and not (
            ADMIT_POST_RE.search(post) and not ADMIT_WORD_RE.search(before[-200:] + sentence_pre)
        )
    ):
        return None
    plan = TARGET_COUNT_PRE_RE.search(near) if noun in PARTY_NOUNS else None
    if plan and not adm and not EXCESS_BEFORE_RE.search(near, 0, plan.start()):
        return "target"
    if adm and (
        noun in PARTY_NOUNS
        or re.search(r"Đảng", post[:60])
        or _PARTY_IN_VERB_RE.search(adm.group(0))
    ):
        metric = "admitted"
    if metric is None and noun in PARTY_NOUNS:
        stated = classify_nounless(pre_near)
        if stated is not None:
            return stated
    if metric is None and noun in PARTY_NOUNS and ADMIT_RATE_WITH_RE.search(pre_near[-100:]):
        metric = "admitted"
    if metric is None and ADMIT_LA_SO_RE.search(la_so):
        metric = "admitted"
    if metric is None:
        m = ADMIT_POST_RE.search(post)
        if m and not NOT_ADMITTED_RE.search(post[: m.end()]):
            metric = "admitted"
    if metric is None and noun in _NON_MEMBER_NOUNS:
        m = JOINED_RANKS_RE.search(la_so)
        if m and not NOT_ADMITTED_RE.search(la_so[: m.end()]):
            metric = "admitted"
    if (
        metric is None
        and noun in _CANDIDATE_NOUNS
        and CANDIDATES_TRAINED_PRE_RE.search(pre_near[-40:])
    ):
        metric = "trained"
    if (
        metric is None
        # Members are past the awareness course: "lớp bồi dưỡng lý luận chính trị cho 92
        # đảng viên dự bị và một lớp đối tượng Đảng cho 68 quần chúng" trains 68 candidates.
        and noun != "đảng viên"
        and (TRAINED_POST_RE.search(post) or TRAINED_PRE_RE.search(pre_near[-90:]))
    ):
        if is_other_course(pre_near[-90:], noun, post):
            return None
        metric = "trained"
    if (
        metric is None
        and noun in _ATTENDEE_NOUNS
        and TRAINED_CLASS_PRE_RE.search(pre_near[-300:])
        and (
            noun == "quần chúng"
            or AWARENESS_COURSE_RE.search(
                before[-200:] + " " + pre_clause[-200:] + " " + pre_near[-200:] + " " + post
            )
        )
        and not is_other_course(pre_near[-90:], noun, post)
    ):
        return "trained"
    if metric is None and _TOTAL_ADMITTED_PRE_RE.search(pre_clause[-160:]):
        # "nâng tổng số quần chúng được kết nạp từ đầu năm 2017 tới nay lên 115 đảng viên":
        # the admissions so far, not the members.
        return "admitted"
    if metric is None and noun in ("đảng viên", "đồng chí") and TOTAL_PRE_RE.search(pre_clause):
        return "members_total"
    if (
        metric is None
        and noun == "đảng viên"
        and RAISED_UNITS_RE.search(have_pre or pre_clause)
        and not HAVE_NOUN_BLOCK_RE.search(post)
    ):
        return "members_total"
    if metric is None and noun == "đảng viên" and is_have_stock(have_pre or pre_clause, post):
        return "members_total"
    if metric is None:
        return None
    cues = list(TARGET_CUE_RE.finditer(pre_clause))
    cue = cues[-1] if cues else None
    if cue is None and metric == "admitted" and not is_achieved(pre_near[-40:]):
        # "1 đoàn viên ... dự kiến được kết nạp": the cue sits after the number; not after a
        # result ("kết nạp được 11 quần chúng ... trên chỉ tiêu huyện giao là 08").
        m = re.search(r"dự\s+kiến|phấn\s+đấu|sẽ\s+được|chỉ\s+tiêu", post[:40], re.IGNORECASE)
        if m:
            return "target"
    if cue is None and sentence_pre and GOAL_ITEM_RE.match(pre_clause):
        goals = list(GOAL_LIST_CUE_RE.finditer(sentence_pre))
        if goals and not _RESULT_WORDS_RE.search(sentence_pre, goals[-1].end()):
            return GOAL_OF_COUNT[metric]
    if cue is not None and not is_achieved(pre_clause[cue.end() :], after_duty=cue.group(0)):
        return GOAL_OF_COUNT[metric]
    if metric == "admitted" and is_forecast(sentence_pre + " " + pre_clause):
        return None
    return metric


def is_forecast(pre: str) -> bool:
    """Whether ``pre`` (the sentence before a count) expects a result: "dự kiến đến cuối năm
    Đảng bộ xã kết nạp được 14 đồng chí" is neither the plan (nothing set it; "dự kiến kết nạp
    14" is one) nor the result (not there yet)."""
    cues = list(_FORECAST_CUE_RE.finditer(pre, max(0, len(pre) - 120)))
    return bool(cues) and ACHIEVED_RE.search(pre, cues[-1].end()) is not None


_FORECAST_CUE_RE = re.compile(r"(?<!\w)(?:dự\s+kiến|ước\s+(?:tính|đạt|cả\s+năm))", re.IGNORECASE)


def is_part_of_group(pre: str) -> bool:
    """Whether ``pre`` (the text before a count) opens with "trong số <a counted group>" and
    names no unit after it: the count is a part of that group, not a figure of its own."""
    cues = list(PART_OF_GROUP_RE.finditer(pre))
    return bool(cues) and NAMED_UNIT_RE.search(pre, cues[-1].end()) is None


def is_other_course(pre_near: str, noun: str, post: str) -> bool:
    """A class that is not the party-awareness course: "lớp trung cấp lý luận chính trị cho
    850 học viên", "bồi dưỡng đảng viên mới cho 1.120 đồng chí". Provincial reports list
    these next to the awareness course; only the latter counts candidates (``trained``).

    The course is named after the last "lớp" / "bồi dưỡng" before the number, or in the
    clause after the noun; naming the awareness course ("nhận thức về Đảng", "cảm tình
    Đảng") settles it either way.
    """
    cues = list(COURSE_CUE_RE.finditer(pre_near))
    window = (pre_near[cues[-1].start() :] if cues else "") + " " + noun + " " + post[:80]
    if AWARENESS_COURSE_RE.search(window):
        return False
    return bool(OTHER_COURSE_RE.search(window))


def classify_list_head(head: str, admitted_before: bool) -> str | None:
    """The metric the items of a list share, from the words that open it, or None.

    "Một số đảng bộ kết nạp nhiều như: xã A 8 đảng viên, xã B 6 đảng viên" and a head
    line "Các đơn vị có số lượng kết nạp cao:" over lines "- Huyện X: 312 đảng viên;"
    state each unit's admissions without repeating the verb. ``head`` is the head
    sentence; ``admitted_before`` says the paragraph's last count was an admission, which
    a generic head breaks down by unit ("Kết quả của một số đơn vị như sau:", "Trong
    đó:", "Dẫn đầu là huyện X với 215 đảng viên"). Plans, candidates in the
    pipeline and anything else give None: when unsure, no figure.
    """
    if NOT_ADMITTED_RE.search(head) or AVERAGE_RE.search(head):
        return None
    if LIST_HEAD_PLAN_RE.search(head) and ADMIT_WORD_RE.search(head):
        return "target"  # "giao chỉ tiêu kết nạp đảng viên cho các đảng bộ: huyện A 120; ..."
    if TARGET_CUE_RE.search(LIST_HEAD_ACHIEVED_RE.sub(" ", head)):
        return None
    if ADMIT_WORD_RE.search(head):
        return "admitted"
    if admitted_before and LIST_HEAD_GENERIC_RE.search(head):
        return "admitted"
    return None


def is_have_stock(pre_clause: str, post: str) -> bool:
    """ "<organisation> có N đảng viên" with nothing narrowing who is counted."""
    have = HAVE_PRE_RE.search(pre_clause)
    if not have or not HAVE_SUBJECT_RE.search(pre_clause, 0, have.start()):
        return False
    if HAVE_BLOCK_RE.search(pre_clause, 0, have.start()) or HAVE_NOUN_BLOCK_RE.search(post):
        return False
    return not re.search(r"được|đã\s+được|kết\s+nạp|vinh\s+dự|tặng", post[:50], re.IGNORECASE)


def classify_nounless(pre_near: str) -> str | None:
    """The metric of a number stated after its noun ("số đảng viên mới kết nạp là 87")."""
    near = pre_near[-120:]
    if AVERAGE_RE.search(near):
        return None
    if TARGET_IS_RE.search(near):
        return "target"
    if ADMIT_IS_RE.search(near):
        return "target" if TARGET_CUE_RE.search(near) else "admitted"
    if TOTAL_IS_RE.search(near):
        return "members_total"
    return None


def classify_percent(pre_clause: str, post: str) -> tuple[str, bool] | None:
    """(kind, is_excess) for a percentage; kind is "population", "target" or "bare".

    None where the percentage measures something other than progress on a plan.
    ``is_excess`` marks "vượt N%", which means 100 + N per cent of the plan.
    """
    post_head = post[:60]
    if POP_RE.search(post_head) or POP_RE.search(pre_clause[-40:]):
        return "population", False
    if PCT_GROWTH_POST_RE.search(post_head) or PCT_SUBJECT_POST_RE.search(post_head):
        return None
    if PCT_RANGE_PRE_RE.search(pre_clause):
        return None
    explicit = bool(PCT_TARGET_POST_RE.search(post_head))
    tail = pre_clause[-40:]
    vuot = PCT_VUOT_PRE_RE.search(tail)
    if vuot:
        return ("target" if explicit or re.search(r"chỉ|kế|KH", vuot.group(0)) else "bare"), True
    # "đạt tỷ lệ 101%": the "tỷ lệ" of the verb itself measures nothing else.
    dat = PCT_DAT_PRE_RE.search(tail)
    before = pre_clause[: len(pre_clause) - len(tail) + dat.start()] if dat else pre_clause
    if PCT_OTHER_RE.search(before) and not explicit:
        return None
    if explicit:
        return "target", False
    if dat and not dat.group(0).lower().startswith("bằng"):
        # "bằng 6,85%" with no plan named compares with something else, most often the
        # member base a list's head names ("so với tổng số đảng viên cuối năm trước").
        return "bare", False
    return None
