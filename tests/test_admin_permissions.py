"""Who may approve: accepting or rejecting a figure or a target changes it, so the admin's
actions need the change permission; staff who may only view neither see nor run them, and
staff who may change but are not approvers of the organisation have the action refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from recruitment.models import Figure, Membership, Role, Status, Target


def _staff(*codenames: str, national: bool = True, role: str = Role.APPROVER) -> User:
    """A staff account with these permissions and no others, of the central office unless
    `national=False`: its role's group (which the membership gives) is taken away by hand."""
    user = User.objects.create_user("can-bo", password="x", is_staff=True)
    if national:
        Membership.objects.create(user=user, organisation=None, role=role)
    user.groups.clear()
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return User.objects.get(pk=user.pk)  # permissions are cached per user object


@pytest.fixture
def proposed(district):
    common = {
        "organisation": district,
        "metric": "admitted",
        "period_start": dt.date(2022, 1, 1),
        "period_end": dt.date(2022, 12, 31),
        "status": Status.PROPOSED,
    }
    return Figure.objects.create(value=207, **common), Target.objects.create(value=201, **common)


@pytest.mark.parametrize("action", ["mark_accepted", "mark_rejected"])
@pytest.mark.parametrize("model", [Figure, Target], ids=lambda m: m.__name__)
def test_staff_who_may_only_view_cannot_approve_or_reject(client, proposed, model, action):
    name = model._meta.model_name
    client.force_login(_staff(f"view_{name}"))
    row = model.objects.get()
    url = reverse(f"admin:recruitment_{name}_changelist")

    response = client.post(url, {"action": action, "_selected_action": [row.pk]}, follow=True)

    assert response.status_code == 200
    assert model.objects.values_list("status", flat=True).get() == Status.PROPOSED
    assert row.history.count() == 1  # only its creation: nobody is recorded as approving


@pytest.mark.parametrize("model", [Figure, Target], ids=lambda m: m.__name__)
def test_staff_who_may_only_view_are_not_offered_the_actions(client, proposed, model):
    name = model._meta.model_name
    client.force_login(_staff(f"view_{name}"))

    response = client.get(reverse(f"admin:recruitment_{name}_changelist"))

    assert response.status_code == 200
    assert response.context["action_form"] is None  # no action at all: no select, no button


@pytest.mark.parametrize("model", [Figure, Target], ids=lambda m: m.__name__)
def test_staff_who_may_change_approve(client, proposed, model):
    name = model._meta.model_name
    client.force_login(_staff(f"view_{name}", f"change_{name}"))
    row = model.objects.get()
    url = reverse(f"admin:recruitment_{name}_changelist")

    client.post(url, {"action": "mark_accepted", "_selected_action": [row.pk]})

    assert model.objects.values_list("status", flat=True).get() == Status.ACCEPTED


@pytest.mark.parametrize("model", [Figure, Target], ids=lambda m: m.__name__)
def test_data_entry_staff_who_may_change_have_approving_refused(client, proposed, model):
    name = model._meta.model_name
    client.force_login(_staff(f"view_{name}", f"change_{name}", role=Role.ENTRY))
    row = model.objects.get()
    url = reverse(f"admin:recruitment_{name}_changelist")

    response = client.post(
        url, {"action": "mark_accepted", "_selected_action": [row.pk]}, follow=True
    )

    assert [str(m) for m in response.context["messages"]] == [
        "Đã cập nhật 0 mục.",
        "Bạn không có quyền duyệt số liệu của Đảng bộ huyện Kim Sơn.",
    ]
    assert model.objects.values_list("status", flat=True).get() == Status.PROPOSED


# --- scoped to a subtree ------------------------------------------------------------------------


def _figure(organisation, value):
    return Figure.objects.create(
        organisation=organisation,
        metric="admitted",
        value=value,
        period_start=dt.date(2022, 1, 1),
        period_end=dt.date(2022, 12, 31),
        status=Status.PROPOSED,
    )


def _scoped_staff(organisation) -> User:
    user = _staff("view_figure", "change_figure", "view_organisation", national=False)
    Membership.objects.create(user=user, organisation=organisation)
    return user


def test_scoped_staff_list_only_their_subtrees_figures(client, two_provinces):
    _figure(two_provinces["kim-son"], 207)
    _figure(two_provinces["loc-ninh"], 99)
    client.force_login(_scoped_staff(two_provinces["binh-phuoc"]))

    response = client.get(reverse("admin:recruitment_figure_changelist"))

    assert [f.value for f in response.context["cl"].result_list] == [99]


def test_scoped_staff_cannot_open_or_approve_another_subtrees_figure(client, two_provinces):
    other = _figure(two_provinces["kim-son"], 207)
    client.force_login(_scoped_staff(two_provinces["binh-phuoc"]))
    url = reverse("admin:recruitment_figure_changelist")

    page = client.get(reverse("admin:recruitment_figure_change", args=[other.pk]))
    client.post(url, {"action": "mark_accepted", "_selected_action": [other.pk]})

    assert page.status_code == 302  # the admin's answer for a row that is not there
    assert Figure.objects.get(pk=other.pk).status == Status.PROPOSED


def test_the_organisation_autocomplete_offers_only_the_subtree(client, two_provinces):
    client.force_login(_scoped_staff(two_provinces["binh-phuoc"]))
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "recruitment", "model_name": "figure", "field_name": "organisation"},
    )
    assert {r["text"] for r in response.json()["results"]} == {"Bình Phước", "Lộc Ninh"}
