"""Memberships: who reads (and, by role, enters or approves) which part of the tree."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, Group, Permission
from django.db import transaction

from ..models import Membership, Organisation, Role
from ..roles import ROLE_PERMISSIONS, group_name


@transaction.atomic
def membership_grant(
    *,
    user: AbstractBaseUser,
    organisation: Organisation | None,
    role: str = Role.VIEWER,
    by: AbstractBaseUser | None = None,
) -> Membership:
    """Give `user` the subtree of `organisation` (the whole country when None) with `role`;
    granting the same organisation again changes the role. Recorded in the history as done
    `by` that account (a command's `--user`; the admin records its own user)."""
    membership = Membership.objects.filter(user=user, organisation=organisation).first()
    if membership is not None and membership.role == role:
        return membership
    if membership is None:
        membership = Membership(user=user, organisation=organisation)
    membership.role = role
    if by is not None:
        membership._history_user = by
    membership.save()
    return membership


def role_groups_ensure() -> dict[str, Group]:
    """The group of each role with exactly the permissions `roles.ROLE_PERMISSIONS` gives it
    (created, or put back if someone edited it); run after every migrate."""
    groups = {}
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name(role))
        permissions = Permission.objects.filter(
            content_type__app_label="recruitment", codename__in=codenames
        )
        group.permissions.set(permissions)
        groups[role] = group
    return groups


def role_groups_sync(*, user: AbstractBaseUser) -> None:
    """Put `user` in the groups of the roles their memberships hold, and in no other role's
    group: a role granted, changed or taken away changes what they may do at once."""
    groups = {
        group.name: group
        for group in Group.objects.filter(name__in=[group_name(r) for r in ROLE_PERMISSIONS])
    }
    if len(groups) < len(ROLE_PERMISSIONS):
        groups = {group.name: group for group in role_groups_ensure().values()}
    held = {
        group_name(role)
        for role in Membership.objects.filter(user=user).values_list("role", flat=True)
    }
    user.groups.remove(*(g for name, g in groups.items() if name not in held))
    user.groups.add(*(g for name, g in groups.items() if name in held))
