"""Probe articles in the style of real provincial reports, with the figures they state.

The six articles were written for these tests by the project lead (no third-party text);
each states figures in a construction common in real party news, and the extractor must
read the construction: first N months, "đến nay" after a term, stocks at publication,
stated plans in brackets, a province named through its committee, yearly breakdowns.
"""

from datetime import date
from decimal import Decimal

from recruitment.extraction import extract

A3 = (
    "Trang chủ | Tin tức - Sự kiện\n"
    "\n"
    "Đảng bộ thị xã Sơn Tây: Nâng cao chất lượng công tác phát triển đảng viên\n"
    "\n"
    "Thứ Sáu, 08/12/2023 - 10:25\n"
    "\n"
    "(Ban Tổ chức Thị ủy) - Trong 11 tháng năm 2023, Đảng bộ thị xã Sơn Tây đã kết "
    "nạp 186 đảng viên, đạt 103,3% kế hoạch năm. Trong đó, kết nạp đảng viên là học "
    "sinh, sinh viên 12 đồng chí; đảng viên là người theo đạo 2 đồng chí.\n"
    "\n"
    "Thị ủy đã tổ chức 3 lớp bồi dưỡng nhận thức về Đảng cho 245 quần chúng ưu tú.\n"
    "\n"
    "Nhiệm kỳ 2020 - 2025, Đại hội Đảng bộ thị xã đề ra chỉ tiêu kết nạp 900 đảng "
    "viên. Đến nay, toàn Đảng bộ đã kết nạp 702 đảng viên, đạt 78% chỉ tiêu nhiệm kỳ.\n"
    "\n"
    "Hiện nay, Đảng bộ thị xã có 57 tổ chức cơ sở đảng với 9.012 đảng viên.\n"
    "\n"
    "Tin liên quan\n"
    "- Hà Nội: Kết nạp 5.000 đảng viên trong năm 2023 (05/12/2023)\n"
)

A4 = (
    "PHÁT TRIỂN ĐẢNG VIÊN Ở VÙNG ĐỒNG BÀO DÂN TỘC THIỂU SỐ\n"
    "\n"
    "Cập nhật lúc 15:30, Thứ Hai, 20/05/2024\n"
    "\n"
    "Những năm qua, Huyện ủy Mường Khương luôn xác định công tác phát triển đảng viên"
    " là nhiệm vụ quan trọng. Năm 2023, toàn huyện kết nạp được 142 đảng viên mới, "
    "vượt 18,3% so với chỉ tiêu được giao; trong đó đảng viên là người dân tộc thiểu "
    "số chiếm 85%.\n"
    "\n"
    "Xã Bản Lầu là một trong những địa phương làm tốt công tác này. Năm 2023, Đảng ủy"
    " xã kết nạp 15 đảng viên, đạt 150% kế hoạch.\n"
    "\n"
    "5 tháng đầu năm 2024, toàn huyện đã kết nạp 48 đảng viên, đạt 34,3% chỉ tiêu năm"
    " 2024 (chỉ tiêu 140 đảng viên).\n"
)

A5 = (
    "Đồng Nai: 9 tháng đầu năm 2025 kết nạp hơn 2.300 đảng viên\n"
    "\n"
    "14/10/2025 08:05\n"
    "\n"
    "Theo báo cáo của Ban Tổ chức Tỉnh ủy Đồng Nai, 9 tháng đầu năm 2025, toàn Đảng "
    "bộ tỉnh đã kết nạp 2.318 đảng viên, đạt 77,3% chỉ tiêu năm. Sau sắp xếp đơn vị "
    "hành chính, tỉnh có 95 xã, phường.\n"
    "\n"
    "Đảng bộ xã Lộc Quang kết nạp 21 đảng viên, là một trong những đơn vị dẫn đầu. "
    "Đảng bộ phường Trấn Biên kết nạp 35 đảng viên.\n"
    "\n"
    "Tính đến ngày 30/9/2025, Đảng bộ tỉnh có 152.604 đảng viên.\n"
    "\n"
    "Năm 2025, Tỉnh ủy giao chỉ tiêu kết nạp 3.000 đảng viên.\n"
)

A6 = (
    "Kết quả 3 năm thực hiện Nghị quyết Đại hội Đảng bộ huyện lần thứ XXII\n"
    "\n"
    "Ngày 25/3/2024, Huyện ủy Yên Thế tổ chức hội nghị sơ kết giữa nhiệm kỳ. Theo đó,"
    " từ đầu nhiệm kỳ đến nay, công tác phát triển đảng viên đạt kết quả tích cực, "
    "toàn huyện kết nạp được 825 đảng viên (năm 2021: 270; năm 2022: 275; năm 2023: "
    "280), đạt 68,75% chỉ tiêu nhiệm kỳ. Tổng số đảng viên toàn Đảng bộ là 7.126 đồng"
    " chí.\n"
    "\n"
    "Mục tiêu đến năm 2025, tỷ lệ đảng viên so với dân số đạt 6,5%.\n"
)

T1 = (
    "Huyện Đức Trọng: Kết nạp 312 đảng viên mới trong năm 2023\n"
    "\n"
    "Cập nhật: 15/01/2024\n"
    "\n"
    "Năm 2023, Đảng bộ huyện Đức Trọng đã kết nạp 312 đảng viên mới, đạt 120% chỉ "
    "tiêu Tỉnh ủy giao. Trong đó, đảng viên là đoàn viên thanh niên chiếm 78%. Toàn "
    "huyện có 98 quần chúng ưu tú được cử đi học lớp bồi dưỡng nhận thức về Đảng.\n"
    "\n"
    "Tính đến ngày 31/12/2023, tổng số đảng viên của Đảng bộ huyện là 6.240 đồng chí,"
    " sinh hoạt tại 52 tổ chức cơ sở đảng.\n"
    "\n"
    "Năm 2024, Huyện ủy Đức Trọng phấn đấu kết nạp 280 đảng viên mới. Trong quý "
    "I/2024, toàn Đảng bộ đã kết nạp được 45 đảng viên, đạt 16% kế hoạch năm.\n"
    "\n"
    "Giai đoạn 2020-2025, Đảng bộ huyện đã kết nạp hơn 1.200 đảng viên.\n"
)

T2 = (
    "Bắc Giang: 6 tháng đầu năm kết nạp 1.125 đảng viên\n"
    "\n"
    "(Ngày 12-7-2023) - Theo Ban Tổ chức Tỉnh ủy, 6 tháng đầu năm 2023, toàn tỉnh kết"
    " nạp được 1.125 đảng viên, bằng 52,3% kế hoạch năm; trong đó có 15 đảng viên là "
    "học sinh THPT. Số đảng viên kết nạp tăng 12% so với cùng kỳ năm trước.\n"
    "\n"
    "Thành phố Bắc Giang kết nạp 160 đảng viên, huyện Lục Nam kết nạp 98 đảng viên, "
    "đạt 61%.\n"
    "\n"
    "Đảng ủy xã Tân Mộc (huyện Lục Ngạn) kết nạp 7 đảng viên. Chi bộ thôn Nà Hon kết "
    "nạp 2 đảng viên mới.\n"
    "\n"
    "Tỉnh phấn đấu năm 2023 kết nạp 2.150 đảng viên. Hiện, Đảng bộ tỉnh có 104.598 "
    "đảng viên, chiếm 5,5% dân số.\n"
)


def _facts(text, **kw):
    """Scored facts: (metric, value, distinctive organisation, level, start, end)."""
    ex = extract(text, **kw)
    return {
        (c.metric, c.value, c.organisation, c.org_level, c.period_start, c.period_end)
        for c in ex.candidates
        if not c.derived
    }


def _derived(text, **kw):
    ex = extract(text, **kw)
    return {(c.metric, c.value, c.period_start, c.period_end) for c in ex.candidates if c.derived}


def _d(s):
    return date.fromisoformat(s)


def _f(metric, value, org, level, start, end):
    return (metric, Decimal(str(value)), org, level, _d(start), _d(end))


def test_a3_first_months_term_to_date_and_stock_with_organisations():
    st = ("thị xã Sơn Tây", "district")
    assert extract(A3).published == date(2023, 12, 8)
    assert _facts(A3) == {
        _f("admitted", 186, *st, "2023-01-01", "2023-11-30"),
        _f("percent_of_target", "103.3", *st, "2023-01-01", "2023-11-30"),
        _f("trained", 245, *st, "2023-01-01", "2023-11-30"),
        _f("target", 900, *st, "2020-01-01", "2025-12-31"),
        _f("admitted", 702, *st, "2020-01-01", "2023-12-08"),
        _f("percent_of_target", 78, *st, "2020-01-01", "2023-12-08"),
        _f("members_total", 9012, *st, "2023-12-08", "2023-12-08"),
    }
    # The share of the term's plan derives the term's plan, which the text states already.
    assert _derived(A3) == {("target", Decimal(180), _d("2023-01-01"), _d("2023-12-31"))}


def test_a4_stated_plan_in_brackets_beats_the_derived_one():
    mk = ("huyện Mường Khương", "district")
    bl = ("xã Bản Lầu", "commune")
    assert _facts(A4) == {
        _f("admitted", 142, *mk, "2023-01-01", "2023-12-31"),
        _f("percent_of_target", "118.3", *mk, "2023-01-01", "2023-12-31"),
        _f("admitted", 15, *bl, "2023-01-01", "2023-12-31"),
        _f("percent_of_target", 150, *bl, "2023-01-01", "2023-12-31"),
        _f("admitted", 48, *mk, "2024-01-01", "2024-05-31"),
        _f("percent_of_target", "34.3", *mk, "2024-01-01", "2024-05-31"),
        _f("target", 140, *mk, "2024-01-01", "2024-12-31"),
    }
    assert not any(d[2].year == 2024 for d in _derived(A4))


def test_a5_province_named_by_its_committee_and_headline_repeat_dropped():
    ex = extract(A5)
    assert (ex.organisation, ex.organisation_level) == ("tỉnh Đồng Nai", "province")
    dn = ("tỉnh Đồng Nai", "province")
    assert _facts(A5) == {
        _f("admitted", 2318, *dn, "2025-01-01", "2025-09-30"),
        _f("percent_of_target", "77.3", *dn, "2025-01-01", "2025-09-30"),
        _f("admitted", 21, "xã Lộc Quang", "commune", "2025-01-01", "2025-09-30"),
        _f("admitted", 35, "phường Trấn Biên", "commune", "2025-01-01", "2025-09-30"),
        _f("members_total", 152604, *dn, "2025-09-30", "2025-09-30"),
        _f("target", 3000, *dn, "2025-01-01", "2025-12-31"),
    }
    body = [c for c in ex.candidates if c.metric == "admitted" and c.value == 2318]
    assert "toàn Đảng bộ tỉnh đã kết nạp 2.318 đảng viên" in body[0].quote


def test_a6_total_broken_down_by_years_and_goal_for_the_term():
    yt = ("huyện Yên Thế", "district")
    assert _facts(A6) == {
        _f("admitted", 825, *yt, "2020-01-01", "2023-12-31"),
        _f("admitted", 270, *yt, "2021-01-01", "2021-12-31"),
        _f("admitted", 275, *yt, "2022-01-01", "2022-12-31"),
        _f("admitted", 280, *yt, "2023-01-01", "2023-12-31"),
        _f("percent_of_target", "68.75", *yt, "2020-01-01", "2023-12-31"),
        _f("members_total", 7126, *yt, "2024-03-25", "2024-03-25"),
        _f("members_population_pct_target", "6.5", *yt, "2020-01-01", "2025-12-31"),
    }
    quotes = {c.value: c.quote for c in extract(A6).candidates}
    assert quotes[Decimal(270)] == "năm 2021: 270"
    # The plan a share of the term's plan derives is the whole term's.
    assert ("target", Decimal(1200), _d("2020-01-01"), _d("2025-12-31")) in _derived(A6)


def test_t1_district_year_report():
    dt = ("huyện Đức Trọng", "district")
    assert _facts(T1) == {
        _f("admitted", 312, *dt, "2023-01-01", "2023-12-31"),
        _f("percent_of_target", 120, *dt, "2023-01-01", "2023-12-31"),
        _f("trained", 98, *dt, "2023-01-01", "2023-12-31"),
        _f("members_total", 6240, *dt, "2023-12-31", "2023-12-31"),
        _f("target", 280, *dt, "2024-01-01", "2024-12-31"),
        _f("admitted", 45, *dt, "2024-01-01", "2024-03-31"),
        _f("percent_of_target", 16, *dt, "2024-01-01", "2024-03-31"),
        _f("admitted", 1200, *dt, "2020-01-01", "2025-12-31"),
    }


def test_t2_province_with_districts_communes_and_cells():
    bg = ("tỉnh Bắc Giang", "province")
    h1 = ("2023-01-01", "2023-06-30")
    assert _facts(T2) == {
        _f("admitted", 1125, *bg, *h1),
        _f("percent_of_target", "52.3", *bg, *h1),
        _f("admitted", 160, "thành phố Bắc Giang", "district", *h1),
        _f("admitted", 98, "huyện Lục Nam", "district", *h1),
        _f("percent_of_target", 61, "huyện Lục Nam", "district", *h1),
        _f("admitted", 7, "xã Tân Mộc", "commune", *h1),
        _f("admitted", 2, "chi bộ thôn Nà Hon", "cell", *h1),
        _f("target", 2150, *bg, "2023-01-01", "2023-12-31"),
        _f("members_total", 104598, *bg, "2023-07-12", "2023-07-12"),
        _f("members_population_pct", "5.5", *bg, "2023-07-12", "2023-07-12"),
    }
