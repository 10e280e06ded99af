"""The maintained progress table: which figure counts for a year, and how it adds up the tree.

`Progress` holds one row per organisation and year with data, read by every dashboard page.
Two entry points keep it true, both built from the same two rules (`own_measures`,
`summed_measures`) so that they cannot disagree:

- `progress_refresh(keys=…)`, called by every service that changes a figure, a target or the
  tree, in the same transaction: the organisation's own row, then each ancestor's sum;
- `progress_rebuild()`, which recomputes the whole table from the accepted figures (the
  `progress_rebuild` command; a property test checks the two agree after any sequence of changes).

Which figure counts (the rules the users agreed):
- only ACCEPTED figures and targets;
- the admission target of a year is the accepted `Target(metric=admitted)` covering exactly that
  calendar year, a stated one preferred over a derived one (shown as approximate);
- "admitted so far" in a year is the accepted admitted figure with the latest end among those
  starting on 1 January and ending within the year (the latest entered on a tie);
- % of target is the stated `percent_of_target` figure for the same period when there is one,
  else admitted / target.

A sum over the sub-organisations takes each child's reported value where it has one and its own
sum otherwise; `children_reporting` of `children` (those in force during the year) have a value.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Q

from ..models import (
    Figure,
    FigureMetric,
    Organisation,
    Progress,
    Status,
    Target,
    TargetMetric,
)

# The measures a row carries, as stored: own (reported) first, then summed.
OWN_FIELDS = (
    "target",
    "target_derived",
    "admitted",
    "admitted_end",
    "admitted_source_id",
    "stated_pct",
    "stated_pct_end",
    "pct_source_id",
    "pct",
    "as_of",
)
SUM_FIELDS = (
    "sum_admitted",
    "sum_target",
    "sum_pct",
    "sum_as_of",
    "children_reporting",
    "children",
)
STORED_FIELDS = (*OWN_FIELDS, *SUM_FIELDS, "shown_pct")
FIGURE_METRICS = (FigureMetric.ADMITTED, FigureMetric.PERCENT_OF_TARGET)

Key = tuple[int, int]  # (organisation id, year)


def year_pct(
    *,
    admitted: Decimal | None,
    admitted_end: dt.date | None,
    stated_pct: Decimal | None,
    stated_pct_end: dt.date | None,
    target: Decimal | None,
) -> float | None:
    """% of target: the stated % when it is for the same period as the latest count (or there
    is no count), else admitted / target."""
    if stated_pct is not None and (admitted is None or stated_pct_end == admitted_end):
        return float(stated_pct)
    if admitted is not None and target is not None and target > 0:
        return float(admitted) * 100.0 / float(target)
    return None


@dataclass(frozen=True)
class Reading:
    """The fields of one accepted figure or target the rules look at."""

    pk: int
    organisation_id: int
    kind: str  # a FigureMetric for figures, "target" for admission targets
    period_start: dt.date
    period_end: dt.date
    value: Decimal
    source_id: int | None
    derived: bool = False

    @property
    def year(self) -> int | None:
        """The calendar year this reading speaks of, or None when it is not about one year."""
        start, end = self.period_start, self.period_end
        if (start.month, start.day) != (1, 1) or end.year != start.year:
            return None
        if self.kind == "target" and (end.month, end.day) != (12, 31):
            return None
        return start.year


def own_measures(readings: Iterable[Reading]) -> dict:
    """The organisation's own measures in a year from its readings of that year."""
    latest: dict[str, Reading] = {}
    target: Reading | None = None
    for r in readings:
        if r.kind == "target":
            if target is None or (not r.derived, r.pk) > (not target.derived, target.pk):
                target = r
        else:
            best = latest.get(r.kind)
            if best is None or (r.period_end, r.pk) > (best.period_end, best.pk):
                latest[r.kind] = r
    admitted = latest.get(FigureMetric.ADMITTED)
    stated = latest.get(FigureMetric.PERCENT_OF_TARGET)
    values = {
        "target": target.value if target else None,
        "target_derived": bool(target and target.derived),
        "admitted": admitted.value if admitted else None,
        "admitted_end": admitted.period_end if admitted else None,
        "admitted_source_id": admitted.source_id if admitted else None,
        "stated_pct": stated.value if stated else None,
        "stated_pct_end": stated.period_end if stated else None,
        "pct_source_id": stated.source_id if stated else None,
    }
    values["pct"] = year_pct(
        admitted=values["admitted"],
        admitted_end=values["admitted_end"],
        stated_pct=values["stated_pct"],
        stated_pct_end=values["stated_pct_end"],
        target=values["target"],
    )
    values["as_of"] = values["admitted_end"] or values["stated_pct_end"]
    return values


def summed_measures(child_rows: Iterable[dict], *, children: int) -> dict:
    """The sum over sub-organisations from their rows of the year (dicts of stored fields).

    A child's reported value where it has one, else its own sum: a district that reports its
    total is not added again to its communes' figures. The sum's % of target counts only the
    children that have both a count and a target, so a target nobody reports against does not
    make the whole look behind.
    """
    admitted: list[Decimal] = []
    targets: list[Decimal] = []
    paired_admitted: list[Decimal] = []
    paired_targets: list[Decimal] = []
    dates: list[dt.date] = []
    for row in child_rows:
        own = row["admitted"] is not None
        count = row["admitted"] if own else row["sum_admitted"]
        target = row["target"] if row["target"] is not None else row["sum_target"]
        if count is not None:
            admitted.append(count)
            dates.append(row["as_of"] if own else row["sum_as_of"])
        if target is not None:
            targets.append(target)
        if count is not None and target is not None:
            paired_admitted.append(count)
            paired_targets.append(target)
    paired_target = sum(paired_targets)
    return {
        "sum_admitted": sum(admitted) if admitted else None,
        "sum_target": sum(targets) if targets else None,
        "sum_pct": (
            float(sum(paired_admitted)) * 100.0 / float(paired_target) if paired_target else None
        ),
        "sum_as_of": max((d for d in dates if d is not None), default=None),
        "children_reporting": len(admitted),
        "children": children,
    }


def shown_pct(values: dict) -> float | None:
    """The % of target a page shows for a row: the organisation's own when it reports a count or
    a %, else its sum's — against its own target when it has one (a province's plan, its
    districts' counts), else against the sum of its children's targets."""
    if values["admitted"] is not None or values["stated_pct"] is not None:
        return values["pct"]
    if values["sum_admitted"] is None:
        return None
    if values["target"]:
        return float(values["sum_admitted"]) * 100.0 / float(values["target"])
    return values["sum_pct"]


def _measures(own: dict, summed: dict) -> dict:
    values = {**own, **summed}
    values["shown_pct"] = shown_pct(values)
    return values


def _has_data(values: dict) -> bool:
    own = any(values[f] is not None for f in ("target", "admitted", "stated_pct"))
    return own or values["sum_admitted"] is not None or values["sum_target"] is not None


def _readings(filters: Q) -> Iterable[Reading]:
    figures = Figure.objects.filter(filters, status=Status.ACCEPTED, metric__in=FIGURE_METRICS)
    for row in figures.values_list(
        "pk", "organisation_id", "metric", "period_start", "period_end", "value", "source_id"
    ).iterator(chunk_size=5000):
        yield Reading(*row)
    targets = Target.objects.filter(filters, status=Status.ACCEPTED, metric=TargetMetric.ADMITTED)
    for pk, org, start, end, value, source, derived in targets.values_list(
        "pk", "organisation_id", "period_start", "period_end", "value", "source_id", "derived"
    ).iterator(chunk_size=5000):
        yield Reading(pk, org, "target", start, end, value, source, derived)


def _write(key: Key, values: dict, existing: Progress | None) -> dict | None:
    """Store a row's values (or delete it when it holds nothing); the stored values back."""
    if not _has_data(values):
        if existing is not None:
            existing.delete()
        return None
    if existing is None:
        Progress.objects.create(organisation_id=key[0], year=key[1], **values)
    else:
        Progress.objects.filter(pk=existing.pk).update(**values)
    return values


def _empty_own() -> dict:
    return own_measures(())


def _own_readings(org_id: int, year: int) -> list[Reading]:
    """The readings `own_measures` would pick for one organisation and year, read as the first
    row of each ordered lookup (served by the accepted-lookup indexes) instead of every row: a
    province's year can hold hundreds of counts from as many articles."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    found = []
    for metric in FIGURE_METRICS:
        row = (
            Figure.objects.filter(
                organisation_id=org_id,
                metric=metric,
                status=Status.ACCEPTED,
                period_start=first,
                period_end__lte=last,
            )
            .order_by("-period_end", "-pk")
            .values_list("pk", "period_end", "value", "source_id")
            .first()
        )
        if row is not None:
            pk, end, value, source = row
            found.append(Reading(pk, org_id, metric, first, end, value, source))
    target = (
        Target.objects.filter(
            organisation_id=org_id,
            metric=TargetMetric.ADMITTED,
            status=Status.ACCEPTED,
            period_start=first,
            period_end=last,
        )
        .order_by("derived", "-pk")
        .values_list("pk", "value", "source_id", "derived")
        .first()
    )
    if target is not None:
        pk, value, source, derived = target
        found.append(Reading(pk, org_id, "target", first, last, value, source, derived))
    return found


def _chain(org_ids: Iterable[int]) -> tuple[list[int], dict[int, int]]:
    """The organisations and all their ancestors, deepest first (a child before its parent),
    and each one's parent, read from the materialised paths in one query."""
    depth: dict[int, int] = {}
    parent_of: dict[int, int] = {}
    for path in Organisation.objects.filter(pk__in=set(org_ids)).values_list("path", flat=True):
        parts = [int(part) for part in path.strip("/").split("/")]
        for level, pk in enumerate(parts):
            depth[pk] = level
            if level:
                parent_of[pk] = parts[level - 1]
    return sorted(depth, key=lambda pk: (-depth[pk], pk)), parent_of


def _refresh_year(year: int, changed: set[int]) -> None:
    """Recompute the rows of `changed` organisations and of their ancestors for a year.

    Four queries read the chain's rows, their children's rows and how many children each has;
    then, deepest first, each row is recomputed in memory (its own measures re-read only where
    its figures may have changed) and written, and its new values replace the old among its
    parent's children before the parent is summed."""
    chain, parent_of = _chain(changed)
    existing = {
        row.organisation_id: row
        for row in Progress.objects.filter(year=year, organisation_id__in=chain)
    }
    children_rows: dict[int, dict[int, dict]] = defaultdict(dict)
    for row in Progress.objects.filter(year=year, organisation__parent_id__in=chain).values(
        "organisation_id", "organisation__parent_id", *STORED_FIELDS
    ):
        children_rows[row.pop("organisation__parent_id")][row["organisation_id"]] = row
    in_force: dict[int, set[int]] = defaultdict(set)
    for parent_id, pk in (
        Organisation.objects.in_force_in_year(year)
        .filter(parent_id__in=chain)
        .values_list("parent_id", "pk")
    ):
        in_force[parent_id].add(pk)
    for org_id in chain:
        current = existing.get(org_id)
        if org_id in changed:
            own = own_measures(_own_readings(org_id, year))
        elif current is not None:
            own = {f: getattr(current, f) for f in OWN_FIELDS}
        else:
            own = _empty_own()
        kids = children_rows.get(org_id, {})
        summed = summed_measures(kids.values(), children=len(in_force[org_id] | set(kids)))
        values = _write((org_id, year), _measures(own, summed), current)
        parent = parent_of.get(org_id)
        if parent is not None:
            if values is None:
                children_rows[parent].pop(org_id, None)
            else:
                children_rows[parent][org_id] = {"organisation_id": org_id, **values}


def progress_refresh(*, keys: Iterable[Key]) -> None:
    """Bring the rows of these (organisation, year) pairs and their ancestors' sums up to date.

    Called inside the transaction that changed the figures; the cost is a few queries a year
    plus one write per organisation on the paths to the root, whatever the size of the table.
    """
    by_year: dict[int, set[int]] = defaultdict(set)
    for org_id, year in keys:
        by_year[year].add(org_id)
    with transaction.atomic():
        for year, org_ids in sorted(by_year.items()):
            _refresh_year(year, org_ids)


def _counts_for_progress(row: Figure | Target) -> bool:
    """Whether a figure or target is of a kind the table reads (an admission count or % of a
    year to date, a year's admission target), whatever its status: accepting, rejecting or
    deleting any other figure cannot change a row, so it costs no refresh."""
    if isinstance(row, Target):
        kind = "target" if row.metric == TargetMetric.ADMITTED else None
    else:
        kind = row.metric if row.metric in FIGURE_METRICS else None
    if kind is None:
        return False
    reading = Reading(row.pk, row.organisation_id, kind, row.period_start, row.period_end, 0, None)
    return reading.year is not None


def reading_keys(rows: Iterable[Figure | Target]) -> set[Key]:
    """The (organisation, year) pairs a set of figures or targets can change."""
    return {
        (row.organisation_id, row.period_start.year) for row in rows if _counts_for_progress(row)
    }


def organisation_keys(*, organisation_ids: Iterable[int]) -> set[Key]:
    """The pairs to refresh when organisations move, appear, end or go: every year in which they
    or their parents have a row (a parent's count of children changes with them)."""
    ids = set(organisation_ids)
    parents = set(
        Organisation.objects.filter(pk__in=ids, parent__isnull=False).values_list(
            "parent_id", flat=True
        )
    )
    rows = Progress.objects.filter(organisation_id__in=ids | parents).values_list(
        "organisation_id", "year"
    )
    years = {year for _org, year in rows}
    return {(pk, year) for pk in ids | parents for year in years}


@transaction.atomic
def progress_rebuild() -> int:
    """Recompute the whole table from the accepted figures and targets; the number of rows.

    One pass over the readings for the organisations' own measures, then the sums level by level
    from the deepest organisations up, in memory: a few queries whatever the size.
    """
    grouped: dict[Key, list[Reading]] = defaultdict(list)
    for reading in _readings(Q()):
        if reading.year is not None:
            grouped[(reading.organisation_id, reading.year)].append(reading)
    rows: dict[Key, dict] = {
        key: _measures(own_measures(readings), summed_measures((), children=0))
        for key, readings in grouped.items()
    }
    orgs = list(Organisation.objects.values_list("pk", "parent_id", "path"))
    children_of: dict[int, list[int]] = defaultdict(list)
    for pk, parent_id, _path in orgs:
        if parent_id is not None:
            children_of[parent_id].append(pk)
    years = sorted({year for _org, year in rows})
    # Which units existed in each year, by the one validity rule (a query a year).
    in_force_in = {
        year: set(Organisation.objects.in_force_in_year(year).values_list("pk", flat=True))
        for year in years
    }
    for pk, _parent, _path in sorted(orgs, key=lambda o: -o[2].count("/")):
        kids = children_of.get(pk)
        if not kids:
            continue
        for year in years:
            child_rows = [rows[(kid, year)] for kid in kids if (kid, year) in rows]
            counted = {kid for kid in kids if kid in in_force_in[year] or (kid, year) in rows}
            summed = summed_measures(child_rows, children=len(counted))
            current = rows.get((pk, year))
            values = _measures(current or _empty_own(), summed)
            if _has_data(values):
                rows[(pk, year)] = values
    Progress.objects.all().delete()
    Progress.objects.bulk_create(
        (
            Progress(organisation_id=org, year=year, **values)
            for (org, year), values in rows.items()
        ),
        batch_size=5000,
    )
    return len(rows)


def progress_snapshot() -> dict[Key, dict]:
    """The whole table as plain values, for comparing the maintained table with a rebuild."""
    return {
        (row["organisation_id"], row["year"]): {f: row[f] for f in STORED_FIELDS}
        for row in Progress.objects.values("organisation_id", "year", *STORED_FIELDS)
    }
