"""One organisation's page: its term, pipeline, members, figures with their sources."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Exists,
    OuterRef,
    QuerySet,
)

from ..access import Reader, visible_organisations
from ..models import (
    Figure,
    FigureMetric,
    Organisation,
    Status,
    Target,
    TargetMetric,
)
from ..periods import TERM_STARTS, Period
from ..progress import PaceStatus, pace_status
from .progress import Number, as_number


def _accepted(model: type[Figure] | type[Target], metric: str) -> QuerySet:
    return model.objects.filter(metric=metric, status=Status.ACCEPTED)


# --- one organisation -----------------------------------------------------------------------------


@dataclass(frozen=True)
class TermPoint:
    day: dt.date
    cumulative: Number
    label: str


@dataclass(frozen=True)
class TermProgress:
    term: Period
    target: Number | None
    target_derived: bool
    points: list[TermPoint]

    @property
    def latest(self) -> TermPoint | None:
        return self.points[-1] if self.points else None

    @property
    def percent_of_target(self) -> float | None:
        if not self.target or self.latest is None:
            return None
        return round(float(self.latest.cumulative) * 100 / float(self.target), 1)

    @property
    def status(self) -> PaceStatus:
        share = self.term.elapsed_share(self.latest.day) if self.latest else None
        return pace_status(percent_of_target=self.percent_of_target, elapsed_share=share)

    @property
    def pace_line(self) -> list[tuple[dt.date, Number]]:
        """The straight line from nothing at the term's start to the target at its end."""
        if not self.target:
            return []
        return [(self.term.start, 0), (self.term.end, self.target)]


def terms() -> list[Period]:
    return [Period.term(first, first + 5) for first in TERM_STARTS]


def term_progress(*, organisation: Organisation, term: Period | None = None) -> TermProgress:
    """Cumulative admissions since the term began against the term target (two queries).

    Points are figures counted from the term's first day, plus running sums of whole-year
    figures when every year since the start of the term is known (a gap would understate it).
    With no `term` given, the term of the latest term target, else of the latest admitted figure.
    """
    figures = list(
        _accepted(Figure, FigureMetric.ADMITTED)
        .filter(organisation=organisation)
        .order_by("period_end", "-pk")
        .values("period_start", "period_end", "value")
    )
    targets = [
        t
        for t in _accepted(Target, TargetMetric.ADMITTED)
        .filter(organisation=organisation)
        .order_by("-period_end", "derived", "-pk")
        .values("period_start", "period_end", "value", "derived")
        if Period(t["period_start"], t["period_end"]).is_term
    ]
    if term is None:
        if targets:
            term = Period(targets[0]["period_start"], targets[0]["period_end"])
        elif figures:
            term = Period.term_containing(figures[-1]["period_start"])
        else:
            term = Period.term_containing(dt.date.today())
    target = next(
        (t for t in targets if (t["period_start"], t["period_end"]) == (term.start, term.end)),
        None,
    )
    points: dict[dt.date, TermPoint] = {}
    annual: dict[int, Decimal] = {}
    for f in figures:
        period = Period(f["period_start"], f["period_end"])
        if period.start == term.start and term.contains(period) and not period.is_year:
            points[period.end] = TermPoint(period.end, as_number(f["value"]), period.label)
        if period.is_year and term.contains(period):
            annual.setdefault(period.start.year, f["value"])
    running = Decimal(0)
    for year in range(term.start.year, term.end.year + 1):
        if year not in annual:
            break
        running += annual[year]
        end = dt.date(year, 12, 31)
        label = Period(term.start, end).label
        points.setdefault(end, TermPoint(end, as_number(running), label))
    return TermProgress(
        term=term,
        target=as_number(target["value"]) if target else None,
        target_derived=bool(target and target["derived"]),
        points=sorted(points.values(), key=lambda p: p.day),
    )


@dataclass(frozen=True)
class PipelineRow:
    period: Period
    trained: Number | None
    trained_percent_of_plan: Number | None
    admitted: Number | None


def pipeline(*, organisation: Organisation) -> list[PipelineRow]:
    """Course attendees against admissions in the same period, where attendance is known."""
    rows = (
        Figure.objects.filter(
            organisation=organisation,
            status=Status.ACCEPTED,
            metric__in=[
                FigureMetric.TRAINED,
                FigureMetric.TRAINED_PERCENT_OF_TARGET,
                FigureMetric.ADMITTED,
            ],
        )
        .order_by("period_start", "period_end", "-pk")
        .values("metric", "period_start", "period_end", "value")
    )
    by_period: dict[Period, dict[str, Decimal]] = defaultdict(dict)
    for r in rows:
        by_period[Period(r["period_start"], r["period_end"])].setdefault(r["metric"], r["value"])
    return [
        PipelineRow(
            period=period,
            trained=as_number(values.get(FigureMetric.TRAINED)),
            trained_percent_of_plan=as_number(values.get(FigureMetric.TRAINED_PERCENT_OF_TARGET)),
            admitted=as_number(values.get(FigureMetric.ADMITTED)),
        )
        for period, values in sorted(by_period.items())
        if FigureMetric.TRAINED in values
    ]


@dataclass(frozen=True)
class MembersPoint:
    day: dt.date
    members_total: Number | None
    population_pct: Number | None

    @property
    def period(self) -> Period:
        return Period.stock(self.day)


def members_series(*, organisation: Organisation) -> list[MembersPoint]:
    """Total members and members as % of population, by date (stocks), oldest first."""
    rows = (
        Figure.objects.filter(
            organisation=organisation,
            status=Status.ACCEPTED,
            metric__in=[FigureMetric.MEMBERS_TOTAL, FigureMetric.MEMBERS_POPULATION_PCT],
        )
        .order_by("period_end", "-pk")
        .values("metric", "period_end", "value")
    )
    by_day: dict[dt.date, dict[str, Decimal]] = defaultdict(dict)
    for r in rows:
        by_day[r["period_end"]].setdefault(r["metric"], r["value"])
    return [
        MembersPoint(
            day=day,
            members_total=as_number(v.get(FigureMetric.MEMBERS_TOTAL)),
            population_pct=as_number(v.get(FigureMetric.MEMBERS_POPULATION_PCT)),
        )
        for day, v in sorted(by_day.items())
    ]


def _conflict_exists(model: type[Figure] | type[Target]) -> Exists:
    return Exists(
        model.objects.filter(
            organisation=OuterRef("organisation"),
            metric=OuterRef("metric"),
            period_start=OuterRef("period_start"),
            period_end=OuterRef("period_end"),
            status=Status.ACCEPTED,
        ).exclude(value=OuterRef("value"))
    )


def conflicting_figures(*, organisation: Organisation | None = None) -> QuerySet[Figure]:
    """Accepted figures another accepted figure contradicts (same organisation, metric and
    period, different value): two articles disagree and someone should check which is right."""
    qs = Figure.objects.filter(status=Status.ACCEPTED)
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    return qs.filter(_conflict_exists(Figure)).select_related("organisation", "source")


@dataclass(frozen=True)
class SourcedValue:
    """A figure or a target as shown with its source: what, when, how much, who said so."""

    kind: str  # "figure" or "target"
    pk: int
    metric: str
    metric_label: str
    period: Period
    value: Number
    approximate: bool
    conflicting: bool
    quote: str
    source_id: int | None
    source_title: str
    source_url: str | None
    source_published: dt.date | None

    @property
    def is_percent(self) -> bool:
        return self.metric in {
            FigureMetric.PERCENT_OF_TARGET,
            FigureMetric.TRAINED_PERCENT_OF_TARGET,
            FigureMetric.MEMBERS_POPULATION_PCT,
        }


def figures_with_sources(*, organisation: Organisation) -> list[SourcedValue]:
    """Every accepted figure and target of the organisation with its article and quote, newest
    period first; figures contradicted by another source are flagged (two queries)."""
    figures = (
        Figure.objects.filter(organisation=organisation, status=Status.ACCEPTED)
        .select_related("source")
        .annotate(conflicting=_conflict_exists(Figure))
    )
    targets = (
        Target.objects.filter(organisation=organisation, status=Status.ACCEPTED)
        .select_related("source")
        .annotate(conflicting=_conflict_exists(Target))
    )
    out = []
    for kind, qs in (("figure", figures), ("target", targets)):
        for item in qs:
            source = item.source
            out.append(
                SourcedValue(
                    kind=kind,
                    pk=item.pk,
                    metric=item.metric,
                    metric_label=str(item.get_metric_display()),
                    period=item.period,
                    value=as_number(item.value),
                    approximate=bool(
                        getattr(item, "approximate", False) or getattr(item, "derived", False)
                    ),
                    conflicting=item.conflicting,
                    quote=item.quote,
                    source_id=item.source_id,
                    source_title=str(source) if source else "",
                    source_url=source.url if source else None,
                    source_published=source.published if source else None,
                )
            )
    out.sort(key=lambda v: (v.period.end, v.period.start), reverse=True)
    return out


def organisations_index(*, visible_to: Reader) -> QuerySet[Organisation]:
    """The organisations the reader may see, in tree order, with their parents."""
    return visible_organisations(visible_to).select_related("parent").order_by("path")


def organisation_detail(*, pk: int, visible_to: Reader) -> Organisation:
    """The organisation with what its header shows (parent, successor), in one query; one the
    reader may not see does not exist for them (`Organisation.DoesNotExist`)."""
    return visible_organisations(visible_to).select_related("parent", "successor").get(pk=pk)
