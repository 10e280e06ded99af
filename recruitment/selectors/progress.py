"""How far organisations are towards their targets: rows read from the maintained table.

Every function is keyword-only and returns plain data or a lazy queryset. Progress is read from
the maintained `Progress` table (one LEFT JOIN per year), never recomputed per request: which
figure counts, and how sums add up the tree, is `recruitment.services.progress`. The cost of each
function is a fixed number of SQL queries whatever the number of organisations, so the overview
of 50,000 grassroots organisations is two queries (count and page) and a CSV export streams it
with `.iterator()`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
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

from ..access import Reader, visible, visible_organisations
from ..extraction.vocabulary import REFORM_DATE
from ..models import (
    Level,
    Organisation,
    Progress,
    Succession,
    progress_worth_showing,
    within,
)
from ..periods import Period
from ..progress import PaceStatus, pace_status

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


def _row_alias(prefix: str) -> str:
    """The name `with_year_progress` joins a year's progress row under."""
    return f"{prefix}progress_row"


def with_year_progress(
    qs: QuerySet, *, year: int, prefix: str = "", sources: bool = False, carried: bool = False
) -> QuerySet:
    """Annotate organisations with their maintained progress in a year: target, admitted, % of
    target, as-of date, the sums over their sub-organisations and, with `sources`, the articles
    the figures came from; with `carried` (today's boundaries), what the units each replaced
    reported (`with_predecessors`). `display_pct` is the % a page shows and sorts by.

    One LEFT JOIN on (organisation, year) per year; `prefix` lets one query carry several years
    side by side (`y2021_admitted`, …). Organisations without a row get None everywhere. The
    sources are left out unless asked for (`with_progress_sources`).
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
    return with_progress_sources(qs, prefix=p) if sources else qs


def with_progress_sources(qs: QuerySet, *, prefix: str = "") -> QuerySet:
    """Add the articles a year's figures came from to a `with_year_progress` queryset. Only the
    exports list them: on a page the two joins would cost every count its index-only scan."""
    row = _row_alias(prefix)
    return qs.annotate(
        **{
            f"{prefix}admitted_src": Coalesce(
                f"{row}__admitted_source__url", f"{row}__admitted_source__title"
            ),
            f"{prefix}pct_src": Coalesce(f"{row}__pct_source__url", f"{row}__pct_source__title"),
        },
    )


HISTORICAL, CURRENT = "historical", "current"
# The levels the 2025 reform mapped onto today's units (`Succession` rows between them).
SUCCEEDED_LEVELS = (Level.PROVINCE, Level.COMMUNE)


def carries(*, boundaries: str, level: str | None, parent: Organisation | None = None) -> bool:
    """Whether rows carry their predecessors' figures: in today's boundaries, at the levels the
    reform mapped, or for one parent's children (few: those the reform did not map simply carry
    nothing). Elsewhere today's tree is the tree, and six subqueries a row for 50,000 schools
    would be spent on nothing."""
    return boundaries == CURRENT and (level in SUCCEEDED_LEVELS or parent is not None)


def children_boundaries(parent: Organisation) -> str:
    """The tree one parent's children are shown in: the parent's own (a unit the reform created
    shows its units' years before it existed, carried from the units they replaced)."""
    return CURRENT if parent.created_by_reform else HISTORICAL


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
    visible_to: Reader,
) -> QuerySet[Organisation]:
    """Organisations at a level (optionally within a province, or the children of one parent)
    that the reader may see, annotated with their progress in `year`. Lazy: sort, paginate or
    `.iterator()` it.

    `with_data_only` keeps those with a target, a count or a % for the year: at national scale
    most of the 10,000 communes have nothing reported, and a page of dashes hides the few that do.
    `boundaries` is the tree: the one in force in `year` (HISTORICAL), or today's (CURRENT),
    where each organisation also carries what the units it replaced reported.
    """
    current = boundaries == CURRENT
    qs = (
        Organisation.objects.in_force(dt.date.today())
        if current
        else Organisation.objects.in_force_in_year(year)
    ).filter(visible(visible_to))
    if level:
        qs = qs.filter(level=level)
    if province is not None:
        qs = qs.filter(within(province))
    if parent is not None:
        qs = qs.filter(parent=parent)
    qs = qs.annotate(parent_name=F("parent__short_name")).order_by("short_name", "pk")
    carried = carries(boundaries=boundaries, level=level, parent=parent)
    qs = with_year_progress(qs, year=year, carried=carried)
    if with_data_only:
        # On the annotations, not through the relation: a filter across it would join again.
        showing = progress_worth_showing()
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
    parent: Organisation | None = None,
    boundaries: str = HISTORICAL,
    chunk_size: int = 2000,
) -> Iterator[ProgressRow]:
    """Every row of a `progress_queryset` (made with the same level, parent and boundaries),
    streamed as plain values rather than instances (an export reads tens of thousands: building
    model instances was most of its time)."""
    carried = carries(boundaries=boundaries, level=level, parent=parent)
    return _stream(with_progress_sources(qs), year=year, carried=carried, chunk_size=chunk_size)


def progress_values(*, queryset: QuerySet, carried: bool) -> QuerySet:
    """The `.values()` an export reads from a `with_year_progress` queryset (with its sources):
    what `ProgressRow.from_annotated` needs. The CSV the database writes reads the same query
    (`dashboard.export_columns`)."""
    return queryset.values(*ROW_FIELDS, *YEAR_FIELDS, *(PREDECESSOR_FIELDS if carried else ()))


def _stream(qs: QuerySet, *, year: int, carried: bool, chunk_size: int) -> Iterator[ProgressRow]:
    for values in progress_values(queryset=qs, carried=carried).iterator(chunk_size=chunk_size):
        yield ProgressRow.from_annotated(values, year=year)


def progress_by_organisation(
    *, year: int, level: str, province: Organisation | None = None, visible_to: Reader
) -> list[ProgressRow]:
    """Every organisation at a level the reader may see, with its progress in a year."""
    qs = progress_queryset(year=year, level=level, province=province, visible_to=visible_to)
    return list(progress_rows(qs, year=year))


def _reported(org_filter: Q) -> QuerySet[Progress]:
    """Progress rows where the organisation itself reported a count or a % for the year."""
    return Progress.objects.filter(org_filter).filter(
        Q(admitted__isnull=False) | Q(pct__isnull=False)
    )


def busiest_level(*, year: int | None = None, visible_to: Reader) -> str:
    """The level with the most organisations the reader may see reporting admissions (in `year`,
    if given): the overview's default, since which level articles report on changes (no
    districts after 2025)."""
    rows = _reported(Q() if year is None else Q(year=year)).filter(
        visible(visible_to, through="organisation__")
    )
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


def latest_year(
    *, level: str | None = None, province: Organisation | None = None, visible_to: Reader
) -> int | None:
    """The latest year with something the reader may see at a level (the overview's default):
    read from the top of the (year, …) index of the progress table."""
    rows = Progress.objects.filter(
        progress_worth_showing(),
        _scope_filter(level=level, province=province),
        visible(visible_to, through="organisation__"),
    )
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
    rows = Progress.objects.filter(progress_worth_showing())
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
    carried = organisation.created_by_reform and organisation.level in SUCCEEDED_LEVELS
    # One organisation's rows are few: listing their years beats an existence check a year.
    rows = Progress.objects.filter(progress_worth_showing(), _reach(scope, carried=carried))
    years = sorted(set(rows.values_list("year", flat=True)))
    if not years:
        return []
    qs = scope.annotate(parent_name=F("parent__short_name"))
    for year in years:
        qs = with_year_progress(qs, year=year, prefix=f"y{year}_", carried=carried)
    org = qs.get()
    return [ProgressRow.from_annotated(org, year=y, prefix=f"y{y}_") for y in years]


# --- comparing years ------------------------------------------------------------------------------


def years_scope(
    *,
    organisation: Organisation | None = None,
    level: str | None = None,
    province: Organisation | None = None,
    boundaries: str = HISTORICAL,
    visible_to: Reader,
) -> QuerySet[Organisation]:
    """The organisations compared on the years page, those the reader may see: an organisation
    and its children, else every organisation at a level, optionally within a province (today's
    only, in today's boundaries)."""
    allowed = visible_organisations(visible_to)
    if organisation is not None:
        return allowed.filter(Q(pk=organisation.pk) | Q(parent=organisation))
    qs = allowed.in_force(dt.date.today()) if boundaries == CURRENT else allowed
    if level:
        qs = qs.filter(level=level)
    if province is not None:
        qs = qs.filter(within(province))
    return qs


def years_comparison(
    *,
    scope: QuerySet[Organisation],
    years: list[int],
    carried: bool = False,
    sort_year: int | None = None,
) -> QuerySet[Organisation]:
    """The organisations in scope, by name, or by one year's measures when `sort_year` is given
    (that year is then joined here). The other years are read for the page shown by
    `with_years`: joining twelve years in one query made PostgreSQL plan it for 35 ms and run
    it in 1."""
    qs = scope.annotate(parent_name=F("parent__short_name")).order_by("short_name", "pk")
    if sort_year in years:
        qs = with_year_progress(qs, year=sort_year, prefix=f"y{sort_year}_", carried=carried)
    return qs


def with_years(
    records: list[Organisation], *, years: list[int], carried: bool = False
) -> list[Organisation]:
    """Set each year's progress (`y<year>_admitted`, …) on a page of organisations, as
    `with_year_progress` annotates it: one query per year over the page's rows only."""
    by_pk = {record.pk: record for record in records}
    if not by_pk:
        return records
    for year in years:
        qs = with_year_progress(
            Organisation.objects.filter(pk__in=by_pk),
            year=year,
            prefix=f"y{year}_",
            carried=carried,
        )
        for values in qs.values("pk", *qs.query.annotations):
            record = by_pk[values.pop("pk")]
            for name, value in values.items():
                setattr(record, name, value)
    return records


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
    for year, qs in progress_report_querysets(scope=scope, years=years, carried=carried):
        yield from _stream(qs, year=year, carried=carried, chunk_size=chunk_size)


def progress_report_querysets(
    *, scope: QuerySet[Organisation], years: list[int], carried: bool = False
) -> Iterator[tuple[int, QuerySet[Organisation]]]:
    """Each year of the report with the query of its rows (organisations by name, their
    progress and sources that year): `progress_report` streams them as rows, the CSV the
    database writes reads the same queries."""
    for year in years:
        yield (
            year,
            with_year_progress(
                scope.annotate(parent_name=F("parent__short_name")).order_by("short_name", "pk"),
                year=year,
                sources=True,
                carried=carried,
            ),
        )


# --- map ------------------------------------------------------------------------------------------


def map_points(
    *,
    year: int,
    province: Organisation | None = None,
    level: str | None = None,
    boundaries: str = HISTORICAL,
    visible_to: Reader,
) -> list[ProgressRow]:
    """Provinces, or the districts / communes of one province, that the reader may see, with
    their progress and position, in the tree of the time or today's (which has no districts:
    communes then).

    Rows without coordinates are kept (the table lists them); the chart skips them.
    """
    if province is None:
        level = Level.PROVINCE
    elif level is None or level == Level.PROVINCE:
        level = Level.COMMUNE if boundaries == CURRENT else Level.DISTRICT
    qs = progress_queryset(
        year=year, level=level, province=province, boundaries=boundaries, visible_to=visible_to
    )
    return list(progress_rows(qs, year=year))
