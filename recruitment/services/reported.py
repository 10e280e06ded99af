"""Figures and targets entered, corrected, accepted, rejected or deleted one by one.

Each service writes the rows and brings the progress table up to date in the same transaction,
so a figure accepted in the admin is on every page at the next load. History is written by
`save()` and `delete()` (django-simple-history), with the acting user where one is given.

Only accepted rows count, and only an approver of the organisation or above (`access.approves`)
accepts: what anyone else enters, imports or edits waits, proposed, for one (`reviewed`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..access import approves
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


def reviewed(row: Reported, *, user, was: str | None = None) -> Reported:
    """`row` about to be written by `user`, its status as the approval rule allows.

    An entry that is not proposed needs a reviewer: from anyone who may not approve the
    organisation it stays (or goes back to) proposed, so an edit of an accepted figure by
    data-entry staff waits for approval again. A status set now (`was` is the stored one) is
    stamped with the reviewer and the time.
    """
    if row.status != Status.PROPOSED and not approves(user, row.organisation):
        row.status = Status.PROPOSED
    if row.status == Status.PROPOSED:
        row.reviewed_by, row.reviewed_at = None, None
    elif row.status != was:
        row.reviewed_by = user if getattr(user, "pk", None) is not None else None
        row.reviewed_at = timezone.now()
    return row


class StaleEdit(Exception):
    """An edit of a row someone else has saved since it was read; the message gives the
    newer value."""


def reported_check_fresh(*, row: Reported, seen_version: int) -> None:
    """Refuse an edit of `row` made on a page that showed `seen_version`, when it has been
    saved since: two people editing one figure must not silently overwrite each other.
    Locks the row, so called inside the edit's transaction the check holds until its save."""
    current = type(row).objects.select_for_update().filter(pk=row.pk).first()
    if current is None or current.version == seen_version:
        return
    raise StaleEdit(
        _(
            "Mục này vừa được người khác sửa sau khi bạn mở trang (giá trị hiện tại: "
            "%(value)s, trạng thái: %(status)s). Thay đổi của bạn chưa được lưu: hãy tải lại "
            "trang để xem giá trị mới rồi sửa lại nếu cần."
        )
        % {"value": f"{current.value.normalize():f}", "status": current.get_status_display()}
    )


@transaction.atomic
def reported_save(*, row: Reported, user=None) -> Reported:
    """Save a new or edited figure or target; the progress of where it was and where it is now
    (an edit may move it to another organisation or year) is recomputed."""
    previous = type(row).objects.filter(pk=row.pk).first() if row.pk else None
    reviewed(row, user=user, was=previous.status if previous else None)
    if previous is not None:
        row.version = previous.version + 1
    _with_user(row, user).save()
    progress_refresh(keys=reading_keys([row] if previous is None else [previous, row]))
    return row


class ReviewRefused(Exception):
    """An accept or reject that may not happen; the message says why, for the reviewer."""


def _review(row: Reported, *, status: str, user) -> bool:
    """Set one row's status under a row lock; whether it changed. Refused (and nothing
    written) for a reviewer who may not approve it, or when accepting would make a second
    accepted figure for the same organisation, metric, period and source."""
    model = type(row)
    locked = model.objects.select_for_update().select_related("organisation").get(pk=row.pk)
    if not approves(user, locked.organisation):
        raise ReviewRefused(
            _("Bạn không có quyền duyệt số liệu của %(organisation)s.")
            % {"organisation": locked.organisation}
        )
    if locked.status == status:
        return False
    if status == Status.ACCEPTED:
        twin = (
            model.objects.filter(
                organisation=locked.organisation_id,
                metric=locked.metric,
                period_start=locked.period_start,
                period_end=locked.period_end,
                source=locked.source_id,
                status=Status.ACCEPTED,
            )
            .exclude(pk=locked.pk)
            .first()
        )
        if twin is not None:
            raise ReviewRefused(_duplicate(locked, twin))
    locked.status = status
    locked.version += 1
    reviewed(locked, user=user, was=row.status)
    try:
        with transaction.atomic():
            _with_user(locked, user).save(
                update_fields=["status", "reviewed_by", "reviewed_at", "version"]
            )
    except IntegrityError as error:  # accepted by someone else between the check and the save
        raise ReviewRefused(_duplicate(locked, None)) from error
    row.status, row.reviewed_by, row.reviewed_at = status, locked.reviewed_by, locked.reviewed_at
    row.version = locked.version
    return True


def _duplicate(row: Reported, twin: Reported | None) -> str:
    message = _(
        "Đã có một số liệu được duyệt cho %(organisation)s, cùng chỉ tiêu, kỳ %(period)s và "
        "cùng nguồn"
    ) % {"organisation": row.organisation, "period": row.period_label}
    if twin is not None:
        message += _(" (giá trị %(value)s)") % {"value": f"{twin.value.normalize():f}"}
    return message + _(": hãy sửa hoặc loại số liệu đó trước.")


@transaction.atomic
def figure_accept(*, figure: Figure, user) -> Figure:
    """Accept one figure: it counts from now on, in the progress table of the same
    transaction. Raises `ReviewRefused` with the reason."""
    if _review(figure, status=Status.ACCEPTED, user=user):
        progress_refresh(keys=reading_keys([figure]))
    return figure


@transaction.atomic
def target_accept(*, target: Target, user) -> Target:
    """Accept one target, as `figure_accept` does a figure."""
    if _review(target, status=Status.ACCEPTED, user=user):
        progress_refresh(keys=reading_keys([target]))
    return target


@dataclass
class ReviewOutcome:
    changed: int = 0
    refused: list[str] = field(default_factory=list)


@transaction.atomic
def reported_set_status(*, rows: Iterable[Reported], status: str, user=None) -> ReviewOutcome:
    """Accept or reject many figures and targets (an admin action, the approval queue): each
    row on its own, a refused one left as it was with its reason, the rest done."""
    outcome = ReviewOutcome()
    changed = []
    for row in rows:
        try:
            with transaction.atomic():
                if _review(row, status=status, user=user):
                    changed.append(row)
        except ReviewRefused as refusal:
            outcome.refused.append(str(refusal))
    progress_refresh(keys=reading_keys(changed))
    outcome.changed = len(changed)
    return outcome


@transaction.atomic
def reported_delete(*, rows: Iterable[Reported], user=None) -> int:
    """Delete figures and targets; how many."""
    rows = list(rows)
    keys = reading_keys(rows)
    for row in rows:
        _with_user(row, user).delete()
    progress_refresh(keys=keys)
    return len(rows)
