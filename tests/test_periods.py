import datetime as dt

import pytest
from django.utils import translation

from recruitment.periods import Period


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def test_a_calendar_year_is_labelled_nam():
    assert Period.year(2023).label == "năm 2023"


def test_a_first_half_year_is_labelled_by_months():
    assert Period(dt.date(2022, 1, 1), dt.date(2022, 6, 30)).label == "6 tháng đầu năm 2022"


def test_two_months_of_a_leap_year_end_on_the_29th():
    assert Period(dt.date(2024, 1, 1), dt.date(2024, 2, 29)).label == "2 tháng đầu năm 2024"


def test_the_first_quarter_is_labelled_quy_i():
    assert Period(dt.date(2024, 1, 1), dt.date(2024, 3, 31)).label == "quý I năm 2024"


def test_a_later_quarter_is_labelled_with_its_roman_number():
    assert Period(dt.date(2024, 7, 1), dt.date(2024, 9, 30)).label == "quý III năm 2024"


def test_a_term_is_labelled_nhiem_ky_with_an_en_dash():
    assert Period.term(2020, 2025).label == "nhiệm kỳ 2020–2025"


def test_any_other_range_is_labelled_with_vietnamese_dates():
    assert Period(dt.date(2022, 1, 1), dt.date(2022, 9, 20)).label == "01/01/2022–20/09/2022"


def test_a_stock_is_labelled_with_its_date():
    assert Period.stock(dt.date(2022, 4, 30)).label == "tại 30/04/2022"


def test_labels_follow_the_active_language():
    with translation.override("en"):
        assert Period(dt.date(2022, 1, 1), dt.date(2022, 9, 20)).label == "2022-01-01–2022-09-20"


def test_a_period_cannot_end_before_it_starts():
    with pytest.raises(ValueError):
        Period(dt.date(2022, 2, 1), dt.date(2022, 1, 1))


def test_elapsed_share_at_the_end_of_june_is_about_half():
    share = Period.year(2022).elapsed_share(dt.date(2022, 6, 30))
    assert 0.49 < share < 0.50


def test_elapsed_share_is_clamped_to_the_period():
    year = Period.year(2022)
    assert year.elapsed_share(dt.date(2021, 5, 1)) == 0.0
    assert year.elapsed_share(dt.date(2023, 5, 1)) == 1.0


def test_the_term_containing_a_2022_date_is_2020_2025():
    assert Period.term_containing(dt.date(2022, 9, 20)) == Period.term(2020, 2025)
