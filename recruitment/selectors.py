"""Reads the dashboard pages share: "how far is X towards its target in period P".

Every function is keyword-only and returns plain data or a lazy queryset. Progress is read from
the maintained `Progress` table (one LEFT JOIN per year), never recomputed per request: which
figure counts, and how sums add up the tree, is `recruitment.services.progress`. The cost of each
function is a fixed number of SQL queries whatever the number of organisations, so the overview
of 50,000 grassroots organisations is two queries (count and page) and a CSV export streams it
with `.iterator()`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FilteredRelation,
    FloatField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce

from .extraction.vocabulary import REFORM_DATE
from .highlight import highlight_segments
from .models import (
    Article,
    Figure,
    FigureMetric,
    Level,
    Organisation,
    Progress,
    Status,
    Succession,
    Target,
    TargetMetric,
    within,
)
from .periods import TERM_STARTS, Period
from .progress import PaceStatus, pace_status

Number = int | float


def as_number(value: Decimal | float | int | None) -> Number | None:
    """Counts come back from the database as Decimal(“207.00”); show them as 207, not 207,00."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


# --- progress of organisations in a year ----------------------------------------------------------


@dataclass(frozen=True)
class ProgressRow:
    """One organisation's admissions against its target for one calendar year.

    `target`, `admitted`, `percent_of_target` and `as_of` are what the pages show: the
    organisation's own report, or — when it reported nothing — the sum over its
    sub-organisations (`from_sum`), with how many of them reported.
    """

    organisation_id: int
    name: str
    short_name: str
    level: str
    parent_name: str | None
    year: int
    target: Number | None
    target_derived: bool
    admitted: Number | None
    percent_of_target: float | None
    as_of: dt.date | None
    sources: tuple[str, ...] = ()
    latitude: float | None = None
    longitude: float | None = None
    from_sum: bool = False
    # Today's boundaries: the count is what the units it replaced reported, by share.
    from_predecessors: bool = False
    approximate: bool = False
    predecessors_reporting: int = 0
    predecessors: int = 0
    reported_admitted: Number | None = None
    # Summed over the sub-organisations (each child's reported value, else its own sum).
    sum_admitted: Number | None = None
    sum_target: Number | None = None
    sum_percent_of_target: float | None = None
    sum_as_of: dt.date | None = None
    children_reporting: int = 0
    children_in_force: int = 0

    @property
    def period(self) -> Period:
        return Period.year(self.year)

    @property
    def elapsed_share(self) -> float | None:
        return self.period.elapsed_share(self.as_of) if self.as_of else None

    @property
    def status(self) -> PaceStatus:
        return pace_status(
            percent_of_target=self.percent_of_target, elapsed_share=self.elapsed_share
        )

    @property
    def level_label(self) -> str:
        return str(Level(self.level).label) if self.level in Level.values else self.level

    @property
    def sum_incomplete(self) -> bool:
        return self.children_reporting < self.children_in_force

    @property
    def sum_disagrees(self) -> bool:
        """The organisation's report and its sub-organisations' sum cannot both be right: the
        sum is larger without being newer, or every child reported and they differ."""
        reported, summed = self.reported_admitted, self.sum_admitted
        if reported is None or summed is None or summed == reported:
            return False
        newer = self.sum_as_of and self.as_of and self.sum_as_of > self.as_of
        return not newer and (summed > reported or not self.sum_incomplete)

    @classmethod
    def from_annotated(
        cls, org: Organisation | dict, *, year: int, prefix: str = ""
    ) -> ProgressRow:
        """Read the values `with_year_progress` annotated onto an organisation (an instance, or
        a `.values()` row of `ROW_FIELDS` and `YEAR_FIELDS`)."""
        values = org if isinstance(org, dict) else org.__dict__
        p = prefix
        reported = as_number(values[f"{p}admitted"])
        summed = as_number(values[f"{p}sum_admitted"])
        from_sum = reported is None and values[f"{p}pct"] is None and summed is not None
        own_target = as_number(values[f"{p}target"])
        target = (
            as_number(values[f"{p}sum_target"]) if from_sum and own_target is None else own_target
        )
        admitted, as_of = (
            (summed, values[f"{p}sum_as_of"]) if from_sum else (reported, values[f"{p}as_of"])
        )
        shown_pct = values[f"{p}display_pct"]
        from_predecessors = (
            reported is None
            and values[f"{p}pct"] is None
            and summed is None
            and (values.get(f"{p}pred_reporting") or 0) > 0
        )
        if from_predecessors:
            target = _whole(values[f"{p}pred_target"])
            admitted = _whole(values[f"{p}pred_admitted"])
            as_of = values[f"{p}pred_as_of"]
        sum_pct = values[f"{p}sum_pct"]
        found = (values.get(f"{p}admitted_src"), values.get(f"{p}pct_src"))
        return cls(
            organisation_id=values["id"],
            name=values["name"],
            short_name=values["short_name"],
            level=values["level"],
            parent_name=values.get("parent_name"),
            year=year,
            target=target,
            target_derived=bool(values[f"{p}target_derived"]) and own_target is not None,
            admitted=admitted,
            percent_of_target=None if shown_pct is None else round(shown_pct, 1),
            as_of=as_of,
            sources=tuple(s for s in dict.fromkeys(found) if s),
            latitude=values.get("latitude"),
            longitude=values.get("longitude"),
            from_sum=from_sum,
            from_predecessors=from_predecessors,
            approximate=from_predecessors and bool(values[f"{p}pred_approximate"]),
            predecessors_reporting=values.get(f"{p}pred_reporting") or 0,
            predecessors=values.get(f"{p}pred_count") or 0,
            reported_admitted=reported,
            sum_admitted=summed,
            sum_target=as_number(values[f"{p}sum_target"]),
            sum_percent_of_target=None if sum_pct is None else round(sum_pct, 1),
            sum_as_of=values[f"{p}sum_as_of"],
            children_reporting=values[f"{p}children_reporting"] or 0,
            children_in_force=values[f"{p}children_in_force"] or 0,
        )


def _whole(value: float | None) -> int | None:
    """A count carried by shares (0.5 of a split commune's 9) is shown as a whole number, marked
    approximate: a fraction of a person is not a figure anyone reported. Halves go up, as people
    round by hand (Python's round() would send 8.5 to 8)."""
    if value is None:
        return None
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


# The columns a progress row reads, for `.values()` (cheaper than model instances in exports).
ROW_FIELDS = ("id", "name", "short_name", "level", "parent_name", "latitude", "longitude")
# Stored measures of a `Progress` row, annotated under the same names (prefixed per year).
STORED_MEASURES = (
    "target",
    "target_derived",
    "admitted",
    "pct",
    "shown_pct",
    "as_of",
    "sum_admitted",
    "sum_target",
    "sum_pct",
    "sum_as_of",
    "children_reporting",
)
YEAR_FIELDS = (
    *STORED_MEASURES,
    "children_in_force",
    "display_pct",
    "admitted_src",
    "pct_src",
)
# What `with_predecessors` adds, for `.values()` rows in today's boundaries.
PREDECESSOR_FIELDS = (
    "pred_admitted",
    "pred_target",
    "pred_as_of",
    "pred_reporting",
    "pred_count",
    "pred_approximate",
)


def _accepted(model: type[Figure] | type[Target], metric: str) -> QuerySet:
    return model.objects.filter(metric=metric, status=Status.ACCEPTED)


def _row_alias(prefix: str) -> str:
    """The name `with_year_progress` joins a year's progress row under."""
    return f"{prefix}progress_row"


def _worth_showing(prefix: str = "") -> Q:
    """Rows with something to show: the organisation's own report, or a count summed from below
    (a sum of targets alone, with no count against it, says nothing about progress). Names
    the `Progress` fields, which `with_year_progress` annotates under the same names."""
    return (
        Q(**{f"{prefix}admitted__isnull": False})
        | Q(**{f"{prefix}target__isnull": False})
        | Q(**{f"{prefix}pct__isnull": False})
        | Q(**{f"{prefix}sum_admitted__isnull": False})
    )


def with_year_progress(
    qs: QuerySet, *, year: int, prefix: str = "", sources: bool = True, carried: bool = False
) -> QuerySet:
    """Annotate organisations with their maintained progress in a year: target, admitted, % of
    target, as-of date, the sums over their sub-organisations and, with `sources`, the articles
    the figures came from; with `carried` (today's boundaries), what the units each replaced
    reported (`with_predecessors`). `display_pct` is the % a page shows and sorts by.

    One LEFT JOIN on (organisation, year) per year; `prefix` lets one query carry several years
    side by side (`y2021_admitted`, …). Organisations without a row get None everywhere. Pages
    comparing many years leave the sources out: two more joins a year made PostgreSQL spend
    longer planning the query than running it.
    """
    p = prefix
    row = _row_alias(p)
    qs = qs.alias(**{row: FilteredRelation("progress", condition=Q(progress__year=year))})
    qs = qs.annotate(
        **{f"{p}{name}": F(f"{row}__{name}") for name in STORED_MEASURES},
        **{f"{p}children_in_force": F(f"{row}__children")},
    )
    if carried:
        qs = with_predecessors(qs, year=year, prefix=p)
        own = (
            Q(**{f"{p}admitted__isnull": False})
            | Q(**{f"{p}pct__isnull": False})
            | Q(**{f"{p}sum_admitted__isnull": False})
        )
        qs = qs.annotate(
            **{
                f"{p}display_pct": Case(
                    When(own, then=F(f"{p}shown_pct")),
                    When(
                        Q(**{f"{p}pred_target__gt": 0}),
                        then=F(f"{p}pred_admitted") * Value(100.0) / F(f"{p}pred_target"),
                    ),
                    default=None,
                    output_field=FloatField(),
                )
            }
        )
    else:
        qs = qs.annotate(**{f"{p}display_pct": F(f"{p}shown_pct")})
    if not sources:
        return qs
    return qs.annotate(
        **{
            f"{p}admitted_src": Coalesce(
                f"{row}__admitted_source__url", f"{row}__admitted_source__title"
            ),
            f"{p}pct_src": Coalesce(f"{row}__pct_source__url", f"{row}__pct_source__title"),
        },
    )


def organisations_in_year(*, year: int) -> QuerySet[Organisation]:
    """Organisations that existed at some point of the year (the 2025 reform ends some mid-year)."""
    return Organisation.objects.in_force_during(dt.date(year, 1, 1), dt.date(year, 12, 31))


HISTORICAL, CURRENT = "historical", "current"
# The levels the 2025 reform mapped onto today's units (`Succession` rows between them).
SUCCEEDED_LEVELS = (Level.PROVINCE, Level.COMMUNE)


def carries(*, boundaries: str, level: str | None) -> bool:
    """Whether rows carry their predecessors' figures: in today's boundaries, at the levels the
    reform mapped (elsewhere today's tree is the tree, and six subqueries a row for 50,000
    schools would be spent on nothing)."""
    return boundaries == CURRENT and level in SUCCEEDED_LEVELS


def default_boundaries(year: int) -> str:
    """The tree a year is shown in unless the user asks: the one in force at the time for years
    before the 2025 reform, today's from the reform year on."""
    return HISTORICAL if year < REFORM_DATE.year else CURRENT


def with_predecessors(qs: QuerySet, *, year: int, prefix: str = "") -> QuerySet:
    """Annotate today's organisations with what the units they replaced reported in `year`,
    each counted by the share of it they carry (`pred_admitted`, `pred_target`, `pred_as_of`,
    `pred_reporting` of `pred_count`, `pred_approximate`).

    Only predecessors at the organisation's own level count: a district's figure spread over
    the new communes by estimated shares would add invented precision to what its communes
    reported, and counting both would count twice. Each predecessor's value is its own report,
    else its own sum from below, as everywhere.
    """
    links = (
        Succession.objects.filter(successor=OuterRef("pk"), predecessor__level=OuterRef("level"))
        .alias(
            before=FilteredRelation(
                "predecessor__progress", condition=Q(predecessor__progress__year=year)
            )
        )
        .alias(
            count=Coalesce("before__admitted", "before__sum_admitted"),
            plan=Coalesce("before__target", "before__sum_target"),
            date=Coalesce("before__as_of", "before__sum_as_of"),
        )
        .order_by()
        .values("successor")
    )

    def total(expression, output=None) -> Subquery:
        return Subquery(links.annotate(v=expression).values("v")[:1], output_field=output)

    def share_of(name: str):
        return Cast(F(name), FloatField()) * F("share")

    p = prefix
    return qs.annotate(
        **{
            f"{p}pred_admitted": total(Sum(share_of("count")), FloatField()),
            f"{p}pred_target": total(Sum(share_of("plan")), FloatField()),
            f"{p}pred_as_of": total(Max("date")),
            f"{p}pred_reporting": total(Count("pk", filter=Q(count__isnull=False))),
            f"{p}pred_count": total(Count("pk")),
            f"{p}pred_approximate": total(
                Count(
                    "pk",
                    filter=Q(count__isnull=False) & (Q(approximate=True) | Q(share__lt=1)),
                )
            ),
        }
    )


def progress_queryset(
    *,
    year: int,
    level: str | None = None,
    province: Organisation | None = None,
    parent: Organisation | None = None,
    with_data_only: bool = False,
    boundaries: str = HISTORICAL,
) -> QuerySet[Organisation]:
    """Organisations at a level (optionally within a province, or the children of one parent),
    annotated with their progress in `year`. Lazy: sort, paginate or `.iterator()` it.

    `with_data_only` keeps those with a target, a count or a % for the year: at national scale
    most of the 10,000 communes have nothing reported, and a page of dashes hides the few that do.
    `boundaries` is the tree: the one in force in `year` (HISTORICAL), or today's (CURRENT),
    where each organisation also carries what the units it replaced reported.
    """
    current = boundaries == CURRENT
    qs = (
        Organisation.objects.in_force(dt.date.today())
        if current
        else organisations_in_year(year=year)
    )
    if level:
        qs = qs.filter(level=level)
    if province is not None:
        qs = qs.filter(within(province))
    if parent is not None:
        qs = qs.filter(parent=parent)
    qs = qs.annotate(parent_name=F("parent__short_name")).order_by("short_name", "pk")
    carried = carries(boundaries=boundaries, level=level)
    qs = with_year_progress(qs, year=year, carried=carried)
    if with_data_only:
        # On the annotations, not through the relation: a filter across it would join again.
        showing = _worth_showing()
        qs = qs.filter(showing | Q(pred_reporting__gt=0) if carried else showing)
    return qs


def progress_rows(qs: Iterable[Organisation], *, year: int) -> Iterator[ProgressRow]:
    for org in qs:
        yield ProgressRow.from_annotated(org, year=year)


def stream_progress_rows(
    qs: QuerySet[Organisation],
    *,
    year: int,
    level: str | None = None,
    boundaries: str = HISTORICAL,
    chunk_size: int = 2000,
) -> Iterator[ProgressRow]:
    """Every row of a `progress_queryset`, streamed as plain values rather than instances (an
    export reads tens of thousands: building model instances was most of its time)."""
    fields = (
        *ROW_FIELDS,
        *YEAR_FIELDS,
        *(PREDECESSOR_FIELDS if carries(boundaries=boundaries, level=level) else ()),
    )
    for values in qs.values(*fields).iterator(chunk_size=chunk_size):
        yield ProgressRow.from_annotated(values, year=year)


def progress_by_organisation(
    *, year: int, level: str, province: Organisation | None = None
) -> list[ProgressRow]:
    """Every organisation at a level with its progress in a year, as plain rows."""
    qs = progress_queryset(year=year, level=level, province=province)
    return list(progress_rows(qs, year=year))


def _reported(org_filter: Q) -> QuerySet[Progress]:
    """Progress rows where the organisation itself reported a count or a % for the year."""
    return Progress.objects.filter(org_filter).filter(
        Q(admitted__isnull=False) | Q(pct__isnull=False)
    )


def busiest_level(*, year: int | None = None) -> str:
    """The level with the most organisations reporting admissions (in `year`, if given): the
    overview's default, since which level articles report on changes (no districts after 2025)."""
    rows = _reported(Q() if year is None else Q(year=year))
    counts = (
        rows.order_by()
        .values("organisation__level")
        .annotate(n=Count("pk"))
        .order_by("-n", "organisation__level")
    )
    first = counts.first()
    return first["organisation__level"] if first else Level.PROVINCE


def _scope_filter(*, level: str | None, province: Organisation | None) -> Q:
    org_filter = Q()
    if level:
        org_filter &= Q(organisation__level=level)
    if province is not None:
        org_filter &= within(province, through="organisation__")
    return org_filter


def latest_year(*, level: str | None = None, province: Organisation | None = None) -> int | None:
    """The latest year with something to show at a level (the overview's default): read from
    the top of the (year, …) index of the progress table."""
    rows = Progress.objects.filter(_worth_showing(), _scope_filter(level=level, province=province))
    return rows.order_by("-year").values_list("year", flat=True).first()


def _reach(scope: QuerySet[Organisation], *, carried: bool) -> Q:
    """Progress rows of the organisations in scope and, when `carried`, of the units they
    replaced."""
    reach = Q(organisation__in=scope)
    if carried:
        reach |= Q(organisation__successions__successor__in=scope)
    return reach


def data_years(*, scope: QuerySet[Organisation] | None = None, carried: bool = False) -> list[int]:
    """Calendar years in which the organisations in `scope` (all if None) — or, when `carried`,
    the units they replaced — have something to show: an existence check per year between the
    table's first and last, each answered by the first matching row (listing the distinct years
    read every row), all in one query."""
    rows = Progress.objects.filter(_worth_showing())
    if scope is not None:
        rows = rows.filter(_reach(scope, carried=carried))
    bounds = Progress.objects.aggregate(first=Min("year"), last=Max("year"))
    if bounds["first"] is None:
        return []
    candidates = range(bounds["first"], bounds["last"] + 1)
    found = (
        Progress.objects.order_by()
        .annotate(**{f"y{year}": Exists(rows.filter(year=year)) for year in candidates})
        .values(*(f"y{year}" for year in candidates))
        .first()
    )
    return [year for year in candidates if found[f"y{year}"]]


def organisation_yearly_series(*, organisation: Organisation) -> list[ProgressRow]:
    """The organisation's progress in every year it or an organisation below it has data for,
    oldest first. A unit created by the 2025 reform also shows the years before it existed,
    carried from the units it replaced (the question "how did today's Đồng Nai do in 2023?")."""
    scope = Organisation.objects.filter(pk=organisation.pk)
    created = organisation.valid_from is not None and organisation.valid_from >= REFORM_DATE
    carried = created and organisation.level in SUCCEEDED_LEVELS
    # One organisation's rows are few: listing their years beats an existence check a year.
    rows = Progress.objects.filter(_worth_showing(), _reach(scope, carried=carried))
    years = sorted(set(rows.values_list("year", flat=True)))
    if not years:
        return []
    qs = scope.annotate(parent_name=F("parent__short_name"))
    for year in years:
        qs = with_year_progress(qs, year=year, prefix=f"y{year}_", sources=False, carried=carried)
    org = qs.get()
    return [ProgressRow.from_annotated(org, year=y, prefix=f"y{y}_") for y in years]


# --- comparing years ------------------------------------------------------------------------------


def years_scope(
    *,
    organisation: Organisation | None = None,
    level: str | None = None,
    province: Organisation | None = None,
    boundaries: str = HISTORICAL,
) -> QuerySet[Organisation]:
    """The organisations compared on the years page: an organisation and its children, else every
    organisation at a level, optionally within a province (today's only, in today's boundaries)."""
    if organisation is not None:
        return Organisation.objects.filter(Q(pk=organisation.pk) | Q(parent=organisation))
    qs = (
        Organisation.objects.in_force(dt.date.today())
        if boundaries == CURRENT
        else Organisation.objects.all()
    )
    if level:
        qs = qs.filter(level=level)
    if province is not None:
        qs = qs.filter(within(province))
    return qs


def years_comparison(
    *, scope: QuerySet[Organisation], years: list[int], carried: bool = False
) -> QuerySet[Organisation]:
    """Annotate every organisation in scope with its progress in each year (prefix `y<year>_`),
    with what the units each replaced reported when `carried`."""
    qs = scope.annotate(parent_name=F("parent__short_name")).order_by("short_name", "pk")
    for year in years:
        qs = with_year_progress(qs, year=year, prefix=f"y{year}_", sources=False, carried=carried)
    return qs


def year_rows(org: Organisation, *, years: list[int]) -> list[ProgressRow]:
    return [ProgressRow.from_annotated(org, year=y, prefix=f"y{y}_") for y in years]


def progress_report(
    *,
    scope: QuerySet[Organisation],
    years: list[int],
    carried: bool = False,
    chunk_size: int = 2000,
) -> Iterator[ProgressRow]:
    """Organisation × year rows for the CSV report, streamed: one query per year, never per row."""
    fields = (*ROW_FIELDS, *YEAR_FIELDS, *(PREDECESSOR_FIELDS if carried else ()))
    for year in years:
        qs = with_year_progress(
            scope.annotate(parent_name=F("parent__short_name")).order_by("short_name", "pk"),
            year=year,
            carried=carried,
        )
        for values in qs.values(*fields).iterator(chunk_size=chunk_size):
            yield ProgressRow.from_annotated(values, year=year)


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


def organisation_detail(*, pk: int) -> Organisation:
    """The organisation with what its header shows (parent, successor), in one query."""
    return Organisation.objects.select_related("parent", "successor").get(pk=pk)


# --- map ------------------------------------------------------------------------------------------


def map_points(
    *,
    year: int,
    province: Organisation | None = None,
    level: str | None = None,
    boundaries: str = HISTORICAL,
) -> list[ProgressRow]:
    """Provinces, or the districts / communes of one province, with their progress and position,
    in the tree of the time or today's (which has no districts: communes then).

    Rows without coordinates are kept (the table lists them); the chart skips them.
    """
    if province is None:
        level = Level.PROVINCE
    elif level is None or level == Level.PROVINCE:
        level = Level.COMMUNE if boundaries == CURRENT else Level.DISTRICT
    qs = progress_queryset(year=year, level=level, province=province, boundaries=boundaries)
    return list(progress_rows(qs, year=year))


# --- articles -------------------------------------------------------------------------------------


def articles_list() -> QuerySet[Article]:
    """Articles with how many accepted figures each gave, newest first."""
    return Article.objects.annotate(
        n_figures=Count("figures", filter=Q(figures__status=Status.ACCEPTED), distinct=True)
    ).order_by("-published", "-pk")


@dataclass
class HighlightPiece:
    text: str
    figures: list[Figure] = field(default_factory=list)

    @property
    def organisation_id(self) -> int | None:
        return self.figures[0].organisation_id if self.figures else None

    @property
    def title(self) -> str:
        return "; ".join(
            f"{f.organisation.short_name}: {f.get_metric_display()} {as_number(f.value)} "
            f"({f.period_label})"
            for f in self.figures
        )


def quote_span(text: str, figure: Figure) -> tuple[int | None, int | None]:
    """Where a figure's quote sits in the text: its stored offsets when they still match,
    else the first place the quote occurs (the text may have been re-imported)."""
    s, e = figure.quote_start, figure.quote_end
    if s is not None and e is not None and 0 <= s < e <= len(text):
        return s, e
    if figure.quote:
        at = text.find(figure.quote)
        if at >= 0:
            return at, at + len(figure.quote)
    return None, None


def article_highlights(*, article: Article) -> tuple[list[HighlightPiece], list[Figure]]:
    """The article's text cut into plain and highlighted pieces, each highlight carrying the
    accepted figures it quotes; and the figures themselves (one query)."""
    figures = list(
        article.figures.filter(status=Status.ACCEPTED)
        .select_related("organisation")
        .order_by("quote_start", "pk")
    )
    spans = [quote_span(article.text, f) for f in figures]
    pieces = [
        HighlightPiece(seg.text, [figures[i] for i in seg.marks])
        for seg in highlight_segments(article.text, spans)
    ]
    return pieces, figures
