"""Merged units, ceremony guests, counts in words and cells named in sentence case.

Sentences are written for these tests after phrasings of real pages; places and figures are
invented. Each case pins one general rule, including the cases where a number is no figure.
"""

from datetime import date
from decimal import Decimal

from probe_support import candidate_facts

CONGRESS = date(2025, 7, 29)


def _facts(text, published=CONGRESS, **kw):
    return candidate_facts(text, published, **kw)


# ------------------------------------------------------------- the members of a new unit


def test_members_after_counts_of_several_kinds_of_unit_are_the_stock():
    text = (
        "Sáng 29/7, Đảng bộ xã Tân Lập tổ chức Đại hội đại biểu lần thứ I. Đảng bộ xã có 23 "
        "tổ chức cơ sở đảng và 35 chi bộ trực thuộc Đảng bộ với 1.807 đảng viên."
    )
    assert _facts(text) == {
        ("members_total", Decimal(1807), "xã Tân Lập", "commune", CONGRESS, CONGRESS)
    }


def test_a_unit_merged_into_the_subject_is_not_what_a_later_bare_name_means():
    text = (
        "Sáng 29/7, Đảng bộ xã Tân Lập tổ chức Đại hội đại biểu lần thứ I.\n"
        "Xã Tân Lập được thành lập trên cơ sở sáp nhập xã Phú Thành, xã Phú Hòa và thị trấn "
        "Ba Hàng. Đảng bộ xã có 23 tổ chức cơ sở đảng với 1.807 đảng viên."
    )
    assert _facts(text) == {
        ("members_total", Decimal(1807), "xã Tân Lập", "commune", CONGRESS, CONGRESS)
    }


def test_a_rounded_figure_the_article_also_states_exactly_is_that_figure():
    text = (
        "Sáng 29/7, Đảng bộ xã Tân Lập tổ chức Đại hội. Tham dự Đại hội có 165 đại biểu đại "
        "diện cho trên 1.800 đảng viên trong toàn Đảng bộ.\n"
        "Đảng bộ xã Tân Lập có 23 tổ chức cơ sở đảng với 1.807 đảng viên."
    )
    assert _facts(text) == {
        ("members_total", Decimal(1807), "xã Tân Lập", "commune", CONGRESS, CONGRESS)
    }


def test_two_different_stocks_are_both_kept():
    text = (
        "Sáng 29/7, Đảng bộ xã Tân Lập tổ chức Đại hội. Đảng bộ xã Tân Lập có trên 1.500 "
        "đảng viên. Đảng bộ xã Phú Hòa có 1.807 đảng viên."
    )
    assert _facts(text) == {
        ("members_total", Decimal(1500), "xã Tân Lập", "commune", CONGRESS, CONGRESS),
        ("members_total", Decimal(1807), "xã Phú Hòa", "commune", CONGRESS, CONGRESS),
    }


# ------------------------------------------------------------- ceremonies and their guests

CEREMONY = date(2020, 1, 11)


def test_a_count_in_a_ceremonys_guest_list_is_the_hosts_on_its_day():
    text = (
        "Đảng ủy Khối Doanh nghiệp tỉnh kỷ niệm ngày thành lập Đảng và kết nạp đảng viên mới\n"
        "Sáng ngày 11 tháng 01 năm 2020, Đảng ủy Khối Doanh nghiệp tỉnh tổ chức Lễ kỷ niệm "
        "và Lễ kết nạp đảng viên mới.\n"
        "Năm 2020 là năm có nhiều sự kiện lớn của đất nước.\n"
        "Đến dự Lễ có đồng chí Nguyễn Văn An, Bí thư Tỉnh ủy; lãnh đạo Văn phòng UBND tỉnh; "
        "cùng 90 quần chúng ưu tú được kết nạp đảng."
    )
    assert _facts(text, published=date(2020, 1, 16)) == {
        ("admitted", Decimal(90), "Khối Doanh nghiệp tỉnh", "district", CEREMONY, CEREMONY)
    }


def test_the_body_in_a_guests_title_did_not_admit_the_new_members():
    day = date(2024, 8, 9)
    text = (
        "Chiều ngày 9/8/2024, Chi bộ Trường THPT Hòa Bình tổ chức lễ kết nạp đảng viên cho "
        "học sinh. Ông Trần Văn Bình – Phó trưởng Ban Tổ chức Huyện ủy Hòa Bình đã chúc mừng "
        "hai quần chúng ưu tú vinh dự đứng vào hàng ngũ của Đảng."
    )
    assert _facts(text, published=None) == {
        ("admitted", Decimal(2), "chi bộ Trường THPT Hòa Bình", "cell", day, day)
    }


# ------------------------------------------------------------- counts in words


def test_a_ceremony_for_two_students_in_words_admits_two():
    day = date(2025, 7, 8)
    text = (
        "Ngày 08/7/2025, Chi bộ Sinh viên Kinh tế tài chính đã long trọng tổ chức Lễ kết nạp "
        "Đảng viên cho hai sinh viên ưu tú."
    )
    assert _facts(text, published=None) == {
        ("admitted", Decimal(2), "chi bộ Sinh viên Kinh tế tài chính", "cell", day, day)
    }


def test_one_in_words_is_a_count_only_right_after_the_verb():
    text = (
        "Ngày 12/3/2024, Chi bộ Trường THCS Lê Lợi tổ chức lễ kết nạp một đảng viên mới. Đồng "
        "chí là một đảng viên gương mẫu, cho một học sinh mượn sách."
    )
    day = date(2024, 3, 12)
    assert _facts(text, published=None) == {
        ("admitted", Decimal(1), "chi bộ Trường THCS Lê Lợi", "cell", day, day)
    }


# ------------------------------------------------------------- cells named in sentence case


def test_a_cell_named_in_sentence_case_keeps_its_lower_case_words():
    day = date(2020, 12, 3)
    text = (
        "Ngày 03/12/2020, Chi bộ Bệnh viện Phục hồi chức năng đã trang trọng tổ chức Lễ kết "
        "nạp cho 2 đồng chí vào Đảng Cộng sản Việt Nam."
    )
    assert _facts(text, published=None) == {
        ("admitted", Decimal(2), "chi bộ Bệnh viện Phục hồi chức năng", "cell", day, day)
    }


def test_a_cell_name_never_runs_over_a_number_into_the_verb():
    day = date(2020, 12, 3)
    text = "Ngày 03/12/2020, Chi bộ Ấp 3 phối hợp tổ chức Lễ kết nạp cho 2 đồng chí."
    assert _facts(text, published=None) == {
        ("admitted", Decimal(2), "chi bộ Ấp 3", "cell", day, day)
    }


# ------------------------------------------------------------- parts of a stated total

YEAR_2021 = (date(2021, 1, 1), date(2021, 12, 31))


def test_a_count_narrowed_to_enterprises_beside_the_units_total_is_a_part_of_it():
    text = (
        "Năm 2021, toàn Đảng bộ huyện Nhơn Hòa kết nạp mới 127 đảng viên. Trong năm 2021, "
        "đã kết nạp được 8 đảng viên mới trong các doanh nghiệp."
    )
    assert _facts(text, published=date(2022, 1, 5)) == {
        ("admitted", Decimal(127), "huyện Nhơn Hòa", "district", *YEAR_2021)
    }


def test_a_narrowed_count_with_no_total_beside_it_is_kept():
    text = "Năm 2021, Đảng bộ huyện Nhơn Hòa kết nạp được 8 đảng viên mới trong các doanh nghiệp."
    assert _facts(text, published=date(2022, 1, 5)) == {
        ("admitted", Decimal(8), "huyện Nhơn Hòa", "district", *YEAR_2021)
    }


def test_the_share_of_a_part_after_in_which_is_not_the_units_share():
    year = (date(2023, 1, 1), date(2023, 12, 31))
    text = (
        "Năm 2023, Đảng bộ huyện Trấn Hòa đã kết nạp được 237 đảng viên mới, bằng 103% kế "
        "hoạch; trong đó có 15 đảng viên kết nạp trong các đơn vị kinh tế tư nhân, bằng 125% "
        "kế hoạch."
    )
    assert _facts(text, published=date(2024, 2, 1)) == {
        ("admitted", Decimal(237), "huyện Trấn Hòa", "district", *year),
        ("percent_of_target", Decimal(103), "huyện Trấn Hòa", "district", *year),
    }


# ------------------------------------------------------------- shares and plans of units

TO_26_SEPT = (date(2017, 1, 1), date(2017, 9, 26))


def test_each_units_bare_share_in_a_breakdown_of_admissions_is_of_its_plan():
    text = (
        "Tính đến ngày 26/9/2017, toàn tỉnh Bình Thuận đã kết nạp 1.083 đảng viên, đạt 69,2% "
        "so với chỉ tiêu kế hoạch năm. Trong đó, Đảng bộ Công an tỉnh kết nạp vượt 58,2% và "
        "có 08 đảng bộ cấp huyện kết nạp đảng viên đạt từ 80% trở lên (Đảng bộ huyện Phú Quý "
        "đạt 94,29%, Đảng bộ huyện Tánh Linh đạt 85%)."
    )
    assert {f for f in _facts(text, published=date(2017, 9, 27)) if f[0] != "target"} == {
        ("admitted", Decimal(1083), "tỉnh Bình Thuận", "province", *TO_26_SEPT),
        ("percent_of_target", Decimal("69.2"), "tỉnh Bình Thuận", "province", *TO_26_SEPT),
        ("percent_of_target", Decimal("158.2"), "Công an tỉnh", "district", *TO_26_SEPT),
        ("percent_of_target", Decimal("94.29"), "huyện Phú Quý", "district", *TO_26_SEPT),
        ("percent_of_target", Decimal(85), "huyện Tánh Linh", "district", *TO_26_SEPT),
    }


def test_a_bare_share_with_no_admissions_in_sight_is_no_figure():
    text = (
        "Năm 2017, Đảng bộ huyện Phú Quý đạt 94,29% về tỷ lệ tổ chức cơ sở đảng hoàn thành "
        "tốt nhiệm vụ."
    )
    assert _facts(text, published=date(2018, 1, 5)) == set()


def test_admissions_over_their_plan_with_the_people_left_unsaid():
    half = (date(2024, 1, 1), date(2024, 6, 30))
    text = (
        "6 tháng đầu năm 2024, toàn tỉnh Bà Rịa - Vũng Tàu đã kết nạp được 821/1.450 chỉ tiêu "
        "(đạt 56,62%); trong đó, doanh nghiệp ngoài khu vực Nhà nước kết nạp được 50/50 chỉ "
        "tiêu (đạt 100%)."
    )
    assert _facts(text, published=date(2024, 7, 5)) == {
        ("admitted", Decimal(821), "tỉnh Bà Rịa - Vũng Tàu", "province", *half),
        (
            "target",
            Decimal(1450),
            "tỉnh Bà Rịa - Vũng Tàu",
            "province",
            half[0],
            date(2024, 12, 31),
        ),
        ("percent_of_target", Decimal("56.62"), "tỉnh Bà Rịa - Vũng Tàu", "province", *half),
    }


# ------------------------------------------------------------- the province of the page's site


def test_the_province_of_a_provincial_papers_address_is_whom_toan_tinh_means():
    year = (date(2019, 1, 1), date(2019, 12, 31))
    text = "Năm 2019, toàn tỉnh kết nạp được 1.855 đảng viên mới."
    url = "http://m.baohaiduong.vn/chinh-tri/so-dang-vien-moi-129163"
    assert _facts(text, published=date(2020, 2, 25), url=url) == {
        ("admitted", Decimal(1855), "tỉnh Hải Dương", "province", *year)
    }


def test_a_province_the_text_names_outweighs_the_sites():
    year = (date(2019, 1, 1), date(2019, 12, 31))
    text = "Năm 2019, toàn tỉnh Thái Bình kết nạp được 1.855 đảng viên mới."
    url = "https://hiephoa.bacgiang.gov.vn/tin-tuc/1"
    assert _facts(text, published=date(2020, 2, 25), url=url) == {
        ("admitted", Decimal(1855), "tỉnh Thái Bình", "province", *year)
    }


def test_a_second_share_of_the_same_count_against_another_plan_is_the_units_too():
    quarter = (date(2024, 1, 1), date(2024, 3, 31))
    text = (
        "Quý I, Đảng ủy Khối các cơ quan tỉnh Đắk Hòa đã kết nạp 26 quần chúng ưu tú vào Đảng, "
        "đạt 21,6% chỉ tiêu Nghị quyết và 27,7% chỉ tiêu Tỉnh ủy giao năm 2024."
    )
    unit = "Khối các cơ quan tỉnh Đắk Hòa"
    assert {f for f in _facts(text, published=date(2024, 4, 14)) if f[0] != "target"} == {
        ("admitted", Decimal(26), unit, "district", *quarter),
        ("percent_of_target", Decimal("21.6"), unit, "district", *quarter),
        ("percent_of_target", Decimal("27.7"), unit, "district", *quarter),
    }


def test_d_slash_c_is_dong_chi():
    text = "Năm 2012, Đảng bộ xã Đức Thuận kết nạp được 5 đ/c."
    year = (date(2012, 1, 1), date(2012, 12, 31))
    assert _facts(text, published=date(2013, 1, 10)) == {
        ("admitted", Decimal(5), "xã Đức Thuận", "commune", *year)
    }


# ------------------------------------------------------------- k pages: totals, pools, duties


def test_the_total_after_trong_so_is_the_ceremonys_admissions_and_its_part_no_figure():
    day = date(2024, 5, 18)
    text = (
        "Ngày 18/5/2024, Chi bộ trường THPT Kim Thành tổ chức Lễ kết nạp Đảng cho các quần "
        "chúng ưu tú. Trong số 7 quần chúng ưu tú được kết nạp đợt này, có 4 quần chúng là các "
        "học sinh lớp 12."
    )
    assert _facts(text, published=date(2024, 5, 28)) == {
        ("admitted", Decimal(7), "chi bộ Trường THPT Kim Thành", "cell", day, day)
    }


def test_members_of_the_units_a_ward_committee_leads_are_its_stock():
    text = (
        "Sáng 22/8, Đảng bộ phường Bến Nghé tổ chức Đại hội. Đảng bộ phường trực thuộc Thành "
        "ủy, là đảng bộ cấp trên trực tiếp của 71 tổ chức cơ sở đảng, với 2.223 đảng viên."
    )
    day = date(2025, 8, 22)
    assert _facts(text, published=day) == {
        ("members_total", Decimal(2223), "phường Bến Nghé", "commune", day, day)
    }


def test_catp_is_the_city_police_and_the_pools_year_is_not_the_courses():
    days = (date(2020, 5, 5), date(2020, 5, 8))
    text = (
        "Lớp bồi dưỡng nhận thức về Đảng tổ chức từ ngày 5 đến 8-5-2020. Ngày 5-5, Đảng ủy CATP "
        "Hà Nội tổ chức lớp bồi dưỡng nhận thức về Đảng cho 213 quần chúng ưu tú trong diện "
        "quy hoạch phát triển Đảng năm 2019."
    )
    assert _facts(text, published=date(2020, 5, 5)) == {
        ("trained", Decimal(213), "Công an thành phố Hà Nội", "district", *days)
    }


def test_a_duty_set_for_every_year_is_this_years_target():
    year = (date(2025, 1, 1), date(2025, 12, 31))
    text = (
        "Theo Nghị quyết số 21, mỗi năm, Đảng bộ tỉnh Phú Hòa phải kết nạp được từ 7.700 đảng "
        "viên trở lên."
    )
    assert _facts(text, published=date(2025, 10, 23)) == {
        ("target", Decimal(7700), "tỉnh Phú Hòa", "province", *year)
    }


def test_what_happens_every_year_is_no_years_figure():
    text = "Hằng năm, Đảng bộ tỉnh Phú Hòa kết nạp hơn 7.000 đảng viên."
    assert _facts(text, published=date(2025, 10, 23)) == set()


# ------------------------------------------------------------- people admitted by name

AUG_25 = date(2022, 8, 25)


def test_a_ceremony_admitting_two_named_comrades_admits_two():
    text = (
        "Ngày 25/8/2022, Chi bộ Trường THCS Lê Lợi tổ chức Lễ kết nạp đảng viên mới cho đồng "
        "chí Đỗ Thị Thu Thương và đồng chí Mai Thị Dung."
    )
    assert _facts(text, published=date(2022, 8, 26)) == {
        ("admitted", Decimal(2), "chi bộ Trường THCS Lê Lợi", "cell", AUG_25, AUG_25)
    }


def test_who_a_named_person_is_may_stand_between_the_names():
    text = (
        "Ngày 25/8/2022, Chi bộ Trường THCS Lê Lợi tổ chức lễ kết nạp cho quần chúng Nguyễn "
        "Thị Mai Anh, tổ trưởng chuyên môn tổ Toán – Tin và quần chúng Trần Thị Thu Hiền."
    )
    assert _facts(text, published=date(2022, 8, 26)) == {
        ("admitted", Decimal(2), "chi bộ Trường THCS Lê Lợi", "cell", AUG_25, AUG_25)
    }


def test_a_named_admission_in_a_year_end_report_counts_on_the_ceremonys_day():
    day = date(2025, 11, 24)
    text = (
        "Chiều ngày 24/11/2025, Chi bộ Trường THCS Lê Lợi tổ chức Lễ kết nạp Đảng viên mới và "
        "Hội nghị Tổng kết công tác Đảng năm 2025. Tại buổi lễ, đồng chí Bí thư Chi bộ đã công "
        "bố Quyết định kết nạp Đảng viên mới cho quần chúng ưu tú Đào Thị Năm."
    )
    assert _facts(text, published=day) == {
        ("admitted", Decimal(1), "chi bộ Trường THCS Lê Lợi", "cell", day, day)
    }


def test_a_unit_after_cho_is_no_person():
    text = (
        "Ngày 25/8/2022, Đảng ủy xã Tân Lợi trao quyết định kết nạp đảng viên cho Chi bộ thôn "
        "Đông và Chi bộ thôn Tây."
    )
    assert _facts(text, published=date(2022, 8, 26)) == set()
