"""Bodies directly under the Central Committee, enterprise cells named by a bare "Chi bộ",
plan abbreviations glued to the sign, goal lists, half-year reports and undated ceremonies,
on sentences written for these tests (places, firms and figures are invented)."""

from datetime import date
from decimal import Decimal

from probe_support import candidate_facts

from recruitment.extraction.organisations import Org, find_org_mentions


def _orgs(text: str) -> list[Org | None]:
    return [m.org for m in find_org_mentions(text)]


def test_central_bodies_are_read_whole_at_province_level():
    assert _orgs("Đảng ủy Khối doanh nghiệp Trung ương đã kết nạp") == [
        Org("đảng bộ", "Khối doanh nghiệp Trung ương", "province")
    ]
    assert _orgs("Đảng bộ các cơ quan Đảng Trung ương có") == [
        Org("đảng bộ", "các cơ quan Đảng Trung ương", "province")
    ]
    assert _orgs("Đảng bộ Chính phủ có") == [Org("đảng bộ", "Chính phủ", "province")]
    # The army's party is one organisation under one name, whoever leads it.
    army = Org("đảng bộ", "Quân đội", "province")
    assert _orgs("Đảng bộ Quân đội nhân dân Việt Nam có") == [army]
    assert _orgs("Quân ủy Trung ương chỉ đạo") == [army]
    # A province's bloc keeps its district level.
    assert _orgs("Đảng bộ Khối Cơ quan và Doanh nghiệp tỉnh có") == [
        Org("đảng bộ", "Khối Cơ quan và Doanh nghiệp tỉnh", "district")
    ]


def test_members_of_a_central_body_at_its_congress():
    text = (
        "Chiều 8/10, sau hai ngày làm việc, Đại hội đại biểu Đảng bộ Công an Trung ương lần "
        "thứ 9 đã bế mạc.\n\n"
        "Đại hội bầu đoàn đại biểu gồm 30 người, đại diện cho hơn 70.000 đảng viên của Đảng "
        "bộ Công an Trung ương dự Đại hội toàn quốc."
    )
    day = date(2030, 10, 8)
    assert candidate_facts(text, date(2030, 10, 9)) == {
        ("members_total", Decimal(70000), "Công an Trung ương", "province", day, day)
    }


def test_bare_chi_bo_after_an_enterprise_is_its_cell_not_the_zone_named_between():
    text = (
        "Công ty TNHH Hòa Phong Việt là đơn vị dẫn đầu trong các doanh nghiệp thuộc Đảng bộ "
        "Khu công nghiệp tỉnh. Năm 2023, Chi bộ đã kết nạp 6 quần chúng ưu tú vào Đảng, nâng "
        "tổng số đảng viên lên 19 đồng chí."
    )
    year = (date(2023, 1, 1), date(2023, 12, 31))
    cell = "chi bộ Công ty TNHH Hòa Phong Việt"
    assert candidate_facts(text, date(2024, 3, 2)) == {
        ("admitted", Decimal(6), cell, "cell", *year),
        ("members_total", Decimal(19), cell, "cell", year[1], year[1]),
    }


def test_percent_glued_to_the_resolution_abbreviation():
    text = (
        "Trong 9 tháng đầu năm 2019, huyện Yên Lạc đã kết nạp 95 đảng viên mới, bằng 110%NQ, "
        "công nhận 80 đảng viên chính thức."
    )
    nine = (date(2019, 1, 1), date(2019, 9, 30))
    assert candidate_facts(text, date(2019, 10, 5)) == {
        ("admitted", Decimal(95), "huyện Yên Lạc", "district", *nine),
        ("percent_of_target", Decimal(110), "huyện Yên Lạc", "district", *nine),
    }


def test_a_goal_governs_each_item_of_its_list():
    text = (
        "Kế hoạch số 12-KH/HU ngày 15-1-2023 của Huyện ủy Yên Sơn đề ra mục tiêu phấn đấu năm "
        "2023 bồi dưỡng trên 300 quần chúng ưu tú cho Đảng, kết nạp 250 đảng viên mới, trong "
        "đó trên 80 đảng viên là nữ."
    )
    year = (date(2023, 1, 1), date(2023, 12, 31))
    assert candidate_facts(text, date(2023, 5, 5)) == {
        ("trained_target", Decimal(300), "huyện Yên Sơn", "district", *year),
        ("target", Decimal(250), "huyện Yên Sơn", "district", *year),
    }


def test_results_after_a_reached_plan_stay_results():
    text = (
        "Năm 2023, huyện Yên Sơn bồi dưỡng 300 quần chúng ưu tú, kết nạp 250 đảng viên mới, "
        "đạt 104% chỉ tiêu."
    )
    year = (date(2023, 1, 1), date(2023, 12, 31))
    assert candidate_facts(text, date(2024, 1, 5)) == {
        ("trained", Decimal(300), "huyện Yên Sơn", "district", *year),
        ("admitted", Decimal(250), "huyện Yên Sơn", "district", *year),
        ("percent_of_target", Decimal(104), "huyện Yên Sơn", "district", *year),
    }


def test_a_present_stock_does_not_end_the_half_year_a_report_is_about():
    text = (
        "Đảng bộ Khối Cơ quan và Doanh nghiệp tỉnh sơ kết 6 tháng\n\n"
        "Cập nhật, 10:05, Thứ Hai, 11/07/2022\n\n"
        "Trong 6 tháng đầu năm 2022, Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh thành lập 2 chi "
        "bộ cơ sở và giải thể 1 chi bộ.\n\n"
        "Tổng số tổ chức cơ sở đảng trực thuộc hiện nay của Đảng bộ khối là 90.\n\n"
        "Bên cạnh kết nạp mới 70 đảng viên, nâng tổng số đảng viên hiện nay của Đảng bộ khối "
        "là 5.100 đảng viên."
    )
    bloc = "Khối Cơ quan và Doanh nghiệp tỉnh"
    pub = date(2022, 7, 11)
    assert candidate_facts(text, None) == {
        ("admitted", Decimal(70), bloc, "district", date(2022, 1, 1), date(2022, 6, 30)),
        ("members_total", Decimal(5100), bloc, "district", pub, pub),
    }


def test_undated_ceremony_takes_the_latest_month_the_report_tells():
    text = (
        "Chi bộ Công ty Minh Khang kết nạp 9 đảng viên\n\n"
        "Ngày 15-11, Chi bộ Công ty Minh Khang đã tổ chức lễ kết nạp đảng viên mới cho 9 quần "
        "chúng ưu tú.\n\n"
        "Công ty thành lập chi bộ vào năm 2015.\n\n"
        "Tháng 3-2023, chi bộ công ty được chia thành 2 chi bộ."
    )
    day = date(2023, 11, 15)
    assert candidate_facts(text, None) == {
        ("admitted", Decimal(9), "chi bộ Công ty Minh Khang", "cell", day, day)
    }
