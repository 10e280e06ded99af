"""Lists of units after a total: each item is a figure with the total's period."""

from datetime import date
from decimal import Decimal

from recruitment.extraction import extract


def _facts(text, published):
    return {
        (c.organisation, c.metric, c.value, c.period_start, c.period_end)
        for c in extract(text, published=published).candidates
        if not c.derived
    }


YTD = (date(2017, 1, 1), date(2017, 5, 28))


def test_a_plan_year_after_the_totals_share_does_not_date_the_list_below():
    text = (
        "Từ đầu năm đến nay, Đảng bộ thành phố Cần Thơ đã kết nạp được 1.614 đảng viên (ĐV) "
        "mới, đạt tỷ lệ 74,38% chỉ tiêu nghị quyết của các quận ủy, huyện ủy đề ra trong năm "
        "2017. Những đơn vị đạt cao như: Đảng bộ quận Cái Răng kết nạp 115 ĐV đạt 104,5%; "
        "Đảng bộ huyện Thới Lai kết nạp 195 ĐV, đạt 102,6%."
    )
    assert _facts(text, date(2017, 5, 28)) == {
        ("thành phố Cần Thơ", "admitted", Decimal(1614), *YTD),
        ("thành phố Cần Thơ", "percent_of_target", Decimal("74.38"), *YTD),
        ("quận Cái Răng", "admitted", Decimal(115), *YTD),
        ("quận Cái Răng", "percent_of_target", Decimal("104.5"), *YTD),
        ("huyện Thới Lai", "admitted", Decimal(195), *YTD),
        ("huyện Thới Lai", "percent_of_target", Decimal("102.6"), *YTD),
    }


Q1 = (date(2021, 1, 1), date(2021, 3, 31))


def test_shares_after_units_in_a_list_of_admissions_are_each_units_progress():
    text = (
        "Quý I/2021, toàn tỉnh Hà Nam kết nạp 187 đảng viên mới, đạt 24,93% kế hoạch. Trong "
        "đó, số đảng bộ trực thuộc có tỷ lệ kết nạp đảng viên mới đạt kết quả cao như: Đảng bộ "
        "huyện Kim Bảng (45,16%); huyện Thanh Liêm (45,09%); Đảng bộ Công an tỉnh đạt 42,85%; "
        "huyện Lý Nhân và huyện Bình Lục đạt 30%."
    )
    assert _facts(text, date(2021, 4, 5)) == {
        ("tỉnh Hà Nam", "admitted", Decimal(187), *Q1),
        ("tỉnh Hà Nam", "percent_of_target", Decimal("24.93"), *Q1),
        ("huyện Kim Bảng", "percent_of_target", Decimal("45.16"), *Q1),
        ("huyện Thanh Liêm", "percent_of_target", Decimal("45.09"), *Q1),
        ("Công an tỉnh", "percent_of_target", Decimal("42.85"), *Q1),
        ("huyện Lý Nhân", "percent_of_target", Decimal(30), *Q1),
        ("huyện Bình Lục", "percent_of_target", Decimal(30), *Q1),
    }


def test_a_list_handing_out_plans_gives_each_unit_its_target():
    text = (
        "Năm 2022, Ban Thường vụ Tỉnh ủy giao chỉ tiêu kết nạp đảng viên cho các đảng bộ trực "
        "thuộc: huyện Kim Bảng 120; huyện Thanh Liêm 110; thành phố Phủ Lý 150."
    )
    year = (date(2022, 1, 1), date(2022, 12, 31))
    assert _facts(text, date(2022, 2, 1)) == {
        ("huyện Kim Bảng", "target", Decimal(120), *year),
        ("huyện Thanh Liêm", "target", Decimal(110), *year),
        ("thành phố Phủ Lý", "target", Decimal(150), *year),
    }


def test_a_breakdown_opening_with_trong_do_gives_the_units_after_the_first_the_verb():
    text = (
        "6 tháng đầu năm 2022, toàn tỉnh Hà Nam kết nạp 1.200 ĐV. Trong đó, huyện Kim Bảng "
        "kết nạp 120 ĐV, huyện Thanh Liêm 110 ĐV, thành phố Phủ Lý 150 ĐV."
    )
    h1 = (date(2022, 1, 1), date(2022, 6, 30))
    assert _facts(text, date(2022, 7, 5)) == {
        ("tỉnh Hà Nam", "admitted", Decimal(1200), *h1),
        ("huyện Kim Bảng", "admitted", Decimal(120), *h1),
        ("huyện Thanh Liêm", "admitted", Decimal(110), *h1),
        ("thành phố Phủ Lý", "admitted", Decimal(150), *h1),
    }


def test_list_items_may_name_units_without_their_level_word():
    text = (
        "Năm 2022, Ban Thường vụ Tỉnh ủy giao chỉ tiêu kết nạp đảng viên cho các huyện, thành "
        "phố: Thanh Hà 120; Tứ Kỳ 110; Công an 40; Quân sự 35."
    )
    year = (date(2022, 1, 1), date(2022, 12, 31))
    assert _facts(text, date(2022, 2, 1)) == {
        ("huyện Thanh Hà", "target", Decimal(120), *year),
        ("huyện Tứ Kỳ", "target", Decimal(110), *year),
        ("Công an tỉnh", "target", Decimal(40), *year),
        ("Quân sự tỉnh", "target", Decimal(35), *year),
    }


def test_a_bare_name_outside_a_list_is_no_unit():
    text = "Năm 2022, huyện Thanh Hà kết nạp 120 đảng viên; Nguyễn Văn An 35 tuổi."
    assert _facts(text, date(2023, 1, 5)) == {
        ("huyện Thanh Hà", "admitted", Decimal(120), date(2022, 1, 1), date(2022, 12, 31))
    }


def test_a_blocs_list_names_its_institutions_bare():
    text = (
        "Năm 2023, Đảng bộ Khối các cơ quan tỉnh kết nạp 150 đảng viên. Các đơn vị kết nạp "
        "nhiều như: Sở Y tế 20 đảng viên; Cục Thuế tỉnh 12 đảng viên; Bệnh viện Đa khoa tỉnh 15 "
        "đảng viên."
    )
    year = (date(2023, 1, 1), date(2023, 12, 31))
    assert _facts(text, date(2024, 1, 2)) == {
        ("Khối các cơ quan tỉnh", "admitted", Decimal(150), *year),
        ("Sở Y tế", "admitted", Decimal(20), *year),
        ("Cục Thuế tỉnh", "admitted", Decimal(12), *year),
        ("Bệnh viện Đa khoa tỉnh", "admitted", Decimal(15), *year),
    }


def test_items_of_a_list_under_an_earlier_total_are_confident_list_items():
    text = (
        "Từ đầu năm đến nay, Đảng bộ thành phố Cần Thơ đã kết nạp được 1.614 đảng viên. "
        "Những đơn vị đạt cao như: Đảng bộ quận Cái Răng kết nạp 115 ĐV; Đảng bộ huyện Thới Lai "
        "kết nạp 195 ĐV."
    )
    items = [
        (c.organisation, c.reason, c.confidence >= 0.7)
        for c in extract(text, published=date(2017, 5, 28)).candidates
        if c.organisation != "thành phố Cần Thơ"
    ]
    assert items == [("quận Cái Răng", "list_item", True), ("huyện Thới Lai", "list_item", True)]


def test_a_horizon_list_hands_each_unit_its_target_for_the_term():
    text = (
        "Thứ Sáu, 22/05/2020\n\n"
        "Đến năm 2025, toàn tỉnh Bạc Liêu kết nạp 7.000 đảng viên mới. Cụ thể: TP. Bạc Liêu kết "
        "nạp thêm 700 đảng viên; Đảng bộ Khối các cơ quan tỉnh: 1.620 đảng viên; TX. Giá Rai là "
        "750 đảng viên."
    )
    term = (date(2020, 1, 1), date(2025, 12, 31))
    ex = extract(text)
    assert [
        (c.organisation, c.metric, c.value, c.period_start, c.period_end) for c in ex.candidates
    ] == [
        ("tỉnh Bạc Liêu", "target", 7000, *term),
        ("thành phố Bạc Liêu", "target", 700, *term),
        ("Khối các cơ quan tỉnh", "target", 1620, *term),
        ("thị xã Giá Rai", "target", 750, *term),
    ]
