"""Passive admissions in a paragraph that fronts its unit ("Tại xã A, ... 30 đảng viên được
kết nạp"), and plans stated as a band or a floor ("từ 10-12 đảng viên", "ít nhất 15 đảng
viên", "từ 15 đảng viên trở lên"), on sentences written for these tests (places and figures
are invented)."""

from datetime import date
from decimal import Decimal

from recruitment.extraction import extract

PUB = date(2025, 11, 20)
Y2026 = (date(2026, 1, 1), date(2026, 12, 31))


def whole_answer(text: str, published=PUB) -> set[tuple]:
    """Every candidate: (metric, value, organisation, start, end, approximate, derived)."""
    ex = extract(text, published=published)
    facts = [
        (c.metric, c.value, c.organisation, c.period_start, c.period_end, c.approximate, c.derived)
        for c in ex.candidates
    ]
    assert len(facts) == len(set(facts))
    return set(facts)


LEAD = (
    "Kết nạp đảng viên vượt kế hoạch\n\n"
    "Tính đến ngày 10/11/2025, Đảng bộ tỉnh Sông Cầu đã kết nạp 300 đảng viên mới.\n\n"
    "Xã Hòa Bình là một điển hình. Đến cuối tháng 10, có 12 quần chúng đã được kết nạp. "
    "Nhờ cách làm bài bản, xã Hòa Bình đạt 100% chỉ tiêu trong năm.\n\n"
)
TO_DATE = (date(2025, 1, 1), date(2025, 11, 10))
LEAD_FIGURES = {
    ("admitted", Decimal(300), "tỉnh Sông Cầu", *TO_DATE, False, False),
    ("admitted", Decimal(12), "xã Hòa Bình", date(2025, 1, 1), date(2025, 10, 31), False, False),
    (
        "percent_of_target",
        Decimal(100),
        "xã Hòa Bình",
        date(2025, 1, 1),
        date(2025, 12, 31),
        False,
        False,
    ),
}


def test_a_fronted_unit_reports_in_the_leads_period_not_the_example_above():
    text = LEAD + (
        "Tại xã An Phú, kết quả còn cao hơn khi 30 đảng viên được kết nạp, đạt 125% chỉ tiêu."
    )
    assert whole_answer(text) == LEAD_FIGURES | {
        ("admitted", Decimal(30), "xã An Phú", *TO_DATE, False, False),
        ("percent_of_target", Decimal(125), "xã An Phú", *TO_DATE, False, False),
        ("target", Decimal(24), "xã An Phú", date(2025, 1, 1), date(2025, 12, 31), False, True),
    }


def test_a_cut_off_last_paragraph_is_no_heading():
    text = LEAD + "Ở xã An Phú, kết quả còn cao hơn khi 30 đảng viên được kết nạp, đạt 125% chỉ t"
    assert whole_answer(text) == LEAD_FIGURES | {
        ("admitted", Decimal(30), "xã An Phú", *TO_DATE, False, False),
        ("percent_of_target", Decimal(125), "xã An Phú", *TO_DATE, False, False),
        ("target", Decimal(24), "xã An Phú", date(2025, 1, 1), date(2025, 12, 31), False, True),
    }


def test_a_short_line_followed_by_text_still_is_a_heading():
    text = (
        "Tân Lập chăm lo công tác phát triển đảng viên\n\n"
        "Năm 2024, Đảng bộ xã Tân Lập kết nạp 20 đảng viên.\n\n"
        "Nhiều cách làm hay\n\n"
        "Xã Tân Lập kết nạp thêm 5 đảng viên."
    )
    assert whole_answer(text) == {
        ("admitted", Decimal(20), "xã Tân Lập", date(2024, 1, 1), date(2024, 12, 31), False, False),
    }


def test_a_band_in_a_list_of_goals_is_a_target_at_its_lower_bound():
    for band in ("từ 10-12", "từ 10 đến 12", "10 - 12", "10–12"):
        text = (
            "Năm 2026, Đảng bộ xã Tân Lập phấn đấu 100% chi bộ hoàn thành tốt nhiệm vụ; "
            f"kết nạp {band} đảng viên mới."
        )
        assert whole_answer(text, date(2026, 1, 20)) == {
            ("target", Decimal(10), "xã Tân Lập", *Y2026, False, False),
        }, band


def test_a_floor_is_a_target_at_its_bound():
    for floor in ("từ 15 đảng viên trở lên", "ít nhất 15 đảng viên", "tối thiểu 15 đảng viên"):
        text = f"Năm 2026, Đảng bộ phường Đông Hải phấn đấu kết nạp {floor}."
        assert whole_answer(text, date(2026, 1, 20)) == {
            ("target", Decimal(15), "phường Đông Hải", *Y2026, False, False),
        }, floor


def test_a_band_stated_as_reached_is_no_figure():
    text = "Năm 2025, Đảng bộ xã Tân Lập đã kết nạp được từ 3-5 đảng viên mới."
    assert whole_answer(text) == set()


def test_a_bound_for_each_unit_or_met_by_several_is_no_figure():
    for sentence in (
        "Năm 2026, mỗi chi bộ của xã Tân Lập phấn đấu kết nạp ít nhất 1 đảng viên.",
        "Năm 2026, 100% chi bộ của xã Tân Lập phấn đấu kết nạp từ 1-2 đảng viên.",
        "Năm 2025, xã Tân Lập có 6 chi bộ kết nạp từ 2 đảng viên trở lên.",
        "Chi bộ của xã Tân Lập có từ 30 đảng viên trở lên.",
        "Năm 2026, xã Tân Lập phấn đấu kết nạp từ 2 đến 3 đảng viên mỗi chi bộ.",
    ):
        assert whole_answer(sentence) == set(), sentence


def test_from_without_a_band_or_a_floor_is_not_a_bound():
    text = "Năm 2025, số đảng viên của xã Tân Lập tăng từ 100 đảng viên lên 120 đảng viên."
    assert whole_answer(text) == set()
