"""Each invariant is enforced by the database itself: these writes bypass form validation."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from recruitment.models import Article, Figure, Organisation, Status, Target

YEAR_2022 = {"period_start": dt.date(2022, 1, 1), "period_end": dt.date(2022, 12, 31)}


def rejected(create) -> bool:
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


@pytest.fixture
def article(db):
    return Article.objects.create(title="Bài thử", text="Một câu do nhóm phát triển viết.")


def test_a_negative_figure_is_rejected(district):
    assert rejected(
        lambda: Figure.objects.create(
            organisation=district, metric="admitted", value=Decimal(-1), **YEAR_2022
        )
    )


def test_a_figure_period_that_ends_before_it_starts_is_rejected(district):
    assert rejected(
        lambda: Figure.objects.create(
            organisation=district,
            metric="admitted",
            value=5,
            period_start=dt.date(2022, 12, 31),
            period_end=dt.date(2022, 1, 1),
        )
    )


def test_a_percentage_above_1000_is_rejected(district):
    assert rejected(
        lambda: Figure.objects.create(
            organisation=district, metric="percent_of_target", value=1001, **YEAR_2022
        )
    )


def test_a_count_above_1000_is_accepted(district):
    Figure.objects.create(organisation=district, metric="admitted", value=1455, **YEAR_2022)


def test_two_accepted_figures_for_the_same_key_from_one_article_are_rejected(district, article):
    key = {"organisation": district, "metric": "admitted", "source": article, **YEAR_2022}
    Figure.objects.create(value=207, status=Status.ACCEPTED, **key)
    assert rejected(lambda: Figure.objects.create(value=208, status=Status.ACCEPTED, **key))


def test_a_rejected_duplicate_of_an_accepted_figure_may_be_kept(district, article):
    key = {"organisation": district, "metric": "admitted", "source": article, **YEAR_2022}
    Figure.objects.create(value=207, status=Status.ACCEPTED, **key)
    Figure.objects.create(value=208, status=Status.REJECTED, **key)


def test_a_negative_target_is_rejected(district):
    assert rejected(
        lambda: Target.objects.create(
            organisation=district, metric="admitted", value=-5, **YEAR_2022
        )
    )


def test_a_target_period_that_ends_before_it_starts_is_rejected(district):
    assert rejected(
        lambda: Target.objects.create(
            organisation=district,
            metric="admitted",
            value=5,
            period_start=dt.date(2023, 1, 1),
            period_end=dt.date(2022, 1, 1),
        )
    )


def test_a_population_share_target_above_100_percent_is_rejected(district):
    assert rejected(
        lambda: Target.objects.create(
            organisation=district, metric="members_population_pct", value=101, **YEAR_2022
        )
    )


def test_two_accepted_targets_for_the_same_key_from_one_article_are_rejected(district, article):
    key = {"organisation": district, "metric": "admitted", "source": article, **YEAR_2022}
    Target.objects.create(value=817, **key)
    assert rejected(lambda: Target.objects.create(value=818, **key))


def test_the_same_article_text_cannot_be_stored_twice(db):
    Article.objects.create(text="Cùng một nội dung.")
    assert rejected(lambda: Article.objects.create(text="Cùng   một nội dung."))


def test_an_article_url_is_unique_when_given(db):
    Article.objects.create(text="Bài một.", url="https://example.vn/a")
    assert rejected(lambda: Article.objects.create(text="Bài hai.", url="https://example.vn/a"))


def test_articles_without_url_do_not_collide(db):
    Article.objects.create(text="Bài một.")
    Article.objects.create(text="Bài hai.")
    assert Article.objects.filter(url__isnull=True).count() == 2


def test_an_empty_article_is_rejected(db):
    assert rejected(lambda: Article.objects.create(text=""))


def test_an_organisation_cannot_end_before_it_starts(db):
    assert rejected(
        lambda: Organisation.objects.create(
            name="Đảng bộ xã A",
            short_name="A",
            level="commune",
            valid_from=dt.date(2025, 7, 1),
            valid_until=dt.date(2025, 6, 30),
        )
    )


def test_an_organisation_cannot_be_its_own_parent(district):
    assert rejected(lambda: Organisation.objects.filter(pk=district.pk).update(parent=district))
