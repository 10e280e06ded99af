"""Roles as Django groups: a membership's role puts its user in the role's group, and the group
holds what the role may do in the admin."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from recruitment.models import Membership, Role
from recruitment.roles import ROLE_PERMISSIONS, group_name
from recruitment.services.access import membership_grant


@pytest.fixture
def clerk(django_user_model):
    return django_user_model.objects.create_user("clerk", password="secret-pass-123", is_staff=True)


def _groups(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def test_each_role_has_its_group_with_exactly_its_permissions(db):
    held = {
        group.name: set(group.permissions.values_list("codename", flat=True))
        for group in Group.objects.all()
    }
    assert held == {
        "Xem": set(ROLE_PERMISSIONS[Role.VIEWER]),
        "Nhập liệu": set(ROLE_PERMISSIONS[Role.ENTRY]),
        "Duyệt": set(ROLE_PERMISSIONS[Role.APPROVER]),
    }


def test_the_roles_widen_from_viewer_to_entry_to_approver():
    assert ROLE_PERMISSIONS[Role.VIEWER] < ROLE_PERMISSIONS[Role.ENTRY]
    assert ROLE_PERMISSIONS[Role.ENTRY] < ROLE_PERMISSIONS[Role.APPROVER]


def test_granting_access_from_the_command_puts_the_user_in_the_roles_group(clerk, district):
    call_command("grant_access", "clerk", str(district.pk), "--role", "entry", verbosity=0)
    assert _groups(clerk) == {"Nhập liệu"}
    assert clerk.has_perm("recruitment.add_figure")
    assert not clerk.has_perm("recruitment.delete_figure")


def test_changing_the_role_moves_the_user_to_the_new_roles_group(clerk, district):
    membership_grant(user=clerk, organisation=district, role=Role.ENTRY)
    membership_grant(user=clerk, organisation=district, role=Role.VIEWER)
    assert _groups(clerk) == {"Xem"}


def test_two_memberships_give_the_groups_of_both_roles(clerk, province, district):
    membership_grant(user=clerk, organisation=province, role=Role.VIEWER)
    membership_grant(user=clerk, organisation=district, role=Role.APPROVER)
    assert _groups(clerk) == {"Xem", "Duyệt"}


def test_removing_the_last_membership_of_a_role_takes_its_group_away(clerk, province, district):
    membership_grant(user=clerk, organisation=province, role=Role.VIEWER)
    membership_grant(user=clerk, organisation=district, role=Role.APPROVER)
    Membership.objects.get(user=clerk, organisation=district).delete()
    assert _groups(clerk) == {"Xem"}


def test_a_group_the_user_was_given_by_hand_is_kept(clerk, district):
    other = Group.objects.create(name="Văn phòng")
    clerk.groups.add(other)
    membership_grant(user=clerk, organisation=district, role=Role.VIEWER)
    assert _groups(clerk) == {"Văn phòng", "Xem"}


def test_the_user_page_grants_a_role_through_its_memberships_table(admin_client, clerk, district):
    url = f"/admin/auth/user/{clerk.pk}/change/"
    form = admin_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, (list, tuple))
    }
    data.update(
        {
            "username": "clerk",
            "is_staff": "on",
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "08:00:00",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-0-organisation": str(district.pk),
            "memberships-0-role": "approver",
            "memberships-0-user": str(clerk.pk),
        }
    )
    data.pop("password", None)
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert _groups(clerk) == {group_name(Role.APPROVER)}
