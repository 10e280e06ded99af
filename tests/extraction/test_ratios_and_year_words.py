"""A count over its plan ("95/90"), the year words "năm qua" / "trong năm", a headline that
opens with a bare place name under a breadcrumb line, and goals "đến năm 2025" of a term,
on sentences written for these tests (places and figures are invented)."""

from datetime import date
from decimal import Decimal

from recruitment.extraction import extract


def _answer(text: str, published) -> list[tuple]:
    """Every candidate: (metric, value, organisation, start, end, derived)."""
    return sorted(
        (c.metric, c.value, c.organisation, c.period_start, c.period_end, c.derived)
        for c in extract(text, published=published).candidates
    )


_REVIEW = (
    "Tin tức / Trong huyện\n"
    "Gia Bình kết nạp đảng viên vượt kế hoạch\n"
    "Năm qua, Huyện ủy chú trọng bồi dưỡng quần chúng ưu tú.\n"
    "Kết quả, Gia Bình đã kết nạp được 180 quần chúng ưu tú vào Đảng, đạt 105% kế hoạch."
)


def _year(y: int) -> tuple[date, date]:
    return date(y, 1, 1), date(y, 12, 31)


def test_nam_qua_in_january_is_the_year_before_and_headline_place_under_breadcrumb():
    org = "huyện Gia Bình"
    assert _answer(_REVIEW, date(2020, 1, 10)) == sorted(
        [
            ("admitted", Decimal(180), org, *_year(2019), False),
            ("percent_of_target", Decimal(105), org, *_year(2019), False),
            ("target", Decimal(171), org, *_year(2019), True),
        ]
    )


def test_nam_qua_later_in_the_year_is_the_publication_year():
    org = "huyện Gia Bình"
    assert _answer(_REVIEW, date(2020, 6, 10)) == sorted(
        [
            ("admitted", Decimal(180), org, *_year(2020), False),
            ("percent_of_target", Decimal(105), org, *_year(2020), False),
            ("target", Decimal(171), org, *_year(2020), True),
        ]
    )


def test_count_over_plan_with_excess_on_an_undated_page_takes_the_year_named_above():
    text = (
        "Năm 2021, huyện Long Thành làm tốt công tác phát triển Đảng.\n"
        "Ngay từ đầu năm, huyện đã giao chỉ tiêu cho 40/50 tổ chức cơ sở đảng. Trong năm, "
        "toàn Đảng bộ huyện kết nạp mới 95/90 đảng viên, vượt 5,56% so với chỉ tiêu."
    )
    org = "huyện Long Thành"
    assert _answer(text, None) == sorted(
        [
            ("admitted", Decimal(95), org, *_year(2021), False),
            ("target", Decimal(90), org, *_year(2021), False),
            ("percent_of_target", Decimal("105.56"), org, *_year(2021), False),
        ]
    )


def test_goal_to_a_term_end_year_is_the_terms_without_the_word_nhiem_ky():
    text = (
        "Tỉnh ủy Sóc Trăng ban hành chỉ thị. Theo đó, phấn đấu đến năm 2025, toàn tỉnh "
        "kết nạp ít nhất 5.000 đảng viên mới."
    )
    assert _answer(text, date(2020, 5, 22)) == [
        ("target", Decimal(5000), "tỉnh Sóc Trăng", date(2020, 1, 1), date(2025, 12, 31), False)
    ]


def test_goal_to_a_year_that_ends_no_term_gives_no_period():
    text = (
        "Tỉnh ủy Sóc Trăng ban hành chỉ thị. Theo đó, phấn đấu đến năm 2023, toàn tỉnh "
        "kết nạp ít nhất 5.000 đảng viên mới."
    )
    assert _answer(text, date(2020, 5, 22)) == []
