"""As-was and as-is: a year shown in the tree of its time, or in today's with the units each
organisation replaced summed by the share it carries (docs/architecture.md, "Boundaries").

The tree: provinces Alpha and Beta merged into Gamma on 1 July 2025; Alpha's commune Sông was
split between Gamma's new communes Núi and Biển (half each, estimated), its commune Đồi went
whole to Núi.
"""

import datetime as dt

import pytest
from django.urls import reverse
from test_dash_csv import progress_csv, read_csv
from test_dash_pages import overview

from recruitment import selectors
from recruitment.access import WHOLE_COUNTRY
from recruitment.extraction.vocabulary import REFORM_DATE
from recruitment.models import FigureMetric, Level, Organisation, Succession, TargetMetric
from recruitment.services.organisations import organisation_save
from recruitment.services.reported import figure_create, target_create

LAST_OLD_DAY = REFORM_DATE - dt.timedelta(days=1)


def _org(name, level, parent=None, *, old=False, new=False):
    return organisation_save(
        organisation=Organisation(
            name=f"Đảng bộ {name}",
            short_name=name,
            level=level,
            parent=parent,
            valid_until=LAST_OLD_DAY if old else None,
            valid_from=REFORM_DATE if new else None,
        )
    )


def _succeeds(old, new, share=1.0):
    Succession.objects.create(
        predecessor=old, successor=new, share=share, effective=REFORM_DATE, approximate=share < 1
    )


def _admitted(org, value, year=2023):
    figure_create(
        organisation=org,
        metric=FigureMetric.ADMITTED,
        period_start=dt.date(year, 1, 1),
        period_end=dt.date(year, 12, 31),
        value=value,
    )


@pytest.fixture
def merged(db):
    alpha = _org("Alpha", Level.PROVINCE, old=True)
    beta = _org("Beta", Level.PROVINCE, old=True)
    gamma = _org("Gamma", Level.PROVINCE, new=True)
    song = _org("Sông", Level.COMMUNE, alpha, old=True)
    doi = _org("Đồi", Level.COMMUNE, alpha, old=True)
    nui = _org("Núi", Level.COMMUNE, gamma, new=True)
    bien = _org("Biển", Level.COMMUNE, gamma, new=True)
    _succeeds(alpha, gamma)
    _succeeds(beta, gamma)
    _succeeds(song, nui, 0.5)
    _succeeds(song, bien, 0.5)
    _succeeds(doi, nui)
    _admitted(alpha, 300)
    target_create(
        organisation=alpha,
        metric=TargetMetric.ADMITTED,
        period_start=dt.date(2023, 1, 1),
        period_end=dt.date(2023, 12, 31),
        value=250,
    )
    _admitted(beta, 120)
    _admitted(song, 9)
    _admitted(doi, 4)
    return {"alpha": alpha, "beta": beta, "gamma": gamma}


def _shown(**kwargs):
    qs = selectors.progress_queryset(visible_to=WHOLE_COUNTRY, with_data_only=True, **kwargs)
    return [
        (r.short_name, r.admitted, r.from_predecessors, r.approximate, r.predecessors_reporting)
        for r in selectors.progress_rows(qs, year=kwargs["year"])
    ]


def test_a_year_before_the_reform_is_shown_in_the_tree_of_its_time_by_default(merged):
    assert [selectors.default_boundaries(y) for y in (2023, 2025, 2026)] == [
        "historical",
        "current",
        "current",
    ]


def test_in_historical_boundaries_the_old_provinces_have_their_own_rows(merged):
    assert _shown(year=2023, level=Level.PROVINCE) == [
        ("Alpha", 300, False, False, 0),
        ("Beta", 120, False, False, 0),
    ]


def test_in_current_boundaries_todays_province_holds_the_provinces_it_replaced(merged):
    assert _shown(year=2023, level=Level.PROVINCE, boundaries="current") == [
        ("Gamma", 420, True, False, 2),
    ]


def test_a_split_commune_is_carried_by_share_and_marked_approximate(merged):
    assert _shown(year=2023, level=Level.COMMUNE, boundaries="current") == [
        ("Biển", 5, True, True, 1),  # half of Sông's 9, 4.5, shown whole
        ("Núi", 9, True, True, 2),  # half of Sông's 9 and all of Đồi's 4: 8.5
    ]


def test_the_overview_switch_shows_the_carried_count_and_where_it_came_from(merged, viewer_client):
    html = overview(
        viewer_client, year=2023, level="province", boundaries="current"
    ).content.decode()
    row = html[html.index(">Gamma</a>") :]
    row = row[: row.index("</tr>")]
    assert (">420 <abbr" in row, "2/2 đơn vị báo cáo" in row, "Theo địa giới hiện nay" in html) == (
        True,
        True,
        True,
    )


def test_districts_do_not_exist_in_current_boundaries_and_the_page_says_so(merged, viewer_client):
    response = overview(viewer_client, year=2023, level="district", boundaries="current")
    html = response.content.decode()
    assert (response.status_code, "không còn cấp huyện" in html) == (200, True)


def test_an_unknown_boundaries_value_is_a_form_error_not_a_500(merged, viewer_client):
    response = overview(viewer_client, year=2023, level="province", boundaries="future")
    assert response.status_code == 400


def test_the_csv_follows_the_switch(merged, viewer_client):
    _, rows = read_csv(
        progress_csv(viewer_client, year=2023, level="commune", boundaries="current")
    )
    header, *data = rows
    columns = [
        "Tổ chức đảng",
        "Đã kết nạp",
        "Số đơn vị trước sắp xếp báo cáo",
        "Ước tính theo tỷ lệ",
    ]
    picked = [[dict(zip(header, r, strict=True))[c] for c in columns] for r in data]
    assert picked == [["Đảng bộ Biển", "5", "1", "1"], ["Đảng bộ Núi", "9", "2", "1"]]


def test_the_organisation_page_of_a_new_province_opens(merged, viewer_client):
    url = reverse("dashboard:organisation", args=[merged["gamma"].pk])
    assert viewer_client.get(url).status_code == 200


def test_the_map_follows_the_switch(merged, viewer_client):
    response = viewer_client.get(reverse("dashboard:map"), {"year": 2023, "boundaries": "current"})
    names = [r.short_name for r in response.context["table"].data]
    assert (response.status_code, names) == (200, ["Gamma"])


def test_the_years_page_in_current_boundaries_compares_todays_units_across_the_reform(
    merged, viewer_client
):
    response = viewer_client.get(
        reverse("dashboard:years"), {"level": "province", "boundaries": "current"}
    )
    rows = [
        (record.short_name, [(r.year, r.admitted, r.from_predecessors) for r in rows])
        for record, rows in (
            (row.record, selectors.year_rows(row.record, years=response.context["years"]))
            for row in response.context["table"].page.object_list
        )
    ]
    assert rows == [("Gamma", [(2023, 420, True)])]


def test_the_years_report_csv_follows_the_switch(merged, viewer_client):
    _, rows = read_csv(
        viewer_client.get(
            reverse("dashboard:report_csv"), {"level": "province", "boundaries": "current"}
        )
    )
    header, *data = rows
    picked = [
        [dict(zip(header, r, strict=True))[c] for c in ("Tổ chức đảng", "Năm", "Đã kết nạp")]
        for r in data
    ]
    assert picked == [["Đảng bộ Gamma", "2023", "420"]]


def test_a_new_provinces_page_shows_the_years_before_it_existed_from_its_predecessors(merged):
    series = selectors.organisation_yearly_series(organisation=merged["gamma"])
    assert [(r.year, r.admitted, r.target, r.from_predecessors) for r in series] == [
        (2023, 420, 250, True)
    ]


def test_the_years_page_table_shows_each_years_count_marked_when_carried(merged, viewer_client):
    html = viewer_client.get(
        reverse("dashboard:years"), {"level": "province", "boundaries": "current"}
    ).content.decode()
    row = html[html.index(">Gamma</a>") :]
    row = row[: row.index("</tr>")]
    assert (">420 <abbr" in row, "None" in row) == (True, False)


def test_a_new_provinces_page_lists_its_communes_with_what_they_carry(merged, viewer_client):
    response = viewer_client.get(
        reverse("dashboard:organisation", args=[merged["gamma"].pk]), {"year": 2023}
    )
    rows = [
        (r.short_name, r.admitted, r.from_predecessors)
        for r in selectors.progress_rows(
            [row.record for row in response.context["children_table"].page.object_list], year=2023
        )
    ]
    assert rows == [("Biển", 5, True), ("Núi", 9, True)]


def test_the_sub_organisations_csv_of_a_new_province_carries_the_same(merged, viewer_client):
    _, rows = read_csv(progress_csv(viewer_client, year=2023, parent=merged["gamma"].pk))
    header, *data = rows
    picked = [
        [dict(zip(header, r, strict=True))[c] for c in ("Tổ chức đảng", "Đã kết nạp")] for r in data
    ]
    assert picked == [["Đảng bộ Biển", "5"], ["Đảng bộ Núi", "9"]]
