"""History: every admin change to figures, targets, organisations, aliases and articles is
recorded with who, when and the reason given; a figure's change can be reverted, and the
revert is itself a recorded change that the progress table follows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from recruitment.models import Article, OrganisationAlias, Progress

YEAR = {"period_start": dt.date(2022, 1, 1), "period_end": dt.date(2022, 12, 31)}


@pytest.fixture
def staff(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def figure(district):
    from recruitment.services.reported import figure_create

    return figure_create(organisation=district, metric="admitted", value=207, **YEAR)


def _figure_form(figure, **overrides) -> dict:
    data = {
        "organisation": figure.organisation_id,
        "metric": "admitted",
        "value": str(figure.value),
        "year": "",
        "period_start": "2022-01-01",
        "period_end": "2022-12-31",
        "source": "",
        "quote": "",
        "status": "accepted",
        "seen_version": str(figure.version),
        "change_reason": "",
    }
    return {**data, **overrides}


def _counted(figure) -> Decimal:
    return Progress.objects.get(organisation=figure.organisation, year=2022).admitted


def test_an_edit_is_recorded_with_its_user_and_reason(staff, figure, admin_user):
    staff.post(
        reverse("admin:recruitment_figure_change", args=[figure.pk]),
        _figure_form(figure, value="208", change_reason="Theo báo cáo quý IV"),
    )
    latest = figure.history.latest()
    assert (latest.value, latest.history_user, latest.history_change_reason) == (
        Decimal(208),
        admin_user,
        "Theo báo cáo quý IV",
    )


def test_reverting_a_change_restores_the_value_as_a_new_recorded_change(staff, figure):
    staff.post(
        reverse("admin:recruitment_figure_change", args=[figure.pk]),
        _figure_form(figure, value="208"),
    )
    first = figure.history.earliest()
    figure.refresh_from_db()
    url = reverse("admin:recruitment_figure_simple_history", args=[figure.pk, first.history_id])

    response = staff.post(url, _figure_form(figure, value="207", change_reason="Nhập nhầm"))

    assert response.status_code == 302
    assert [(h.value, h.history_change_reason) for h in figure.history.order_by("history_id")] == [
        (Decimal(207), None),
        (Decimal(208), None),
        (Decimal(207), "Nhập nhầm"),
    ]
    assert _counted(figure) == Decimal(207)


def test_an_organisation_edit_is_recorded_with_its_reason(staff, district):
    form = {
        "name": district.name,
        "short_name": district.short_name,
        "level": district.level,
        "parent": district.parent_id,
        "official_code": "",
        "valid_from": "",
        "valid_until": "2025-06-30",
        "successor": "",
        "population": "75000",
        "population_year": "2022",
        "latitude": "",
        "longitude": "",
        "change_reason": "Số dân theo niên giám 2022",
        **{f"{p}-{k}": v for p in ("aliases", "targets", "figures") for k, v in _empty_inline()},
    }
    response = staff.post(
        reverse("admin:recruitment_organisation_change", args=[district.pk]), form
    )
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    latest = district.history.latest()
    assert (latest.population, latest.history_change_reason) == (
        75000,
        "Số dân theo niên giám 2022",
    )


def _empty_inline():
    return [("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"), ("MIN_NUM_FORMS", "0")] + [
        ("MAX_NUM_FORMS", "1000")
    ]


def test_articles_and_aliases_keep_a_history(district):
    article = Article.objects.create(title="Bài", text="Kim Sơn kết nạp 207 đảng viên.")
    article.title = "Bài đã sửa"
    article.save()
    alias = OrganisationAlias.objects.create(organisation=district, name="Huyện ủy Kim Sơn")
    assert [h.title for h in article.history.order_by("history_id")] == ["Bài", "Bài đã sửa"]
    assert [h.name for h in alias.history.all()] == ["Huyện ủy Kim Sơn"]


def test_an_article_cannot_be_reverted_since_its_text_is_not_kept(staff, district):
    article = Article.objects.create(title="Bài", text="Kim Sơn kết nạp 207 đảng viên.")
    record = article.history.latest()
    article.title = "Bài đã sửa"
    article.save()
    url = reverse("admin:recruitment_article_simple_history", args=[article.pk, record.history_id])

    shown, posted = staff.get(url), staff.post(url, {"title": "Bài", "text": ""})

    assert (shown.status_code, posted.status_code) == (200, 403)
    assert list(Article.objects.values_list("title", "text")) == [
        ("Bài đã sửa", "Kim Sơn kết nạp 207 đảng viên.")
    ]
