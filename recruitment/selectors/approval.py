"""The approval queue: the proposed figures and targets a reviewer may accept, oldest first."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from ..access import Reader, approvable
from ..models import Figure, Status, Target

# Rows shown per kind: a queue is worked through from the top; the rest wait for the next page.
QUEUE_PAGE = 100


@dataclass(frozen=True)
class ApprovalQueue:
    figures: list[Figure]
    targets: list[Target]
    figures_waiting: int
    targets_waiting: int

    @property
    def waiting(self) -> int:
        return self.figures_waiting + self.targets_waiting


def _proposed(model: type[Figure] | type[Target], reviewer: Reader) -> QuerySet:
    # Accepting changes the row: as for the admin's actions, an account that may only view
    # figures (or targets) has none of them to act on, whatever its memberships.
    permission = f"{model._meta.app_label}.change_{model._meta.model_name}"
    if not (reviewer.is_superuser or reviewer.has_perm(permission)):
        return model.objects.none()
    return (
        model.objects.filter(approvable(reviewer, through="organisation__"))
        .filter(status=Status.PROPOSED)
        .select_related("organisation", "source", "entered_by")
        .order_by("created_at", "pk")
    )


def approval_queue(*, reviewer: Reader, limit: int = QUEUE_PAGE) -> ApprovalQueue:
    """What waits for `reviewer`: proposed rows of the organisations they approve (their
    subtrees; none for who approves nowhere), the first `limit` of each kind and the counts."""
    figures, targets = _proposed(Figure, reviewer), _proposed(Target, reviewer)
    return ApprovalQueue(
        figures=list(figures[:limit]),
        targets=list(targets[:limit]),
        figures_waiting=figures.count(),
        targets_waiting=targets.count(),
    )


def approval_rows(
    *, reviewer: Reader, figure_ids: list[int], target_ids: list[int]
) -> list[Figure | Target]:
    """The chosen proposed rows the reviewer may act on; any other id is ignored."""
    return [
        *_proposed(Figure, reviewer).filter(pk__in=figure_ids),
        *_proposed(Target, reviewer).filter(pk__in=target_ids),
    ]
