"""Each metric form, on sentences written for the test."""

from datetime import date
from decimal import Decimal

import pytest

from recruitment.extraction import extract

PUB = date(2023, 10, 5)


def _facts(text, **kw):
    ex = extract(text, published=kw.pop("published", PUB), **kw)
    return {(c.metric, c.value, c.derived) for c in ex.candidates}


@pytest.mark.parametrize(
    "sentence",
    [
        "Năm 2022, Đảng bộ huyện Yên Bình kết nạp 150 đảng viên mới.",
        "Năm 2022, Đảng bộ huyện Yên Bình đã kết nạp được 150 đảng viên.",
        "Năm 2022, Đảng bộ huyện Yên Bình có 150 đoàn viên ưu tú đứng vào hàng ngũ của Đảng.",
        "Năm 2022, Đảng bộ huyện Yên Bình có 150 quần chúng ưu tú đã được kết nạp Đảng.",
        "150 là số đảng viên mới được Đảng bộ huyện Yên Bình kết nạp trong năm 2022.",
    ],
)
def test_admission_forms(sentence):
    assert ("admitted", Decimal(150), False) in _facts(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Năm 2024, Đảng bộ huyện Yên Bình phấn đấu kết nạp 200 đảng viên mới.",
        "Năm 2024, Đảng bộ huyện Yên Bình dự kiến kết nạp thêm 200 đảng viên.",
        "Năm 2024, huyện Yên Bình được giao chỉ tiêu kết nạp 200 đảng viên.",
    ],
)
def test_target_forms(sentence):
    assert ("target", Decimal(200), False) in _facts(sentence)


def test_bare_admission_over_future_term_is_a_target():
    text = "Nghị quyết đề ra đến cuối nhiệm kỳ 2020-2025 huyện Yên Bình kết nạp 600 đảng viên."
    assert ("target", Decimal(600), False) in _facts(text, published=date(2022, 3, 1))


def test_percent_of_target_after_count():
    facts = _facts("Năm 2022, huyện Yên Bình kết nạp 206 đảng viên, đạt 103% chỉ tiêu.")
    assert ("percent_of_target", Decimal(103), False) in facts


def test_bare_percent_after_count_is_percent_of_target():
    facts = _facts("Năm 2022, huyện Yên Bình kết nạp 72 đảng viên, đạt 36%.")
    assert ("percent_of_target", Decimal(36), False) in facts


def test_excess_percent_adds_to_hundred():
    facts = _facts("Năm 2022, huyện Yên Bình kết nạp 104 đảng viên (vượt 4%).")
    assert ("percent_of_target", Decimal(104), False) in facts
    facts = _facts("Năm 2023, Đảng bộ xã Tân Lập đã kết nạp đảng viên mới vượt 80% chỉ tiêu.")
    assert ("percent_of_target", Decimal(180), False) in facts


def test_derived_target_is_rounded_and_marked():
    facts = _facts("Năm 2022, huyện Yên Bình kết nạp 207 đảng viên, đạt 103% kế hoạch.")
    assert ("target", Decimal(201), True) in facts


def test_derived_target_of_part_year_share_covers_whole_year():
    ex = extract(
        "6 tháng đầu năm 2022, huyện Yên Bình kết nạp 90 đảng viên, đạt 45% kế hoạch năm.",
        published=date(2022, 7, 10),
    )
    (derived,) = [c for c in ex.candidates if c.derived]
    assert (derived.period_start, derived.period_end) == (date(2022, 1, 1), date(2022, 12, 31))
    assert derived.value == 200


def test_trained_and_trained_percent():
    text = (
        "Năm 2023, huyện Yên Bình đã cử 500 quần chúng ưu tú tham gia lớp bồi dưỡng "
        "nhận thức về Đảng, đạt 110% so với kế hoạch."
    )
    facts = _facts(text)
    assert ("trained", Decimal(500), False) in facts
    assert ("trained_percent_of_target", Decimal(110), False) in facts


def test_trained_target():
    text = (
        "Năm 2024, huyện Yên Bình phấn đấu cử 300 quần chúng tham gia lớp bồi dưỡng "
        "nhận thức về Đảng."
    )
    assert ("trained_target", Decimal(300), False) in _facts(text)


def test_members_total_and_population_share():
    text = (
        "Đảng bộ huyện Yên Bình có tổng số đảng viên đến tháng 6 năm 2023 là 5.210 đảng viên, "
        "đạt tỷ lệ 3,2% so với dân số."
    )
    ex = extract(text, published=PUB)
    facts = {(c.metric, c.value) for c in ex.candidates}
    assert ("members_total", Decimal(5210)) in facts
    assert ("members_population_pct", Decimal("3.2")) in facts
    assert all(c.period_start == c.period_end == date(2023, 6, 30) for c in ex.candidates)


def test_raising_total_to_a_number():
    text = (
        "Năm 2023, huyện Yên Bình kết nạp 80 đảng viên, nâng tổng số đảng viên lên 3.100 đồng chí."
    )
    assert ("members_total", Decimal(3100), False) in _facts(text)


def test_population_share_in_target_context_is_a_target():
    text = (
        "Nghị quyết đề ra đến cuối nhiệm kỳ 2020-2025 huyện Yên Bình kết nạp 600 đảng viên, "
        "tỷ lệ đảng viên đạt 3,9% so với dân số."
    )
    facts = _facts(text, published=date(2022, 3, 1))
    assert ("members_population_pct_target", Decimal("3.9"), False) in facts


@pytest.mark.parametrize(
    "sentence",
    [
        "Năm 2023, số đảng viên của huyện Yên Bình tăng 5% so với đầu nhiệm kỳ.",
        "Năm 2023, tỷ lệ tổ chức cơ sở đảng của huyện Yên Bình hoàn thành tốt nhiệm vụ đạt 92%.",
        "Năm 2023, huyện Yên Bình có 109 đảng bộ, chi bộ cơ sở và 38 chi bộ trực thuộc.",
        "Năm 2023, Đảng bộ huyện Yên Bình đạt và vượt chỉ tiêu kết nạp đảng viên.",
        "Năm 2023, Đảng bộ huyện Yên Bình tạo nguồn được 40 đoàn viên ưu tú.",
        "Năm 2023, Đoàn thanh niên huyện Yên Bình kết nạp 300 đoàn viên mới.",
    ],
)
def test_non_admission_numbers_give_nothing(sentence):
    assert _facts(sentence) == set()


def test_quote_and_offsets_point_into_text():
    text = (
        "Tin mới\n\nNăm 2022, toàn Đảng bộ tỉnh Hòa Bình kết nạp 1.455 đảng viên, "
        "đạt 85,6% kế hoạch."
    )
    ex = extract(text, published=PUB)
    assert ex.candidates
    for c in ex.candidates:
        assert text[c.start : c.end] == c.quote
        assert c.start <= c.value_start < c.value_end <= c.end
    admitted = next(c for c in ex.candidates if c.metric == "admitted")
    assert text[admitted.value_start : admitted.value_end] == "1.455"


def test_decomposed_input_keeps_offsets_into_callers_text():
    import unicodedata

    text = unicodedata.normalize("NFD", "Năm 2022, huyện Yên Bình kết nạp 150 đảng viên mới.")
    (cand,) = extract(text, published=PUB).candidates
    assert text[cand.value_start : cand.value_end] == "150"
    assert text[cand.start : cand.end] == cand.quote


def test_a_share_stated_with_bang_and_no_plan_is_not_progress_on_the_plan():
    text = (
        "Tính theo tỷ lệ so với tổng số đảng viên cuối năm trước, năm 2019 huyện Thống Nhất "
        "kết nạp được 227 đảng viên, bằng 9,03%."
    )
    assert _facts(text, published=date(2020, 1, 14)) == {("admitted", Decimal(227), False)}


def test_a_count_over_its_plan_states_both_and_the_plan_is_the_years():
    text = (
        "Tính đến hết tháng 7-2022, toàn Đảng bộ huyện Long Thành đã kết nạp mới 80 đảng "
        "viên/85 chỉ tiêu tỉnh giao (đạt 94,11%)."
    )
    ex = extract(text, published=date(2022, 8, 8))
    facts = {(c.metric, c.value, c.period_start, c.period_end) for c in ex.candidates}
    ytd = (date(2022, 1, 1), date(2022, 7, 31))
    assert facts == {
        ("admitted", Decimal(80), *ytd),
        ("target", Decimal(85), date(2022, 1, 1), date(2022, 12, 31)),
        ("percent_of_target", Decimal("94.11"), *ytd),
    }


def test_a_share_of_the_resolution_is_progress_on_the_plan():
    text = (
        "Năm 2020, Đảng bộ thị xã Hòa Thành kết nạp mới 100 đảng viên (đạt 95% so với Nghị quyết)."
    )
    assert _facts(text, published=date(2021, 1, 19)) == {
        ("admitted", Decimal(100), False),
        ("percent_of_target", Decimal(95), False),
        ("target", Decimal(105), True),
    }


def test_a_part_singled_out_with_rieng_cac_is_not_a_figure_of_its_own():
    text = (
        "Đến ngày 17/9, các tổ chức cơ sở đảng ở huyện Đơn Dương đã kết nạp mới 71 đảng viên "
        "mới. Riêng các tổ chức cơ sở đảng khối xã, thị trấn kết nạp mới 52 đảng viên."
    )
    assert _facts(text, published=date(2016, 9, 19)) == {("admitted", Decimal(71), False)}


def test_a_small_rate_stated_without_a_plan_is_a_share_of_the_members():
    text = "Trong năm qua, Huyện ủy Xuân Lộc kết nạp được 358 đảng viên mới, đạt tỷ lệ 7,61%."
    assert _facts(text, published=date(2018, 1, 1)) == {("admitted", Decimal(358), False)}


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "Trong năm 2010, Đảng bộ huyện Krông Nô đã kết nạp được 125 đảng viên, nâng tổng số "
            "đảng viên toàn đảng bộ lên con số 1.622.",
            date(2011, 1, 28),
            {("admitted", Decimal(125), False), ("members_total", Decimal(1622), False)},
        ),
        (
            "Đến nay, Đảng bộ huyện Sóc Sơn đã có 14.490 đảng viên thuộc 63 tổ chức cơ sở Đảng.",
            date(2020, 7, 28),
            {("members_total", Decimal(14490), False)},
        ),
        (
            "Hiện nay, Đảng bộ phường Tam Thắng có 74 tổ chức cơ sở Đảng và 5.067 đảng viên.",
            date(2025, 8, 29),
            {("members_total", Decimal(5067), False)},
        ),
        (
            "Từ đầu năm đến nay, Huyện ủy Di Linh đã xem xét và ra quyết định kết nạp thêm 113 "
            "đảng viên mới.",
            date(2018, 10, 22),
            {("admitted", Decimal(113), False)},
        ),
    ],
)
def test_stocks_and_decisions_in_the_words_of_real_reports(text, published, expected):
    assert _facts(text, published=published) == expected


def test_a_share_of_the_plan_after_a_paragraphs_admissions_is_progress_on_that_plan():
    text = (
        "Năm 2025, Đảng ủy phường Kim Long cử 46 quần chúng ưu tú tham gia lớp bồi dưỡng nhận "
        "thức về Đảng. Đến đầu tháng 12, có 16 quần chúng đã được kết nạp. Với sự chủ động từ cơ "
        "sở, Kim Long đạt 100% chỉ tiêu trong năm."
    )
    ex = extract(text, published=date(2025, 12, 10))
    facts = {(c.metric, c.value, c.period_start, c.period_end) for c in ex.candidates}
    assert facts == {
        ("trained", Decimal(46), date(2025, 1, 1), date(2025, 12, 31)),
        ("admitted", Decimal(16), date(2025, 1, 1), date(2025, 12, 1)),
        ("percent_of_target", Decimal(100), date(2025, 1, 1), date(2025, 12, 31)),
    }


def test_a_course_for_members_trains_no_candidates():
    text = (
        "Từ đầu năm đến nay, Đảng ủy Khối cơ quan tỉnh Ninh Bình đã mở 1 lớp bồi dưỡng lý luận "
        "chính trị cho 92 đảng viên dự bị và một lớp đối tượng Đảng cho 68 quần chúng ưu tú."
    )
    assert _facts(text) == {("trained", Decimal(68), False)}


def test_a_unit_given_a_number_to_admit_has_a_target():
    text = (
        "Năm nay, Ban Thường vụ Tỉnh ủy giao Đảng ủy Khối các cơ quan tỉnh kết nạp 120 đảng viên "
        "trở lên."
    )
    assert _facts(text) == {("target", Decimal(120), False)}
