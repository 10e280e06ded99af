"""Selectors on the real seed figures: the numbers the dashboard shows."""

import datetime as dt

from recruitment import selectors
from recruitment.access import WHOLE_COUNTRY
from recruitment.models import Level
from recruitment.progress import PaceStatus
from recruitment.services.reported import figure_create


def _row(rows, short_name):
    return next(r for r in rows if r.short_name == short_name)


def test_kim_son_2022_shows_207_admitted_at_103_percent_achieved(gold):
    rows = selectors.progress_by_organisation(
        visible_to=WHOLE_COUNTRY, year=2022, level=Level.DISTRICT
    )
    kim_son = _row(rows, "Kim Sơn")
    assert kim_son.admitted == 207
    assert kim_son.percent_of_target == 103
    assert kim_son.as_of == dt.date(2022, 9, 20)
    assert kim_son.status is PaceStatus.ACHIEVED


def test_kim_son_2022_target_is_derived_and_approximate(gold):
    kim_son = _row(
        selectors.progress_by_organisation(
            visible_to=WHOLE_COUNTRY, year=2022, level=Level.DISTRICT
        ),
        "Kim Sơn",
    )
    assert kim_son.target == 201
    assert kim_son.target_derived is True


def test_khanh_hoa_2021_shows_1455_admitted_at_85_6_percent(gold):
    row = _row(
        selectors.progress_by_organisation(
            visible_to=WHOLE_COUNTRY, year=2021, level=Level.PROVINCE
        ),
        "Khánh Hòa",
    )
    assert row.admitted == 1455
    assert row.percent_of_target == 85.6


def test_khanh_hoa_2022_half_year_at_36_percent_is_behind(gold):
    row = _row(
        selectors.progress_by_organisation(
            visible_to=WHOLE_COUNTRY, year=2022, level=Level.PROVINCE
        ),
        "Khánh Hòa",
    )
    assert (row.admitted, row.percent_of_target) == (612, 36)
    assert row.as_of == dt.date(2022, 6, 30)
    assert row.status is PaceStatus.BEHIND


def test_thanh_hoa_city_2024_has_the_stated_target_817(gold):
    row = _row(
        selectors.progress_by_organisation(
            visible_to=WHOLE_COUNTRY, year=2024, level=Level.DISTRICT
        ),
        "Thành phố Thanh Hóa",
    )
    assert row.target == 817
    assert row.target_derived is False
    assert row.admitted == 231
    assert row.percent_of_target == round(231 * 100 / 817, 1)


def test_organisation_without_target_has_no_target_status(gold):
    row = _row(
        selectors.progress_by_organisation(
            visible_to=WHOLE_COUNTRY, year=2022, level=Level.DISTRICT
        ),
        "Tháp Mười",
    )
    assert row.target is None
    assert row.status is PaceStatus.NO_TARGET


def test_stated_percent_without_count_still_gives_a_status(gold):
    row = _row(
        selectors.progress_by_organisation(
            visible_to=WHOLE_COUNTRY, year=2023, level=Level.COMMUNE
        ),
        "Lộc Hiệp",
    )
    assert row.percent_of_target == 180
    assert row.status is PaceStatus.ACHIEVED


def test_province_filter_keeps_only_its_subtree(gold):
    rows = selectors.progress_by_organisation(
        visible_to=WHOLE_COUNTRY, year=2022, level=Level.DISTRICT, province=gold["ninh-binh"]
    )
    assert [r.short_name for r in rows] == ["Kim Sơn"]


def test_latest_year_is_the_latest_with_something_to_show_at_the_level_sums_included(gold):
    # No province reports 2024 itself; Thanh Hóa shows the city's 231 summed from below.
    assert selectors.latest_year(visible_to=WHOLE_COUNTRY, level=Level.PROVINCE) == 2024
    assert selectors.latest_year(visible_to=WHOLE_COUNTRY, level=Level.DISTRICT) == 2024


def test_yearly_series_of_loc_ninh_lists_each_year(gold):
    series = selectors.organisation_yearly_series(organisation=gold["loc-ninh"])
    assert [(r.year, r.admitted, r.percent_of_target) for r in series] == [
        (2021, 99, 104),
        (2022, 101, 105),
        (2023, 107, 107),
    ]


def test_term_progress_of_thap_muoi_against_its_term_target(gold):
    term = selectors.term_progress(organisation=gold["thap-muoi"])
    assert (term.term.start, term.term.end) == (dt.date(2020, 1, 1), dt.date(2025, 12, 31))
    assert term.target == 570
    assert term.latest.cumulative == 126
    assert term.percent_of_target == 22.1
    assert term.status is PaceStatus.BEHIND
    assert term.pace_line == [(dt.date(2020, 1, 1), 0), (dt.date(2025, 12, 31), 570)]


def test_pipeline_pairs_course_attendees_with_admissions(gold):
    rows = selectors.pipeline(organisation=gold["tp-thanh-hoa"])
    assert [(r.period.label, r.trained, r.trained_percent_of_plan, r.admitted) for r in rows] == [
        ("năm 2023", 1253, 117, 735)
    ]


def test_members_series_gives_total_and_share_of_population(gold):
    points = selectors.members_series(organisation=gold["thap-muoi"])
    assert [(p.day, p.members_total, p.population_pct) for p in points] == [
        (dt.date(2022, 4, 30), 4541, 3.45)
    ]


def test_figures_that_disagree_are_flagged(gold):
    from recruitment.models import Article

    kim_son = gold["kim-son"]
    other = Article.objects.create(title="Nguồn khác", text="Kim Sơn kết nạp 210 đảng viên.")
    figure_create(
        organisation=kim_son,
        metric="admitted",
        period_start=dt.date(2022, 1, 1),
        period_end=dt.date(2022, 9, 20),
        value=210,
        source=other,
    )
    flagged = {
        v.value for v in selectors.figures_with_sources(organisation=kim_son) if v.conflicting
    }
    assert flagged == {207, 210}
    assert set(selectors.conflicting_figures().values_list("value", flat=True)) == {207, 210}


def test_article_highlights_link_quoted_figures(gold):
    from recruitment.models import Article

    article = Article.objects.get(figures__organisation=gold["khanh-hoa"], figures__value=1455)
    pieces, figures = selectors.article_highlights(visible_to=WHOLE_COUNTRY, article=article)
    assert "".join(p.text for p in pieces) == article.text
    marked = [p for p in pieces if p.figures]
    assert any("1.455" in p.text for p in marked)
    assert {p.organisation_id for p in marked} == {gold["khanh-hoa"].pk}
