"""Memberships: who reads (and, by role, enters or approves) which part of the tree."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from ..models import Membership, Organisation, Role


@transaction.atomic
def membership_grant(
    *, user: AbstractBaseUser, organisation: Organisation | None, role: str = Role.VIEWER
) -> Membership:
    """Give `user` the subtree of `organisation` (the whole country when None) with `role`;
    granting the same organisation again changes the role. Recorded in the history."""
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    if not created and membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    return membership
