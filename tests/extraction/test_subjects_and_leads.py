"""Subjects and periods a report sets once and its later sentences lean on.

Sentences written for these tests (places and figures invented): a half-year report whose
body says "từ đầu năm đến nay", a dateless page that names its year once, people "được
đứng trong hàng ngũ của Đảng", a congress "đại diện cho N đảng viên trong toàn Đảng bộ".
Each test asserts every stated candidate: metric, value, organisation, period.
"""

from datetime import date
from decimal import Decimal

from recruitment.extraction import extract


def _all(text, published=None):
    ex = extract(text, published=published)
    return sorted(
        (c.metric, c.value, c.organisation, c.period_start, c.period_end)
        for c in ex.candidates
        if not c.derived
    )


def test_so_far_in_a_half_year_report_is_the_half_year():
    text = (
        "Sáng 12.7, Đảng ủy Khối Doanh nghiệp tỉnh tổ chức hội nghị sơ kết 6 tháng đầu năm, "
        "triển khai nhiệm vụ 6 tháng cuối năm 2019.\n\n"
        "Sáu tháng đầu năm, Đảng ủy Khối Doanh nghiệp tỉnh đã lãnh đạo thực hiện tốt các "
        "nhiệm vụ chính trị. Từ đầu năm đến nay, toàn đảng bộ đã kết nạp được 58 đảng viên, "
        "đạt 58% so với chỉ tiêu kế hoạch cả năm."
    )
    period = (date(2019, 1, 1), date(2019, 6, 30))
    org = "Khối Doanh nghiệp tỉnh"
    assert _all(text) == [
        ("admitted", Decimal("58"), org, *period),
        ("percent_of_target", Decimal("58"), org, *period),
    ]


def test_so_far_long_after_the_quarter_keeps_the_publication_date():
    text = (
        "Quý I, Huyện ủy Tân Lạc tập trung chỉ đạo công tác tạo nguồn. "
        "Từ đầu năm đến nay, toàn huyện đã kết nạp được 95 đảng viên."
    )
    assert _all(text, published=date(2021, 10, 5)) == [
        ("admitted", Decimal("95"), "huyện Tân Lạc", date(2021, 1, 1), date(2021, 10, 5)),
    ]


def test_a_dateless_page_gives_an_occasion_the_year_it_named():
    text = (
        "Năm 2021, Đảng bộ Công ty Than Vàng Danh đẩy mạnh công tác tạo nguồn phát triển "
        "đảng viên trong công nhân lò.\n\n"
        "Riêng dịp 3/2 vừa qua, đã có 14 quần chúng là thợ lò tiêu biểu, xuất sắc vinh dự "
        "được đứng trong hàng ngũ của Đảng."
    )
    assert _all(text) == [
        ("admitted", Decimal("14"), "Công ty Than Vàng Danh", date(2021, 2, 3), date(2021, 2, 3)),
    ]


def test_wishing_to_join_the_ranks_is_not_an_admission():
    text = (
        "Năm 2021, Đảng bộ Công ty Than Vàng Danh có 40 quần chúng ưu tú, tích cực, "
        "phấn đấu đứng vào hàng ngũ của Đảng."
    )
    assert _all(text, published=date(2021, 6, 1)) == []


def test_bare_party_body_at_a_congress_is_the_body_the_report_names():
    text = (
        "Đại hội diễn ra trong 2 ngày 14-15/8, với sự tham dự của 180 đại biểu đại diện cho "
        "1.240 đảng viên trong toàn Đảng bộ.\n\n"
        "Đại hội thảo luận, góp ý dự thảo văn kiện Đại hội Đảng bộ tỉnh Hòa Bình lần thứ "
        "XVIII, nhiệm kỳ 2025-2030.\n\n"
        "Nghị quyết xác định Đảng bộ Công an tỉnh hằng năm hoàn thành tốt nhiệm vụ."
    )
    day = date(2025, 8, 15)
    assert _all(text, published=day) == [
        ("members_total", Decimal("1240"), "Công an tỉnh", day, day),
    ]


def test_one_year_singled_out_does_not_end_the_span():
    text = (
        "Từ năm 2016 đến nay, Đảng bộ xã Tân Phong đã kết nạp được 42 đảng viên mới, riêng "
        "trong năm 2020 Đảng bộ xã kết nạp được 9 đảng viên mới."
    )
    org = "xã Tân Phong"
    assert _all(text, published=date(2021, 4, 2)) == [
        ("admitted", Decimal("9"), org, date(2020, 1, 1), date(2020, 12, 31)),
        ("admitted", Decimal("42"), org, date(2016, 1, 1), date(2021, 4, 2)),
    ]


def test_a_headline_ending_in_a_stop_over_its_date_line_repeats_the_body():
    text = (
        "Tân Yên kết nạp được 60 đảng viên, đạt 30% kế hoạch năm.\n"
        "Ngày đăng: 07/02/2017\n\n"
        "Trong dịp kỷ niệm 87 năm ngày thành lập Đảng Cộng sản Việt Nam 3/2, Ban Thường vụ "
        "Huyện uỷ Tân Yên đã ra Quyết định kết nạp 7 quần chúng ưu tú vào Đảng. Tính từ đầu "
        "năm đến nay, Tân Yên kết nạp được 60 đảng viên, đạt 30% kế hoạch.\n"
    )
    ytd = (date(2017, 1, 1), date(2017, 2, 7))
    ceremony = (date(2017, 2, 3), date(2017, 2, 3))
    assert _all(text) == [
        ("admitted", Decimal(7), "huyện Tân Yên", *ceremony),
        ("admitted", Decimal(60), "huyện Tân Yên", *ytd),
        ("percent_of_target", Decimal(30), "huyện Tân Yên", *ytd),
    ]


def test_the_whole_district_as_subject_after_its_units_aims_for_the_district():
    text = (
        "Ngày 14/02/2014\n\n"
        "Năm 2014, Huyện uỷ Ninh Giang chỉ đạo các tổ chức cơ sở đảng làm tốt công tác tạo "
        "nguồn, phấn đấu toàn huyện kết nạp từ 180 đảng viên trở lên."
    )
    year = (date(2014, 1, 1), date(2014, 12, 31))
    assert _all(text) == [("target", Decimal(180), "huyện Ninh Giang", *year)]


def test_a_breadcrumb_is_no_headline_and_a_count_stated_as_a_share_is_a_part():
    text = (
        "Chi tiết - Huyện Cam Lộ\n\n"
        "Kết nạp 78 đảng viên trong 6 tháng đầu năm 2024\n\n"
        "Trong 6 tháng đầu năm 2024, công tác phát triển đảng viên được các cấp ủy Đảng trên địa "
        "bàn huyện Cam Lộ hết sức quan tâm. Nhờ đó, toàn Đảng bộ huyện đã kết nạp được 78 đảng "
        "viên.\n\n"
        "Cụ thể, các cơ sở đoàn đã giới thiệu đoàn viên ưu tú cho Đảng và đã có 56 đoàn viên vinh "
        "dự được kết nạp vào Đảng Cộng sản Việt Nam, chiếm tỷ lệ 71%."
    )
    half = (date(2024, 1, 1), date(2024, 6, 30))
    assert _all(text) == [("admitted", Decimal(78), "huyện Cam Lộ", *half)]


def test_a_year_in_the_headline_of_a_ceremony_is_the_recruits_not_the_count():
    text = (
        "Chi tiết tin tức - Huyện Triệu Phong\n\n"
        "Đảng bộ huyện Triệu Phong kết nạp đảng viên mới cho 40 thanh niên ưu tú chuẩn bị lên "
        "đường nhập ngũ năm 2024\n\n21/02/2024\n\n"
        "Nhân dịp kỷ niệm 94 năm Ngày thành lập Đảng Cộng sản Việt Nam (3/2/1930 - 3/2/2024), "
        "huyện Triệu Phong tổ chức kết nạp Đảng cho 40 thanh niên ưu tú trước khi lên đường nhập "
        "ngũ năm 2024."
    )
    day = (date(2024, 2, 3), date(2024, 2, 3))
    assert _all(text) == [("admitted", Decimal(40), "huyện Triệu Phong", *day)]


def test_the_members_a_congresss_delegates_stand_for_are_the_hosts_not_a_guests_body():
    text = (
        "Ngày 30/7, Đảng bộ xã Bao La tổ chức Đại hội đại biểu lần thứ I, nhiệm kỳ 2025-2030. "
        "Dự và chỉ đạo Đại hội có đồng chí Nguyễn Tiến Sinh - Ủy viên BTV Tỉnh ủy, Chánh Thanh "
        "tra tỉnh. Cùng dự có đồng chí Bùi Văn Luyến - TUV, Phó Chủ tịch Uỷ ban MTTQ tỉnh; đại "
        "diện lãnh đạo các sở, ngành, cùng 150 đảng viên tiêu biểu đại diện cho 1.040 đảng viên "
        "Đảng bộ."
    )
    day = (date(2025, 7, 30), date(2025, 7, 30))
    assert _all(text) == [("members_total", Decimal(1040), "xã Bao La", *day)]


def test_from_the_start_of_the_term_to_a_month_and_against_the_congress_plan_is_one_count():
    text = (
        "Đảng bộ huyện Đăk Hà kết nạp 300 Đảng viên mới\n\n"
        "Từ đầu nhiệm kỳ 2020-2025 đến đầu tháng 7/2023, Đảng bộ huyện kết nạp được 300 đảng viên "
        "mới, đạt 100% chỉ tiêu Nghị quyết Đại hội Đảng bộ huyện lần thứ VI đề ra.\n\n"
        "Tính đến ngày 30/6/2023, Đảng bộ huyện Đăk Hà kết nạp được 300 đảng viên mới, đạt 100% "
        "chỉ tiêu Nghị quyết Đại hội Đảng bộ huyện lần thứ VI đề ra."
    )
    so_far = (date(2020, 1, 1), date(2023, 6, 30))
    assert _all(text) == [
        ("admitted", Decimal(300), "huyện Đăk Hà", *so_far),
        ("percent_of_target", Decimal(100), "huyện Đăk Hà", *so_far),
    ]
