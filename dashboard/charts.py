"""Chart.js configurations as plain dicts, handed to the page with `json_script`.

Building the config in Python keeps the numbers, labels and colours next to the selectors that
produce them; `static/js/charts.js` only finds each canvas and calls `new Chart(canvas, config)`.
Every chart has a table beside it with the same numbers, for screen readers and for copying.
Status colours come with the status icon in the labels, so colour is never the only signal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.templatetags.static import static
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from recruitment.models import Level
from recruitment.progress import PaceStatus
from recruitment.selectors import MembersPoint, PipelineRow, ProgressRow, TermProgress

COLOURS = {
    "green": "#2e7d32",
    "blue": "#1565c0",
    "amber": "#d18b00",
    "red": "#c62828",
    "grey": "#8a8a8a",
}
TARGET_COLOUR = "#b0bec5"
LINE_COLOUR = "#6a1b9a"


def _base(kind: str, labels: list, datasets: list[dict], **options) -> dict:
    """Common options: the active language for Chart.js's number formatting (1.455 / 1,455)."""
    return {
        "type": kind,
        "data": {"labels": labels, "datasets": datasets},
        "options": {
            "locale": get_language() or "vi",
            "responsive": True,
            "maintainAspectRatio": False,
            "animation": False,
            **options,
        },
    }


def _num(value) -> float | int | None:
    return None if value is None else (int(value) if float(value).is_integer() else float(value))


def status_colour(status: PaceStatus) -> str:
    return COLOURS[status.colour]


def _label_with_status(name: str, status: PaceStatus) -> list[str]:
    # A two-line tick: the name, then the status icon and word.
    return [name, f"{status.icon} {status.label}"]


def progress_bars(rows: Sequence[ProgressRow]) -> dict:
    """Admitted (coloured by status) against target, one pair of bars per organisation."""
    return _base(
        "bar",
        [_label_with_status(r.short_name, r.status) for r in rows],
        [
            {
                "label": _("Chỉ tiêu kết nạp"),
                "data": [_num(r.target) for r in rows],
                "backgroundColor": TARGET_COLOUR,
            },
            {
                "label": _("Đã kết nạp"),
                "data": [_num(r.admitted) for r in rows],
                "backgroundColor": [status_colour(r.status) for r in rows],
            },
        ],
        scales={"y": {"beginAtZero": True}},
    )


def yearly_series(rows: Sequence[ProgressRow]) -> dict:
    """Bars of admitted against target by year, and the % of target as a line on its own axis."""
    return _base(
        "bar",
        [str(r.year) for r in rows],
        [
            {
                "label": _("Chỉ tiêu kết nạp"),
                "data": [_num(r.target) for r in rows],
                "backgroundColor": TARGET_COLOUR,
                "yAxisID": "y",
            },
            {
                "label": _("Đã kết nạp"),
                "data": [_num(r.admitted) for r in rows],
                "backgroundColor": [status_colour(r.status) for r in rows],
                "yAxisID": "y",
            },
            {
                "type": "line",
                # Translators: a percent sign, not a format. xgettext:no-python-format
                "label": _("Tỷ lệ đạt (% chỉ tiêu)"),
                "data": [r.percent_of_target for r in rows],
                "borderColor": LINE_COLOUR,
                "backgroundColor": LINE_COLOUR,
                "pointStyle": "rectRot",
                "yAxisID": "pct",
            },
        ],
        scales={
            "y": {"beginAtZero": True, "position": "left"},
            "pct": {
                "beginAtZero": True,
                "position": "right",
                "grid": {"drawOnChartArea": False},
                "title": {"display": True, "text": "%"},
            },
        },
    )


def _year_fraction(day: dt.date) -> float:
    """A date as a decimal year, so a linear axis can place it without a date adapter."""
    start = dt.date(day.year, 1, 1)
    days = (dt.date(day.year + 1, 1, 1) - start).days
    return round(day.year + (day - start).days / days, 3)


def term_chart(term: TermProgress) -> dict:
    """Cumulative admissions since the term began, and the straight pace line to the target."""
    datasets = [
        {
            "label": _("Đã kết nạp (cộng dồn)"),
            "data": [{"x": _year_fraction(p.day), "y": _num(p.cumulative)} for p in term.points],
            "borderColor": status_colour(term.status),
            "backgroundColor": status_colour(term.status),
            "showLine": True,
            "pointRadius": 5,
        }
    ]
    if term.pace_line:
        datasets.append(
            {
                "label": _("Tiến độ đều đến chỉ tiêu nhiệm kỳ"),
                "data": [{"x": _year_fraction(d), "y": _num(v)} for d, v in term.pace_line],
                "borderColor": TARGET_COLOUR,
                "borderDash": [6, 4],
                "showLine": True,
                "pointRadius": 0,
            }
        )
    return _base(
        "scatter",
        [],
        datasets,
        scales={
            "x": {
                "type": "linear",
                "min": term.term.start.year,
                "max": term.term.end.year + 1,
                # Years on a number axis: no grouping, or Vietnamese shows 2.020.
                "ticks": {"stepSize": 1, "precision": 0, "format": {"useGrouping": False}},
            },
            "y": {"beginAtZero": True},
        },
    )


def pipeline_chart(rows: Sequence[PipelineRow]) -> dict:
    return _base(
        "bar",
        [r.period.label for r in rows],
        [
            {
                "label": _("Quần chúng ưu tú đã học lớp bồi dưỡng nhận thức về Đảng"),
                "data": [_num(r.trained) for r in rows],
                "backgroundColor": COLOURS["blue"],
            },
            {
                "label": _("Đã kết nạp"),
                "data": [_num(r.admitted) for r in rows],
                "backgroundColor": COLOURS["green"],
            },
        ],
        scales={"y": {"beginAtZero": True}},
    )


def members_chart(points: Sequence[MembersPoint]) -> dict:
    return _base(
        "line",
        [p.period.label for p in points],
        [
            {
                "label": _("Tổng số đảng viên"),
                "data": [_num(p.members_total) for p in points],
                "borderColor": COLOURS["blue"],
                "backgroundColor": COLOURS["blue"],
                "yAxisID": "y",
            },
            {
                "label": _("Tỷ lệ đảng viên so với dân số"),
                "data": [_num(p.population_pct) for p in points],
                "borderColor": LINE_COLOUR,
                "backgroundColor": LINE_COLOUR,
                "pointStyle": "rectRot",
                "yAxisID": "pct",
            },
        ],
        scales={
            "y": {"beginAtZero": True, "position": "left"},
            "pct": {"beginAtZero": True, "position": "right", "grid": {"drawOnChartArea": False}},
        },
    )


YEAR_PALETTE = ["#1565c0", "#2e7d32", "#d18b00", "#6a1b9a", "#c62828", "#00838f", "#5d4037"]


def years_chart(names: list[str], years: list[int], rows: list[list[ProgressRow]]) -> dict:
    """Grouped bars: for each organisation, its admitted count in each year."""
    return _base(
        "bar",
        names,
        [
            {
                "label": str(year),
                "data": [_num(org_rows[i].admitted) for org_rows in rows],
                "backgroundColor": YEAR_PALETTE[i % len(YEAR_PALETTE)],
            }
            for i, year in enumerate(years)
        ],
        scales={"y": {"beginAtZero": True}},
    )


def map_bubbles(rows: Sequence[ProgressRow], *, max_radius: int = 30) -> dict:
    """Organisations at their longitude/latitude on Vietnam's outline (chartjs-chart-geo bubbleMap).

    size = admitted (the `size` scale, by area), colour and point style = status of progress; one
    dataset per status, so the legend names each colour with its word and icon. The outline is
    Natural Earth's Vietnam (vendored world-atlas, cut to feature 704), which `static/js/charts.js`
    loads from `vietnamMap.outline` and draws under every bubble; it serves both eras (63 or
    34 provinces: only the bubbles change). Natural Earth leaves out the Hoàng Sa and Trường Sa
    archipelagos, so `vietnamMap.islands` marks them as labelled points, never as data.
    Provinces show the whole country; one province's districts or communes zoom to their extent.
    No tiles, nothing from the network: the page works offline.
    """
    placed = [r for r in rows if r.latitude is not None and r.longitude is not None]
    datasets = []
    for status in PaceStatus:
        points = [
            {
                "x": r.longitude,
                "y": r.latitude,
                "value": _num(r.admitted) or 0,
                "name": r.short_name,
                "admitted": _num(r.admitted),
                "pct": r.percent_of_target,
            }
            for r in placed
            if r.status is status
        ]
        if points:
            datasets.append(
                {
                    "label": f"{status.icon} {status.label}",
                    "data": points,
                    "backgroundColor": status_colour(status) + "b3",
                    "borderColor": status_colour(status),
                    "pointStyle": _POINT_STYLES[status],
                    "showOutline": False,
                }
            )
    return _base(
        "bubbleMap",
        [],
        datasets,
        scales={
            "projection": {"axis": "x", "projection": "mercator", "padding": 12},
            "size": {
                "axis": "x",
                "display": False,
                "min": 0,
                "range": [4, max_radius],
                "mode": "area",
            },
        },
        plugins={
            "tooltip": {"enabled": True},
            "vietnamMap": {
                "outline": static(VIETNAM_OUTLINE),
                "object": "vietnam",
                "land": {
                    "outlineBackgroundColor": LAND_COLOUR,
                    "outlineBorderColor": COAST_COLOUR,
                    "outlineBorderWidth": 1,
                },
                "islands": [
                    {"name": name, "longitude": lon, "latitude": lat}
                    for name, lon, lat in _archipelagos()
                ],
                "fit": None if _whole_country(rows, placed) else _extent(placed),
            },
        },
    )


VIETNAM_OUTLINE = "vendor/world-atlas/vietnam-50m.json"
LAND_COLOUR = "#eef2e6"
COAST_COLOUR = "#78909c"


def _archipelagos() -> list[tuple[str, float, float]]:
    # Vietnam's two offshore archipelagos, which Natural Earth's polygon omits: (name, lon, lat).
    return [
        (_("Quần đảo Hoàng Sa"), 112.0, 16.5),
        (_("Quần đảo Trường Sa"), 114.0, 10.0),
    ]


def _whole_country(rows: Sequence[ProgressRow], placed: Sequence[ProgressRow]) -> bool:
    # Provinces (or nothing to place) show the country; a province's units zoom in.
    return not placed or any(r.level == Level.PROVINCE for r in rows)


def _extent(placed: Sequence[ProgressRow], *, margin: float = 0.15, least: float = 0.6) -> list:
    """[[west, south], [east, north]] around the bubbles: a margin, and at least `least` degrees."""
    west, east = min(r.longitude for r in placed), max(r.longitude for r in placed)
    south, north = min(r.latitude for r in placed), max(r.latitude for r in placed)
    half_x = max((east - west) * (0.5 + margin), least / 2)
    half_y = max((north - south) * (0.5 + margin), least / 2)
    mid_x, mid_y = (west + east) / 2, (south + north) / 2
    return [
        [round(mid_x - half_x, 3), round(mid_y - half_y, 3)],
        [round(mid_x + half_x, 3), round(mid_y + half_y, 3)],
    ]


_POINT_STYLES = {
    PaceStatus.ACHIEVED: "circle",
    PaceStatus.ON_TRACK: "rectRounded",
    PaceStatus.BEHIND: "triangle",
    PaceStatus.FAR_BEHIND: "crossRot",
    PaceStatus.NO_TARGET: "rect",
}
