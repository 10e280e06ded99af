"""Granting access: `manage.py grant_access` and the admin's user page."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.urls import reverse

from recruitment.models import Membership, Role


@pytest.fixture
def officer(db):
    return User.objects.create_user("can-bo", password="secret-pass-123")


def _memberships(user: User) -> list[tuple[int | None, str]]:
    return list(user.memberships.order_by("pk").values_list("organisation_id", "role"))


def test_grant_access_gives_a_subtree_with_a_role(officer, district):
    call_command("grant_access", "can-bo", str(district.pk), "--role", "approver")
    assert _memberships(officer) == [(district.pk, Role.APPROVER)]


def test_granting_the_same_organisation_again_changes_the_role(officer, district):
    call_command("grant_access", "can-bo", str(district.pk), "--role", "entry")
    call_command("grant_access", "can-bo", str(district.pk))
    assert _memberships(officer) == [(district.pk, Role.VIEWER)]
    assert Membership.history.count() == 2  # the grant and the change, both recorded


def test_grant_access_to_the_whole_country(officer):
    call_command("grant_access", "can-bo", "toan-quoc")
    assert _memberships(officer) == [(None, Role.VIEWER)]


@pytest.mark.parametrize(
    ("username", "organisation", "message"),
    [
        ("khong-co", "1", "Không có người dùng 'khong-co'."),
        ("can-bo", "999999", "Không có tổ chức mã '999999'."),
        ("can-bo", "abc", "Không có tổ chức mã 'abc'."),
    ],
)
def test_grant_access_refuses_unknown_names_with_a_message(
    officer, username, organisation, message
):
    with pytest.raises(CommandError, match=message):
        call_command("grant_access", username, organisation)
    assert _memberships(officer) == []


def test_the_user_page_lists_and_grants_memberships(admin_client, officer, district):
    Membership.objects.create(user=officer, organisation=district, role=Role.ENTRY)
    response = admin_client.get(reverse("admin:auth_user_change", args=[officer.pk]))
    assert response.status_code == 200
    formset = next(
        f for f in response.context["inline_admin_formsets"] if f.formset.model is Membership
    )
    assert [(f.instance.organisation_id, f.instance.role) for f in formset.formset.forms[:1]] == [
        (district.pk, Role.ENTRY)
    ]
