"""Events: a congress's members counted on its last day, a ceremony's admissions on its day."""

from datetime import date
from decimal import Decimal

import pytest

from recruitment.extraction import extract
from recruitment.extraction.metrics import classify_count
from recruitment.extraction.periods import CEREMONY_RE, CONGRESS_RE, COURSE_RE, find_event_days


def _congress(low, published, term=None):
    days = find_event_days(low, CONGRESS_RE, published=published, term=term)
    return days[1] if days else None


def _ceremony(low, published):
    days = find_event_days(low, CEREMONY_RE, published=published, term=None)
    return days[0] if days else None


def test_delegates_speak_for_the_members_total():
    pre = "Tham dự Đại hội có 325 đại biểu chính thức đại diện cho gần "
    assert classify_count(pre, pre, " trong toàn Đảng bộ tỉnh.", "đảng viên", "") == (
        "members_total"
    )


def test_congress_over_several_days_ends_on_the_last_one():
    low = "đại hội sẽ diễn ra trong 03 ngày (từ ngày 22 đến 24/9) tại trung tâm hội nghị tỉnh."
    assert _congress(low, date(2020, 9, 16)) == date(2020, 9, 24)


def test_a_dotted_day_and_month_take_the_terms_first_year_without_a_publication_date():
    low = "ngày 27.10, đảng bộ tỉnh đã tổ chức khai mạc đại hội lần thứ xix, nhiệm kỳ 2020-2025."
    assert _congress(low, None, (2020, 2025)) == date(2020, 10, 27)


def test_a_congress_announced_days_before_is_dated_by_its_closing_day():
    low = (
        "chiều 22-9, tỉnh ủy tổ chức họp báo thông tin đại hội đại biểu đảng bộ tỉnh lần thứ i. "
        "đại hội đại biểu đảng bộ tỉnh lần thứ i diễn ra từ ngày 2-10 đến ngày 3-10."
    )
    assert _congress(low, date(2025, 9, 22)) == date(2025, 10, 3)


def test_a_past_congress_the_article_recalls_is_not_its_date():
    low = "đại hội lần thứ nhất họp ngày 7/5/1978. ngày 4/9, đại hội lần thứ xxv khai mạc."
    assert _congress(low, date(2020, 7, 28)) == date(2020, 9, 4)


def test_an_article_without_a_congress_has_no_congress_date():
    assert _congress("ngày 4/9, huyện kết nạp 20 đảng viên.", date(2020, 9, 5)) is None


def test_a_ceremony_is_dated_by_the_sentence_that_holds_it_not_an_anniversary_before():
    low = (
        "nhân dịp kỷ niệm 134 năm ngày sinh chủ tịch hồ chí minh (19/5/1890-19/5/2024). "
        "ngày 18/5/2024, chi bộ trường thpt kim động đã tổ chức lễ kết nạp đảng cho 7 quần chúng."
    )
    assert _ceremony(low, date(2024, 5, 28)) == date(2024, 5, 18)


def test_a_ceremony_in_the_morning_takes_the_publication_year():
    low = "sáng 21/10, đảng ủy công ty trao quyết định kết nạp đảng viên cho 15 quần chúng ưu tú."
    assert _ceremony(low, date(2023, 10, 22)) == date(2023, 10, 21)


def _facts(text, published):
    return {
        (c.organisation, c.metric, c.value, c.period_start, c.period_end)
        for c in extract(text, published=published).candidates
        if not c.derived
    }


def test_the_members_a_congress_speaks_for_are_counted_on_its_last_day():
    text = (
        "Đại hội đại biểu Đảng bộ tỉnh Yên Bái lần thứ XIX, nhiệm kỳ 2020 - 2025 diễn ra từ "
        "ngày 22 đến 24/9. Tham dự Đại hội có 325 đại biểu chính thức đại diện gần 58.000 đảng "
        "viên trong toàn Đảng bộ tỉnh."
    )
    assert _facts(text, date(2020, 9, 16)) == {
        ("tỉnh Yên Bái", "members_total", 58000, date(2020, 9, 24), date(2020, 9, 24))
    }


def test_admissions_at_a_ceremony_count_on_its_day():
    text = (
        "Ngày 18/5/2024, Chi bộ Trường THPT Kim Động tổ chức Lễ kết nạp Đảng cho các quần "
        "chúng ưu tú. Chi bộ đã trao Quyết định kết nạp cho 7 quần chúng ưu tú."
    )
    assert _facts(text, date(2024, 5, 28)) == {
        ("chi bộ Trường THPT Kim Động", "admitted", 7, date(2024, 5, 18), date(2024, 5, 18))
    }


def test_a_term_named_beside_a_stock_does_not_date_it():
    text = "Đảng bộ xã Nghĩa Dân nhiệm kỳ 2025 - 2030 hiện có 1.356 đảng viên."
    assert _facts(text, date(2025, 7, 30)) == {
        ("xã Nghĩa Dân", "members_total", 1356, date(2025, 7, 30), date(2025, 7, 30))
    }


def test_a_ceremony_reported_without_a_day_counts_on_the_day_of_the_report():
    text = "Chi bộ Trường THPT chuyên Nguyễn Quang Diêu vừa tổ chức kết nạp 5 đảng viên."
    assert _facts(text, date(2013, 6, 21)) == {
        (
            "chi bộ Trường THPT chuyên Nguyễn Quang Diêu",
            "admitted",
            5,
            date(2013, 6, 21),
            date(2013, 6, 21),
        )
    }


def test_the_party_named_in_the_verb_makes_any_noun_an_admission():
    text = "Ngày 17/5/2024, Chi bộ Trường THPT Ba Gia tổ chức lễ kết nạp đảng viên cho 6 học sinh."
    assert _facts(text, date(2024, 5, 17)) == {
        ("chi bộ Trường THPT Ba Gia", "admitted", 6, date(2024, 5, 17), date(2024, 5, 17))
    }


def test_a_courses_days_run_from_its_opening_to_its_closing():
    low = "sáng 15/12, đảng ủy khai giảng lớp bồi dưỡng nhận thức về đảng, từ ngày 15 - 19/12."
    assert find_event_days(low, COURSE_RE, published=date(2025, 12, 15), term=None) == (
        date(2025, 12, 15),
        date(2025, 12, 19),
    )


def test_the_attendees_of_an_awareness_course_are_counted_over_its_days():
    text = (
        "Sáng 1/12, Đảng ủy UBND tỉnh khai giảng lớp bồi dưỡng nhận thức về Đảng, từ ngày "
        "1-5/12/2025. Tham gia lớp có 228 quần chúng ưu tú."
    )
    assert _facts(text, date(2025, 12, 1)) == {
        ("UBND tỉnh", "trained", 228, date(2025, 12, 1), date(2025, 12, 5))
    }


def test_the_members_a_congress_speaks_for_are_its_bodys_not_the_venues():
    text = (
        "Đại hội đại biểu Đảng bộ tỉnh Lào Cai lần thứ I diễn ra từ 28 đến 30/9 tại Trung tâm "
        "Hội nghị tỉnh (phường Yên Bái), với 440 đại biểu đại diện cho hơn 119.000 đảng viên."
    )
    assert _facts(text, date(2025, 9, 27)) == {
        ("tỉnh Lào Cai", "members_total", 119000, date(2025, 9, 30), date(2025, 9, 30))
    }


@pytest.mark.parametrize(
    "text",
    [
        "Vào ngày 13 tháng 8 năm 2024, Chi bộ trường Mầm non Định Hiệp tổ chức lễ kết nạp Đảng "
        "viên cho 02 quần chúng ưu tú.",
        "Tháng 8/2024, Chi bộ trường Mầm non Định Hiệp tổ chức lễ kết nạp Đảng viên cho 02 "
        "quần chúng ưu tú. Lễ kết nạp diễn ra ngày 13/8/2024.",
    ],
    ids=["day in words", "day beside the month"],
)
def test_a_ceremony_counts_on_the_day_the_report_gives(text):
    assert _facts(text, None) == {
        ("chi bộ Trường Mầm non Định Hiệp", "admitted", 2, date(2024, 8, 13), date(2024, 8, 13))
    }


def test_the_headlines_period_holds_for_a_body_that_names_none():
    text = (
        "Quý I/2021: Toàn tỉnh Ninh Bình kết nạp 187 đảng viên mới\n\nThứ Hai, 05/04/2021 | "
        "10:20\n\n(NB) - Theo Ban Tổ chức Tỉnh ủy, toàn Đảng bộ đã kết nạp 187 đảng viên mới, "
        "đạt 24,93% so với kế hoạch."
    )
    q1 = (date(2021, 1, 1), date(2021, 3, 31))
    assert _facts(text, None) == {
        ("tỉnh Ninh Bình", "admitted", 187, *q1),
        ("tỉnh Ninh Bình", "percent_of_target", Decimal("24.93"), *q1),
    }


def test_months_written_in_words_are_the_first_months_of_the_year():
    text = "Chín tháng năm 2017, Đảng bộ thị xã Ba Đồn kết nạp 128 đảng viên."
    assert _facts(text, None) == {
        ("thị xã Ba Đồn", "admitted", 128, date(2017, 1, 1), date(2017, 9, 30))
    }


def test_a_month_without_a_year_takes_the_year_its_sentence_names():
    text = (
        "Năm 2022, chỉ tính đến hết tháng 9, Đảng bộ Công ty Than Dương Huy - TKV đã kết nạp "
        "được 48 đảng viên mới, đạt 100% kế hoạch đề ra."
    )
    nine_months = (date(2022, 1, 1), date(2022, 9, 30))
    assert _facts(text, None) == {
        ("Công ty Than Dương Huy - TKV", "admitted", 48, *nine_months),
        ("Công ty Than Dương Huy - TKV", "percent_of_target", 100, *nine_months),
    }


def test_a_term_named_late_in_a_sentence_opened_by_its_period_does_not_frame_the_next():
    text = (
        "Quý I/2020, các địa phương trong tỉnh Thái Nguyên chỉ đạo các chi bộ tổ chức đại hội "
        "nhiệm kỳ 2020-2022.\n\nToàn tỉnh Thái Nguyên đã kết nạp được 310 đảng viên mới."
    )
    assert _facts(text, None) == {
        ("tỉnh Thái Nguyên", "admitted", 310, date(2020, 1, 1), date(2020, 3, 31))
    }


def test_a_stock_by_the_year_of_publication_is_counted_on_the_day_of_publication():
    text = "Đến năm 2022, Đảng bộ huyện Na Hang có 35 tổ chức cơ sở đảng với trên 4.200 đảng viên."
    assert _facts(text, date(2022, 4, 29)) == {
        ("huyện Na Hang", "members_total", 4200, date(2022, 4, 29), date(2022, 4, 29))
    }


def test_the_end_of_the_term_a_paragraph_reviews_is_that_terms_result():
    text = (
        "Đại hội Đảng bộ xã Nghĩa Dân nhiệm kỳ 2025 - 2030.\nNhiệm kỳ 2020 - 2025, Đảng bộ xã "
        "Nghĩa Dân không ngừng nâng cao năng lực lãnh đạo. Đến cuối nhiệm kỳ, thu nhập bình quân "
        "đạt 78 triệu đồng/năm; kết nạp 78 đảng viên."
    )
    assert _facts(text, None) == {
        ("xã Nghĩa Dân", "admitted", 78, date(2020, 1, 1), date(2025, 12, 31))
    }


def test_admissions_at_a_cells_ceremony_are_the_cells_not_its_districts():
    text = (
        "Trường Mầm non Họa Mi quận Ba Đình\n\nNgày 16/3/2019, Chi bộ Trường Mầm non Họa Mi "
        "tổ chức Lễ kết nạp đảng viên mới. Quận ủy Ba Đình dự buổi lễ.\n\n- Lễ kết nạp đảng viên "
        "mới cho 04 quần chúng ưu tú."
    )
    assert _facts(text, date(2019, 3, 18)) == {
        ("chi bộ Trường Mầm non Họa Mi", "admitted", 4, date(2019, 3, 16), date(2019, 3, 16))
    }


def test_candidates_on_a_course_are_trained_over_the_days_from_opening_to_closing():
    text = (
        "Sáng 9-4-2012, Đảng ủy Khối các cơ quan tỉnh tổ chức khai giảng lớp bồi dưỡng kết nạp "
        "Đảng khóa I-2012. Lớp bồi dưỡng có 107 học viên là đối tượng kết nạp Đảng. Lớp sẽ bế "
        "mạc vào 17-4-2012."
    )
    assert _facts(text, None) == {
        ("Khối các cơ quan tỉnh", "trained", 107, date(2012, 4, 9), date(2012, 4, 17))
    }


def _members(text, published):
    return {
        (c.organisation, c.period_end)
        for c in extract(text, published=published).candidates
        if c.metric == "members_total"
    }


def test_each_congress_of_a_news_digest_counts_its_members_on_its_own_last_day():
    text = (
        "Tin các tỉnh\n\n"
        "Đại hội Đảng bộ tỉnh Bình Định lần thứ XX diễn ra từ ngày 8 - 10.10. Tham dự "
        "đại hội có 350 đại biểu, thay mặt cho hơn 70.000 đảng viên trong toàn Đảng bộ.\n\n"
        "Tỉnh Phú Yên tiến hành Đại hội Đảng bộ tỉnh lần thứ XVI trong các ngày từ 12 - 14.10."
    )
    assert _members(text, date(2015, 10, 14)) == {("tỉnh Bình Định", date(2015, 10, 10))}


def test_a_digest_item_on_one_congress_day_is_that_day():
    text = (
        "Tin nổi bật ngày 9/8\n\n"
        "* Sáng 9/8, Đảng bộ xã Tân Lập tổ chức Đại hội đại biểu lần thứ I với 150 đại biểu "
        "đại diện cho 900 đảng viên.\n\n"
        "* Sáng 10/8, nhiều đại hội cấp xã khác tiếp tục diễn ra."
    )
    assert _members(text, date(2025, 8, 9)) == {("xã Tân Lập", date(2025, 8, 9))}


def test_a_congress_opening_in_the_paragraph_still_counts_on_its_last_day():
    text = (
        "Đại hội Đảng bộ xã Tân Lập lần thứ I diễn ra trong hai ngày 20 - 21/7.\n\n"
        "Sáng 20/7, Đại hội chính thức khai mạc với 170 đại biểu đại diện cho 2.000 "
        "đảng viên."
    )
    assert _members(text, date(2025, 7, 21)) == {("xã Tân Lập", date(2025, 7, 21))}
