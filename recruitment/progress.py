"""The pace rule: is an organisation on course for its admission target?

A count on its own says little in September; what matters is the share of the target reached
against the share of the period gone by. The rule lives here, in one plain function, so the
overview, the organisation page, the map and the CSV report all judge the same way.
"""

from __future__ import annotations

import enum
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
    if reached >= 1:
        return PaceStatus.ACHIEVED
    expected = 1.0 if elapsed_share is None else elapsed_share
    if reached >= expected:
        return PaceStatus.ON_TRACK
    if reached < expected * FAR_BEHIND_PACE:
        return PaceStatus.FAR_BEHIND
    return PaceStatus.BEHIND
