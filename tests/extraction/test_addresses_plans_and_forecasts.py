"""Rules written for the o pages of the real development set: the headline an address keeps,
plans stated after their count, forecasts, counts glued to their noun, courses' learners.

Places and figures are invented; each case pins one general rule.
"""

from datetime import date
from decimal import Decimal

import pytest
from probe_support import candidate_facts

from recruitment.extraction import abbreviations, extract
from recruitment.extraction.organisations import (
    distinctive_name,
    find_org_mentions,
    url_headline_district,
)
from recruitment.extraction.periods import url_year

PUB = date(2024, 6, 3)
GIA_LAI_QUARTER = (
    "https://baogialai.com.vn/chu-pah-ket-nap-32-dang-vien-trong-quy-i-2023-post1.html"
)


def _facts(text, published=PUB, **kw):
    return candidate_facts(text, published, **kw)


def test_a_count_glued_to_its_noun_is_read():
    assert _facts("Năm 2023, Đảng bộ xã Pà Cò kết nạp được 11quần chúng ưu tú vào Đảng.") == {
        ("admitted", Decimal(11), "xã Pà Cò", "commune", date(2023, 1, 1), date(2023, 12, 31))
    }


def test_a_plan_set_by_the_level_above_is_a_target():
    assert _facts("Năm 2024, chỉ tiêu huyện giao cho xã Pà Cò là 7 đảng viên.") == {
        ("target", Decimal(7), "xã Pà Cò", "commune", date(2024, 1, 1), date(2024, 12, 31))
    }


def test_a_share_after_a_count_and_its_plan_is_the_counts_share_of_the_plan():
    text = (
        "Năm 2023, Đảng bộ xã Pà Cò kết nạp được 11 quần chúng ưu tú vào Đảng trên chỉ tiêu "
        "huyện giao là 08 đồng chí (đạt 137,5%)."
    )
    year = (date(2023, 1, 1), date(2023, 12, 31))
    assert _facts(text) == {
        ("admitted", Decimal(11), "xã Pà Cò", "commune", *year),
        ("target", Decimal(8), "xã Pà Cò", "commune", *year),
        ("percent_of_target", Decimal("137.5"), "xã Pà Cò", "commune", *year),
    }


def test_a_share_that_is_not_the_count_over_its_plan_is_not_read_as_one():
    text = (
        "Năm 2023, Đảng bộ xã Pà Cò kết nạp được 11 quần chúng ưu tú vào Đảng trên chỉ tiêu "
        "huyện giao là 08 đồng chí (đạt 90%)."
    )
    assert {metric for metric, *_ in _facts(text)} == {"admitted", "target"}


def test_a_forecast_of_the_years_result_is_neither_plan_nor_result():
    text = "Dự kiến đến cuối năm 2024, Đảng bộ xã Pà Cò kết nạp được 14 đồng chí."
    assert _facts(text) == set()


def test_up_to_this_moment_ends_on_the_publication_day():
    assert _facts("Đến thời điểm này, Đảng bộ xã Pà Cò đã kết nạp được 9 đảng viên.") == {
        ("admitted", Decimal(9), "xã Pà Cò", "commune", date(2024, 1, 1), PUB)
    }


def test_the_year_a_figure_is_compared_with_is_not_its_period():
    text = (
        "Năm 2023, sản lượng tăng 12,71% so với cùng kỳ năm 2022. Trong năm, huyện Chư Sê "
        "kết nạp 40 đảng viên."
    )
    assert _facts(text, published=None) == {
        ("admitted", Decimal(40), "huyện Chư Sê", "district", date(2023, 1, 1), date(2023, 12, 31))
    }


@pytest.mark.parametrize(
    ("url", "year"),
    [
        (GIA_LAI_QUARTER, 2023),
        ("https://baomoi.com/xa-a-phan-dau-thanh-do-thi-truoc-nam-2030-c5.epi", None),
        ("https://baophutho.vn/dai-hoi-dang-bo-xa-a-nhiem-ky-2025-2030-236.htm", None),
        ("https://baophutho.vn/dai-hoi-dang-bo-xa-a-236.htm", None),
    ],
    ids=["a year", "a goal's horizon", "a term", "none"],
)
def test_the_year_a_headline_kept_in_the_address_names(url, year):
    assert url_year(url) == year


def test_the_district_a_headline_kept_in_the_address_opens_with_is_the_subject():
    text = (
        "Trong quý I, toàn huyện gieo trồng vụ Đông Xuân đạt 100% kế hoạch.\n\n"
        "Trong quý I, toàn Đảng bộ đã kết nạp 32 đảng viên mới, đạt 40,5% chỉ tiêu."
    )
    quarter = (date(2023, 1, 1), date(2023, 3, 31))
    facts = candidate_facts(text, None, url=GIA_LAI_QUARTER)
    assert facts == {
        ("admitted", Decimal(32), "huyện Chư Păh", "district", *quarter),
        ("percent_of_target", Decimal("40.5"), "huyện Chư Păh", "district", *quarter),
    }


@pytest.mark.parametrize(
    ("url", "district"),
    [
        (GIA_LAI_QUARTER, "huyện Chư Păh"),
        ("https://baobacgiang.vn/huyen-tan-yen-ket-nap-40-dang-vien.html", "huyện Tân Yên"),
        ("https://baobacgiang.vn/ket-nap-40-dang-vien-o-tan-yen.html", None),
        ("https://example.com/chu-pah-ket-nap-32-dang-vien.html", None),
    ],
    ids=["opening the headline", "after its level word", "later in it", "no province's site"],
)
def test_a_headline_kept_in_the_address_names_a_district_of_the_sites_province(url, district):
    found = url_headline_district(url)
    assert (f"{found.word} {found.name}" if found else None) == district


def test_learners_closing_the_guest_list_of_a_courses_opening_attended_the_course():
    text = (
        "Sáng ngày 26/02/2024, Trung tâm Chính trị huyện Mường Lát khai giảng lớp bồi dưỡng "
        "nhận thức về Đảng năm 2024.\n\n"
        "Dự khai giảng có đồng chí Lò Văn A, Trưởng ban Tuyên giáo; đại diện các ban xây dựng "
        "Đảng và 37 học viên là đoàn viên ưu tú của các chi bộ."
    )
    ex = extract(text, published=date(2024, 2, 27))
    assert [(c.metric, c.value) for c in ex.candidates] == [("trained", Decimal(37))]


def test_a_military_commands_party_committee_is_named_after_its_force():
    names = ("Đảng ủy Bộ Chỉ huy Quân sự tỉnh", "Bộ CHQS tỉnh", "Đảng bộ Quân sự tỉnh")
    assert {distinctive_name(n) for n in names} == {"quan su tinh"}


def test_a_count_dated_in_its_own_sentence_takes_that_day_over_the_anniversary_it_marks():
    text = (
        "Chào mừng kỷ niệm 88 năm ngày thành lập Đảng (03/02/1930 – 03/02/2018), Đảng bộ Bệnh "
        "viện Đa khoa Hòa Bình long trọng tổ chức Lễ kết nạp quần chúng ưu tú vào Đảng.\n\n"
        "Theo đó chiều ngày 29/01/2018, Đảng bộ Bệnh viện đã kết nạp hai quần chúng ưu tú."
    )
    day = date(2018, 1, 29)
    assert {(m, v, s, e) for m, v, _, _, s, e in _facts(text, published=None)} == {
        ("admitted", Decimal(2), day, day)
    }


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Chi bộ bon B’Tong hiện có 20 đảng viên.", "Chi bộ bon B’Tong"),
        ("Chi bộ trường mầm non Kỳ Long đã kết nạp", "Chi bộ Trường mầm non Kỳ Long"),
        ("Đảng bộ Than Quảng Ninh lần thứ V đã", "Đảng bộ Than Quảng Ninh"),
    ],
    ids=["a M'Nông village", "a school's type in lower case", "a coal company, congress ordinal"],
)
def test_units_named_as_the_highlands_schools_and_coal_companies_write_them(text, name):
    (mention,) = find_org_mentions(text)
    assert f"{mention.org.word} {mention.org.name}".lower() == name.lower()


def test_units_listed_with_their_count_over_plan_and_its_share():
    text = (
        "Đến hết tháng 6/2022, toàn Đảng bộ huyện Hiệp Hòa đã kết nạp được 85 đảng viên mới. "
        "Nhiều đơn vị hoàn thành vượt kế hoạch như: Đảng bộ xã Châu Minh kết nạp được 7/5 đạt "
        "140%, xã Thanh Vân kết nạp được 5/4 đạt 125%."
    )
    half, year = (date(2022, 1, 1), date(2022, 6, 30)), (date(2022, 1, 1), date(2022, 12, 31))
    assert _facts(text) == {
        ("admitted", Decimal(85), "huyện Hiệp Hòa", "district", *half),
        ("admitted", Decimal(7), "xã Châu Minh", "commune", *half),
        ("target", Decimal(5), "xã Châu Minh", "commune", *year),
        ("percent_of_target", Decimal(140), "xã Châu Minh", "commune", *half),
        ("admitted", Decimal(5), "xã Thanh Vân", "commune", *half),
        ("target", Decimal(4), "xã Thanh Vân", "commune", *year),
        ("percent_of_target", Decimal(125), "xã Thanh Vân", "commune", *half),
    }


def test_a_day_and_month_whose_share_does_not_agree_is_no_count_over_plan():
    text = "Năm 2022, Đảng bộ xã Châu Minh kết nạp được 7/5 đạt 100%."
    assert _facts(text) == set()


def test_two_years_named_together_are_one_period():
    text = "Trong hai năm 2024 và 2025, Đảng bộ xã Ba Tơ đã kết nạp 6 đảng viên."
    assert _facts(text) == {
        ("admitted", Decimal(6), "xã Ba Tơ", "commune", date(2024, 1, 1), date(2025, 12, 31))
    }


def test_the_school_an_article_names_is_what_a_bare_school_admits():
    text = (
        "Chi bộ Trường Phổ thông Dân tộc nội trú Trung học phổ thông tỉnh Quảng Ngãi giữ vai "
        "trò đầu tàu.\n\nNhiều em học giỏi.\n\n"
        "Năm 2024, trường đã kết nạp 6 học sinh ưu tú vào Đảng."
    )
    ((metric, value, org, *_),) = _facts(text)
    assert (metric, value, distinctive_name(org)) == (
        "admitted",
        Decimal(6),
        distinctive_name("Trường Phổ thông Dân tộc nội trú Trung học phổ thông tỉnh Quảng Ngãi"),
    )


def test_two_cells_holding_one_ceremony_admit_together():
    text = (
        "Ngày 15/5/2024, Chi bộ khoa Chính trị học và Chi bộ khoa Luật tổ chức lễ kết nạp "
        "Đảng cho 06 quần chúng ưu tú."
    )
    ((_, value, org, level, *_),) = _facts(text)
    assert (value, org, level) == (
        Decimal(6),
        "chi bộ khoa Chính trị học và Chi bộ khoa Luật",
        "cell",
    )


def test_a_total_after_what_a_body_has_is_the_bodys():
    text = (
        "Tính đến ngày 31/8, Đảng bộ thành phố Đà Nẵng có 97 đảng bộ trực thuộc, trong đó chi "
        "bộ đặc khu Hoàng Sa trực thuộc Đảng bộ UBND thành phố, với tổng số 139.534 đảng viên."
    )
    day = date(2024, 8, 31)
    assert _facts(text) == {
        ("members_total", Decimal(139534), "thành phố Đà Nẵng", "province", day, day)
    }


def test_a_congress_reports_figures_of_the_body_holding_it():
    text = (
        "Ngày 18/8/2025, Đại hội đại biểu lần thứ nhất Đảng bộ xã Tiên Minh, nhiệm kỳ "
        "2025-2030 diễn ra thành công. Thành ủy Hải Phòng tặng hoa chúc mừng.\n\n"
        "Trong nhiệm kỳ vừa qua, công tác phát triển đảng viên được Đảng bộ quan tâm. Đã có "
        "241 quần chúng ưu tú tham gia các lớp bồi dưỡng nhận thức về Đảng."
    )
    ((metric, value, org, *_),) = _facts(text, published=date(2025, 8, 19))
    assert (metric, value, org) == ("trained", Decimal(241), "xã Tiên Minh")


def test_in_a_congresss_year_the_term_reviewed_is_the_one_ending():
    text = (
        "Trong 2 ngày 25 và 26.5.2020, Đảng bộ xã Đôn Thuận tổ chức Đại hội đại biểu lần thứ "
        "XII, nhiệm kỳ 2020 - 2025.\n\nCông tác phát triển đảng viên được quan tâm, trong nhiệm "
        "kỳ đã kết nạp được 34 đảng viên."
    )
    term = (date(2015, 1, 1), date(2020, 12, 31))
    assert _facts(text, published=date(2020, 5, 27)) == {
        ("admitted", Decimal(34), "xã Đôn Thuận", "commune", *term)
    }


def test_between_congresses_the_term_so_far():
    text = "Trong nhiệm kỳ, Đảng bộ xã Đôn Thuận đã kết nạp được 20 đảng viên."
    assert _facts(text, published=date(2023, 6, 1)) == {
        ("admitted", Decimal(20), "xã Đôn Thuận", "commune", date(2020, 1, 1), date(2023, 6, 1))
    }


def test_who_awarded_the_subject_is_not_the_subject():
    text = (
        "Năm 2020, Đảng bộ xã Đôn Thuận có 04 cá nhân được thị xã Trảng Bàng khen thưởng. Công "
        "tác phát triển đảng viên được quan tâm, đã kết nạp được 7 đảng viên."
    )
    assert {org for _, _, org, *_ in _facts(text)} == {"xã Đôn Thuận"}


def test_those_admitted_out_of_a_pool_introduced_are_admissions():
    text = (
        "Năm 2013, tỉnh Bến Tre đã giới thiệu cho Đảng 2.156 đoàn viên ưu tú, trong đó có 1.450 "
        "đoàn viên được kết nạp Đảng."
    )
    year = (date(2013, 1, 1), date(2013, 12, 31))
    assert _facts(text) == {("admitted", Decimal(1450), "tỉnh Bến Tre", "province", *year)}


def test_a_count_stated_as_admitted_over_a_span_not_yet_ended_is_a_result():
    text = "Giai đoạn 2012 - 2019, quận Ngô Quyền có 771 đoàn viên ưu tú được kết nạp Đảng."
    assert _facts(text, published=date(2019, 3, 26)) == {
        (
            "admitted",
            Decimal(771),
            "quận Ngô Quyền",
            "district",
            date(2012, 1, 1),
            date(2019, 12, 31),
        )
    }


def test_a_commune_forces_cell_is_a_cell():
    text = (
        "Sáng 3-2-2026, Chi bộ Quân sự phường Long Biên tổ chức Lễ kết nạp đảng viên cho 5 "
        "quần chúng."
    )
    ((_, value, org, level, *_),) = _facts(text, published=date(2026, 2, 4))
    assert (value, org, level) == (Decimal(5), "chi bộ Quân sự phường Long Biên", "cell")


def test_a_congresss_days_are_read_past_an_abbreviated_city():
    text = (
        "Từ ngày 12 đến 14-10, tại Trung tâm Hội nghị tỉnh (46 Trần Phú, TP. Nha Trang), Đại hội "
        "Đảng bộ tỉnh Khánh Hòa lần thứ XVIII được tổ chức. Tham dự đại hội có 349 đại biểu, "
        "đại diện cho 44.216 đảng viên trong toàn Đảng bộ tỉnh."
    )
    day = date(2020, 10, 14)
    assert _facts(text, published=date(2020, 10, 12)) == {
        ("members_total", Decimal(44216), "tỉnh Khánh Hòa", "province", day, day)
    }


def test_the_share_of_members_in_the_population_is_measured_on_its_day():
    text = "Tính đến cuối năm 2010, tỷ lệ đảng viên so với dân số của tỉnh Đồng Tháp đạt 2,43%."
    day = date(2010, 12, 31)
    assert _facts(text) == {
        ("members_population_pct", Decimal("2.43"), "tỉnh Đồng Tháp", "province", day, day)
    }


def test_a_share_reached_is_read_past_its_bound_and_a_bare_so():
    text = "Trong năm 2024, huyện Gò Dầu đã kết nạp được 104 đảng viên, đạt gần 102% so chỉ tiêu."
    year = (date(2024, 1, 1), date(2024, 12, 31))
    assert _facts(text) == {
        ("admitted", Decimal(104), "huyện Gò Dầu", "district", *year),
        ("percent_of_target", Decimal(102), "huyện Gò Dầu", "district", *year),
    }


def test_the_past_months_of_an_undated_review_take_the_year_it_names():
    text = (
        "Ban Tổ chức Huyện uỷ Gò Dầu sơ kết công tác 9 tháng và triển khai nhiệm vụ trọng tâm 3 "
        "tháng cuối năm 2023.\n\nTrong 9 tháng qua, Ban Tổ chức tham mưu tốt.\n\nToàn huyện kết "
        "nạp 54 đảng viên, tổng số đảng viên toàn huyện hơn 3.300 đảng viên."
    )
    nine, end = (date(2023, 1, 1), date(2023, 9, 30)), date(2023, 9, 30)
    assert _facts(text, published=None) == {
        ("admitted", Decimal(54), "huyện Gò Dầu", "district", *nine),
        ("members_total", Decimal(3300), "huyện Gò Dầu", "district", end, end),
    }


def test_a_body_founded_counts_its_members_on_the_day_it_is_announced():
    text = (
        " date 2023-07 Sáng 30/7, Đảng ủy Khối tổ chức Lễ công bố Quyết định thành lập Chi bộ cơ "
        "sở Công ty TNHH Te An Việt Nam.\n\nChi bộ Công ty TNHH Te An Việt Nam có 4 đảng viên."
        "\n\nTrong sinh hoạt chi bộ định kỳ tháng 7/2023, Chi bộ Cơ động học tập nghị quyết."
    )
    day = date(2023, 7, 30)
    assert _facts(text, published=None) == {
        ("members_total", Decimal(4), "chi bộ Công ty TNHH Te An Việt Nam", "cell", day, day)
    }


def test_a_health_centre_is_named_with_the_district_it_serves():
    (mention,) = find_org_mentions("Đảng bộ Trung tâm Y tế huyện Cam Lộ có 59 đảng viên")
    assert (mention.org.name, mention.org.level) == ("Trung tâm Y tế huyện Cam Lộ", "grassroots")


def test_a_stock_before_the_term_reviewed_is_counted_at_the_congress():
    text = "Đảng bộ xã Phú Lương có 1.080 đảng viên, nhiệm kỳ qua, Đảng bộ đã lãnh đạo tốt."
    day = date(2025, 8, 6)
    assert _facts(text, published=day) == {
        ("members_total", Decimal(1080), "xã Phú Lương", "commune", day, day)
    }


def test_ten_thousands_written_as_van():
    text = (
        "Dự Đại hội có 550 đại biểu, đại diện cho gần 50 vạn đảng viên của Đảng bộ thành phố Hà "
        "Nội."
    )
    ((metric, value, *_),) = _facts(text, published=date(2025, 10, 15))
    assert (metric, value) == ("members_total", Decimal(500000))


def test_a_congresss_first_working_session_is_not_its_last_day():
    text = (
        "Sáng 26/9, Đại hội Đảng bộ thành phố Hải Phòng diễn ra phiên làm việc thứ nhất. Tham "
        "dự đại hội có 445 đại biểu đại diện cho 243.544 đảng viên.\n\nĐại hội diễn ra trong 2 "
        "ngày 26 - 27/9/2025."
    )
    day = date(2025, 9, 27)
    assert _facts(text, published=date(2025, 9, 26)) == {
        ("members_total", Decimal(243544), "thành phố Hải Phòng", "province", day, day)
    }


def test_a_stock_raised_by_the_years_admissions_so_far_is_on_their_last_day():
    text = (
        "Từ đầu năm đến nay, toàn Đảng bộ huyện Lạc Dương đã phát triển mới được 67 đảng viên, "
        "vượt 11% so với kế hoạch cả năm 2016, nâng tổng số đảng viên trong toàn Đảng bộ huyện "
        "lên 1.153 đồng chí."
    )
    pub = date(2016, 9, 16)
    so_far = (date(2016, 1, 1), pub)
    assert _facts(text, published=pub) == {
        ("admitted", Decimal(67), "huyện Lạc Dương", "district", *so_far),
        ("percent_of_target", Decimal(111), "huyện Lạc Dương", "district", *so_far),
        ("members_total", Decimal(1153), "huyện Lạc Dương", "district", pub, pub),
    }


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Đảng bộ các Khu công nghiệp Tiền Giang có 80 đảng viên",
            "các Khu công nghiệp Tiền Giang",
        ),
        (
            "Đảng ủy các KCX-KCN TP.Hồ Chí Minh có 2.126 đảng viên",
            "các khu chế xuất-khu công nghiệp TP.Hồ Chí Minh",
        ),
        ("Đảng bộ Khu kinh tế Hải Phòng có 756 đảng viên", "Khu kinh tế Hải Phòng"),
    ],
    ids=["a province's zones", "abbreviated, dashed", "an economic zone"],
)
def test_the_party_committees_of_a_provinces_zones(text, name):
    (mention, *_) = find_org_mentions(abbreviations.expand(text)[0])
    assert mention.org.name == name


def test_the_admissions_a_total_so_far_is_raised_to_are_no_members():
    text = (
        "Trong tháng 8/2017, Đảng bộ huyện Củ Chi đã kết nạp đảng cho 30 quần chúng ưu tú, nâng "
        "tổng số quần chúng được kết nạp từ đầu năm 2017 tới nay lên 115 đảng viên."
    )
    month = (date(2017, 8, 1), date(2017, 8, 31))
    so_far = (date(2017, 1, 1), date(2017, 9, 5))
    assert _facts(text, published=date(2017, 9, 5)) == {
        ("admitted", Decimal(30), "huyện Củ Chi", "district", *month),
        ("admitted", Decimal(115), "huyện Củ Chi", "district", *so_far),
    }
