"""Settled figures as candidates: the organisation, period, value and quote staff review.

A figure with its organisation and period becomes one candidate, quoted from the sentence
part that states it; a share of a plan next to the count it is a share of gives the plan
too (derived). Candidates are then made one per figure (``dedupe``).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from . import confidence, organisations, periods
from .attribution import CARRIED, CLAUSE, HEADLINE, SENTENCE, SentenceIndex
from .figures import Figure
from .organisations import DISTRICT_WORDS, Org
from .text import CLAUSE_BOUND_RE, Text, trim
from .vocabulary import GOAL_OF_COUNT, REFORM_DATE


@dataclass(frozen=True)
class Candidate:
    organisation: str
    org_level: str
    metric: str
    period_start: datetime.date
    period_end: datetime.date
    period_label: str
    value: Decimal
    quote: str
    start: int
    end: int
    value_start: int
    value_end: int
    derived: bool = False
    approximate: bool = False
    # A count narrowed to a group ("8 đảng viên mới trong các doanh nghiệp"): dropped beside a
    # larger total of the same unit and period, of which it is a part.
    narrowed: bool = False
    # 0–1, and the reason code of ``confidence`` (where the organisation and period came from).
    confidence: float = 1.0
    reason: str = "own_clause"


@dataclass
class Extraction:
    text: str
    title: str | None
    published: datetime.date | None
    organisation: str | None
    organisation_level: str | None
    candidates: list[Candidate] = field(default_factory=list)

    def to_gold_dict(self, article_name: str) -> dict:
        """The figures in the corpus gold-file schema, for comparison and annotation."""
        figures = []
        for c in self.candidates:
            value = int(c.value) if c.value == c.value.to_integral_value() else float(c.value)
            figures.append(
                {
                    "organisation": c.organisation,
                    "org_level": c.org_level,
                    "metric": c.metric,
                    "period_start": c.period_start.isoformat(),
                    "period_end": c.period_end.isoformat(),
                    "period_label": c.period_label,
                    "value": value,
                    "quote": c.quote,
                    "derived": c.derived,
                    "confidence": c.confidence,
                    "reason": c.reason,
                }
            )
        return {
            "article": article_name,
            "published": self.published.isoformat() if self.published else None,
            "figures": figures,
        }


# A share reported part-way through a year (also "tính đến ngày 15/11") is of the year's plan.
_PART_YEAR_PLAN_KINDS = frozenset(
    {"months", "quarter", "ytd", "month", "this_year", "stock_date", "stock_month"}
)
_TERM_PLAN_RE = re.compile(
    r"\s*(?:%|phần\s+trăm)\s*(?:so\s+với\s+)?(?:chỉ\s+tiêu|kế\s+hoạch)(?:\s+(?:cả|của|toàn))?"
    r"\s+nhiệm\s+kỳ",
    re.IGNORECASE,
)
_VERB_LIST_RE = re.compile(r",(?:[ \t]+[^\W\d_]+){1,3}[ \t]+và[ \t]+[^\W\d_]")
_QUOTE_STOP_RE = re.compile(r"[,;.()]")


_REASON_OF_SOURCE = {
    CLAUSE: confidence.OWN_CLAUSE,
    SENTENCE: confidence.SENTENCE,
    CARRIED: confidence.CARRIED,
    HEADLINE: confidence.HEADLINE,
}


def reason_of(fig: Figure) -> str:
    """Why the figure is attributed as it is: the weaker of where its organisation and its
    period were found. An item of a list takes its period from the list's head, which is
    what a list says, not a period carried from elsewhere."""
    found = [
        _REASON_OF_SOURCE.get(fig.org_source, confidence.HEADLINE),
        _REASON_OF_SOURCE.get(fig.period_source, confidence.HEADLINE),
    ]
    if fig.listed:
        found = [confidence.LIST_ITEM if r == confidence.CARRIED else r for r in found]
        found.append(confidence.LIST_ITEM)
    return confidence.weakest(*found)


def quote_span(work: str, fig: Figure, sent: SentenceIndex) -> tuple[int, int]:
    """The part of the sentence that states the figure, with its period and subject."""
    a, b = fig.clause
    if fig.kind == "count":
        # Reach back to the period or subject that opens the sentence part, but never
        # past an earlier figure: "Năm 2021, toàn Đảng bộ tỉnh kết nạp 1.455 ...".
        floor = max(fig.sentence[0], sent.last_end_by(fig.num_start))
        if floor > fig.sentence[0]:
            bounds = list(CLAUSE_BOUND_RE.finditer(work, floor, fig.num_start))
            floor = bounds[-1].end() if bounds else fig.clause[0]
        for anchor in (fig.period_mention, fig.org_mention):
            if anchor is not None and floor <= anchor.start < a and a - anchor.start < 120:
                a = anchor.start
    if fig.kind == "count" and b - fig.num_end < 12:
        # Keep the noun: "kết nạp 26 đảng viên mới" rather than "kết nạp 26".
        m = _QUOTE_STOP_RE.search(work, fig.num_end, fig.sentence[1])
        b = m.start() if m else fig.sentence[1]
    if fig.kind == "count" and fig.breakdown_of is not None:
        pm = fig.period_mention  # "năm 2021: 270"
        if pm is not None and fig.sentence[0] <= pm.start < a and a - pm.end < 6:
            a = pm.start
    while b < fig.sentence[1] and _VERB_LIST_RE.match(work, b):
        # "theo dõi, bồi dưỡng và kết nạp vào Đảng ...": a comma inside a list of verbs
        # does not end the clause.
        nxt = CLAUSE_BOUND_RE.search(work, b + 1, fig.sentence[1])
        b = nxt.start() if nxt else fig.sentence[1]
    a, b = trim(work, a, b)
    if not (a <= fig.num_start and fig.num_end <= b):
        a, b = min(a, fig.num_start), max(b, fig.num_end)
    return a, b


def figure_candidates(
    fig: Figure,
    *,
    text: Text,
    sent: SentenceIndex,
    main: Org | None,
    published: datetime.date | None,
    term: tuple[int, int] | None,
) -> list[Candidate]:
    """The candidate a settled figure states, and the plan its share implies; none when
    the figure has no metric, period or organisation with a level."""
    if fig.metric is None or fig.period is None or fig.org is None or not fig.org.level:
        return []
    if fig.bound and fig.metric not in GOAL_OF_COUNT.values():
        # A band or a floor ("từ 10-12 đảng viên", "ít nhất 15 đảng viên") is a plan's,
        # known once its period is: a result is one number, and a floor elsewhere is a
        # rule ("chi bộ có từ 30 đảng viên trở lên").
        return []
    if (
        fig.org.level == "district"
        and fig.org.word in DISTRICT_WORDS
        and published is not None
        and published >= REFORM_DATE
        and fig.period[1] >= REFORM_DATE
    ):
        # After the reform there are no districts: a district's figure is only a report
        # on an earlier period about a former district.
        return []
    work = text.work
    qa, qb = quote_span(work, fig, sent)
    oqa, oqb = text.span(qa, qb)
    ova, ovb = text.span(fig.num_start, fig.num_end)
    quote = text.original[oqa:oqb]
    reason = reason_of(fig)
    sure = confidence.SCORES[reason]
    org = fig.org
    cands = [
        Candidate(
            organisation=org.display,
            org_level=org.level,
            metric=fig.metric,
            period_start=fig.period[0],
            period_end=fig.period[1],
            period_label=fig.period_label,
            value=fig.value,
            quote=quote,
            start=oqa,
            end=oqb,
            value_start=ova,
            value_end=ovb,
            approximate=fig.approximate,
            narrowed=fig.narrowed,
            confidence=sure,
            reason=reason,
        )
    ]
    linked = fig.linked
    if (
        fig.metric in ("percent_of_target", "trained_percent_of_target")
        and linked is not None
        and linked.metric in ("admitted", "trained")
        and fig.value > 0
        and not fig.approximate
        and not linked.approximate
    ):
        target = (linked.value * 100 / fig.value).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        period, label = fig.period, fig.period_label
        pm0 = fig.period_mention
        if pm0 is not None and pm0.kind in _PART_YEAR_PLAN_KINDS:
            # Plans are annual: a share reported part-way is a share of the year's plan.
            y = period[1].year
            period = (datetime.date(y, 1, 1), datetime.date(y, 12, 31))
        for pm in periods.find_period_mentions(work, fig.num_end, fig.clause[1]):
            if pm.kind == "year":
                r = periods.resolve(pm, periods.PeriodContext())
                if r:
                    period, label = r, pm.label
        if _TERM_PLAN_RE.match(work, fig.num_end, fig.clause[1]):
            # "đạt 78% chỉ tiêu nhiệm kỳ": the plan is the whole term's.
            first, last = term if term else periods.term_containing(fig.period[0].year)
            period = (datetime.date(first, 1, 1), datetime.date(last, 12, 31))
            label = f"nhiệm kỳ {first}-{last}"
        cands.append(
            Candidate(
                organisation=org.display,
                org_level=org.level,
                metric=GOAL_OF_COUNT[linked.metric],
                period_start=period[0],
                period_end=period[1],
                period_label=label,
                value=target,
                quote=quote,
                start=oqa,
                end=oqb,
                value_start=ova,
                value_end=ovb,
                derived=True,
                confidence=sure,
                reason=reason,
            )
        )
    return cands


# How far a rounded figure ("hơn 2.300") may lie from the exact one it stands for (2.318).
ROUNDING = Decimal("0.1")


def _figure_key(c: Candidate) -> tuple:
    """What makes two candidates the same figure, the value aside."""
    name = organisations.distinctive_name(c.organisation)
    return (name, c.org_level, c.metric, c.period_start, c.period_end)


def dedupe(cands: list[Candidate], title: tuple[int, int] | None = None) -> list[Candidate]:
    """One candidate per figure. A headline repeats a figure of the body: the body's sentence,
    which carries the organisation and period in full, is the better quote."""

    def in_title(c: Candidate) -> bool:
        return title is not None and title[0] <= c.start < title[1]

    stated = {
        (organisations.distinctive_name(c.organisation), c.metric, c.period_start, c.period_end)
        for c in cands
        if not c.derived
    }
    # A headline figure the body states too (maybe more exactly: "hơn 2.300" above,
    # "2.318" below) for the same organisation, metric and period only repeats it.
    in_body = {_figure_key(c) for c in cands if not c.derived and not in_title(c)}
    # The same value and metric: the headline rounds the period ("9 tháng đầu năm" above,
    # "tính đến ngày 10-9" below) or names the article's subject ("10 đảng viên mới được
    # kết nạp") where the body names the unit that admitted them.
    values_in_body = {(c.metric, c.value, c.derived) for c in cands if not in_title(c)}
    # A figure credited to the article's subject for want of a name in its sentence, where
    # another sentence gives the same figure to a unit it names, is that figure again.
    named = {
        (c.metric, c.value, c.period_start, c.period_end)
        for c in cands
        if not c.derived
        and c.reason not in (confidence.HEADLINE, confidence.CARRIED)
        and not in_title(c)
    }
    # "trên 1.800 đảng viên" at the congress, "1.807 đảng viên" in the unit's portrait: a
    # rounded figure the article also states exactly is that figure again.
    exact: dict[tuple, list[Decimal]] = {}
    totals: dict[tuple, Decimal] = {}
    for c in cands:
        if not c.derived and not c.approximate:
            exact.setdefault(_figure_key(c), []).append(c.value)
        if not c.derived and not c.narrowed:
            key = _figure_key(c)
            totals[key] = max(totals.get(key, c.value), c.value)
    best: dict[tuple, Candidate] = {}
    for c in cands:
        if c.approximate and any(
            abs(v - c.value) <= v * ROUNDING for v in exact.get(_figure_key(c), ())
        ):
            continue
        if c.narrowed and totals.get(_figure_key(c), c.value) > c.value:
            continue
        if (
            c.reason in (confidence.HEADLINE, confidence.CARRIED)
            and (
                c.metric,
                c.value,
                c.period_start,
                c.period_end,
            )
            in named
        ):
            continue
        key = (organisations.distinctive_name(c.organisation), c.org_level, c.metric)
        key += (c.period_start, c.period_end, c.value, c.derived)
        if c.derived and key[:1] + key[2:5] in stated:
            continue
        if in_title(c) and (key[:5] in in_body or (c.metric, c.value, c.derived) in values_in_body):
            continue
        if key not in best or (in_title(best[key]) and not in_title(c)):
            best[key] = c
    kept = {id(c) for c in best.values()}
    return [c for c in cands if id(c) in kept]
