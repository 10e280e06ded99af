"""Phrasings of the reports on the wards and agencies of the 2025 structure and of yearly
reviews, on sentences written for these tests (places and figures are invented)."""

from datetime import date
from decimal import Decimal

from probe_support import candidate_facts

from recruitment.extraction import extract
from recruitment.extraction.organisations import find_org_mentions

PUB = date(2025, 8, 4)


def test_bare_trong_nam_takes_the_year_reviewed_above_on_an_undated_page():
    text = (
        "Ngày 9/2, Huyện ủy Sông Lam tổng kết công tác xây dựng Đảng năm 2019.\n"
        "Huyện có thêm 2 xã đạt chuẩn nông thôn mới. Trong năm, huyện kết nạp 184 đảng "
        "viên, đạt 102% chỉ tiêu giao."
    )
    facts = candidate_facts(text, None)
    year = (date(2019, 1, 1), date(2019, 12, 31))
    assert ("admitted", Decimal(184), "huyện Sông Lam", "district", *year) in facts
    assert ("percent_of_target", Decimal(102), "huyện Sông Lam", "district", *year) in facts


def test_bare_trong_nam_without_any_year_gives_no_period():
    text = "Huyện ủy Sông Lam họp.\nTrong năm, huyện kết nạp 184 đảng viên."
    assert not [c for c in extract(text).candidates if c.metric == "admitted"]


def test_units_then_members_after_gom_co():
    text = (
        "Ngày 4/8/2025, Đảng ủy xã Bình Khê họp. Đảng bộ xã Bình Khê gồm có 31 chi bộ, "
        "với 1.204 đảng viên."
    )
    facts = candidate_facts(text, PUB)
    assert ("members_total", Decimal(1204), "xã Bình Khê", "commune", PUB, PUB) in facts


def test_units_raised_then_members_they_hold():
    text = (
        "Ngày 4/8/2025, Đảng bộ phường Hòa Lạc công bố quyết định thành lập 1 tổ chức đảng. "
        "Hiện Đảng bộ phường Hòa Lạc có 40 tổ chức đảng, với 1.880 đảng viên. Qua đó, nâng "
        "tổng số tổ chức đảng lên 41, với 1.903 đảng viên."
    )
    facts = candidate_facts(text, PUB)
    assert ("members_total", Decimal(1903), "phường Hòa Lạc", "commune", PUB, PUB) in facts


def test_units_raised_then_women_members_is_no_stock():
    text = (
        "Ngày 4/8/2025, Đảng bộ phường Hòa Lạc họp. Qua đó, nâng tổng số tổ chức đảng lên "
        "41, với 903 đảng viên nữ."
    )
    assert not [c for c in extract(text, published=PUB).candidates if c.value == 903]


def test_agency_of_a_commune_is_a_grassroots_body_under_one_name():
    (m,) = [
        m
        for m in find_org_mentions("Đảng bộ cơ quan Ủy ban nhân dân xã Tân Hòa họp.")
        if m.org is not None
    ]
    assert (m.org.name, m.org.level) == ("cơ quan UBND xã Tân Hòa", "grassroots")


def test_stock_of_an_agency_not_of_the_commune_it_belongs_to():
    text = (
        "Ngày 4/8/2025, Đảng ủy xã Tân Hòa họp. Đảng bộ cơ quan Ủy ban nhân dân xã Tân Hòa "
        "trực thuộc Đảng ủy xã Tân Hòa, gồm có 06 chi bộ, với 112 đảng viên."
    )
    facts = candidate_facts(text, PUB)
    assert (
        "members_total",
        Decimal(112),
        "cơ quan UBND xã Tân Hòa",
        "grassroots",
        PUB,
        PUB,
    ) in facts
    assert not [f for f in facts if f[2] == "xã Tân Hòa"]


def test_stock_raised_over_the_ending_term_counts_on_the_congress_day():
    text = (
        "Ngày 20/3, Đảng bộ xã Phú Đông tổ chức Đại hội đại biểu lần thứ IV, nhiệm kỳ "
        "2025-2030.\n"
        "Trong nhiệm kỳ 2020-2025, Đảng bộ xã đã kết nạp được 41 đảng viên mới, nâng tổng "
        "số đảng viên toàn Đảng bộ lên 602 đồng chí."
    )
    facts = candidate_facts(text, None)
    day = date(2025, 3, 20)
    assert ("members_total", Decimal(602), "xã Phú Đông", "commune", day, day) in facts
    term = (date(2020, 1, 1), date(2025, 12, 31))
    assert ("admitted", Decimal(41), "xã Phú Đông", "commune", *term) in facts


# ------------------------------------------------------------------ courses


def test_attendees_of_the_opening_belong_to_the_body_holding_the_course():
    text = (
        "Ngày 10/11/2025, tại Trường Cao đẳng Y tế Hòa Bình, Trường Chính trị tỉnh phối hợp "
        "với Đảng ủy UBND tỉnh tổ chức lớp bồi dưỡng nhận thức về Đảng khóa III, năm 2025. "
        "Dự lễ khai giảng có lãnh đạo Đảng ủy UBND tỉnh, Trường Chính trị tỉnh, Trường Cao "
        "đẳng Y tế Hòa Bình và 156 học viên đến từ các sở, ngành của tỉnh. Lớp học diễn ra "
        "từ ngày 10 đến 14/11/2025."
    )
    trained = [c for c in extract(text).candidates if c.metric == "trained"]
    assert [(c.value, c.organisation, c.org_level) for c in trained] == [
        (Decimal(156), "UBND tỉnh", "district")
    ]
    assert (trained[0].period_start, trained[0].period_end) == (
        date(2025, 11, 10),
        date(2025, 11, 14),
    )


def test_attendees_of_the_opening_of_another_course_are_not_trained():
    text = (
        "Ngày 10/11/2025, Trường Chính trị tỉnh tổ chức lớp trung cấp lý luận chính trị. "
        "Dự lễ khai giảng có lãnh đạo Trường Chính trị tỉnh và 156 học viên."
    )
    assert not [c for c in extract(text).candidates if c.value == 156]


def test_undated_course_days_take_the_only_year_and_the_span_stated_in_full():
    text = (
        "Chiều ngày 15/5, Đảng ủy Khối doanh nghiệp tỉnh tổ chức bế giảng lớp bồi dưỡng lý "
        "luận chính trị dành cho đối tượng kết nạp đảng đợt II năm 2021.\n"
        "Lớp bồi dưỡng lý luận chính trị dành cho đối tượng kết nạp đảng được tổ chức từ "
        "ngày 11 đến 15/5 với sự tham gia của 87 học viên đến từ 21 chi, đảng bộ trực thuộc."
    )
    trained = [c for c in extract(text).candidates if c.metric == "trained"]
    assert [(c.value, c.period_start, c.period_end) for c in trained] == [
        (Decimal(87), date(2021, 5, 11), date(2021, 5, 15))
    ]


# ------------------------------------------------------------------ rates


def test_count_a_rate_of_admission_is_reckoned_on_is_admitted():
    text = (
        "Năm 2022, toàn tỉnh kết nạp 3.100 đảng viên. Tính theo tỷ lệ so với tổng số đảng "
        "viên cuối năm trước thì Đảng bộ huyện Tân Lộc đạt tỷ lệ phát triển Đảng cao nhất, "
        "với 215 đảng viên, bằng 8,4%."
    )
    facts = candidate_facts(text, date(2023, 1, 20))
    year = (date(2022, 1, 1), date(2022, 12, 31))
    assert ("admitted", Decimal(215), "huyện Tân Lộc", "district", *year) in facts
    assert not [f for f in facts if f[0] == "percent_of_target"]


def test_a_stock_after_a_rate_of_members_is_not_admitted():
    text = "Năm 2022, Đảng bộ huyện Tân Lộc có tỷ lệ đảng viên nữ cao, với 2.150 đảng viên nữ."
    assert not [c for c in extract(text).candidates if c.metric == "admitted"]


# ------------------------------------------------------------------ headlines


def test_percentage_given_only_in_the_headline_takes_the_body_period_and_level():
    text = (
        "Mỹ Xuyên\n\n"
        "Phát triển đảng viên đạt 118,4% chỉ tiêu nghị quyết\n\n"
        "Cập nhật, 08:10, Thứ Sáu, 22/12/2023 (GMT+7)\n\n"
        "Hằng năm, công tác phát triển đảng viên luôn được cấp ủy quan tâm.\n\n"
        "Trong năm 2023, có 231 đảng viên mới được kết nạp, nâng tổng số đảng viên toàn "
        "huyện lên 6.120 đảng viên.\n"
    )
    facts = candidate_facts(text, None)
    year = (date(2023, 1, 1), date(2023, 12, 31))
    assert ("percent_of_target", Decimal("118.4"), "huyện Mỹ Xuyên", "district", *year) in facts
    assert ("admitted", Decimal(231), "huyện Mỹ Xuyên", "district", *year) in facts
