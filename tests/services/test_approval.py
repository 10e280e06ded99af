"""Approval: figures and targets count only once an approver of the organisation, or of one
above it, has accepted them; what anyone else enters, imports or edits waits, proposed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from recruitment.models import Article, Figure, Organisation, Progress, Role, Status, Target
from recruitment.services.access import membership_grant
from recruitment.services.reported import (
    ReviewRefused,
    figure_accept,
    figure_create,
    reported_save,
    target_accept,
    target_create,
)

YEAR = {"period_start": dt.date(2022, 1, 1), "period_end": dt.date(2022, 12, 31)}


def _user(name: str, organisation: Organisation | None, role: str) -> User:
    user = User.objects.create_user(name, password="x", is_staff=True)
    membership_grant(user=user, organisation=organisation, role=role)
    return user


def _proposed(organisation: Organisation, value: int = 207, source: Article | None = None):
    return figure_create(
        organisation=organisation,
        metric="admitted",
        value=value,
        source=source,
        status=Status.PROPOSED,
        **YEAR,
    )


def _counted(organisation: Organisation) -> Decimal | None:
    row = Progress.objects.filter(organisation=organisation, year=2022).first()
    return row.admitted if row else None


def test_an_approver_of_the_province_accepts_a_districts_figure_and_it_counts(two_provinces):
    approver = _user("duyet", two_provinces["ninh-binh"], Role.APPROVER)
    figure = _proposed(two_provinces["kim-son"])

    figure_accept(figure=figure, user=approver)

    stored = Figure.objects.get()
    assert (stored.status, stored.reviewed_by, stored.reviewed_at is not None) == (
        Status.ACCEPTED,
        approver,
        True,
    )
    assert _counted(two_provinces["kim-son"]) == Decimal(207)


def test_an_approver_of_another_province_is_refused_and_nothing_changes(two_provinces):
    approver = _user("duyet", two_provinces["binh-phuoc"], Role.APPROVER)
    figure = _proposed(two_provinces["kim-son"])

    with pytest.raises(ReviewRefused) as refusal:
        figure_accept(figure=figure, user=approver)

    assert str(refusal.value) == "Bạn không có quyền duyệt số liệu của Kim Sơn."
    assert Figure.objects.values_list("status", "reviewed_by")[0] == (Status.PROPOSED, None)
    assert _counted(two_provinces["kim-son"]) is None


def test_data_entry_staff_of_the_organisation_cannot_accept(two_provinces):
    entry = _user("nhap", two_provinces["kim-son"], Role.ENTRY)
    figure = _proposed(two_provinces["kim-son"])

    with pytest.raises(ReviewRefused):
        figure_accept(figure=figure, user=entry)

    assert Figure.objects.get().status == Status.PROPOSED


def test_accepting_a_second_figure_for_the_same_source_and_period_is_refused_naming_the_first(
    two_provinces,
):
    approver = _user("duyet", None, Role.APPROVER)
    article = Article.objects.create(title="Kim Sơn kết nạp", text="…")
    figure_create(
        organisation=two_provinces["kim-son"], metric="admitted", value=207, source=article, **YEAR
    )
    second = _proposed(two_provinces["kim-son"], value=270, source=article)

    with pytest.raises(ReviewRefused) as refusal:
        figure_accept(figure=second, user=approver)

    assert str(refusal.value) == (
        "Đã có một số liệu được duyệt cho Kim Sơn, cùng chỉ tiêu, kỳ năm 2022 và cùng nguồn "
        "(giá trị 207): hãy sửa hoặc loại số liệu đó trước."
    )
    assert sorted(Figure.objects.values_list("value", "status")) == [
        (Decimal(207), Status.ACCEPTED),
        (Decimal(270), Status.PROPOSED),
    ]
    assert _counted(two_provinces["kim-son"]) == Decimal(207)


def test_a_target_is_accepted_by_its_approver(two_provinces):
    approver = _user("duyet", two_provinces["kim-son"], Role.APPROVER)
    target = target_create(
        organisation=two_provinces["kim-son"],
        metric="admitted",
        value=201,
        status=Status.PROPOSED,
        **YEAR,
    )

    target_accept(target=target, user=approver)

    assert Target.objects.values_list("status", "reviewed_by")[0] == (
        Status.ACCEPTED,
        approver.pk,
    )


def test_what_data_entry_staff_enter_as_accepted_waits_proposed_and_does_not_count(two_provinces):
    entry = _user("nhap", two_provinces["kim-son"], Role.ENTRY)

    figure_create(
        organisation=two_provinces["kim-son"], metric="admitted", value=207, user=entry, **YEAR
    )

    assert Figure.objects.values_list("status", "reviewed_by")[0] == (Status.PROPOSED, None)
    assert _counted(two_provinces["kim-son"]) is None


def test_an_approvers_own_entry_counts_at_once_stamped_with_them(two_provinces):
    approver = _user("duyet", two_provinces["kim-son"], Role.APPROVER)

    figure_create(
        organisation=two_provinces["kim-son"], metric="admitted", value=207, user=approver, **YEAR
    )

    assert Figure.objects.values_list("status", "reviewed_by")[0] == (
        Status.ACCEPTED,
        approver.pk,
    )
    assert _counted(two_provinces["kim-son"]) == Decimal(207)


def test_an_accepted_figure_edited_by_data_entry_staff_waits_for_approval_again(two_provinces):
    entry = _user("nhap", two_provinces["kim-son"], Role.ENTRY)
    figure = figure_create(
        organisation=two_provinces["kim-son"], metric="admitted", value=207, **YEAR
    )

    figure.value = Decimal(208)
    reported_save(row=figure, user=entry)

    assert Figure.objects.values_list("value", "status")[0] == (Decimal(208), Status.PROPOSED)
    assert _counted(two_provinces["kim-son"]) is None
