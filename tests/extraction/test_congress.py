"""Congress reports: the members the delegates speak for, counted on the congress's last day."""

from datetime import date

from recruitment.extraction.metrics import classify_count
from recruitment.extraction.periods import find_congress_date


def test_delegates_speak_for_the_members_total():
    pre = "Tham dự Đại hội có 325 đại biểu chính thức đại diện cho gần "
    assert classify_count(pre, pre, " trong toàn Đảng bộ tỉnh.", "đảng viên", "") == (
        "members_total"
    )


def test_congress_over_several_days_ends_on_the_last_one():
    low = "đại hội sẽ diễn ra trong 03 ngày (từ ngày 22 đến 24/9) tại trung tâm hội nghị tỉnh."
    assert find_congress_date(low, published=date(2020, 9, 16), term=None) == date(2020, 9, 24)


def test_a_dotted_day_and_month_take_the_terms_first_year_without_a_publication_date():
    low = "ngày 27.10, đảng bộ tỉnh đã tổ chức khai mạc đại hội lần thứ xix, nhiệm kỳ 2020-2025."
    assert find_congress_date(low, published=None, term=(2020, 2025)) == date(2020, 10, 27)


def test_a_round_up_of_congresses_dates_the_first_one():
    low = (
        "đại hội đảng bộ tỉnh bến tre diễn ra từ ngày 12 - 14.10. tỉnh long an tiến hành "
        "đại hội trong các ngày từ 13 - 16.10."
    )
    assert find_congress_date(low, published=None, term=(2015, 2020)) == date(2015, 10, 14)


def test_a_past_congress_the_article_recalls_is_not_its_date():
    low = "đại hội lần thứ nhất họp ngày 7/5/1978. ngày 4/9, đại hội lần thứ xxv khai mạc."
    assert find_congress_date(low, published=date(2020, 7, 28), term=None) == date(2020, 9, 4)


def test_an_article_without_a_congress_has_no_congress_date():
    low = "ngày 4/9, huyện kết nạp 20 đảng viên."
    assert find_congress_date(low, published=date(2020, 9, 5), term=None) is None
