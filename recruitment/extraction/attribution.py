"""Which organisation and which period each figure is about.

A figure takes the organisation named before it in its sentence (skipping a name that only
locates the one before it, or who set a plan), else one named after it in its clause, else
the one the paragraph last named, else the article's subject. Its period is the one named
between the previous count and it, else after it in its clause or up to the next figure,
else anywhere before it in the sentence, else the period carried from an earlier sentence
or paragraph. Each choice is recorded as a source (``CLAUSE`` … ``HEADLINE``): the review
page asks staff to look at figures whose organisation or period came from far away.
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections import Counter

from . import gazetteer, metrics, organisations, periods
from .figures import Figure
from .organisations import TERRITORY_WORDS, Mention, Org
from .vocabulary import GOAL_OF_COUNT

# Where an organisation or a period was found for a figure, nearest first.
CLAUSE = "clause"
SENTENCE = "sentence"
CARRIED = "carried"
HEADLINE = "headline"

GOAL_METRICS = frozenset({"target", "members_population_pct_target"})
_PART_YEAR_KINDS = frozenset({"months", "quarter", "ytd", "month"})
# Periods that take their year from the article: "đến hết tháng 9", "quý I", "6 tháng đầu năm".
# Kinds that need the year: on a page without a date, the year the text last named
# ("Năm 2021, ... Trong năm, huyện kết nạp 95") is theirs. Not "năm nay", which a text
# sets against the years it names ("năm 2017 ... năm nay").
_YEARLESS_KINDS = frozenset(
    {
        "stock_day",
        "stock_month_this_year",
        "month_start",
        "months",
        "quarter",
        "occasion",
        "past_year",
    }
)
_LEVEL_RANK = {"cell": 0, "grassroots": 1, "commune": 2, "district": 3, "province": 4}
# After an organisation: it set or assigned the plan ("chỉ tiêu Tỉnh ủy giao").
_ASSIGNER_AFTER_RE = re.compile(r"\s+(?:đã\s+|đề\s+ra\s+và\s+)?giao(?!\w)", re.IGNORECASE)
_HOST_LEVELS = frozenset({"cell", "grassroots"})
_EACH_YEAR_RE = re.compile(r"(?<!\w)(?:mỗi|hằng|hàng)\s+năm(?!\w)", re.IGNORECASE)
_PLAN_WORD_BEFORE_RE = re.compile(r"(?:chỉ\s+tiêu|kế\s+hoạch)\s+$", re.I)
_PLAN_WORD_RE = re.compile(r"chỉ\s+tiêu|kế\s+hoạch|mục\s+tiêu|nghị\s+quyết|quy\s+hoạch", re.I)
# A period right after these words names the plan's period, not a figure's ("213 quần chúng
# trong diện quy hoạch phát triển Đảng năm 2019": the pool's year, not the course's).
PLAN_BEFORE_RE = re.compile(rf"(?:{_PLAN_WORD_RE.pattern})(?:\s+[^\W\d_]+){{0,5}}\s*$", re.I)
# Between a count and the organisation it belongs to: "1.842 đảng viên trong toàn Đảng bộ
# phường", "4.200 đảng viên của Đảng bộ huyện".
_OWNER_BEFORE_RE = re.compile(
    r"\s*(?:đảng\s+viên|đồng\s+chí)\s+(?:trong|của|thuộc)\s+(?:toàn\s+)?$", re.IGNORECASE
)
# A count owned by a party body left unnamed: "1.760 đảng viên trong toàn Đảng bộ.".
_BARE_BODY_AFTER_RE = re.compile(
    rf"{_OWNER_BEFORE_RE.pattern[:-1]}(?:đảng\s+bộ|đảng\s+ủy|đảng\s+uỷ)\s*(?:[.,;:)\n]|$)",
    re.IGNORECASE,
)
# A congress whose documents are discussed, not the one held: "góp ý dự thảo văn kiện Đại
# hội Đảng bộ tỉnh", "văn kiện trình Đại hội XIV".
_DOCUMENTS_OF_RE = re.compile(r"văn\s+kiện[^.;\n\d]{0,40}$", re.IGNORECASE)
# Before the body whose congress it is: "Đại hội đại biểu Đảng bộ tỉnh", "Đại hội Đảng bộ".
# A congress's opening: its day is the first of several.
# The congress's first day only: "khai mạc", "phiên trù bị", "phiên làm việc thứ nhất",
# "bắt đầu làm việc ngày thứ nhất".
_OPENING_RE = re.compile(r"khai\s+mạc|trù\s+bị|(?:phiên|ngày)\s+(?:làm\s+việc\s+)?thứ\s+nhất")
# ("Đại hội đại biểu lần thứ nhất Đảng bộ xã Tiên Minh": the ordinal may come first.)
_CONGRESS_OF_RE = re.compile(
    r"đại\s+hội\s+(?:đại\s+biểu\s+)?(?:lần\s+thứ\s+\w+,?\s+)?"
    r"(?:đảng\s+bộ\s+|đảng\s+ủy\s+|đảng\s+uỷ\s+)?$",
    re.IGNORECASE,
)
# After the body that holds a course: "... tổ chức lớp", "... đã tổ chức khai giảng lớp".
_HOLDS_COURSE_RE = re.compile(
    r"\s+(?:đã\s+|vừa\s+)?tổ\s+chức\s+(?:khai\s+giảng\s+)?(?:lớp|khóa|khoá)", re.IGNORECASE
)
# The guests of a course's opening or closing: "Dự lễ khai giảng có lãnh đạo Đảng ủy A,
# Trường B và 242 học viên": those named are guests, the attendees the holder's.
_COURSE_GUESTS_RE = re.compile(
    r"(?:tham\s+)?dự\s+(?:lễ\s+)?(?:khai|bế)\s+giảng[^.;\d]*$", re.IGNORECASE
)
# "Đảng bộ" with no name after it, in a congress report: the body whose congress it is.
_BODY_SPEAKS_RE = re.compile(r"[Đđ]ảng\s+bộ(?![ \t]+(?:[^\W\d_]*[A-ZĐ]|tỉnh|huyện|xã|phường))")
# ", với tổng số 139.534" and "gồm 10 chi bộ trực thuộc với 243": a stock's own clause.
_WITH_TOTAL_RE = re.compile(r"[\s,]*(?:với|gồm)\s+(?:tổng\s+số\s+)?(?:gần\s+|hơn\s+|trên\s+)?")
_HAS_RE = re.compile(r"(?<!\w)(?:có|gồm)(?!\w)")
_ADMITTED_AFTER_RE = re.compile(r"[^\d;.]{0,30}?(?<!\w)(?:đã\s+|vừa\s+)?được\s+kết\s+nạp(?!\w)")
# Measures at a moment: "Tính đến cuối năm 2010, tỷ lệ đảng viên so với dân số đạt 2,43%" is
# the share on 31 December, as the stock of members is.
_STOCK_METRICS = frozenset({"members_total", "members_population_pct"})
_NOW_WORD_RE = re.compile(r"(?<!\w)hiện\s+(?:nay|có|tại)(?!\w)", re.IGNORECASE)
_AGENT_BEFORE_RE = re.compile(r"(?<!\w)được\s+$")
_AWARDS_AFTER_RE = re.compile(
    r"\s+(?:khen\s+thưởng|tặng|biểu\s+dương|tuyên\s+dương|công\s+nhận|trao)(?!\w)"
)
# Before a partner named after the subject: "phối hợp với", "cùng với", "phối hợp của".
_PARTNER_BEFORE_RE = re.compile(
    r"(?:phối\s+hợp\s+(?:với|của)|cùng\s+với)(?:\s+[^\W\d_]+){0,8}\s*$", re.IGNORECASE
)
# "Ông X – Phó trưởng Ban Tổ chức Huyện ủy Di Linh đã chúc mừng hai quần chúng ưu tú ...",
# "Đến dự có đồng chí Y, Bí thư Tỉnh ủy; ..., cùng 90 quần chúng ưu tú được kết nạp": at a
# ceremony, the body in a guest's title is where the guest works, not who admitted.
_OFFICIAL_TITLE_BEFORE_RE = re.compile(
    r"(?<!\w)(?:[Bb]í\s+thư|(?:Phó\s+)?Chủ\s+tịch(?:\s+thường\s+trực)?|"
    r"[Tt]rưởng\s+[Bb]an(?:\s+(?:Tổ\s+chức|Tuyên\s+giáo|Dân\s+vận|"
    r"Kiểm\s+tra))?|(?:Ủy|Uỷ|ủy|uỷ)\s+viên(?:\s+Ban\s+Thường\s+vụ)?|Chánh\s+Văn\s+phòng|"
    r"Chủ\s+nhiệm\s+(?:Ủy|Uỷ)\s+ban\s+Kiểm\s+tra)\s+$"
)
_GUESTS_OPEN_RE = re.compile(
    r"\s*(?:(?:Đến|Về|Tới|Cùng)\s+dự|Tham\s+dự|Dự)(?:\s+và\s+chỉ\s+đạo)?"
    r"(?:\s+(?:buổi\s+)?(?:lễ|Lễ|[Đđ]ại\s+hội)(?:\s+[^\W\d_]+){0,3})?"
    r"\s+(?:có|gồm)(?!\w)"
)

# "Xã An Nghĩa được thành lập trên cơ sở sáp nhập xã Phú Thành, xã Phú Nghĩa và thị trấn Ba
# Hàng Đồi. Đảng bộ xã có ... 1.807 đảng viên": the units merged into the subject are gone;
# a later "Đảng bộ xã" is the subject's, not the last of them.
_MERGED_FROM_RE = re.compile(r"(?<!\w)(?:sáp\s+nhập|hợp\s+nhất)(?!\s+(?:đến|tới)\s+nay)", re.I)
_SENTENCE_BREAK_RE = re.compile(r"[.!?\n]")
# A body named by its kind and a bare level word: "Công an tỉnh", "Khối các cơ quan tỉnh".
_BARE_TERRITORY_END_RE = re.compile(r"\s(?:tỉnh|Tỉnh|huyện|Huyện|thành\s+phố)$")
_REACHED_AFTER_RE = re.compile(
    r"[^\d.;]{0,30}?[,;]?\s*(?:đạt|vượt|bằng)\s+[\d,]+\s*(?:%|phần\s+trăm)\s*(?:so\s+với\s+)?(?:chỉ\s+tiêu|kế\s+hoạch)",
    re.IGNORECASE,
)
_RAISED_TO_RE = re.compile(r"nâng|đưa", re.IGNORECASE)
_TERM_WORD_RE = re.compile(r"nhiệm\s+kỳ", re.IGNORECASE)
# A paragraph that opens on a place fronted before a comma ("Tại phường A, kết quả còn ấn
# tượng hơn khi ..."): a new example set beside the one above, not its continuation.
_SCENE_OPEN_RE = re.compile(r"[ \t]*(?:Tại|Ở)\s+([^,.;:\d\n]{2,80}),")
_END_OF_RE = re.compile(r"hết|cuối", re.I)
# A year singled out of a longer span: "riêng năm 2019", "riêng trong năm 2019".
_SINGLED_OUT_RE = re.compile(r"riêng\s+(?:trong\s+)?$", re.I)
# How long after the part of a year it reports a page still says "từ đầu năm đến nay" of it.
_REPORT_DELAY = datetime.timedelta(days=62)
# "Bắc Giang: 6 tháng đầu năm ..." / "Lục Nam kết nạp ...": a bare place name opening a title.
_TITLE_NAME_RE = re.compile(
    rf"\s*(?P<name>{organisations._U}[\w’']*(?:[ \t]+{organisations._U}[\w’']*){{0,3}})"
    r"(?P<colon>\s*[:–—-]\s)?"
)


class SentenceIndex:
    """What the attribution of each figure asks of its sentence, worked out once.

    A sentence can be a whole text (a list of thousands of units with no full stop): every
    question ("the last count before this figure", "the period mentions between here and
    the next figure") is answered by bisection instead of a walk over the sentence.
    Figures are in text order (by first digit) and period mentions sorted without overlap.
    """

    def __init__(
        self,
        work: str,
        s: int,
        e: int,
        figs: list[Figure],
        pms: list[periods.PeriodMention],
        mentions: list[Mention],
    ):
        self.work, self.s, self.e = work, s, e
        self.figs = figs
        self.mentions = mentions
        self.index = {id(f): i for i, f in enumerate(figs)}
        self.fig_starts = [f.num_start for f in figs]
        self.ends = sorted(f.num_end for f in figs)
        # For each figure, where the last count before it in the sentence ends.
        self.prev_count_end = []
        prev = s
        for f in figs:
            self.prev_count_end.append(prev)
            if f.kind == "count":
                prev = f.num_end
        self.real = [pm for pm in pms if pm.is_period]
        self.real_starts = [pm.start for pm in self.real]
        self.mention_starts = [m.start for m in mentions]
        # The last count that is a result (not a goal): a breakdown by years ends there.
        self.last_result_count = max(
            (f.num_start for f in figs if f.kind == "count" and f.metric not in GOAL_METRICS),
            default=-1,
        )
        self._names_term: bool | None = None
        self._raised_end: int | None = None

    def own_part(self, fig: Figure) -> tuple[int, int]:
        """The part of the sentence that is the figure's own: from the end of the figure
        before it (or the sentence start) to where the next figure's clause begins. A name
        or period there is stated with the figure ("Năm 2021, toàn tỉnh kết nạp 1.455 đảng
        viên"); one further away is shared with other figures."""
        start = max(self.s, self.last_end_by(fig.num_start))
        later = self.first_after(fig.num_end)
        end = max(fig.clause[1], later.clause[0] if later else self.e)
        return start, end

    def first_after(self, pos: int) -> Figure | None:
        """The first figure opening after ``pos``, or None."""
        k = bisect.bisect_right(self.fig_starts, pos)
        return self.figs[k] if k < len(self.figs) else None

    def last_end_by(self, pos: int) -> int:
        """Where the last figure ending at or before ``pos`` ends (-1 when none does)."""
        k = bisect.bisect_right(self.ends, pos)
        return self.ends[k - 1] if k else -1

    @property
    def names_term(self) -> bool:
        if self._names_term is None:
            self._names_term = _TERM_WORD_RE.search(self.work, self.s, self.e) is not None
        return self._names_term

    def raised_to_before(self, pos: int) -> bool:
        """ "nâng"/"đưa" between the sentence start and ``pos``: the words cannot overlap,
        so the first one in the sentence decides."""
        if self._raised_end is None:
            m = _RAISED_TO_RE.search(self.work, self.s, self.e)
            self._raised_end = m.end() if m else self.e + 1
        return self._raised_end <= pos


# Words between two units that make the second where the first belongs: "A trực thuộc B".
_BELONGS_TO_GAP_RE = re.compile(
    r"\s*,?\s*(?:trực\s+)?thuộc\s+(?:(?:đảng\s+(?:ủy|uỷ|bộ)|chi\s+bộ)\s+)?", re.IGNORECASE
)
# The plan a congress's resolution set for its term: "đạt 100% chỉ tiêu Nghị quyết Đại hội
# Đảng bộ huyện lần thứ VI đề ra".
_CONGRESS_PLAN_RE = re.compile(
    r"chỉ\s+tiêu\s+(?:của\s+)?[Nn]ghị\s+quyết\s+[Đđ]ại\s+hội", re.IGNORECASE
)
_BODY_WORD_END_RE = re.compile(r"(?:đảng\s+(?:ủy|uỷ|bộ)|chi\s+bộ)\s*$", re.IGNORECASE)
# A bracket that says where the unit before it belongs: "(thuộc ", "(trực thuộc ".
_PARENT_OPEN_RE = re.compile(r"\(\s*(?:trực\s+)?thuộc\s", re.IGNORECASE)


def title_subject(work: str, title: tuple[int, int] | None, mentions: list[Mention]) -> Org | None:
    """The place a title opens with ("Bắc Giang: ..."), at the level the text refers to.

    Provincial news heads a story with the bare place name and then says only
    "Tỉnh ủy", "toàn tỉnh" or "toàn huyện"; the level words decide between the
    province and a district or city of the same name. Without any level word the
    name is kept level-less, so that a later "huyện" can still resolve to it.
    """
    if title is None:
        return None
    a, b = title
    m = _TITLE_NAME_RE.match(work, a, b)
    if not m:
        return None
    name = organisations.trim_name(m.group("name"), 4)
    tokens = name.split()
    if not tokens or (len(tokens) < 2 and not m.group("colon")):
        return None
    if len(tokens) >= 3 and tokens[0] in organisations.SURNAMES:
        return None  # a person's name heads the title
    n = gazetteer.official_prefix("any", tokens)
    if n == 0:
        return None  # no place: "Báo Quảng Ngãi", "Công tác ..."
    if n:
        tokens = tokens[:n]
        name = " ".join(tokens)
    rest = work[m.start("name") + len(name) : b]
    if not m.group("colon") and not re.match(r"\s+[^\W\d_A-ZĐ]", rest):
        return None
    key = organisations.distinctive_name(name)
    counts: dict[str, float] = {}
    named: dict[str, Org] = {}
    for mention in mentions:
        if a <= mention.start < b:
            continue
        if mention.org is not None:
            if organisations.distinctive_name(mention.org.display) == key:
                named.setdefault(mention.org.word, mention.org)
                counts[mention.org.word] = counts.get(mention.org.word, 0) + 1
        elif mention.ref_word in TERRITORY_WORDS:
            counts[mention.ref_word] = counts.get(mention.ref_word, 0) + 1
    if not counts:
        return None
    word = max(counts, key=lambda w: (counts[w], w in named))
    if word not in named and gazetteer.official_prefix(word, tokens) == 0:
        return None  # "Lâm Hà: ..." with "toàn tỉnh" below: not a province
    return named.get(word) or Org(word, name, organisations.level_for(word, name))


def opens_scene(work: str, a: int, mention_starts: list[int]) -> bool:
    """Whether the paragraph at ``a`` opens by fronting a named unit ("Tại phường A, ...",
    "Ở xã B, ..."): the example it brings stands beside the paragraph above, in the
    article's own period rather than in the dates the other unit's example gave."""
    m = _SCENE_OPEN_RE.match(work, a)
    if m is None:
        return False
    k = bisect.bisect_left(mention_starts, m.start(1))
    return k < len(mention_starts) and mention_starts[k] < m.end(1)


def _present_state(pm: periods.PeriodMention) -> bool:
    """ "hiện nay", "hiện tại": the moment of a stock, not a span up to now."""
    return pm.kind == "now" and not periods.so_far(pm)


def carry_period(
    work: str,
    pms: list[periods.PeriodMention],
    figures: list[Figure],
    carried: periods.PeriodMention | None,
    sentence_start: int,
) -> periods.PeriodMention | None:
    """The period the sentences after this one inherit: the last one it names, or the
    period its last figure was given."""
    real = [pm for pm in pms if pm.is_period]
    if carried is not None and real and all(_present_state(pm) for pm in real):
        # "Tổng số tổ chức cơ sở đảng trực thuộc hiện nay ... là 95" under "Trong 6 tháng
        # đầu năm 2022, ...": "hiện nay" dates that stock; the flows after it stay in the
        # period the report is about.
        return carried
    if real:
        last = figures[-1] if figures else None
        if (
            last is not None
            and last.period_mention is not None
            and last.num_end <= real[-1].start
            and _PLAN_WORD_RE.search(work, last.num_end, real[-1].start)
        ):
            # "đạt 103,25% chỉ tiêu Tỉnh ủy giao năm 2024", "đạt 74,38% chỉ tiêu nghị quyết
            # của các quận ủy, huyện ủy ... đề ra trong năm 2017": the year is the plan's;
            # the figures below share the total's period.
            return last.period_mention
        if (
            not figures
            and real[-1].kind == "term"
            and real[0].kind != "term"
            and not work[sentence_start : real[0].start].strip(" \t,")
        ):
            # "Quý I, các địa phương ... chỉ đạo các chi bộ tổ chức đại hội nhiệm kỳ
            # 2020-2022": the sentence's opening frames the paragraph; the term named later
            # is the congresses', not the period of the figures below.
            return real[0]
        return real[-1]
    if figures and figures[-1].period_mention is not None:
        return figures[-1].period_mention
    return carried


class Attribution:
    """The article-wide facts attribution needs, and the per-sentence index it asks.

    ``mentions`` are (mention, paragraph index) in text order; ``founding`` grows as the
    text is read ("thành lập năm 1930" before "từ khi thành lập đến nay").
    """

    def __init__(
        self,
        *,
        work: str,
        mentions: list[tuple[Mention, int]],
        main: Org | None,
        newspaper: Org | None,
        published: datetime.date | None,
        as_of,
        term,
        term_context: bool,
        title: tuple[int, int] | None,
        congress_days: tuple[datetime.date, datetime.date] | None = None,
        ceremony_days: tuple[datetime.date, datetime.date] | None = None,
        course_days: tuple[datetime.date, datetime.date] | None = None,
        founding_days: tuple[datetime.date, datetime.date] | None = None,
        site_district: Org | None = None,
        anniversary_year: int | None = None,
    ):
        self.work = work
        self.main = main
        self.newspaper = newspaper
        self.site_district = site_district
        # The year an undated page's anniversaries fall in ("134 năm ngày sinh Chủ tịch Hồ
        # Chí Minh": 2024): "dịp 19/5" is that year's when no year is named before it.
        self.anniversary_year = anniversary_year
        self.published = published
        self.as_of = as_of
        self.term = term
        self.term_context = term_context
        self.title = title
        # The last period the headline names (set once the headline is read).
        self.title_period: periods.PeriodMention | None = None
        # The first period the body names after the headline (set by ``core``).
        self.lead_period: periods.PeriodMention | None = None
        # The days of the event the article reports, if any: a congress's members are
        # counted on its last day, a ceremony's admissions on its (first) day, a course's
        # attendees over its days.
        self.congress_day = congress_days[1] if congress_days else None
        self.ceremony_day = ceremony_days[0] if ceremony_days else None
        self.ceremony_days = ceremony_days
        self.course_days = course_days
        # A body founded: its members are counted on the day its founding is announced.
        self.founding_day = founding_days[0] if founding_days else None
        self.founding: list[tuple[int, int]] = []  # (position, year)
        # (position, year) of each year, or part of one, named with its year (set by ``core``).
        self.year_marks: list[tuple[int, int]] = []
        # Named mentions by level word, in text order: a reference looks up the latest
        # one before it by bisection rather than walking all mentions (speed).
        self._named: dict[str, tuple[list[int], list[tuple[Org, int]]]] = {}
        for m, para in mentions:
            if m.org is not None and not self.merged_away(m):
                starts, orgs = self._named.setdefault(m.org.word, ([], []))
                starts.append(m.start)
                orgs.append((m.org, para))
        self.sent: SentenceIndex | None = None
        self.article_mentions = mentions
        # The body whose congress the article reports: "Đại hội đại biểu Đảng bộ tỉnh X".
        self.congress_org: Org | None = None
        for m, para in mentions:
            if _CONGRESS_OF_RE.search(
                work, max(0, m.start - 40), m.start
            ) and not _DOCUMENTS_OF_RE.search(work, max(0, m.start - 70), m.start):
                org = self.mention_org(m, para)
                if org is not None and org.level:
                    self.congress_org = org
                    break
        # The party body a congress report names, for a bare "toàn Đảng bộ" when the
        # congress itself is named only as "Đại hội".
        self.party_body: Org | None = None
        if congress_days is not None:
            self.party_body = next(
                (
                    m.org
                    for m, _ in mentions
                    if m.org is not None
                    and m.org.word in organisations.PARTY_BODY_WORDS
                    and m.org.level
                    and not _DOCUMENTS_OF_RE.search(work, max(0, m.start - 70), m.start)
                ),
                None,
            )
        # The party body that holds the course the article reports: "... phối hợp với Đảng
        # ủy UBND tỉnh tổ chức lớp bồi dưỡng nhận thức về Đảng".
        self.course_org: Org | None = None
        if course_days is not None:
            for m, para in mentions:
                if (
                    m.org is not None
                    and m.org.word != "trường"
                    and _HOLDS_COURSE_RE.match(work, m.end)
                ):
                    self.course_org = self.mention_org(m, para)
                    break
        # The cell (else grassroots body) an admission ceremony report names most: the host,
        # since cells hold the ceremonies.
        hosts = Counter(m.org for m, _ in mentions if m.org and m.org.level in _HOST_LEVELS)
        self.ceremony_host = (
            max(hosts, key=lambda org: (org.level == "cell", hosts[org])) if hosts else None
        )

    def merged_away(self, m: Mention) -> bool:
        """Whether ``m`` names a unit merged into the one the sentence speaks of: never what
        a later bare "Đảng bộ xã" refers to."""
        start = max(0, m.start - 160)
        low = self.work[start : m.start].lower()
        if "nhập" not in low and "nhất" not in low:
            return False  # most mentions follow no merger (speed)
        breaks = list(_SENTENCE_BREAK_RE.finditer(self.work, start, m.start))
        start = breaks[-1].end() if breaks else start
        return _MERGED_FROM_RE.search(self.work, start, m.start) is not None

    def note_founding(self, pms: list[periods.PeriodMention]) -> None:
        for pm in pms:
            if pm.kind == "founding":
                self.founding.append((pm.start, int(pm.groups[0])))

    # -- organisations

    def resolve_ref(self, word: str, pos: int, para: int) -> Org | None:
        """The organisation "toàn huyện", "Huyện ủy" ... refers to at ``pos``."""
        recent = None
        named = self._named.get(word)
        if named is not None:
            i = bisect.bisect_left(named[0], pos)
            if i:
                recent = named[1][i - 1]
        main = self.main
        if recent and (recent[1] >= para - 1 or word == "trường"):
            # "trường" is the school the article named, however far up: a page is about one.
            return recent[0]
        if main is not None:
            if main.word == word:
                return main
            if main.word == "" and gazetteer.official_prefix(word, main.name.split()) != 0:
                return Org(word, main.name, organisations.level_for(word, main.name))
        if recent is None and self.newspaper is not None and word == self.newspaper.word:
            return self.newspaper  # "toàn tỉnh" in the province's own newspaper
        if recent is None and self.site_district is not None and word == self.site_district.word:
            return self.site_district  # "Trung tâm Chính trị huyện" on the district's portal
        return recent[0] if recent else None

    def mention_org(self, m: Mention, para: int) -> Org | None:
        org = m.org if m.org is not None else self.resolve_ref(m.ref_word or "", m.start, para)
        return self._fullest(org) if org is not None else None

    def _fullest(self, org: Org) -> Org:
        """The fullest name the article gives a body it also names short: "Đảng bộ Công an
        tỉnh" is the "Đảng bộ Công an tỉnh Phú Thọ" of the headline. A body the text never
        names in full stays as written."""
        if org.word != "đảng bộ" or not _BARE_TERRITORY_END_RE.search(org.name):
            return org
        named = self._named.get(org.word)
        prefix = org.name + " "
        for other, _ in named[1] if named else ():
            if other.name.startswith(prefix):
                return other
        return org

    def is_agent(self, m: Mention) -> bool:
        """A body named as who awarded the subject ("04 cá nhân được thị xã khen thưởng",
        "được Huyện ủy tặng giấy khen"): never the subject of a figure. (Who organised is:
        "lớp ... được Đảng ủy Đại học Huế tổ chức".)"""
        return (
            _AGENT_BEFORE_RE.search(self.work, max(0, m.start - 8), m.start) is not None
            and _AWARDS_AFTER_RE.match(self.work, m.end) is not None
        )

    def is_qualifier(self, i: int, mentions: list[Mention]) -> bool:
        """A mention that locates the one before it rather than naming the subject.

        "Đảng ủy xã Tân Mộc (huyện Lục Ngạn) kết nạp ..." and "xã Tân Mộc, huyện Lục
        Ngạn kết nạp ...": the higher-level name only says where the commune is.
        """
        m = mentions[i]
        if i == 0 or m.org is None:
            return False
        before = self.work[max(0, m.start - 80) : m.start]
        bracket = before.rfind("(")
        if bracket >= 0 and ")" not in before[bracket:] and _PARENT_OPEN_RE.match(before, bracket):
            # "Đảng bộ Trường A (thuộc Đảng bộ Sở B tỉnh C)": B and C are where A belongs,
            # whatever their level.
            return True
        prev = mentions[i - 1]
        if prev.org is None:
            return False
        gap = self.work[prev.end : m.start]
        if _BELONGS_TO_GAP_RE.fullmatch(gap):
            # "Đảng bộ cơ quan UBND phường A trực thuộc Đảng ủy phường A, gồm có ...": the
            # body it belongs to, whatever its level.
            return True
        gap = _BODY_WORD_END_RE.sub("", gap)  # "Chi bộ số 4 (Đảng bộ Trường A)"
        # ("Đảng bộ Trung tâm Y tế huyện Cam Lộ": a place right after a body locates it.)
        if gap.strip() not in ("", "(", ",", "-", "–"):
            return False
        return _LEVEL_RANK.get(m.org.level, 0) > _LEVEL_RANK.get(prev.org.level, 0)

    def assign_org(self, fig: Figure, para: int, carried: tuple[Org, Mention] | None) -> None:
        source = fig.linked or fig.breakdown_of
        if source is not None:
            fig.org, fig.org_mention = source.org, source.org_mention
            fig.org_source = source.org_source
            return
        sent = self.sent
        assert sent is not None
        if fig.org_fixed is not None:
            fig.org, fig.org_source = fig.org_fixed, CLAUSE
            return
        if fig.org_from is not None:
            org = self.mention_org(fig.org_from, para)
            if org is not None:
                fig.org, fig.org_mention, fig.org_source = org, fig.org_from, CLAUSE
                return
        mentions = sent.mentions
        own_start, _ = sent.own_part(fig)
        n_after = bisect.bisect_left(sent.mention_starts, fig.num_end)
        if n_after < len(mentions):
            m = mentions[n_after]
            if m.start < fig.clause[1] and _OWNER_BEFORE_RE.match(self.work, fig.num_end, m.start):
                # "đại diện cho 1.842 đảng viên trong toàn Đảng bộ phường": the count
                # names whose it is, whatever was named before it.
                org = self.mention_org(m, para)
                if org is not None:
                    fig.org, fig.org_mention, fig.org_source = org, m, CLAUSE
                    return
        owner = self._stock_owner(fig, mentions, para) if fig.metric == "members_total" else None
        if owner is not None:
            fig.org, fig.org_mention = owner
            fig.org_source = SENTENCE
            return
        if (
            self.congress_org is None
            and self.party_body is not None
            and fig.metric == "members_total"
            and _BARE_BODY_AFTER_RE.match(self.work, fig.num_end)
            and metrics.REPRESENTS_RE.search(self.work, fig.clause[0], fig.num_start)
        ):
            # "Đại hội ... 250 đại biểu đại diện cho 1.760 đảng viên trong toàn Đảng bộ": the
            # party body the report names ("Đảng bộ các cơ quan Đảng tỉnh"), not the place.
            fig.org, fig.org_source = self.party_body, SENTENCE
            return
        if (
            self.congress_org is not None
            and fig.metric == "members_total"
            and metrics.REPRESENTS_RE.search(self.work, fig.clause[0], fig.num_start)
        ):
            # "440 đại biểu đại diện cho hơn 119.000 đảng viên": the members of the body
            # whose congress it is, not of the venue named before ("tại ... (phường X)").
            fig.org, fig.org_source = self.congress_org, SENTENCE
            return
        if (
            fig.metric == "trained"
            and self.course_org is not None
            and _COURSE_GUESTS_RE.search(self.work, fig.sentence[0], fig.num_start)
        ):
            fig.org, fig.org_source = self.course_org, SENTENCE
            return
        n_before = bisect.bisect_left(sent.mention_starts, fig.num_start)
        if self._among_guests(fig):
            n_before = 0
        for i in range(n_before - 1, -1, -1):
            m = mentions[i]
            if self.is_qualifier(i, mentions):
                continue
            if _ASSIGNER_AFTER_RE.match(self.work, m.end) and (
                i != 0 or _PLAN_WORD_BEFORE_RE.search(self.work, max(0, m.start - 20), m.start)
            ):
                continue  # "chỉ tiêu Tỉnh ủy giao": who set the plan, not the subject
            if i != 0 and _PARTNER_BEFORE_RE.search(self.work, max(0, m.start - 70), m.start):
                continue  # "Chi bộ A phối hợp với Quận ủy B tổ chức lớp": A's, B only helped
            if self.is_agent(m):
                continue  # "Đảng bộ xã có 04 cá nhân được thị xã khen thưởng": who awarded
            if (
                fig.metric == "admitted"
                and self.ceremony_day is not None
                and _OFFICIAL_TITLE_BEFORE_RE.search(self.work, max(0, m.start - 60), m.start)
            ):
                continue
            if m.ref_word in (organisations.MASS_ORG, organisations.UNKNOWN_UNIT):
                return  # "Hội Nông dân huyện giới thiệu ...": not a party organisation
            org = self.mention_org(m, para)
            if org is not None:
                fig.org, fig.org_mention = org, m
                fig.org_source = CLAUSE if m.start >= own_start else SENTENCE
                return
            if m.ref_word in TERRITORY_WORDS and not _ASSIGNER_AFTER_RE.match(self.work, m.end):
                # "toàn Đảng bộ tỉnh" with no province named: never credit the figure to
                # an organisation of another level (the commune named further on).
                return
        for m in mentions[bisect.bisect_left(sent.mention_starts, fig.num_end) :]:
            if m.start >= fig.clause[1]:
                break
            if fig.num_end <= m.start:
                org = self.mention_org(m, para)
                if org is not None:
                    fig.org, fig.org_mention = org, m
                    fig.org_source = CLAUSE
                    return
        if carried is not None:
            fig.org, fig.org_mention = carried
            fig.org_source = CARRIED
            return
        fig.org = self._fullest(self.main) if self.main is not None else None
        if self.congress_org is not None and _BODY_SPEAKS_RE.search(
            self.work, max(0, fig.sentence[0] - 120), fig.num_start
        ):
            # "Đại hội đại biểu lần thứ nhất Đảng bộ xã Tiên Minh ... công tác phát triển đảng
            # viên tiếp tục được Đảng bộ quan tâm. Đã có 241 quần chúng ...": the body whose
            # congress it is, not the city its guests come from.
            fig.org = self.congress_org
        if (
            fig.metric == "admitted"
            and self.ceremony_host is not None
            and (self.ceremony_day is not None or self._at_ceremony(fig))
        ):
            # "- Lễ kết nạp đảng viên mới cho 04 quần chúng ưu tú ..." in the report of a
            # school cell's ceremony: the cell's admissions, not the district's.
            fig.org = self.ceremony_host
        if fig.org is not None and not fig.org.level:
            # A subject named without its level ("Vũng Liêm" above the headline) takes the
            # level the sentence speaks of ("... nâng tổng số đảng viên toàn huyện ...").
            for m in mentions:
                if m.org is None and m.ref_word in TERRITORY_WORDS:
                    fig.org = self.resolve_ref(m.ref_word, m.start, para) or fig.org
                    break
        if fig.org is not None and not fig.org.level and self._in_title(fig):
            # The headline "Phát triển đảng viên đạt 122,5% ..." under the kicker "Vũng
            # Liêm": the level the body first gives the subject ("... toàn huyện ...").
            for m, m_para in self.article_mentions:
                if m.start >= fig.num_end and m.org is None and m.ref_word in TERRITORY_WORDS:
                    fig.org = self.resolve_ref(m.ref_word, m.start, m_para) or fig.org
                    break
        fig.org_source = HEADLINE

    def _stock_owner(
        self, fig: Figure, mentions: list[Mention], para: int
    ) -> tuple[Org, Mention] | None:
        """Whose stock "..., với tổng số N đảng viên" is when the sentence opened with what a
        body has: "Đảng bộ thành phố có 97 đảng bộ trực thuộc ... thuộc Đảng bộ UBND thành
        phố, với tổng số 139.534 đảng viên" counts the city's members, not the last body's."""
        work, s = self.work, fig.sentence[0]
        if not _WITH_TOTAL_RE.fullmatch(work, fig.clause[0], fig.num_start):
            return None
        has = _HAS_RE.search(work, s, fig.clause[0])
        if has is None:
            return None
        for i in range(bisect.bisect_left([m.end for m in mentions], has.start() + 1) - 1, -1, -1):
            m = mentions[i]
            if m.start < s or self.is_qualifier(i, mentions):
                continue
            org = self.mention_org(m, para)
            return (org, m) if org is not None else None
        return None

    def _names_a_plan(self, fig: Figure, pm: periods.PeriodMention) -> bool:
        """Whether ``pm`` is the period of a plan or pool named after a count ("... cho 213
        quần chúng trong diện quy hoạch phát triển Đảng năm 2019"), not the count's. (A
        share's plan is of its period: "đạt 100% chỉ tiêu trong năm".)"""
        return (
            fig.kind == "count"
            and PLAN_BEFORE_RE.search(self.work, max(0, pm.start - 60), pm.start) is not None
        )

    def _among_guests(self, fig: Figure) -> bool:
        """ "Đến dự lễ có đồng chí X, Bí thư Tỉnh ủy; ..., Văn phòng UBND tỉnh; ... cùng 90
        quần chúng ưu tú được kết nạp": the bodies of a ceremony's guest list are where the
        guests work; those admitted are the host's. So are the members a congress's delegates
        stand for ("Cùng dự có đồng chí X, Phó Chủ tịch Uỷ ban MTTQ tỉnh; ..., cùng 150 đảng
        viên tiêu biểu đại diện cho 1.040 đảng viên Đảng bộ")."""
        if fig.metric == "admitted":
            return self.guest_list(fig.sentence[0])
        return (
            fig.metric == "members_total"
            and self.guest_list(fig.sentence[0])
            and metrics.REPRESENTS_RE.search(self.work, fig.clause[0], fig.num_start) is not None
        )

    def guest_list(self, s: int) -> bool:
        """Whether the sentence at ``s`` lists a ceremony's guests ("Tham dự buổi lễ có ...",
        "Đến dự có đồng chí X, Bí thư Tỉnh ủy"): its bodies are where the guests work, so a
        later sentence's bare subject is not one of them."""
        return (self.ceremony_day or self.congress_day) is not None and _GUESTS_OPEN_RE.match(
            self.work, s
        ) is not None

    def _in_title(self, fig: Figure) -> bool:
        return self.title is not None and self.title[0] <= fig.num_start < self.title[1]

    # -- periods

    def _carried_source(self, pm: periods.PeriodMention) -> str:
        title = self.title
        return HEADLINE if title is not None and title[0] <= pm.start < title[1] else CARRIED

    def _paragraph_congress_day(self, fig: Figure) -> datetime.date | None:
        """The last day of the congress the figure's own paragraph reports, or None.

        A page of news in brief reports several congresses ("Đại hội ... diễn ra từ ngày
        12 - 14.10. ... thay mặt cho hơn 50.000 đảng viên"; the next item: another
        province's, 13 - 16.10): the delegates speak for their members on their own
        congress's day, not the first or latest the page names. A single day on which the
        congress opens ("khai mạc", "phiên trù bị") is only its first: None then."""
        work = self.work
        a = work.rfind("\n", 0, fig.sentence[0]) + 1
        b = work.find("\n", fig.sentence[1])
        low = work[a : b if b >= 0 else len(work)].lower()
        days = periods.find_event_days(
            low,
            periods.CONGRESS_RE,
            published=self.published,
            term=self.term,
            anniversary=None if self.published else periods.anniversary_year(low),
        )
        if days is None or (days[0] == days[1] and _OPENING_RE.search(low)):
            return None
        return days[1]

    def _raising_flow(self, fig: Figure) -> Figure | None:
        """The admissions a stock "nâng tổng số ... lên N" results from: the last count of its
        sentence before it, dated already; None when the stock raises nothing counted."""
        sent = self.sent
        if sent is None or not sent.raised_to_before(fig.num_start):
            return None
        if _NOW_WORD_RE.search(self.work, fig.clause[0], fig.num_start):
            return None  # "nâng tổng số đảng viên hiện nay ... lên": the stock now
        counts = [
            f
            for f in sent.figs
            if f.num_end <= fig.num_start and f.metric == "admitted" and f.period is not None
        ]
        known = self.published or self.congress_day
        if not counts or (known is not None and counts[-1].period[1] > known):
            return None  # a term still running: its end is no day yet
        return counts[-1]

    def _event_stock(self, fig: Figure) -> bool:
        """Date a stock in the present tense ("Đảng bộ xã có 40 chi bộ, với 1.356 đảng
        viên") on the congress's last day when the page shows no date: the report of a
        congress states its members as the congress meets; a body's founding ("Chi bộ Công
        ty ... có 4 đảng viên") on the day it is announced. False where there is neither."""
        if fig.metric != "members_total":
            return False
        if self.congress_day is not None:
            day, label = self.congress_day, "đại hội"
        elif self.founding_day is not None:
            day, label = self.founding_day, "thành lập"
        else:
            return False
        fig.period, fig.period_label, fig.period_source = (day, day), label, SENTENCE
        return True

    def assign_period(self, fig: Figure, carried: periods.PeriodMention | None) -> None:
        if fig.linked is not None:
            fig.period, fig.period_label = fig.linked.period, fig.linked.period_label
            fig.period_mention = fig.linked.period_mention
            fig.period_source = fig.linked.period_source
            pm = fig.period_mention
            if (
                fig.kind == "pair"
                and fig.period is not None
                and pm is not None
                and (pm.kind in _PART_YEAR_KINDS or pm.kind in periods.MOMENT_KINDS)
            ):
                # "80 đảng viên/85 chỉ tiêu" at the end of July: plans are annual.
                year = fig.period[1].year
                fig.period = (datetime.date(year, 1, 1), datetime.date(year, 12, 31))
            return
        sent = self.sent
        assert sent is not None
        flow = self._raising_flow(fig) if fig.metric == "members_total" else None
        if flow is not None:
            # "từ đầu năm đến nay ... đã phát triển mới được 67 đảng viên, vượt 11% so với kế
            # hoạch cả năm 2016 ..., nâng tổng số đảng viên ... lên 1.153": the stock the
            # admissions raised, on their last day, not at the end of the plan's year.
            day = flow.period[1]
            fig.period, fig.period_label = (day, day), flow.period_label
            fig.period_mention, fig.period_source = flow.period_mention, flow.period_source
            return
        if (
            fig.metric == "members_total"
            and self.congress_day is not None
            and metrics.REPRESENTS_RE.search(self.work, fig.clause[0], fig.num_start)
        ):
            # "325 đại biểu đại diện cho gần 58.000 đảng viên": on the congress's last day.
            day = self._paragraph_congress_day(fig) or self.congress_day
            fig.period, fig.period_label, fig.period_source = (day, day), "đại hội", SENTENCE
            return
        real, starts = sent.real, sent.real_starts
        own_start, own_end = sent.own_part(fig)

        def near(pm: periods.PeriodMention) -> str:
            return CLAUSE if own_start <= pm.start < own_end else SENTENCE

        # Period mentions are sorted and do not overlap: each search below looks only at
        # those opening in its window (bisection), never at the whole sentence's.
        prev_end = sent.prev_count_end[sent.index[id(fig)]]
        chosen = None
        for k in range(bisect.bisect_left(starts, prev_end), len(real)):
            pm = real[k]
            if pm.start > fig.num_start:
                break
            if pm.end <= fig.num_start:
                chosen = pm
        if chosen is None:
            k = bisect.bisect_left(starts, fig.num_end)
            if (
                k < len(real)
                and real[k].start < fig.clause[1]
                and not self._names_a_plan(fig, real[k])
            ):
                chosen = real[k]
        if chosen is None:
            # "207 là số đảng viên ... kết nạp từ đầu năm đến nay, đạt ...": the period
            # may trail the figure, up to where the next figure's clause begins.
            later = sent.first_after(fig.num_end)
            limit = later.clause[0] if later else fig.sentence[1]
            for k in range(bisect.bisect_left(starts, fig.num_end), len(real)):
                pm = real[k]
                if pm.start > limit:
                    break
                if pm.end <= limit and not self._names_a_plan(fig, pm):
                    chosen = pm
                    break
        if chosen is None:
            for k in range(bisect.bisect_right(starts, fig.num_start) - 1, -1, -1):
                if real[k].end <= fig.num_start:
                    chosen = real[k]
                    break
        if (
            chosen is None
            and fig.metric in GOAL_METRICS
            and self.published is not None
            and _EACH_YEAR_RE.search(self.work, fig.sentence[0], fig.num_start)
        ):
            # "mỗi năm, Đảng bộ tỉnh phải kết nạp được từ 7.700 đảng viên trở lên": a plan
            # set for every year is this year's plan too (averages, "bình quân mỗi năm",
            # are no figure: ``metrics.is_average``).
            year = self.published.year
            fig.period = (datetime.date(year, 1, 1), datetime.date(year, 12, 31))
            fig.period_label, fig.period_source = "mỗi năm", SENTENCE
            return
        source = near(chosen) if chosen is not None else ""
        if (
            chosen is not None
            and carried is not None
            and self.published is None
            and periods.is_bare_term(chosen)
        ):
            # "Trong nhiệm kỳ 2020-2025, Đảng bộ ... Trong nhiệm kỳ, Đảng bộ đã kết nạp được
            # 36" on an undated page: the term named before.
            chosen, source = carried, self._carried_source(carried)
        if (
            chosen is not None
            and chosen.kind == "occasion"
            and fig.metric == "admitted"
            and self.ceremony_day is not None
            and (self.ceremony_day,) * 2
            != periods.resolve(chosen, periods.PeriodContext(published=self.published))
            and self._at_ceremony(fig)
        ):
            # "ngày 6/9, ... tổ chức lễ kết nạp ... đợt 2/9/2022 cho 17 quần chúng": the round
            # is named after the occasion, the ceremony has a day of its own.
            day = self.ceremony_day
            fig.period, fig.period_label = self._ceremony_period(fig, day), "lễ kết nạp"
            fig.period_source = SENTENCE
            return
        if chosen is not None and fig.metric != "members_total" and periods.so_far(chosen):
            frame = self._report_frame(carried)
            if frame is not None:
                # "Sáu tháng đầu năm, ... Từ đầu năm đến nay, toàn đảng bộ đã kết nạp 134"
                # in a half-year report: the period the report names is the whole period.
                chosen, source = frame, self._carried_source(frame)
        if (
            chosen is None
            and fig.metric == "members_total"
            and not sent.raised_to_before(fig.num_start)
            # "Trong 9 tháng qua ... kết nạp 54 đảng viên, tổng số đảng viên toàn huyện hơn
            # 3.300" on an undated page: at the end of the part of the year reviewed.
            and not (self.published is None and carried is not None and periods.opens_year(carried))
        ):
            # "Tổng số đảng viên toàn Đảng bộ là 7.126 đồng chí" in a sentence without a
            # date: the count now, not at the end of a period an earlier sentence named
            # (unless it is the result of that period: "nâng tổng số ... lên").
            fig.present = True
        if (
            chosen is not None
            and chosen.kind in ("term", "past_term")
            and fig.metric == "members_total"
            and not _END_OF_RE.search(chosen.label)
        ):
            # "nhiệm kỳ 2025-2030 ... có 1.356 đảng viên": the term names the congress, not
            # the day members are counted.
            chosen, fig.present = None, True
        if chosen is None and not (fig.present and fig.metric == "members_total"):
            chosen = carried
            if carried is not None:
                source = self._carried_source(carried)
            elif self.title_period is not None and fig.num_start >= self.title_period.end:
                # "Quý I/2021: Toàn tỉnh kết nạp 187 đảng viên mới" over a byline and a lead
                # that says no period: the headline's holds for the body.
                chosen, source = self.title_period, HEADLINE
            elif fig.kind == "percent" and self.lead_period is not None and self._in_title(fig):
                # "Phát triển đảng viên đạt 122,5% chỉ tiêu nghị quyết" over a body that
                # opens "Trong năm 2017, ...": the headline sums up the period reported.
                chosen, source = self.lead_period, HEADLINE
        if (
            fig.metric == "trained"
            and self.course_days is not None
            and (chosen is None or not fig.sentence[0] <= chosen.start < fig.sentence[1])
            and not self._course_of_the_year(chosen)
        ):
            # "Tham gia lớp có 228 quần chúng ưu tú" in the report of a course: its days,
            # not the year of "khóa I năm 2025" in the headline.
            fig.period, fig.period_label = self.course_days, "lớp bồi dưỡng"
            fig.period_source = SENTENCE
            return
        if chosen is None and fig.metric == "admitted":
            # "Ngày 18/5/2024, Chi bộ ... tổ chức Lễ kết nạp Đảng cho 7 quần chúng": an
            # admission ceremony counts on its day; a report that gives no day ("vừa tổ
            # chức kết nạp 5 đảng viên") was written the day of it.
            day = self._own_day(fig) or self.ceremony_day
            if day is None and self._at_ceremony(fig):
                day = self.published
            if day is not None:
                fig.period, fig.period_label = self._ceremony_period(fig, day), "lễ kết nạp"
                fig.period_source = SENTENCE
                return
        if (
            chosen is None
            and fig.metric == "members_total"
            and self.ceremony_day is not None
            and self._at_ceremony(fig)
        ):
            # "... lễ kết nạp cho 10 quần chúng, nâng tổng số đảng viên của chi bộ lên 18":
            # the stock the ceremony raised, on the ceremony's day.
            day = self.ceremony_day
            fig.period, fig.period_label = (day, day), "lễ kết nạp"
            fig.period_source = SENTENCE
            return
        if chosen is None:
            if fig.present and self.published is None and self._event_stock(fig):
                return
            if not fig.present or self.published is None:
                return
            chosen = periods.PeriodMention("now", fig.num_start, fig.num_start, "hiện nay", ())
            source = CLAUSE  # a stock stated in the present tense
        if chosen.kind == "now" and fig.metric != "members_total":
            chosen = self._term_to_date(chosen, fig, carried) or chosen
        ctx = periods.PeriodContext(published=self.published, as_of=self.as_of, term=self.term)
        if chosen.kind in periods.TO_DATE_KINDS or (chosen.kind == "range" and chosen.groups[1]):
            ends = []
            singled = None
            last_count = sent.last_result_count
            if last_count <= fig.num_end:
                last_count = -1
            for pm in real[bisect.bisect_right(starts, fig.num_end) :]:
                if pm.start > last_count:
                    break
                # A breakdown by years: each year introduces one of the later counts (not
                # the year of a plan: "đạt 45% chỉ tiêu năm 2026 là 40 đảng viên").
                if (
                    fig.num_end < pm.start
                    and pm.end <= last_count
                    and pm.kind == "year"
                    and not PLAN_BEFORE_RE.search(self.work, max(0, pm.start - 60), pm.start)
                ):
                    r = periods.resolve(pm, ctx)
                    if r:
                        ends.append(r[1])
                        singled = _SINGLED_OUT_RE.search(self.work, max(0, pm.start - 20), pm.start)
            if len(ends) == 1 and singled:
                # "Từ năm 2015 đến nay, ... kết nạp 50 đảng viên; riêng trong năm 2019 ... 11":
                # one year singled out of the span, not a breakdown that ends the span.
                ends = []
            if ends:
                ctx.breakdown_end = max(ends)
                if ctx.term is None and chosen.kind == "term_to_date":
                    ctx.term = periods.term_containing(max(ends).year)
        if (
            chosen.kind == "term"
            and not chosen.groups[0]
            and carried is not None
            and carried.kind in ("term", "term_to_date")
            and carried.groups
            and carried.groups[0]
        ):
            # "Nhiệm kỳ 2020 - 2025, Đảng bộ xã ... Đến cuối nhiệm kỳ, ... kết nạp 78": the
            # term the paragraph is about, not the first the article names.
            ctx.term = (int(carried.groups[0]), int(carried.groups[1]))
        if chosen.kind == "since_founding":
            k = bisect.bisect_left(self.founding, (chosen.start,))
            ctx.founding_year = self.founding[k - 1][1] if k else None
        if fig.present and not (fig.sentence[0] <= chosen.start < fig.sentence[1]):
            # "Đảng bộ tỉnh có 104.598 đảng viên": a stock now, whatever came before.
            if self.published is None:
                self._event_stock(fig)
                return
            chosen = periods.PeriodMention("now", fig.num_start, fig.num_start, "hiện nay", ())
            source = CLAUSE
        rng = periods.resolve(chosen, ctx)
        if rng is None and chosen.kind in _YEARLESS_KINDS:
            # "Năm 2022, chỉ tính đến hết tháng 9, ... đã kết nạp 48" with no date on the page:
            # the year the sentence names is the month's.
            years = [pm for pm in real if pm.kind == "year" and pm.end <= fig.num_start]
            year = int(years[-1].groups[0]) if years else self._named_year(fig.num_start)
            if year is not None:
                ctx.published = datetime.date(year, 12, 31)
                rng = periods.resolve(chosen, ctx)
        if (
            rng is None
            and chosen.kind == "past_year"
            and carried is not None
            and carried.kind == "year"
        ):
            # "Tổng kết năm 2017 ... Trong năm, huyện kết nạp 253" on a page with no date:
            # the year the report reviews, named above.
            year = int(carried.groups[0])
            rng = (datetime.date(year, 1, 1), datetime.date(year, 12, 31))
        if rng is None:
            return
        if fig.metric == "members_total" and rng[0] != rng[1]:
            day = self.congress_day
            if chosen.kind == "term" and day is not None and rng[0] <= day < rng[1]:
                # "Trong nhiệm kỳ 2020-2025, ... nâng tổng số đảng viên lên 545" at the
                # congress of February 2025: the stock counted for the congress, not at
                # the end of a term still running.
                rng = (day, day)
            else:
                rng = (rng[1], rng[1])
        if (
            fig.metric == "members_total"
            and self.published is not None
            and chosen.kind == "stock_year"
            and rng[1] > self.published
        ):
            # "Đến năm 2022, Đảng bộ huyện có 4.200 đảng viên" in April 2022: the count now.
            rng = (self.published, self.published)
        if fig.metric != "members_total" and chosen.kind == "now" and rng[0] == rng[1]:
            if self.term_context:
                return  # "đến nay, đã kết nạp 300" in a term's report: from an unstated start
            # "Đến nay, toàn huyện đã kết nạp 280 đảng viên" in a report on the year so far.
            rng = (datetime.date(rng[1].year, 1, 1), rng[1])
        if fig.metric not in _STOCK_METRICS and chosen.kind in periods.MOMENT_KINDS:
            # A flow "tính đến ngày 15/9/2023" runs from Jan 1 of that year (the as-of
            # convention); "đến năm 2025" is a horizon, not a period: give nothing,
            # unless it is a goal for the term ending that year.
            if chosen.kind == "stock_year" and not _END_OF_RE.search(chosen.label):
                if (
                    fig.metric in GOAL_OF_COUNT
                    and self.published is not None
                    and rng[1].year > self.published.year
                    and not metrics.ACHIEVED_RE.search(self.work, fig.clause[0], fig.num_start)
                ):
                    # "Đến năm 2025, TP. Bạc Liêu kết nạp thêm 700 đảng viên" written in
                    # 2020: what is to be reached by then.
                    fig.metric = GOAL_OF_COUNT[fig.metric]
                rng = self._term_horizon(rng[1].year) if fig.metric in GOAL_METRICS else None
                if rng is None:
                    return
            elif _CONGRESS_PLAN_RE.search(self.work, fig.num_end, fig.sentence[1]):
                # "Tính đến ngày 30/6/2023, Đảng bộ huyện kết nạp được 300 đảng viên mới, đạt
                # 100% chỉ tiêu Nghị quyết Đại hội": counted against the term's plan, since the
                # term began.
                first = self.term[0] if self.term else periods.term_containing(rng[1].year)[0]
                rng = (datetime.date(first, 1, 1), rng[1])
            else:
                rng = (datetime.date(rng[1].year, 1, 1), rng[1])
        if (
            fig.metric == "target"
            and chosen.kind in _PART_YEAR_KINDS
            and self._follows_percent(fig)
        ):
            # "đạt 34,3% chỉ tiêu năm (chỉ tiêu 140 đảng viên)": the plan is the year's.
            rng = (datetime.date(rng[1].year, 1, 1), datetime.date(rng[1].year, 12, 31))
        if fig.metric in GOAL_OF_COUNT and self._is_future(chosen, rng, fig):
            fig.metric = GOAL_OF_COUNT[fig.metric]
        day = self.ceremony_day
        if (
            fig.metric == "admitted"
            and day is not None
            and rng[0] <= day <= rng[1]
            and (
                fig.named
                or self._among_guests(fig)
                or self._at_ceremony(fig)
                and (
                    (rng[1] - rng[0]).days <= 31
                    or periods.names_day(self.work[fig.sentence[0] : fig.sentence[1]], day=day)
                )
            )
        ):
            # "Tháng 8 năm 2024, Chi bộ ... tổ chức lễ kết nạp cho 02 quần chúng" with the
            # day given elsewhere ("ngày 13/8"): the ceremony counts on its day; so does
            # one whose sentence gives its day beside a year ("Ngày 3/2, mừng Xuân 2024").
            rng = (day, day)
        fig.period, fig.period_label, fig.period_mention = rng, chosen.label, chosen
        fig.period_source = source

    def _report_frame(self, carried: periods.PeriodMention | None) -> periods.PeriodMention | None:
        """The part of a year a report is about ("6 tháng đầu năm", "quý I": from 1 January),
        carried from above or named by the headline, for a "từ đầu năm đến nay" inside it;
        None where the page appeared over two months after that part ended."""
        frame = carried if carried is not None else self.title_period
        if frame is None or not periods.opens_year(frame):
            return None
        if self.published is not None:
            rng = periods.resolve(frame, periods.PeriodContext(published=self.published))
            if rng is None or not rng[1] <= self.published <= rng[1] + _REPORT_DELAY:
                return None
        return frame

    def _named_year(self, pos: int) -> int | None:
        """On a page without a date, the last year named before ``pos`` ("Năm 2022, ...",
        "... triển khai nhiệm vụ 6 tháng cuối năm 2013"): a report names its year once and
        then speaks of "6 tháng đầu năm", "quý I", "dịp 2/9" of it."""
        k = bisect.bisect_left(self.year_marks, (pos,))
        return self.year_marks[k - 1][1] if k else self.anniversary_year

    def _own_day(self, fig: Figure) -> datetime.date | None:
        """The day the count's own sentence dates it by, before it ("Theo đó chiều ngày
        29/01/2018, Đảng bộ Bệnh viện đã kết nạp hai quần chúng"): the admissions' day, over
        the article's ceremony day (the headline's anniversary "(03/02/1930 – 03/02/2018)")."""
        known = self.ceremony_days or ((self.published,) * 2 if self.published else None)
        if known is None:
            return None
        work, s = self.work, fig.sentence[0]
        for m in reversed(list(periods.FULL_DATE_RE.finditer(work, s, fig.num_start))):
            if work.rfind("(", s, m.start()) > work.rfind(")", s, m.start()):
                continue  # in brackets: "(3/2/1930 - 3/2/2026)"
            day = periods.safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            if day is None or known[0] <= day <= known[1] or abs(day.year - known[0].year) > 1:
                return None  # the ceremony's own, or a day the article recalls
            return day
        return None

    def _ceremony_period(
        self, fig: Figure, day: datetime.date
    ) -> tuple[datetime.date, datetime.date]:
        """The ceremony's day; its days when the figure's sentence gives them as one span
        ("Trong hai ngày từ 3-4/7/2022, ... tổ chức Lễ kết nạp Đảng cho 19 em học sinh")."""
        days = self.ceremony_days
        if days is not None and days[0] == day < days[1]:
            sentence = self.work[fig.sentence[0] : fig.sentence[1]]
            if periods.names_span(sentence, first=days[0], last=days[1]):
                return days
        return day, day

    def _course_of_the_year(self, chosen: periods.PeriodMention | None) -> bool:
        """A course the report gives one day of (its opening or its closing), named after its
        year ("khai giảng lớp bồi dưỡng nhận thức về Đảng khóa I năm 2024. ... 45 học
        viên"): a course runs for days, so the year it is named after is its period."""
        days = self.course_days
        return (
            days is not None
            and days[0] == days[1]
            and chosen is not None
            and chosen.kind == "year"
            and periods.named_year(chosen) == days[0].year
        )

    def _at_ceremony(self, fig: Figure) -> bool:
        """Whether the figure's sentence reports an admission ceremony."""
        return (
            periods.CEREMONY_RE.search(self.work[fig.sentence[0] : fig.sentence[1]].lower())
            is not None
        )

    def _term_to_date(
        self, now_pm: periods.PeriodMention, fig: Figure, carried
    ) -> periods.PeriodMention | None:
        """ "Đến nay" right after a term: from the start of that term to now.

        The term is the one the previous sentence named ("Nhiệm kỳ 2020 - 2025, Đại hội
        đề ra chỉ tiêu ... Đến nay, đã kết nạp 702 đảng viên"), or the figure's own
        sentence speaks of the term ("đạt 78% chỉ tiêu nhiệm kỳ"); else None.
        """
        if now_pm.label.lower().startswith("hiện") or self.published is None:
            return None
        groups: tuple = (None, None)
        if carried is not None and carried.kind in ("term", "term_to_date"):
            if carried.groups and carried.groups[0]:
                groups = (carried.groups[0], carried.groups[1])
        elif self.sent is None or not self.sent.names_term:
            return None
        if groups[0] and not int(groups[0]) <= self.published.year <= int(groups[1]):
            return None  # an earlier term: "đến nay" is not counted from its start
        return periods.PeriodMention("term_to_date", now_pm.start, now_pm.end, now_pm.label, groups)

    def _term_horizon(self, year: int) -> tuple[datetime.date, datetime.date] | None:
        """ "Mục tiêu đến năm 2025": a goal for the term ending that year, when it is current.
        Without "nhiệm kỳ" in the article, only a goal set in the congress year that opens
        the term (a directive of 2020 "đến năm 2025"): later, it may run from its own date."""
        pub = self.published
        if pub is None or year % 5 or not year - 5 <= pub.year <= year:
            return None
        if not self.term_context and pub.year != year - 5:
            return None
        return datetime.date(year - 5, 1, 1), datetime.date(year, 12, 31)

    def _follows_percent(self, fig: Figure) -> bool:
        """A stated plan right after the share of it ("đạt 34,3% (chỉ tiêu 140 đảng viên)")."""
        sent = self.sent
        assert sent is not None
        figs = sent.figs
        k = sent.index[id(fig)] - 1
        while k >= 0 and figs[k].num_end > fig.num_start:
            k -= 1
        return k >= 0 and figs[k].kind == "percent" and figs[k].metric == "percent_of_target"

    def _is_future(self, pm: periods.PeriodMention, rng, fig: Figure) -> bool:
        """A bare "kết nạp N" over a term or years not yet begun is a plan, not a result."""
        pre = self.work[fig.clause[0] : fig.num_start]
        if metrics.ACHIEVED_RE.search(pre) or _ADMITTED_AFTER_RE.match(
            self.work, fig.num_end, fig.clause[1]
        ):
            return False  # "Giai đoạn 2012-2019 ... 771 đoàn viên ưu tú được kết nạp Đảng"
        if (
            pm.kind == "term"
            and self.published is None
            and self.term
            and rng[1].year <= self.term[0]
        ):
            return False  # the term before the one the article's congress opens: its results
        if pm.kind == "term" and (self.published is None or rng[1] > self.published):
            # "Nhiệm kỳ 2015 - 2020 ... kết nạp 12.560 đảng viên, vượt 4,7% chỉ tiêu" near
            # the term's end: a share of the plan reached makes it a result.
            return not (
                rng[0] <= (self.published or rng[0])
                and _REACHED_AFTER_RE.match(self.work, fig.num_end, fig.sentence[1])
            )
        return self.published is not None and rng[0].year > self.published.year
