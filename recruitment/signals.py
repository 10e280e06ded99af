"""Receivers that keep derived state in step with the rows it comes from.

A membership changes through the `grant_access` command, the user page's inline table and the
memberships list; the admin's inlines save rows without calling a service, so the user's role
groups follow the memberships here, whatever saved them.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver

from .models import Membership
from .services.access import role_groups_ensure, role_groups_sync


@receiver([post_save, post_delete], sender=Membership, dispatch_uid="membership_role_groups")
def _membership_changed(sender, instance: Membership, **kwargs) -> None:
    role_groups_sync(user=instance.user)


def role_groups_after_migrate(sender, **kwargs) -> None:
    role_groups_ensure()


def connect(app_config) -> None:
    # After this app's migrations, when its permissions exist.
    post_migrate.connect(role_groups_after_migrate, sender=app_config, dispatch_uid="role_groups")
