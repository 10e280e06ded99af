"""Reading a sentence's numbers as figures: which are counts or shares, and of what.

A number becomes a figure from the noun after it and the verb before it ("kết nạp 215
đảng viên"), from a noun stated first ("số đảng viên mới kết nạp là 87"), from the list it
is an item of, or from the count a percentage qualifies. Years, dates, ranks and ranges
are not figures. Who and when each figure is about is settled later (``attribution``).
"""

from __future__ import annotations

import bisect
import datetime
import itertools
import re
from dataclasses import dataclass
from decimal import Decimal

from . import metrics, numbers, people, periods
from .lists import ITEM_NOUNS, Lists
from .organisations import Mention, Org
from .text import Clauses
from .vocabulary import GOAL_OF_COUNT

# After a number stated behind its noun ("... là 87."), only punctuation may follow.
_NOUNLESS_END_RE = re.compile(r"\s*(?:[,.;)(]|\s+(?:và|trong|năm|so)\s|$)")
_LIST_NEXT_RE = re.compile(r"\s*(?:[,;]|\s+và\s)")
# A yearly breakdown after a total: "825 đảng viên (năm 2021: 270; năm 2022: 275; ...)".
_BREAKDOWN_FIRST_RE = re.compile(
    r"\s*(?:(?:đảng\s+viên|đồng\s+chí|quần\s+chúng)(?:\s+mới)?\s*)?[(:]\s*"
    r"(?:trong\s+đó\s*[,:]?\s*)?năm\s+\d{4}\s*(?::|=|là)\s*$",
    re.IGNORECASE,
)
_BREAKDOWN_NEXT_RE = re.compile(
    r"\s*(?:(?:đảng\s+viên|đồng\s+chí)\s*)?(?:[;,]|\s+và)\s*năm\s+\d{4}\s*(?::|=|là)\s*$",
    re.IGNORECASE,
)
_BREAKDOWN_END_RE = re.compile(r"\s*(?:(?:đảng\s+viên|đồng\s+chí)\s*)?(?:[;,)]|\s+và\s)")
_GOAL_CUE_RE = re.compile(r"phấn\s+đấu|chỉ\s+tiêu|mục\s+tiêu", re.IGNORECASE)
# A figure between a goal word and a percentage: the goal word belongs to that figure.
_FIGURE_IN_RE = re.compile(
    r"\d\s*(?:%|phần\s+trăm)|\d\s+(?:đảng\s+viên|đồng\s+chí|quần\s+chúng)", re.I
)
_NOW_RE = re.compile(r"hiện", re.I)
# A clause that only adds the members to the units counted before it: "..., với 1.356".
_WITH_CLAUSE_RE = re.compile(
    r"\s*(?:(?:đảng\s+bộ|chi\s+bộ)(?:\s+(?:cơ\s+sở|trực\s+thuộc))*\s+)?(?:với|gồm)\s+"
    r"(?:tổng\s+số\s+)?\D{0,12}$",
    re.I,
)
_RATE_BEFORE_RE = re.compile(r"tỷ\s+lệ|tỉ\s+lệ", re.I)
_NEXT_SHARE_GAP_RE = re.compile(r"%[^\d;.()]{0,60}?(?:,|\s)\s*(?:và|hay|bằng)\s+", re.I)
# The share of a pair after it: "7/5 đạt 140%", "5/4 (đạt 125%)".
_SHARE_AFTER_RE = re.compile(r"\s*[,(]?\s*(?:đạt|bằng)\s+(\d+(?:,\d+)?)\s*%", re.IGNORECASE)
_PLAN_NOUN_AFTER_RE = re.compile(r"\s+(?:chỉ\s+tiêu|kế\s+hoạch)(?!\w)", re.IGNORECASE)
# Between a unit and its share: "<unit> đạt 94,29%", "<unit> kết nạp vượt 58,2%".
_UNIT_SHARE_GAP_RE = re.compile(
    r"[ \t]+(?:(?:đã[ \t]+)?kết[ \t]+nạp(?:[ \t]+(?:được|mới|đảng[ \t]+viên))*[ \t]+)?"
    r"(?:đạt|vượt)[ \t]+",
    re.IGNORECASE,
)


@dataclass
class Figure:
    kind: str  # "count", "percent" or "pair" (the target of "1.203/1.150")
    metric: str | None
    value: Decimal
    num_start: int
    num_end: int
    approximate: bool
    sentence: tuple[int, int]
    clause: tuple[int, int]
    linked: Figure | None = None
    pct_kind: str | None = None
    period: tuple[datetime.date, datetime.date] | None = None
    period_label: str = ""
    period_mention: periods.PeriodMention | None = None
    org: Org | None = None
    org_mention: Mention | None = None
    present: bool = False  # a stock stated in the present tense ("... có N đảng viên")
    breakdown_of: Figure | None = None  # "825 đảng viên (năm 2021: 270; ...)": the total
    listed: bool = False  # its metric comes from the head of a list it is an item of
    # "từ 10-12 đảng viên", "ít nhất 15 đảng viên": a plan's bound, read at its lower end.
    bound: bool = False
    narrowed: bool = False  # "8 đảng viên mới trong các doanh nghiệp" (``NARROWED_POST_RE``)
    named: bool = False  # people admitted by name, at a ceremony (``people``)
    # The unit a list item names, when attribution must not look further ("huyện A (45%)").
    org_from: Mention | None = None
    org_fixed: Org | None = None  # a list item's unit named bare ("Tứ Kỳ 110")
    # Where attribution found the organisation and the period (``attribution`` sources).
    org_source: str = ""
    period_source: str = ""


def _masked(starts: list[int], reach: list[int], pos: int) -> bool:
    """Whether ``pos`` lies in one of the sorted masks (``reach``: running maximum end)."""
    k = bisect.bisect_right(starts, pos)
    return k > 0 and reach[k - 1] > pos


# After a count's noun, its plan: "80 đảng viên/85 chỉ tiêu", "12 đồng chí/10 kế hoạch".
_SLASH_PLAN_RE = re.compile(
    r"\s*/\s*(\d{1,3}(?:\.\d{3})+|\d+)\s+(?:chỉ\s+tiêu|kế\s+hoạch|KH)(?!\w)", re.IGNORECASE
)


# The "pair" of a token that is a list of people admitted by name (``people``).
NAMED = ("named",)


class FigureReader:
    """Reads the figures of one sentence; the list state carries between sentences."""

    def __init__(self, work: str, s: int, e: int, lists: Lists):
        self.work, self.s, self.e = work, s, e
        self.lists = lists
        self._cue_ends: list[int] | None = None

    def read(self, pms: list[periods.PeriodMention]) -> list[Figure]:
        work, s, e = self.work, self.s, self.e
        figs: list[Figure] = []
        masked = [(pm.start, pm.end) for pm in pms]
        for dm in periods.FULL_DATE_RE.finditer(work, s, e):
            masked.append((dm.start(), dm.end()))
        # Numbers and "admitted/target" pairs, in text order; a number's value is read
        # only once it is a figure (speed: most are years, dates or other counts).
        tokens: list[tuple[int, int, Decimal | None, tuple | None]] = [
            (ns, ne, None, None) for ns, ne in numbers.find_number_spans(work, s, e)
        ]
        pairs = numbers.find_pairs(work, s, e)
        if pairs:
            tokens.extend(pairs)
            tokens.sort(key=lambda t: t[0])
        named = [(a, b, Decimal(n), NAMED) for a, b, n in people.named_admissions(work, s, e)]
        if named:
            tokens = [t for t in tokens if not any(a <= t[0] < b for a, b, _, _ in named)]
            tokens = sorted(tokens + named, key=lambda t: t[0])
        # Bands of people ("từ 10-12 đảng viên"): one figure, read at its lower bound.
        bands = numbers.find_count_ranges(work, s, e)
        band_starts = {a for a, _, _ in bands}
        if bands:
            tokens = [t for t in tokens if not any(a <= t[0] < b for a, b, _ in bands)] + [
                (a, b, low, None) for a, b, low in bands
            ]
            tokens.sort(key=lambda t: t[0])
        masked.sort()
        mask_starts = [ms for ms, _ in masked]
        # The furthest end among the masks opening at or before each one: a number is
        # masked when that reaches past it (bisection, not a walk over every mask).
        mask_reach = list(itertools.accumulate((me for _, me in masked), max))
        tokens = [
            t
            for t in tokens
            if not _masked(mask_starts, mask_reach, t[0]) and not numbers.is_label(work, s, t[0])
        ]
        if not tokens:
            return figs
        prev_end = s
        clauses = Clauses(work, s, e)
        lists = self.lists
        last_count: Figure | None = None  # the sentence's last count so far
        seen = 0
        skip_to = s  # past a plan read with the count before it ("80 đảng viên/85 chỉ tiêu")
        for i, (ns, ne, value, pair) in enumerate(tokens):
            if ns < skip_to:
                continue
            for f in figs[seen:]:
                if f.kind == "count":
                    last_count = f
            seen = len(figs)
            if pair is NAMED:
                # "Lễ kết nạp đảng viên mới cho đồng chí A và đồng chí B": as many as named.
                fig = Figure("count", "admitted", value, ns, ne, False, (s, e), clauses.around(ns))
                fig.named = True
                figs.append(fig)
                prev_end = ne
                continue
            band = ns in band_starts
            if pair is None and not band and numbers.in_range(work, s, e, ns, ne):
                prev_end = ne
                continue
            if value is None:
                value = numbers.parse_number(work[ns:ne])
                # "1,455 đảng viên": people come in whole numbers, so a comma before
                # three digits groups thousands the English way.
                if numbers.is_english_grouped(work, ns, ne) and metrics.PERSON_RE.match(
                    work, ne, e
                ):
                    value = numbers.parse_number(work[ns:ne].replace(",", ""))
                thousands = numbers.thousands_after(work, ne, e)
                if thousands is not None:
                    # "hơn 2 nghìn đảng viên", "2,5 ngàn quần chúng", "gần 50 vạn đảng viên":
                    # the word multiplies.
                    factor, ne = thousands
                    value *= factor
            clause = clauses.around(ns)
            if band:
                # "10 - 12 đảng viên": the dash of the band does not cut the clause.
                clause = (clause[0], clauses.around(ne - 1)[1])
            # "kết nạp từ 10-12", "ít nhất 15": the bound's words belong to the number.
            lead = numbers.lower_bound_start(work, s, ns, ne, e, band=band)
            pre_clause = work[clause[0] : max(clause[0], lead)]
            approx = numbers.is_approximate(work, ns)
            pm = numbers.PERCENT_AFTER_RE.match(work, ne, e) if pair is None else None
            unit = lists.share_item(s, prev_end, ns) if pm else None
            if unit is not None:
                # "... đạt kết quả cao như: Đảng bộ huyện A (45,16%); huyện B đạt 45,09%".
                val = value
                for u in self._shared(unit, prev_end):
                    fig = Figure(
                        "percent", "percent_of_target", val, ns, ne, approx, (s, e), clause
                    )
                    fig.pct_kind, fig.listed, fig.org_from = "target", True, u
                    figs.append(fig)
                prev_end = pm.end()
                continue
            if pm:
                post = work[pm.end() : clause[1]]
                res = metrics.classify_percent(pre_clause, post)
                if res is None:
                    prev_end = pm.end()
                    continue
                pct_kind, excess = res
                if pct_kind == "bare" and value < 15 and _RATE_BEFORE_RE.search(pre_clause):
                    # "kết nạp 358 đảng viên mới, đạt tỷ lệ 7,61%": admissions as a share of
                    # the members, the usual rate of a few per cent, not progress on a plan.
                    prev_end = pm.end()
                    continue
                val = value + 100 if excess else value
                fig = Figure(
                    "percent", None, val, ns, ne, approx, (s, e), clause, pct_kind=pct_kind
                )
                fig.linked = self._link(figs, fig)
                cue = metrics.BREAKDOWN_CUE_RE.search(work, figs[-1].num_end if figs else s, ns)
                if fig.linked is None and cue and numbers.DIGIT_RE.search(work, cue.end(), ns):
                    # "... bằng 103% kế hoạch; trong đó có 15 đảng viên kết nạp trong các
                    # doanh nghiệp, bằng 125% kế hoạch": the share of a part, not the unit's.
                    prev_end = pm.end()
                    continue
                if not self._settle_percent(fig, figs):
                    prev_end = pm.end()
                    continue
                figs.append(fig)
                prev_end = pm.end()
                continue
            noun_m = metrics.PERSON_RE.match(work, ne, e)
            if (
                noun_m is None
                and pair is not None
                and self._admitted_over_plan(ns, ne, value, pair, figs)
            ):
                # "toàn tỉnh đã kết nạp được 821/1.450 chỉ tiêu (đạt 56,62%)": admissions
                # over their plan, the people left unsaid.
                figs.extend(self._over_plan("admitted", value, ns, pair, approx, clause))
                prev_end = ne
                continue
            total = self._breakdown_total(last_count, ns, ne) if pair is None else None
            if total is not None:
                # "825 đảng viên (năm 2021: 270; năm 2022: 275)": each year's share.
                fig = Figure("count", total.metric, value, ns, ne, approx, (s, e), clause)
                fig.breakdown_of = total
                figs.append(fig)
                prev_end = noun_m.end() if noun_m else ne
                continue
            if not noun_m:
                metric = None
                if pair is None:
                    metric = self._nounless(work[prev_end:ns], ne, tokens, i + 1)
                if metric is None and pair is None and _NOUNLESS_END_RE.match(work, ne, e):
                    # "giao chỉ tiêu ...: huyện A 120; huyện B 110; Công an tỉnh 40".
                    metric = lists.item_metric(s, prev_end, ns)
                    unit = lists.unit_before(ns) if metric is not None else None
                    bare = lists.bare_item(s, prev_end, ns) if metric is None else None
                    if bare is not None:
                        fig = Figure(
                            "count", lists.inline[1], value, ns, ne, approx, (s, e), clause
                        )
                        fig.listed, fig.org_fixed = True, bare
                        figs.append(fig)
                        prev_end = ne
                        continue
                    if unit is not None:
                        for u in self._shared(unit, prev_end):
                            fig = Figure("count", metric, value, ns, ne, approx, (s, e), clause)
                            fig.listed, fig.org_from = True, u
                            figs.append(fig)
                        prev_end = ne
                        continue
                prev_end = ne
                if metric is not None:
                    fig = Figure("count", metric, value, ns, ne, approx, (s, e), clause)
                    fig.present = metric == "members_total"
                    figs.append(fig)
                continue
            nxt = numbers.NUMBER_RE.search(work, noun_m.end(), e)
            post_end = min(clause[1], nxt.start() if nxt else e)
            post = work[noun_m.end() : post_end]
            la_so = work[ne : nxt.start() if nxt else e]
            # "..., với 1.356 đảng viên": the stock's "có" is in the clauses before.
            have_pre = work[s:ns] if _WITH_CLAUSE_RE.match(pre_clause) else pre_clause
            # The course may be named a paragraph up: "... khai giảng lớp bồi dưỡng nhận thức về
            # Đảng năm 2024." then "Dự khai giảng có ... và 37 học viên là đoàn viên ưu tú".
            metric = metrics.classify_count(
                work[prev_end : max(prev_end, lead)],
                pre_clause,
                post,
                noun_m.group("noun"),
                la_so,
                have_pre=have_pre,
                before=work[max(0, s - 300) : s],
                sentence_pre=work[s : clause[0]],
            )
            listed = False
            bare = None
            if metric is None and pair is None and noun_m.group("noun").lower() in ITEM_NOUNS:
                metric = lists.item_metric(s, prev_end, ns)
                if metric is None:
                    # "...: Thanh Hà 120 ĐV; Tứ Kỳ 110 ĐV".
                    bare = lists.bare_item(s, prev_end, ns)
                    metric = lists.inline[1] if bare is not None and lists.inline else None
                listed = metric is not None
            elif metric == "admitted" and pair is None and lists.inline is None:
                listed = lists.open_verb_list(s, ns)
            elif lists.inline is not None and lists.inline[0] == s and metric is not None:
                # A later item of the sentence's own list ("..., quận Bình Thạnh kết nạp 325
                # đảng viên") shares the head's period like any list item.
                listed = True
            prev_end = noun_m.end()
            if metric is None or (band and (pair is not None or metric == "members_total")):
                continue
            bound = band or lead < ns
            if bound and (
                metrics.is_distributive(work, max(s, work.rfind(";", s, ns) + 1), ns)
                or metrics.DISTRIBUTIVE_RE.search(post)
            ):
                # "mỗi chi bộ kết nạp ít nhất 1 đảng viên", "từ 5 đến 7 đảng viên mỗi chi
                # bộ": a norm for each unit.
                continue
            if bound and metric in GOAL_OF_COUNT and not metrics.is_achieved(pre_clause):
                # "...; kết nạp từ 10-12 đảng viên mới": a result is one number, so a band
                # or a floor not stated as reached is what is aimed at.
                metric = GOAL_OF_COUNT[metric]
            if pair is not None:
                if metric in ("admitted", "trained"):
                    figs.extend(self._over_plan(metric, value, ns, pair, approx, clause))
                continue
            fig = Figure("count", metric, value, ns, ne, approx, (s, e), clause, listed=listed)
            fig.org_fixed, fig.bound = bare, bound
            fig.narrowed = metric == "admitted" and bool(
                metrics.NARROWED_POST_RE.match(post) or metrics.SHARE_OF_TOTAL_POST_RE.match(la_so)
            )
            plan = _SLASH_PLAN_RE.match(work, noun_m.end(), e) if metric == "admitted" else None
            if plan is not None:
                # "kết nạp mới 80 đảng viên/85 chỉ tiêu tỉnh giao": the count over its plan.
                figs.append(fig)
                ps, pe = plan.span(1)
                partner = Figure(
                    "pair",
                    "target",
                    numbers.parse_number(plan.group(1)),
                    ps,
                    pe,
                    approx,
                    (s, e),
                    clause,
                )
                partner.linked = fig
                figs.append(partner)
                skip_to = pe
                continue
            if metric == "members_total":
                fig.present = metrics.is_have_stock(have_pre, post) or bool(
                    _NOW_RE.search(pre_clause)
                )
            figs.append(fig)
        return figs

    def _shared(self, unit: Mention, prev_end: int) -> list[Mention]:
        """The units an item's value belongs to: "huyện Lý Nhân và huyện Bình Lục đạt 30%"
        gives each of the two the same figure."""
        partner = self.lists.partner(unit)
        return [partner, unit] if partner is not None and partner.start >= prev_end else [unit]

    def _nounless(self, pre_near: str, ne: int, tokens: list, nxt: int) -> str | None:
        """The metric of a number without a noun after it, or None.

        Two forms: the noun comes first ("số đảng viên mới kết nạp là 87"), or a list
        shares the noun of its last item ("năm 2022 kết nạp 120, năm 2023 kết nạp 135
        đảng viên").
        """
        work, e = self.work, self.e
        if not _NOUNLESS_END_RE.match(work, ne, e):
            return None
        metric = metrics.classify_nounless(pre_near)
        if metric is not None:
            return metric
        if not _LIST_NEXT_RE.match(work, ne, e) or nxt >= len(tokens):
            return None
        ns2, ne2, _v, pair = tokens[nxt]
        if pair is not None or ns2 - ne > 80:
            return None
        noun_m = metrics.PERSON_RE.match(work, ne2, e)
        between = work[ne:ns2]
        if (
            noun_m is None
            or noun_m.group("noun").lower() not in metrics.PARTY_NOUNS
            or not metrics.ADMIT_PRE_RE.search(between)
        ):
            return None
        post = work[noun_m.end() : min(e, noun_m.end() + 80)]
        return metrics.classify_count(pre_near, pre_near, post, noun_m.group("noun"), "")

    def _breakdown_total(self, last: Figure | None, ns: int, ne: int) -> Figure | None:
        """The total a "năm 2021: 270" item breaks down, when the number is such an item;
        ``last`` is the sentence's last count so far."""
        if last is None or not _BREAKDOWN_END_RE.match(self.work, ne, self.e):
            return None
        if last.metric not in ("admitted", "trained", "target"):
            return None
        gap = self.work[last.num_end : ns]
        if last.breakdown_of is not None:
            return last.breakdown_of if _BREAKDOWN_NEXT_RE.match(gap) else None
        return last if _BREAKDOWN_FIRST_RE.match(gap) else None

    def _link(self, figs: list[Figure], pct: Figure) -> Figure | None:
        """The count a percentage qualifies: the last one before it in the sentence."""
        gap_start = None
        for prev in reversed(figs):
            if prev.kind == "pair":
                gap_start = prev.num_end  # "1.203/1.150 đảng viên, đạt 104,6%"
                continue
            if prev.kind == "count" and prev.breakdown_of is not None:
                # "825 đảng viên (năm 2021: 270; ...), đạt 68,75%": the total, past the list.
                close = self.work.find(")", prev.num_end, pct.num_start)
                if close < 0:
                    return prev
                gap = self.work[close + 1 : pct.num_start]
                if numbers.NUMBER_RE.search(gap) or len(gap) >= 200:
                    return None
                return prev.breakdown_of
            if prev.kind == "count":
                gap = self.work[gap_start or prev.num_end : pct.num_start]
                if numbers.NUMBER_RE.search(gap):
                    return None
                return prev if len(gap) < 200 else None
            if prev.kind == "percent" and prev.linked is not None:
                # "kết nạp 26 quần chúng, đạt 21,6% chỉ tiêu Nghị quyết và 27,7% chỉ tiêu
                # Tỉnh ủy giao": a second share of the same count, of another plan.
                gap = self.work[prev.num_end : pct.num_start]
                if _NEXT_SHARE_GAP_RE.fullmatch(gap):
                    return prev.linked
            return None
        return None

    def _settle_percent(self, fig: Figure, figs: list[Figure]) -> bool:
        """Give a percentage its metric from what it qualifies; False drops it."""
        work = self.work
        linked = fig.linked
        if linked is not None and linked.metric == "target" and fig.pct_kind in ("bare", "target"):
            count = _count_of_plan(figs, linked, fig.value)
            if count is not None:
                # "kết nạp được 11 quần chúng ... trên chỉ tiêu huyện giao là 08 đồng chí
                # (đạt 137,5%)": the share of the count stated before its plan.
                fig.linked, fig.metric = count, "percent_of_target"
                return True
        if fig.pct_kind == "population":
            # The goal word may open the sentence: "Mục tiêu đến năm 2025, tỷ lệ đảng viên
            # so với dân số đạt 6,5%" (but not past another figure: "đạt 103% chỉ tiêu").
            cue_end = self._last_goal_cue_end(fig.num_start)
            target_ctx = (linked is not None and linked.metric == "target") or (
                cue_end is not None and not _FIGURE_IN_RE.search(work, cue_end, fig.num_start)
            )
            fig.metric = "members_population_pct_target" if target_ctx else "members_population_pct"
            return True
        if linked is not None and linked.metric in ("admitted", "trained"):
            fig.metric = (
                "percent_of_target" if linked.metric == "admitted" else "trained_percent_of_target"
            )
            return True
        if fig.pct_kind == "bare":
            return self._unit_share(fig)
        if fig.pct_kind != "target":
            return False
        fig.linked = None
        before = work[max(fig.sentence[0], fig.num_start - 120) : fig.num_start]
        if metrics.ADMIT_WORD_RE.search(before):
            fig.metric = "percent_of_target"
            return True
        if metrics.TRAIN_WORD_RE.search(before):
            fig.metric = "trained_percent_of_target"
            return True
        if self.lists.para_last_metric == "admitted":
            # "Đến đầu tháng 12, có 16 quần chúng đã được kết nạp ... Kim Long đạt 100% chỉ
            # tiêu trong năm": the plan of the admissions the paragraph just reported.
            fig.metric = "percent_of_target"
            return True
        return False

    def _over_plan(
        self,
        metric: str,
        value: Decimal,
        ns: int,
        pair: tuple,
        approx: bool,
        clause: tuple[int, int],
    ) -> list[Figure]:
        """ "1.203/1.150 đảng viên": the count and, linked to it, the goal it is over."""
        ps, pe, second = pair
        sentence = (self.s, self.e)
        fig = Figure("count", metric, value, ns, ps - 1, approx, sentence, clause)
        fig.num_end = ns + len(self.work[ns:ps].rstrip(" /"))
        partner = Figure("pair", GOAL_OF_COUNT[metric], second, ps, pe, approx, sentence, clause)
        partner.linked = fig
        return [fig, partner]

    def _admitted_over_plan(
        self, ns: int, ne: int, count: Decimal, pair: tuple, figs: list[Figure]
    ) -> bool:
        """Whether the pair at ``ns`` (``count`` over ``pair``'s second number) is admissions
        over their plan with the noun left out:
        "kết nạp được 821/1.450 chỉ tiêu", or with the share of the two after it ("xã A kết
        nạp được 7/5 đạt 140%": not the 7th of May), not a part of a total ("trong đó, doanh
        nghiệp kết nạp được 50/50 chỉ tiêu")."""
        if not _PLAN_NOUN_AFTER_RE.match(self.work, ne, self.e):
            share = _SHARE_AFTER_RE.match(self.work, ne, self.e)
            if share is None or not share_agrees(
                count, pair[2], numbers.parse_number(share.group(1))
            ):
                return False
        if not metrics.ADMIT_PRE_RE.search(self.work, max(self.s, ns - 60), ns):
            return False
        since = figs[-1].num_end if figs else self.s
        return metrics.BREAKDOWN_CUE_RE.search(self.work, since, ns) is None

    def _unit_share(self, fig: Figure) -> bool:
        """ "Đảng bộ Công an tỉnh kết nạp vượt 58,2% và ... (Đảng bộ huyện Phú Quý đạt 94,29%,
        ...)": a unit's bare share, where admissions are what the text is counting, is of
        its admission plan. Only right after the unit and its verb: a share elsewhere may
        measure anything."""
        unit = self.lists.named_unit_before(fig.num_start)
        if (
            unit is None
            or unit.start < fig.sentence[0]
            or not _UNIT_SHARE_GAP_RE.fullmatch(self.work, unit.end, fig.num_start)
        ):
            return False
        before = self.work[max(fig.sentence[0], fig.num_start - 160) : fig.num_start]
        if not (metrics.ADMIT_WORD_RE.search(before) or self.lists.para_last_metric == "admitted"):
            return False
        fig.metric, fig.linked, fig.org_from = "percent_of_target", None, unit
        return True

    def _last_goal_cue_end(self, pos: int) -> int | None:
        """Where the last goal word before ``pos`` ends in the sentence (found once per
        sentence, not once per percentage)."""
        if self._cue_ends is None:
            self._cue_ends = [m.end() for m in _GOAL_CUE_RE.finditer(self.work, self.s, self.e)]
        # A cue must end before the number: the lead it was searched in stopped there.
        k = bisect.bisect_right(self._cue_ends, pos)
        return self._cue_ends[k - 1] if k else None


def _count_of_plan(figs: list[Figure], plan: Figure, pct: Decimal) -> Figure | None:
    """The admissions counted just before `plan` in its sentence, when `pct` is their share of
    it: a count, then its plan, then their share."""
    at = figs.index(plan) if plan in figs else -1
    count = figs[at - 1] if at > 0 else None
    if count is None or count.metric != "admitted" or count.sentence != plan.sentence:
        return None
    return count if share_agrees(count.value, plan.value, pct) else None


def share_agrees(count: Decimal, plan: Decimal, pct: Decimal) -> bool:
    """Whether `pct` is `count` over `plan` to the rounding of the digits it shows ("7/5 đạt
    140%", "đạt 137,5%", "đạt 104,6%")."""
    rounding = Decimal(5).scaleb(pct.as_tuple().exponent - 1) + Decimal("0.001")
    return bool(plan) and abs(count * 100 / plan - pct) <= rounding
