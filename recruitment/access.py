"""Who may see which organisations: the one place the rule is written.

A superuser sees the whole country; a staff member sees the subtrees of the organisations they
belong to (`Membership`), the whole country with a national membership, and nothing without
one. An anonymous reader sees the whole country only where the dashboard is published
(`DASHBOARD_PUBLIC`, accepted figures only, as every page shows). Selectors take the reader as
`visible_to=` and filter with `visible`, so pages, charts and exports cannot disagree.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet

from .models import Membership, Organisation, Role, within


class WholeCountry:
    """The reader of a system task (a command, an export run by the office, a benchmark): it
    sees every organisation, and says so where it is used."""

    is_authenticated = True
    is_superuser = True


WHOLE_COUNTRY = WholeCountry()

Reader = AbstractBaseUser | AnonymousUser | WholeCountry

NOWHERE = Q(pk__in=[])
_CACHE = "_visible_memberships"


def _memberships(user: Reader) -> list[Membership]:
    """The user's memberships, read once per user object (one request)."""
    cached = getattr(user, _CACHE, None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).select_related("organisation"))
        setattr(user, _CACHE, cached)
    return cached


def sees_everything(user: Reader) -> bool:
    if not user.is_authenticated:
        return bool(settings.DASHBOARD_PUBLIC)
    if user.is_superuser:
        return True
    return any(m.organisation_id is None for m in _memberships(user))


def visible(user: Reader, *, through: str = "") -> Q:
    """Organisations (reached `through` a relation, e.g. "organisation__") the user may see."""
    if sees_everything(user):
        return Q()
    if not user.is_authenticated:
        return NOWHERE
    allowed = NOWHERE
    for membership in _memberships(user):
        allowed |= within(membership.organisation, through=through)
    return allowed


def visible_organisations(user: Reader) -> QuerySet[Organisation]:
    """The organisations the user may see, as a queryset to filter further."""
    return Organisation.objects.filter(visible(user))


def approves(user: Reader | None, organisation: Organisation) -> bool:
    """Whether `user` may accept figures and targets of `organisation`: an approver of it or of
    an organisation above it (or nationally), a superuser, or a system task (`None`, a command
    run by the office). Everyone else's entries wait for such a reviewer."""
    if user is None or user.is_superuser:
        return True
    if not user.is_authenticated:
        return False
    return any(
        m.organisation_id is None or organisation.is_within(m.organisation)
        for m in _approver_memberships(user)
    )


def is_approver(user: Reader | None) -> bool:
    """Whether `user` approves anywhere: their new entries start as accepted."""
    if user is None or user.is_superuser:
        return True
    return user.is_authenticated and bool(_approver_memberships(user))


def _approver_memberships(user: Reader) -> list[Membership]:
    return [m for m in _memberships(user) if m.role == Role.APPROVER]


def approvable(user: Reader, *, through: str = "") -> Q:
    """Organisations (reached `through` a relation) whose figures `user` may accept: the
    approver's queue is this filter over the proposed rows."""
    if user.is_superuser:
        return Q()
    if not user.is_authenticated:
        return NOWHERE
    allowed = NOWHERE
    for membership in _approver_memberships(user):
        if membership.organisation_id is None:
            return Q()
        allowed |= within(membership.organisation, through=through)
    return allowed
