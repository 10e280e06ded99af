"""Organisation mentions, subject resolution and page noise."""

from datetime import date

import pytest

from recruitment.extraction import extract
from recruitment.extraction.organisations import (
    Org,
    distinctive_name,
    find_org_mentions,
    parse_org,
    url_district,
)

PUB = date(2023, 10, 5)


@pytest.mark.parametrize(
    ("text", "display", "level"),
    [
        ("Huyện ủy Tháp Sơn", "huyện Tháp Sơn", "district"),
        ("tỉnh Hòa Bình", "tỉnh Hòa Bình", "province"),
        ("thành phố Đà Nẵng", "thành phố Đà Nẵng", "province"),
        ("thành phố Vinh Quang", "thành phố Vinh Quang", "district"),
        ("Thị ủy Phú Lộc", "thị xã Phú Lộc", "district"),
        ("Đảng ủy xã Tân Lập", "xã Tân Lập", "commune"),
        ("phường Nam Hải", "phường Nam Hải", "commune"),
        ("Đảng bộ Trường THPT Nguyễn Huệ", "Trường THPT Nguyễn Huệ", "grassroots"),
        ("Chi bộ thôn Đông Hà", "chi bộ thôn Đông Hà", "cell"),
    ],
)
def test_org_levels_and_normal_form(text, display, level):
    org = parse_org(text)
    assert (org.display, org.level) == (display, level)


def test_icelandic_eth_reads_as_vietnamese_d():
    assert parse_org("Ðảng bộ xã Ðông Hòa").display == "xã Đông Hòa"


def test_distinctive_name_keeps_school_words():
    assert distinctive_name("Trường THPT Lộc Sơn") == "thpt loc son"
    assert distinctive_name("huyện Lộc Sơn") == "loc son"
    assert distinctive_name("Huyện ủy Lộc Sơn") == distinctive_name("huyện Lộc Sơn")


def test_name_stops_before_person_name():
    text = "Bí thư Đảng ủy xã Tân Lập Nguyễn Văn An cho biết."
    assert extract(text, published=PUB).organisation == "xã Tân Lập"


def test_level_reference_resolves_to_last_named_org_of_that_level():
    text = (
        "Huyện ủy Yên Bình chỉ đạo sát sao công tác phát triển đảng.\n\n"
        "Đảng bộ xã Tân Lập luôn quan tâm tạo nguồn. "
        "Năm 2023, Đảng bộ xã đã kết nạp 12 đảng viên.\n\n"
        "Năm 2023, toàn Đảng bộ huyện kết nạp 300 đảng viên mới."
    )
    ex = extract(text, published=PUB)
    orgs = {c.value: (c.organisation, c.org_level) for c in ex.candidates}
    assert orgs[12] == ("xã Tân Lập", "commune")
    assert orgs[300] == ("huyện Yên Bình", "district")
    assert ex.organisation == "huyện Yên Bình"


def test_school_reference_resolves_to_last_named_school():
    text = (
        "Đảng bộ Trường THPT Nguyễn Huệ thành lập từ năm 2019. Sau 2 năm thành lập, "
        "Đảng bộ trường đã có 6 đoàn viên ưu tú đứng vào hàng ngũ của Đảng."
    )
    (cand,) = extract(text, published=PUB).candidates
    assert (cand.organisation, cand.org_level) == ("Trường THPT Nguyễn Huệ", "grassroots")
    assert (cand.period_start, cand.period_end) == (date(2019, 1, 1), date(2021, 12, 31))


def test_subjectless_sentence_uses_caller_organisation():
    text = "Năm 2022, toàn tỉnh kết nạp 2.000 đảng viên, đạt 95% kế hoạch."
    ex = extract(text, published=PUB, organisation="tỉnh Hòa Bình")
    assert {(c.organisation, c.org_level) for c in ex.candidates} == {("tỉnh Hòa Bình", "province")}


def test_assigning_body_after_the_figure_is_not_the_subject():
    text = "Năm 2023, Đảng bộ xã Tân Lập đã kết nạp được 9 đảng viên, đạt 90% chỉ tiêu huyện giao."
    ex = extract(text, published=PUB)
    assert {c.organisation for c in ex.candidates} == {"xã Tân Lập"}


def test_visit_counters_and_footer_give_no_figures():
    text = (
        "Trang thông tin điện tử huyện Yên Bình\n"
        "Số lượt truy cập\n653441\nTrực tuyến: 12\nLượt xem 1773\n"
        "Bản quyền thuộc Huyện ủy Yên Bình, kết nạp 2023 đảng viên\n"
    )
    assert extract(text, published=PUB).candidates == []


def test_spam_and_link_lists_around_article_give_no_figures():
    text = (
        "【kèo nhà cái】 Năm 2023 kết nạp 999 đảng viên\n"
        "时间:2025-01-11 06:16:39 阅读:978次\n\n"
        "Năm 2023, Đảng bộ huyện Yên Bình kết nạp 120 đảng viên mới.\n\n"
        "相关内容\n"
        "  • Nhận định, soi kèo: năm 2023 kết nạp 555 đảng viên\n"
        "  • Party official visits partner to strengthen ties\n"
    )
    ex = extract(text, published=PUB)
    assert [c.value for c in ex.candidates] == [120]
    assert extract(text).published is None


def test_site_header_in_lower_case_names_the_main_organisation():
    text = "Trang Thông tin điện tử huyện yên bình\n\nNăm 2023, toàn huyện kết nạp 88 đảng viên."
    ex = extract(text, published=PUB)
    assert ex.organisation == "huyện Yên Bình"
    assert ex.candidates[0].organisation == "huyện Yên Bình"


def test_a_company_name_may_hold_lower_case_words_before_its_place():
    text = "Đảng bộ Tổng công ty cao su Đồng Nai kết nạp được 91 đảng viên"
    orgs = [m.org for m in find_org_mentions(text) if m.org is not None]
    assert orgs == [Org("đảng bộ", "Tổng công ty cao su Đồng Nai", "grassroots")]


@pytest.mark.parametrize(
    ("text", "org"),
    [
        (
            "Chi bộ Trường THPT chuyên Nguyễn Quang Diêu vừa tổ chức kết nạp",
            Org("chi bộ", "Trường THPT chuyên Nguyễn Quang Diêu", "cell"),
        ),
        (
            "Đảng bộ Sở Giáo dục và Đào tạo TPHCM tổ chức kết nạp Đảng",
            Org("đảng bộ", "Sở Giáo dục và Đào tạo TPHCM", "grassroots"),
        ),
        (
            "Trường Cao đẳng Kinh tế - Kỹ thuật Lâm Đồng kết nạp 12 đảng viên",
            Org("trường", "Trường Cao đẳng Kinh tế - Kỹ thuật Lâm Đồng", "grassroots"),
        ),
        (
            "Đảng ủy Đại học Huế khai giảng lớp bồi dưỡng",
            Org("đảng bộ", "Đại học Huế", "grassroots"),
        ),
        (
            "Trường THPT Kim Động tổ chức Lễ kết nạp Đảng",
            Org("trường", "Trường THPT Kim Động", "grassroots"),
        ),
    ],
)
def test_names_of_institutions_keep_their_inner_words(text, org):
    assert [m.org for m in find_org_mentions(text) if m.org is not None] == [org]


def test_a_provincial_papers_tag_names_the_province_that_toan_tinh_means():
    text = (
        "Kết nạp mới hơn 4.200 đảng viên\n\n(ĐN)- Năm 2016, toàn Đảng bộ tỉnh đã kết nạp "
        "được 4.220 đảng viên."
    )
    (c,) = extract(text, published=date(2017, 1, 18)).candidates
    assert (c.organisation, c.org_level, c.metric, c.value) == (
        "tỉnh Đồng Nai",
        "province",
        "admitted",
        4220,
    )


def test_a_papers_tag_does_not_take_a_figure_from_the_district_the_text_names():
    text = "(ĐN) - Năm 2016, Đảng bộ huyện Long Thành kết nạp được 220 đảng viên."
    (c,) = extract(text, published=date(2017, 1, 18)).candidates
    assert (c.organisation, c.value) == ("huyện Long Thành", 220)


def test_a_bloc_written_in_lower_case_is_still_the_bloc():
    text = "Đảng ủy khối các cơ quan tỉnh đã kết nạp được 150 đảng viên mới"
    assert [m.org for m in find_org_mentions(text) if m.org is not None] == [
        Org("đảng bộ", "khối các cơ quan tỉnh", "district")
    ]


@pytest.mark.parametrize(
    ("text", "org"),
    [
        (
            "Đảng ủy Khối Các cơ quan tỉnh kết nạp 40 đảng viên",
            Org("đảng bộ", "Khối Các cơ quan tỉnh", "district"),
        ),
        (
            "Đảng bộ Khu kinh tế tỉnh kết nạp 9 đảng viên",
            Org("đảng bộ", "Khu kinh tế tỉnh", "district"),
        ),
        (
            "Đảng ủy các Khu công nghiệp tỉnh Bình Dương kết nạp 30 đảng viên",
            Org("đảng bộ", "các Khu công nghiệp tỉnh Bình Dương", "district"),
        ),
        (
            "Đảng ủy Các Khu chế xuất và công nghiệp thành phố kết nạp 18 đảng viên",
            Org("đảng bộ", "Các Khu chế xuất và công nghiệp thành phố", "grassroots"),
        ),
    ],
)
def test_a_bloc_or_zone_of_the_province_is_its_own_body(text, org):
    assert [m.org for m in find_org_mentions(text) if m.org is not None] == [org]


def test_a_zones_figure_in_a_list_of_units_is_the_zones():
    text = (
        "Từ đầu năm đến nay, Đảng bộ thành phố Cần Thơ kết nạp 900 đảng viên. Các đơn vị "
        "đạt cao như: Đảng bộ quận Ninh Kiều kết nạp 100 đảng viên, đạt 95%; Đảng ủy Các "
        "Khu chế xuất và công nghiệp thành phố kết nạp 20 đảng viên, đạt 70%."
    )
    got = {
        (c.metric, c.value): c.organisation
        for c in extract(text, published=date(2017, 6, 1)).candidates
    }
    assert got[("admitted", 20)] == "Các Khu chế xuất và công nghiệp thành phố"
    assert got[("percent_of_target", 70)] == "Các Khu chế xuất và công nghiệp thành phố"


def test_a_body_named_short_takes_the_full_name_the_article_gives_it():
    text = (
        "Đại hội Đảng bộ Công an tỉnh Phú Thọ lần thứ I diễn ra ngày 25/7.\n\n"
        "Dự Đại hội có 195 đại biểu, đại diện cho gần 4.000 đảng viên trong Đảng bộ Công an tỉnh."
    )
    (c,) = extract(text, published=date(2025, 7, 25)).candidates
    assert (c.organisation, c.metric, c.value) == ("Công an tỉnh Phú Thọ", "members_total", 4000)


def test_a_body_the_text_never_names_in_full_stays_as_written():
    text = "Báo Đắk Nông\n\nNhiệm kỳ 2010-2015, Đảng bộ Quân sự tỉnh kết nạp 404 đảng viên."
    (c,) = extract(text, published=date(2015, 7, 22)).candidates
    assert (c.organisation, c.value) == ("Quân sự tỉnh", 404)


def test_toan_thanh_pho_is_the_province_its_named_wards_lie_in():
    text = (
        "Tính đến ngày 4/12/2025, toàn thành phố đã kết nạp 1.770 quần chúng ưu tú vào Đảng.\n\n"
        "Phường Kim Long là một điển hình; Đảng ủy phường Phú Bài cũng đạt kết quả tốt."
    )
    facts = {
        (c.organisation, c.metric, c.value)
        for c in extract(text, published=date(2025, 12, 5)).candidates
    }
    assert facts == {("thành phố Huế", "admitted", 1770)}


def test_a_count_of_members_names_whose_members_they_are():
    text = (
        "Đại hội có sự tham dự của lãnh đạo TPHCM cùng 228 đại biểu, đại diện cho 1.842 đảng "
        "viên trong toàn Đảng bộ phường Phước Thắng."
    )
    (c,) = extract(text, published=date(2025, 8, 12)).candidates
    assert (c.organisation, c.metric, c.value) == ("phường Phước Thắng", "members_total", 1842)


def test_a_partner_named_after_phoi_hop_voi_is_not_the_subject():
    text = (
        "Ngày 14/7/2010, Chi bộ Trường THPT Lộc Ninh phối hợp với Trung tâm bồi dưỡng chính trị "
        "Quận ủy Hải Châu tổ chức lớp bồi dưỡng nhận thức về Đảng cho 80 học viên."
    )
    (c,) = extract(text, published=date(2010, 7, 14)).candidates
    assert (c.organisation, c.metric, c.value) == ("chi bộ Trường THPT Lộc Ninh", "trained", 80)


def test_a_figure_repeated_for_the_subject_is_the_units_figure_again():
    text = (
        "Kết nạp thêm 10 đảng viên\n\nNgày 28/12/2014, Chi bộ thôn Đắc Lộc đã làm lễ kết nạp "
        "đảng viên cho 10 quần chúng ưu tú.\n\n10 đảng viên mới được kết nạp tại lễ."
    )
    facts = {
        (c.organisation, c.value) for c in extract(text, published=date(2014, 12, 28)).candidates
    }
    assert facts == {("chi bộ thôn Đắc Lộc", 10)}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Năm 2023, Đảng bộ tỉnh Bà Rịa - Vũng Tàu kết nạp 1.900 đảng viên.",
            "tỉnh Bà Rịa - Vũng Tàu",
        ),
        (
            "Năm 2023, huyện Kim Sơn - nơi có nhiều đảng viên - kết nạp 200 đảng viên.",
            "huyện Kim Sơn",
        ),
    ],
)
def test_a_place_joined_by_a_dash_is_one_name_when_the_official_units_say_so(text, name):
    assert [c.organisation for c in extract(text, published=date(2024, 1, 5)).candidates] == [name]


def test_a_place_filed_above_the_headline_is_the_subject_toan_huyen_means():
    text = (
        "Vũng Liêm\n\nPhát triển đảng viên đạt 122,5% chỉ tiêu nghị quyết\n\nCập nhật, 07:46, "
        "Thứ Năm, 21/12/2017 (GMT+7)\n\nTrong năm 2017, có 245 đảng viên mới được kết nạp, "
        "nâng tổng số đảng viên toàn huyện là 5.992 đảng viên."
    )
    facts = {(c.organisation, c.metric, c.value) for c in extract(text).candidates}
    # The headline's percentage is the body's year's, for the same district.
    assert facts == {
        ("huyện Vũng Liêm", "percent_of_target", 122.5),
        ("huyện Vũng Liêm", "admitted", 245),
        ("huyện Vũng Liêm", "members_total", 5992),
    }


@pytest.mark.parametrize(
    ("url", "district"),
    [
        (
            "https://baolam.lamdong.dcs.vn/thong-tin-hoat-dong/44736",
            Org("huyện", "Bảo Lâm", "district"),
        ),
        ("http://tanyen.bacgiang.gov.vn/tin-tuc/11473", Org("huyện", "Tân Yên", "district")),
        ("https://baophutho.vn/khai-giang-241015.htm", None),
        ("http://www.bacgiang.gov.vn/tin-tuc", None),
    ],
)
def test_a_districts_portal_names_its_district(url, district):
    assert url_district(url) == district


def test_the_political_school_of_huyen_on_a_districts_portal_is_that_districts():
    text = (
        "Ngày 10/1, Trung tâm Chính trị huyện tổ chức khai giảng lớp bồi dưỡng nhận thức về Đảng "
        "khóa I năm 2024. Dự lễ khai giảng có đồng chí Hoàng Ngọc Khuyên- Trưởng Ban Tuyên giáo "
        "Huyện ủy; đồng chí Nguyễn Đình Bình- Trưởng Ban Dân vận Huyện ủy và 45 học viên là quần "
        "chúng ưu tú đến từ các tổ chức cơ sở Đảng trong huyện."
    )
    ex = extract(text, url="https://baolam.lamdong.dcs.vn/thong-tin-hoat-dong/44736")
    assert [
        (c.organisation, c.metric, c.value, c.period_start, c.period_end) for c in ex.candidates
    ] == [("huyện Bảo Lâm", "trained", 45, date(2024, 1, 1), date(2024, 12, 31))]
