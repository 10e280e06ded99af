"""Admission ceremonies: a unit admits N people at a ceremony, counted on the ceremony's day.

Each test states the whole answer: every candidate (organisation, level, metric, value,
period), and nothing more.
"""

from datetime import date
from decimal import Decimal

from recruitment.extraction import extract
from recruitment.extraction.periods import CEREMONY_RE, find_event_days


def _answer(text, published=None):
    return sorted(
        (c.organisation, c.org_level, c.metric, c.value, c.period_start, c.period_end)
        for c in extract(text, published=published).candidates
        if not c.derived
    )


def test_a_ceremony_admits_those_it_is_held_for_whatever_names_the_class_between():
    text = (
        "Tin hoạt động\n\n"
        "Chiều ngày 12/4/2023, Đảng ủy Công ty CP Xi măng Bút Sơn đã tổ chức lễ kết nạp "
        "Đảng “Lớp đảng viên 60 năm thành lập Công ty” cho 9 quần chúng ưu tú đến từ các "
        "chi bộ trực thuộc."
    )
    day = date(2023, 4, 12)
    assert _answer(text) == [
        ("Công ty CP Xi măng Bút Sơn", "grassroots", "admitted", Decimal(9), day, day)
    ]


def test_a_ceremony_for_youth_union_members_written_short_admits_them_to_the_party():
    text = (
        "Tin hoạt động\n\n"
        "Sáng ngày 26/3/2024, Đảng ủy Công ty CP Than Núi Béo tổ chức lễ kết nạp Đảng "
        "“Lớp đảng viên tuổi trẻ” cho 8 ĐVTN ưu tú."
    )
    day = date(2024, 3, 26)
    assert _answer(text) == [
        ("Công ty CP Than Núi Béo", "grassroots", "admitted", Decimal(8), day, day)
    ]


def test_a_youth_union_ceremony_admits_no_one_to_the_party():
    text = (
        "Tin hoạt động\n\n"
        "Sáng ngày 26/3/2024, Đoàn trường tổ chức lễ kết nạp đoàn viên mới “Lớp đoàn viên "
        "tuổi trẻ” cho 80 học sinh khối 10."
    )
    assert _answer(text) == []


def test_the_day_a_batch_is_named_after_is_not_the_ceremonys_day():
    text = (
        "Tin hoạt động\n\n"
        "Thực hiện kế hoạch năm 2023, ngày 8/9, Đảng ủy Công ty CP Than Cọc Sáu tổ chức lễ "
        "kết nạp Đảng viên đợt 2/9/2023 cho 12 đồng chí quần chúng ưu tú."
    )
    day = date(2023, 9, 8)
    assert _answer(text) == [
        ("Công ty CP Than Cọc Sáu", "grassroots", "admitted", Decimal(12), day, day)
    ]


def test_an_occasion_is_the_ceremonys_day_when_the_report_gives_no_other():
    low = "dịp 2/9/2023, đảng ủy công ty tổ chức lễ kết nạp đảng cho 12 quần chúng ưu tú."
    assert find_event_days(low, CEREMONY_RE, published=None, term=None) == (
        date(2023, 9, 2),
        date(2023, 9, 2),
    )


def test_an_admission_on_an_occasion_counts_on_its_day_of_the_publication_year():
    text = (
        "Tin hoạt động\n\n"
        "Nhân dịp 19/5, 6 sinh viên ưu tú của Trường Đại học Hồng Đức đã được kết nạp vào Đảng."
    )
    day = date(2024, 5, 19)
    assert _answer(text, published=date(2024, 5, 21)) == [
        ("Trường Đại học Hồng Đức", "grassroots", "admitted", Decimal(6), day, day)
    ]


def test_a_school_party_committee_holding_ceremonies_over_two_days_counts_over_both():
    text = (
        "Tin hoạt động\n\n"
        "Trong hai ngày từ 5-6/7/2023, Đảng bộ trường THPT Hồng Lĩnh đã tổ chức “Lễ kết nạp "
        "Đảng” cho 11 em học sinh – quần chúng ưu tú."
    )
    assert _answer(text) == [
        (
            "Trường THPT Hồng Lĩnh",
            "grassroots",
            "admitted",
            Decimal(11),
            date(2023, 7, 5),
            date(2023, 7, 6),
        )
    ]


def test_a_mistyped_ceremony_still_dates_the_decisions_handed_over_at_it():
    text = (
        "Tin hoạt động\n\n"
        "Ngày 20/12/2019, Chi bộ trường THCS Lê Lợi tổ chức lế kết nạp cho quần chúng Nguyễn "
        "Văn An và quần chúng Lê Thị Bình vào Đảng Cộng sản Việt Nam. Tại buổi Lễ, đồng chí Bí "
        "thư chi bộ đã đọc và trao Quyết định kết nạp cho 2 đảng viên mới."
    )
    day = date(2019, 12, 20)
    assert _answer(text) == [
        ("chi bộ Trường THCS Lê Lợi", "cell", "admitted", Decimal(2), day, day)
    ]


def test_a_ceremony_at_a_cell_located_by_its_commune_and_district_is_the_cells():
    text = (
        "Tin hoạt động\n\n"
        "Ngày 9/11/2024, tại Chi bộ thôn Nậm Pung, xã Trung Lèng Hồ, huyện Bát Xát diễn ra Lễ "
        "kết nạp đảng viên mới. Lần đầu tiên, 2 quần chúng ưu tú được kết nạp đảng cùng ngày."
    )
    day = date(2024, 11, 9)
    assert _answer(text, published=date(2024, 11, 12)) == [
        ("chi bộ thôn Nậm Pung", "cell", "admitted", Decimal(2), day, day)
    ]


def test_the_secretary_named_after_the_cell_is_no_cell():
    text = (
        "Ngày 30 tháng 12 năm 2025, tại Trường THCS Thăng Long, buổi lễ kết nạp Đảng viên đã "
        "diễn ra thành công tốt đẹp.\n"
        "Buổi lễ có sự có mặt của đồng chí Phan Lưu Thắng và đồng chí Lê Thu Thủy – những đồng "
        "chí vinh dự được kết nạp Đảng trong dịp này.\n"
        "Phát biểu tại buổi lễ, đồng chí Bí thư Chi bộ Phan Dân nhấn mạnh vai trò của Đảng."
    )
    day = date(2025, 12, 30)
    assert _answer(text) == [
        ("Trường THCS Thăng Long", "grassroots", "admitted", Decimal(2), day, day)
    ]


def test_a_school_named_for_dang_tran_con_admits_a_person_into_the_party():
    text = (
        "Ngày 23 tháng 9 năm 2020, Chi bộ Trường Tiểu học Đặng Trần Côn tổ chức kết nạp quần "
        "chúng ưu tú Nguyễn Mỹ Kim vào hàng ngũ của Đảng."
    )
    day = date(2020, 9, 23)
    assert _answer(text) == [
        ("chi bộ Trường Tiểu học Đặng Trần Côn", "cell", "admitted", Decimal(1), day, day)
    ]


def test_a_round_named_after_an_occasion_is_dated_on_it():
    text = (
        "Kết nạp 51 đảng viên đợt 3-2\n\n14/02/2014 10:37\n\n"
        "Đảng bộ huyện Ninh Giang đã kết nạp 51 đảng viên đợt 3-2."
    )
    day = date(2014, 2, 3)
    assert _answer(text) == [("huyện Ninh Giang", "district", "admitted", Decimal(51), day, day)]


def test_a_ceremony_on_its_own_day_for_a_round_named_after_an_occasion_counts_on_its_day():
    text = (
        "Ngày 6/9/2022, Đảng ủy Công ty CP Than Mông Dương tổ chức lễ kết nạp Đảng viên đợt "
        "2/9/2022 cho 17 đồng chí quần chúng ưu tú."
    )
    day = date(2022, 9, 6)
    assert _answer(text) == [
        ("Công ty CP Than Mông Dương", "grassroots", "admitted", Decimal(17), day, day)
    ]


def test_a_numbered_cell_admits_not_the_body_its_bracket_names():
    text = (
        "Sáng 10-8-2021, Chi bộ số 4 (Đảng bộ Trường THPT Chuyên Thái Nguyên) đã tổ chức Lễ kết "
        "nạp Đảng cho 2 quần chúng ưu tú: Nông Trường An (sinh năm 2003) và Nguyễn Thu Hương "
        "(sinh năm 2003)."
    )
    day = date(2021, 8, 10)
    assert _answer(text) == [("chi bộ số 4", "cell", "admitted", Decimal(2), day, day)]


def test_a_birth_year_dates_no_ceremony():
    text = (
        "Sáng 10-8, Chi bộ số 4 đã tổ chức Lễ kết nạp Đảng cho 2 quần chúng ưu tú: Nông Trường "
        "An (sinh năm 2003) và Nguyễn Thu Hương (sinh năm 2003)."
    )
    assert _answer(text) == []


def test_a_school_of_several_levels_admits_the_people_one_title_names():
    text = (
        "Ngày 05/6/2024, Chi bộ trường TH, THCS, THPT Khương Hạ long trọng tổ chức Lễ kết nạp "
        "Đảng viên cho các quần chúng Phạm Tiến Đạt và Nguyễn Phương Anh vào Đảng Cộng sản Việt "
        "Nam."
    )
    day = date(2024, 6, 5)
    assert _answer(text) == [
        ("chi bộ Trường TH, THCS, THPT Khương Hạ", "cell", "admitted", Decimal(2), day, day)
    ]


def test_those_admitted_on_the_occasion_told_again_are_the_cells_count_once():
    text = (
        "Sáng 10-8-2021, Chi bộ số 4 (Đảng bộ Trường THPT Chuyên Thái Nguyên) đã tổ chức Lễ kết "
        "nạp Đảng cho 2 quần chúng ưu tú.\n"
        "Những năm qua, Đảng bộ Trường THPT Chuyên Thái Nguyên luôn quan tâm đến công tác phát "
        "triển đảng viên. Hai quần chúng ưu tú được kết nạp dịp này đều có thành tích xuất sắc."
    )
    day = date(2021, 8, 10)
    assert _answer(text) == [("chi bộ số 4", "cell", "admitted", Decimal(2), day, day)]


def test_the_cells_of_a_districts_schools_admit_together_not_the_district():
    text = (
        "Trong dịp kỷ niệm 133 năm ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 – 19/5/2023), chi "
        "bộ các trường THPT trên địa bàn huyện Krông Pắc đã tổ chức kết nạp Đảng cho 19 học sinh "
        "có thành tích xuất sắc."
    )
    day = date(2023, 5, 19)
    assert _answer(text) == [
        (
            "chi bộ các trường THPT trên địa bàn huyện Krông Pắc",
            "cell",
            "admitted",
            Decimal(19),
            day,
            day,
        )
    ]


def test_names_with_lower_case_words_inside_run_to_their_end():
    health = (
        "Ngày 28/01/2026, Chi bộ khối Nội trực thuộc Đảng bộ Trung tâm Y tế khu vực Phù Ninh đã "
        "tổ chức Lễ kết nạp Đảng viên mới cho 05 quần chúng ưu tú."
    )
    school = (
        "Ngày 25/2/2021, Chi bộ trường MN Đô thị Sài Đồng tổ chức Lễ kết nạp đảng viên mới cho "
        "đồng chí Nguyễn Thị Hoa."
    )
    day, other = date(2026, 1, 28), date(2021, 2, 25)
    assert _answer(health) + _answer(school) == [
        ("Trung tâm Y tế khu vực Phù Ninh", "grassroots", "admitted", Decimal(5), day, day),
        ("chi bộ Trường MN Đô thị Sài Đồng", "cell", "admitted", Decimal(1), other, other),
    ]


def test_an_undated_ceremony_for_an_anniversary_falls_in_its_year():
    text = (
        "(NLĐO) – 40 quần chúng của 35 chi bộ thuộc Đảng bộ quận Thủ Đức (TP HCM) đã được kết "
        "nạp Đảng nhân kỷ niệm 75 năm Ngày Quốc khánh nước Cộng hòa Xã hội Chủ nghĩa Việt Nam\n"
        "Ngày 2-9, 35 chi bộ thuộc Đảng bộ quận Thủ Đức (TP HCM) đã tổ chức lễ kết nạp đảng viên "
        "cho 40 quần chúng ưu tú."
    )
    day = date(2020, 9, 2)
    assert _answer(text) == [("quận Thủ Đức", "district", "admitted", Decimal(40), day, day)]


def test_glued_link_titles_are_page_noise_and_each_cell_admits_those_it_names():
    text = (
        "ClockThứ Năm, 02/02/2023 15:12\n\n"
        "Kết nạp Đảng cho thanh niên ưu tú trước khi lên đường nhập ngũ\n\n"
        "TTH.VN - Ngày 2/2, Chi bộ thôn Vinh Vệ và Chi bộ thôn Mỹ Lam thuộc Đảng bộ xã Phú Mỹ "
        "tổ chức lễ kết nạp đảng viên mới cho các quần chúng ưu tú.\n\n"
        "Kết nạp Đảng tại mặt trận tình nguyệnPhát triển Đảng ở khu dân cư: Đa dạng hình "
        "thứcLễ kết nạp Đảng trực tuyếnKết nạp đảng cho 8 đoàn viên ưu tú ở Trường THPT Chuyên "
        "Quốc Học:\n\n"
        "Chi bộ thôn Vinh Vệ đã kết nạp Đảng cho thanh niên Trần Đức Hải (sinh năm 2002); Chi bộ "
        "thôn Mỹ Lam kết nạp Đảng cho thanh niên Lê Quốc Ly (sinh năm 2002) và Phạm Công Minh "
        "(sinh năm 2004)."
    )
    day = date(2023, 2, 2)
    assert _answer(text) == [
        ("chi bộ thôn Mỹ Lam", "cell", "admitted", Decimal(2), day, day),
        ("chi bộ thôn Vinh Vệ", "cell", "admitted", Decimal(1), day, day),
    ]


def test_an_occasion_on_an_undated_page_falls_in_the_year_of_its_anniversary():
    text = (
        "10 sinh viên Trường Đại học Hùng Vương được kết nạp Đảng dịp 19/5\n\n"
        "GD&TĐ – Nhân dịp kỷ niệm 134 năm ngày sinh Chủ tịch Hồ Chí Minh, 10 sinh viên ưu tú của "
        "Trường Đại học Hùng Vương (Phú Thọ) đã được kết nạp Đảng."
    )
    day = date(2024, 5, 19)
    assert _answer(text) == [
        ("Trường Đại học Hùng Vương", "grassroots", "admitted", Decimal(10), day, day)
    ]


def test_a_founding_day_in_brackets_is_recalled_and_the_ceremony_falls_in_the_anniversarys_year():
    text = (
        "TPO - Ngày 3/2, đúng 96 năm Ngày thành lập Đảng Cộng sản Việt Nam (3/2/1930), tại Côn "
        "Đảo, Đảng ủy Đại học Trà Vinh tổ chức lễ kết nạp Đảng cho 5 sinh viên ưu tú của trường."
    )
    day = date(2026, 2, 3)
    assert _answer(text) == [("Đại học Trà Vinh", "grassroots", "admitted", Decimal(5), day, day)]


def test_a_company_named_for_the_environment_is_no_school():
    text = (
        "Ngày 30/12/2016, Chi bộ Công ty TNHH Xây dựng Môi Trường Xanh tổ chức lễ kết nạp đảng "
        "viên cho đồng chí Nguyễn Văn An."
    )
    day = date(2016, 12, 30)
    assert _answer(text) == [
        ("chi bộ Công ty TNHH Xây dựng Môi Trường Xanh", "cell", "admitted", Decimal(1), day, day)
    ]
