"""The progress table kept by the services equals a rebuild from scratch, whatever happened.

Hypothesis applies random sequences of what staff and imports do — enter figures and targets of
every kind, accept, reject, edit, delete, move and add organisations — to a small tree, then
compares the maintained table with `progress_rebuild()` row for row.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from recruitment.models import (
    Article,
    Figure,
    FigureMetric,
    Level,
    Organisation,
    Status,
    Target,
    TargetMetric,
)
from recruitment.services.organisations import organisation_delete, organisation_save
from recruitment.services.progress import progress_rebuild, progress_snapshot
from recruitment.services.reported import (
    figure_create,
    reported_delete,
    reported_save,
    reported_set_status,
    target_create,
)

# key, level, parent key, last day in force
TREE = [
    ("province", Level.PROVINCE, None, None),
    ("district-a", Level.DISTRICT, "province", None),
    ("district-b", Level.DISTRICT, "province", dt.date(2024, 6, 30)),
    ("commune-a1", Level.COMMUNE, "district-a", None),
    ("commune-a2", Level.COMMUNE, "district-a", None),
    ("commune-b1", Level.COMMUNE, "district-b", dt.date(2024, 6, 30)),
]
KEYS = [key for key, *_rest in TREE]
YEARS = (2023, 2024)

PERIODS = st.sampled_from(
    [
        lambda y: (dt.date(y, 1, 1), dt.date(y, 3, 31)),
        lambda y: (dt.date(y, 1, 1), dt.date(y, 6, 30)),
        lambda y: (dt.date(y, 1, 1), dt.date(y, 12, 31)),
        lambda y: (dt.date(y, 4, 1), dt.date(y, 6, 30)),  # a quarter: not year to date
        lambda y: (dt.date(y - 1, 1, 1), dt.date(y, 12, 31)),  # two years: no year's figure
    ]
)
STATUSES = st.sampled_from([Status.ACCEPTED, Status.ACCEPTED, Status.PROPOSED])

add_figure = st.tuples(
    st.just("figure"),
    st.sampled_from(KEYS),
    st.sampled_from(
        [FigureMetric.ADMITTED, FigureMetric.PERCENT_OF_TARGET, FigureMetric.MEMBERS_TOTAL]
    ),
    st.sampled_from(YEARS),
    PERIODS,
    st.integers(min_value=0, max_value=400),
    STATUSES,
    st.sampled_from([None, "first", "second"]),
)
add_target = st.tuples(
    st.just("target"),
    st.sampled_from(KEYS),
    st.sampled_from(YEARS),
    st.integers(min_value=0, max_value=400),
    st.booleans(),
    STATUSES,
    st.sampled_from([None, "first", "second"]),
)
touch = st.tuples(
    st.sampled_from(["accept", "reject", "delete", "revalue", "reassign", "redate"]),
    st.integers(min_value=0, max_value=50),
    st.sampled_from(KEYS),
    st.integers(min_value=0, max_value=400),
)
COMMUNES = [key for key, level, *_rest in TREE if level == Level.COMMUNE]
DISTRICTS = [key for key, level, *_rest in TREE if level == Level.DISTRICT]
move = st.tuples(st.just("move"), st.sampled_from(COMMUNES), st.sampled_from(DISTRICTS))
reshape = st.tuples(
    st.sampled_from(["add-commune", "end", "delete-empty"]),
    st.sampled_from(DISTRICTS),
    st.sampled_from(KEYS),
)
OPERATIONS = st.lists(st.one_of(add_figure, add_target, touch, move, reshape), max_size=25)


class MaintainedProgressTest(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.pks: dict[str, int] = {}
        for key, level, parent, until in TREE:
            org = organisation_save(
                organisation=Organisation(
                    name=f"Đảng bộ {key}",
                    short_name=key,
                    level=level,
                    parent_id=cls.pks[parent] if parent else None,
                    valid_until=until,
                )
            )
            cls.pks[key] = org.pk
        cls.sources = {
            name: Article.objects.create(title=name, text=f"Bài {name}").pk
            for name in ("first", "second")
        }

    def _org(self, key: str) -> Organisation:
        return Organisation.objects.get(pk=self.pks[key])

    def _source(self, name: str | None) -> Article | None:
        return None if name is None else Article.objects.get(pk=self.sources[name])

    def _rows(self) -> list[Figure | Target]:
        return [*Figure.objects.order_by("pk"), *Target.objects.order_by("pk")]

    def _apply(self, op: tuple) -> None:
        kind = op[0]
        if kind == "figure":
            _kind, key, metric, year, period, value, status, source = op
            start, end = period(year)
            figure_create(
                organisation=self._org(key),
                metric=metric,
                period_start=start,
                period_end=end,
                value=value if metric != FigureMetric.PERCENT_OF_TARGET else value / 4,
                status=status,
                source=self._source(source),
            )
        elif kind == "target":
            _kind, key, year, value, derived, status, source = op
            target_create(
                organisation=self._org(key),
                metric=TargetMetric.ADMITTED,
                period_start=dt.date(year, 1, 1),
                period_end=dt.date(year, 12, 31),
                value=value,
                derived=derived,
                status=status,
                source=self._source(source),
            )
        elif kind in ("accept", "reject", "delete", "revalue", "reassign", "redate"):
            rows = self._rows()
            if not rows:
                return
            _kind, index, key, value = op
            row = rows[index % len(rows)]
            if kind == "accept":
                reported_set_status(rows=[row], status=Status.ACCEPTED)
            elif kind == "reject":
                reported_set_status(rows=[row], status=Status.REJECTED)
            elif kind == "delete":
                reported_delete(rows=[row])
            else:
                if kind == "revalue":
                    row.value = value if isinstance(row, Target) else min(value, 1000)
                elif kind == "reassign":
                    row.organisation = self._org(key)
                else:
                    other = 2023 if row.period_start.year == 2024 else 2024
                    row.period_start = row.period_start.replace(year=other)
                    row.period_end = row.period_end.replace(year=other)
                reported_save(row=row)
        else:
            _kind, key, other = op
            org = self._org(key)
            if kind == "move":
                org.parent = self._org(other)
                organisation_save(organisation=org)
            elif kind == "add-commune":
                organisation_save(
                    organisation=Organisation(
                        name=f"Đảng bộ xã mới {other}",
                        short_name=f"xã mới {other}",
                        level=Level.COMMUNE,
                        parent=org,
                    )
                )
            elif kind == "end":
                org.valid_until = dt.date(2023, 12, 31)
                organisation_save(organisation=org)
            elif kind == "delete-empty":
                added = Organisation.objects.filter(short_name__startswith="xã mới").first()
                if added is not None:
                    organisation_delete(organisation=added)

    @settings(
        max_examples=80,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(OPERATIONS)
    def test_the_maintained_table_equals_a_rebuild_after_any_sequence_of_changes(self, ops):
        for op in ops:
            try:
                with transaction.atomic():
                    self._apply(op)
            except IntegrityError:
                pass  # a second accepted figure for the same source: refused, as in the admin
        maintained = progress_snapshot()
        progress_rebuild()
        self.assertEqual(maintained, progress_snapshot())
