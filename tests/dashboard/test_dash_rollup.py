"""Reported and summed: what an organisation reported beside what its sub-organisations add up to.

On the seed data no province reports its own count, so each province's row is its districts'
sum, marked as such; Lộc Ninh reports 107 for 2023 while of its two units only the school
reports (1), an incomplete sum that does not contradict the report.
"""

import datetime as dt

from django.urls import reverse
from test_dash_csv import progress_csv, read_csv
from test_dash_pages import overview

from recruitment import selectors
from recruitment.access import WHOLE_COUNTRY
from recruitment.models import FigureMetric
from recruitment.services.reported import figure_create


def _row_html(html: str, name: str) -> str:
    row = html[html.index(f">{name}</a>") :]
    return row[: row.index("</tr>")]


def test_provinces_that_report_nothing_show_their_districts_sum_with_how_many_reported(gold):
    rows = selectors.progress_by_organisation(visible_to=WHOLE_COUNTRY, year=2023, level="province")
    shown = [
        (r.short_name, r.admitted, r.from_sum, r.children_reporting, r.children_in_force)
        for r in rows
        if r.admitted is not None
    ]
    assert shown == [("Bình Phước", 107, True, 1, 1), ("Thanh Hóa", 735, True, 1, 1)]


def test_the_overview_marks_a_summed_count_and_says_how_many_units_reported(gold, viewer_client):
    html = overview(viewer_client, year=2023, level="province").content.decode()
    row = _row_html(html, "Bình Phước")
    assert ">107 <abbr" in row and ">Σ</abbr>" in row
    assert "Cộng từ tổ chức trực thuộc: 1/1 tổ chức báo cáo" in row
    assert (">100<" in row, "107 %" in row) == (True, True)  # its districts' targets


def test_a_report_beside_an_incomplete_sum_of_its_units_is_not_flagged(gold, viewer_client):
    html = overview(viewer_client, year=2023, level="district").content.decode()
    row = _row_html(html, "Lộc Ninh")
    assert (">107<" in row, "(1/2 tổ chức báo cáo)" in row, "lệch" in row) == (True, True, False)


def test_a_sum_larger_than_the_report_is_flagged(gold, viewer_client):
    figure_create(
        organisation=gold["loc-hiep"],
        metric=FigureMetric.ADMITTED,
        period_start=dt.date(2023, 1, 1),
        period_end=dt.date(2023, 12, 31),
        value=200,
    )
    html = overview(viewer_client, year=2023, level="district").content.decode()
    row = _row_html(html, "Lộc Ninh")
    assert ("201" in row, "(2/2 tổ chức báo cáo)" in row, "lệch" in row) == (True, True, True)


def test_the_organisation_page_lists_years_known_only_from_below(gold, viewer_client):
    series = selectors.organisation_yearly_series(organisation=gold["binh-phuoc"])
    assert [(r.year, r.admitted, r.from_sum) for r in series] == [
        (2021, 99, True),
        (2022, 101, True),
        (2023, 107, True),
    ]
    response = viewer_client.get(reverse("dashboard:organisation", args=[gold["binh-phuoc"].pk]))
    assert response.status_code == 200


def test_the_progress_csv_has_the_report_and_the_sum_side_by_side(gold, viewer_client):
    _, rows = read_csv(progress_csv(viewer_client, year=2023, level="district"))
    header, *data = rows
    columns = [
        "Tổ chức đảng",
        "Đã kết nạp",
        "Đã kết nạp theo báo cáo của tổ chức",
        "Cộng từ tổ chức trực thuộc",
        "Số tổ chức trực thuộc báo cáo",
        "Số tổ chức trực thuộc",
    ]
    picked = [[dict(zip(header, r, strict=True))[c] for c in columns] for r in data]
    assert picked == [
        ["Đảng bộ huyện Lộc Ninh", "107", "107", "1", "1", "2"],
        ["Đảng bộ thành phố Thanh Hóa", "735", "735", "", "", ""],
    ]
