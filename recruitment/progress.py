"""The pace rule: is an organisation on course for its admission target?

A count on its own says little in September; what matters is the share of the target reached
against the share of the period gone by. The rule lives here, as the table `PACE_STEPS` read by
one plain function, so the overview, the organisation page, the map and the CSV report all judge
the same way; the CSV exports that the database writes turn the same table into a SQL `CASE`
(`dashboard.csv_sql`), so that copy cannot drift either.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# Below this fraction of the expected pace an organisation is "far behind", not merely behind.
FAR_BEHIND_PACE = 0.5


class PaceStatus(enum.Enum):
    """A progress status with its word, colour and icon (colour is never the only signal)."""

    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    FAR_BEHIND = "far_behind"
    NO_TARGET = "no_target"

    @property
    def label(self) -> Promise:
        return _LABELS[self]

    @property
    def colour(self) -> str:
        """A colour name; CSS and charts map it to a shade (`status-green`, …)."""
        return _COLOURS[self]

    @property
    def icon(self) -> str:
        return _ICONS[self]

    @property
    def rank(self) -> int:
        """Order from best to worst, for sorting and legends."""
        return list(PaceStatus).index(self)


_LABELS = {
    PaceStatus.ACHIEVED: _("Đạt / Vượt chỉ tiêu"),
    PaceStatus.ON_TRACK: _("Đúng tiến độ"),
    PaceStatus.BEHIND: _("Chậm tiến độ"),
    PaceStatus.FAR_BEHIND: _("Chậm nhiều"),
    PaceStatus.NO_TARGET: _("Chưa có chỉ tiêu"),
}
_COLOURS = {
    PaceStatus.ACHIEVED: "green",
    PaceStatus.ON_TRACK: "blue",
    PaceStatus.BEHIND: "amber",
    PaceStatus.FAR_BEHIND: "red",
    PaceStatus.NO_TARGET: "grey",
}
# Distinct shapes as well as colours, for readers who cannot tell green from red.
_ICONS = {
    PaceStatus.ACHIEVED: "✔",
    PaceStatus.ON_TRACK: "➜",
    PaceStatus.BEHIND: "▲",
    PaceStatus.FAR_BEHIND: "✖",
    PaceStatus.NO_TARGET: "○",
}


@dataclass(frozen=True)
class PaceStep:
    """One line of the rule: `status` when the share of the target reached is at least (with
    `below`, under) `factor` times the bar, the bar being the whole target or, `of_elapsed`, the
    share of the period gone by."""

    status: PaceStatus
    factor: float
    of_elapsed: bool
    below: bool = False


# The rule, first line that holds wins, else PACE_OTHERWISE. Data rather than `if`s so that the
# SQL the database-written exports run is generated from it instead of copied by hand.
PACE_STEPS = (
    PaceStep(PaceStatus.ACHIEVED, 1.0, of_elapsed=False),
    PaceStep(PaceStatus.ON_TRACK, 1.0, of_elapsed=True),
    PaceStep(PaceStatus.FAR_BEHIND, FAR_BEHIND_PACE, of_elapsed=True, below=True),
)
PACE_OTHERWISE = PaceStatus.BEHIND


def pace_status(
    *, percent_of_target: float | Decimal | None, elapsed_share: float | None
) -> PaceStatus:
    """Judge progress from the % of target reached and the share of the period elapsed (0–1).

    `elapsed_share` is taken at the date of the latest figure, not today: a report published in
    June says nothing about July, so judging it against December would call everyone behind.
    Without a percentage there is no target to judge against.
    """
    if percent_of_target is None:
        return PaceStatus.NO_TARGET
    reached = float(percent_of_target) / 100
    expected = 1.0 if elapsed_share is None else elapsed_share
    for step in PACE_STEPS:
        bar = step.factor * (expected if step.of_elapsed else 1.0)
        if (reached < bar) if step.below else (reached >= bar):
            return step.status
    return PACE_OTHERWISE
