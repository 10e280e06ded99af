"""Figures and targets entered, corrected, accepted, rejected or deleted one by one.

Each service writes the rows and brings the progress table up to date in the same transaction,
so a figure accepted in the admin is on every page at the next load. History is written by
`save()` and `delete()` (django-simple-history), with the acting user where one is given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction

from ..models import Article, Figure, Organisation, Status, Target
from .progress import progress_refresh, reading_keys

Reported = Figure | Target


def _with_user(row: Reported, user) -> Reported:
    if user is not None and getattr(user, "pk", None) is not None:
        row._history_user = user
    return row


def figure_create(
    *,
    organisation: Organisation,
    metric: str,
    period_start: dt.date,
    period_end: dt.date,
    value: Decimal | int | float,
    source: Article | None = None,
    quote: str = "",
    status: str = Status.ACCEPTED,
    approximate: bool = False,
    quote_start: int | None = None,
    quote_end: int | None = None,
    user=None,
) -> Figure:
    return _create(Figure, locals())


def target_create(
    *,
    organisation: Organisation,
    metric: str,
    period_start: dt.date,
    period_end: dt.date,
    value: Decimal | int | float,
    source: Article | None = None,
    quote: str = "",
    status: str = Status.ACCEPTED,
    derived: bool = False,
    user=None,
) -> Target:
    return _create(Target, locals())


def _create(model: type[Reported], arguments: dict) -> Reported:
    """A new figure or target from its service's keyword arguments, the value read exactly
    (2.5, not 2.4999…) and the user recorded as who entered it."""
    fields = {**arguments, "value": Decimal(str(arguments["value"]))}
    user = fields.pop("user")
    return reported_save(row=model(**fields, entered_by=user), user=user)


@transaction.atomic
def reported_save(*, row: Reported, user=None) -> Reported:
    """Save a new or edited figure or target; the progress of where it was and where it is now
    (an edit may move it to another organisation or year) is recomputed."""
    previous = type(row).objects.filter(pk=row.pk).first() if row.pk else None
    _with_user(row, user).save()
    progress_refresh(keys=reading_keys([row] if previous is None else [previous, row]))
    return row


@transaction.atomic
def reported_set_status(*, rows: Iterable[Reported], status: str, user=None) -> int:
    """Accept or reject figures and targets; how many changed."""
    changed = []
    for row in rows:
        if row.status != status:
            row.status = status
            _with_user(row, user).save(update_fields=["status"])
            changed.append(row)
    progress_refresh(keys=reading_keys(changed))
    return len(changed)


@transaction.atomic
def reported_delete(*, rows: Iterable[Reported], user=None) -> int:
    """Delete figures and targets; how many."""
    rows = list(rows)
    keys = reading_keys(rows)
    for row in rows:
        _with_user(row, user).delete()
    progress_refresh(keys=keys)
    return len(rows)


def reported_changed(*, before: Iterable[Reported], after: Iterable[Reported]) -> None:
    """Recompute the progress touched by rows a form set has already saved (admin inlines):
    `before` as they were read before the save, `after` as they are now."""
    progress_refresh(keys=reading_keys([*before, *after]))
