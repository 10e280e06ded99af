"""Who may approve: accepting or rejecting a figure or a target changes it, so the admin's
actions need the change permission; staff who may only view neither see nor run them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from recruitment.models import Figure, Status, Target


def _staff(*codenames: str) -> User:
    user = User.objects.create_user("can-bo", password="x", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


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
