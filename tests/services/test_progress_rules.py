"""What the progress table holds for an organisation and a year, and how it adds up the tree."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from recruitment.models import FigureMetric, Level, Organisation, Progress, Status, TargetMetric
from recruitment.services.organisations import organisation_save
from recruitment.services.progress import progress_snapshot
from recruitment.services.reported import (
    figure_create,
    reported_delete,
    reported_set_status,
    target_create,
)

YEAR_START, JUNE, YEAR_END = dt.date(2024, 1, 1), dt.date(2024, 6, 30), dt.date(2024, 12, 31)


def _org(key: str, level: str, parent: Organisation | None = None) -> Organisation:
    return organisation_save(
        organisation=Organisation(name=f"Đảng bộ {key}", short_name=key, level=level, parent=parent)
    )


@pytest.fixture
def tree(db) -> dict[str, Organisation]:
    province = _org("Ninh Bình", Level.PROVINCE)
    district = _org("Kim Sơn", Level.DISTRICT, province)
    return {
        "province": province,
        "district": district,
        "commune-1": _org("Kim Chính", Level.COMMUNE, district),
        "commune-2": _org("Kim Đông", Level.COMMUNE, district),
    }


def _admitted(org: Organisation, value: int, *, end=JUNE, status=Status.ACCEPTED):
    return figure_create(
        organisation=org,
        metric=FigureMetric.ADMITTED,
        period_start=YEAR_START,
        period_end=end,
        value=value,
        status=status,
    )


def _target(org: Organisation, value: int, *, derived: bool = False):
    return target_create(
        organisation=org,
        metric=TargetMetric.ADMITTED,
        period_start=YEAR_START,
        period_end=YEAR_END,
        value=value,
        derived=derived,
    )


def _row(org: Organisation) -> dict:
    return progress_snapshot()[(org.pk, 2024)]


def test_a_district_whose_communes_report_holds_their_sum_and_how_many_reported(tree):
    _admitted(tree["commune-1"], 12)
    row = _row(tree["district"])
    assert (row["admitted"], row["sum_admitted"], row["children_reporting"], row["children"]) == (
        None,
        Decimal(12),
        1,
        2,
    )


def test_a_sum_takes_a_childs_reported_figure_rather_than_adding_its_children_again(tree):
    _admitted(tree["commune-1"], 12)
    _admitted(tree["commune-2"], 8)
    _admitted(tree["district"], 25)
    assert (_row(tree["district"])["sum_admitted"], _row(tree["province"])["sum_admitted"]) == (
        Decimal(20),
        Decimal(25),
    )


def test_the_latest_count_of_the_year_and_the_stated_target_are_the_organisations_own(tree):
    _admitted(tree["district"], 10, end=dt.date(2024, 3, 31))
    _admitted(tree["district"], 30)
    _target(tree["district"], 60, derived=True)
    _target(tree["district"], 50)
    row = _row(tree["district"])
    assert (row["admitted"], row["target"], row["target_derived"], row["pct"], row["as_of"]) == (
        Decimal(30),
        Decimal(50),
        False,
        60.0,
        JUNE,
    )


def test_a_stated_percentage_for_the_same_period_wins_over_the_computed_one(tree):
    _admitted(tree["district"], 30)
    _target(tree["district"], 50)
    figure_create(
        organisation=tree["district"],
        metric=FigureMetric.PERCENT_OF_TARGET,
        period_start=YEAR_START,
        period_end=JUNE,
        value=Decimal("61.5"),
    )
    assert _row(tree["district"])["pct"] == 61.5


def test_a_proposed_figure_counts_once_accepted_and_no_longer_once_rejected(tree):
    figure = _admitted(tree["commune-1"], 12, status=Status.PROPOSED)
    before = Progress.objects.count()
    reported_set_status(rows=[figure], status=Status.ACCEPTED)
    accepted = _row(tree["province"])["sum_admitted"]
    reported_set_status(rows=[figure], status=Status.REJECTED)
    assert (before, accepted, Progress.objects.count()) == (0, Decimal(12), 0)


def test_deleting_the_only_figure_empties_the_table_up_to_the_root(tree):
    figure = _admitted(tree["commune-1"], 12)
    reported_delete(rows=[figure])
    assert Progress.objects.count() == 0


def test_a_commune_moved_to_another_district_is_summed_there_and_no_longer_here(tree):
    other = _org("Yên Khánh", Level.DISTRICT, tree["province"])
    _admitted(tree["commune-1"], 12)
    _admitted(tree["commune-2"], 8)
    moved = tree["commune-1"]
    moved.parent = other
    organisation_save(organisation=moved)
    assert (_row(tree["district"])["sum_admitted"], _row(other)["sum_admitted"]) == (
        Decimal(8),
        Decimal(12),
    )
