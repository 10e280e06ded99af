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
