"""Roles as Django groups: what each role may do in the admin, in one table.

A membership (`Membership`: user, organisation, role) says where a staff member works and in
which role; the role's group says what they may do there. Where is `recruitment.access`'s rule
(the subtree); what is the group's model permissions, which the admin checks. A user is in the
groups of the roles their memberships hold, kept so by `services.access.role_groups_sync`
whenever a membership is granted, changed or removed, however it is (the command, the admin's
user page, the memberships list).

| role | group | may |
| --- | --- | --- |
| viewer | Xem | see organisations, figures, targets, articles (read-only admin, dashboard) |
| entry | Nhập liệu | also enter and correct figures and targets, import articles (one or many) |
| approver | Duyệt | also delete figures and targets; accepting needs this role's membership too |
"""

from __future__ import annotations

from django.utils import translation

from .models import Role

_VIEW = [
    "view_organisation",
    "view_organisationalias",
    "view_figure",
    "view_target",
    "view_article",
    "view_importjob",
    "view_learnedmention",
]
_ENTER = [
    "add_figure",
    "change_figure",
    "add_target",
    "change_target",
    "add_article",
    "change_article",
    "add_importjob",
    "change_importjob",
    "add_organisationalias",
    # The importer's lessons ("Đảng ủy xã A" is xã A): whoever imports corrects a wrong one.
    "change_learnedmention",
    "delete_learnedmention",
]
_APPROVE = ["delete_figure", "delete_target"]

# The codenames (of this app's models) each role's group holds.
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.VIEWER: frozenset(_VIEW),
    Role.ENTRY: frozenset(_VIEW + _ENTER),
    Role.APPROVER: frozenset(_VIEW + _ENTER + _APPROVE),
}


def group_name(role: str) -> str:
    """The group of a role is named as staff call the role ("Xem", "Nhập liệu", "Duyệt"),
    whatever language the request that grants it is in."""
    with translation.override("vi"):
        return str(Role(role).label)
