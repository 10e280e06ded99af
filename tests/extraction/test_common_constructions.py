"""More constructions of provincial party news, on sentences written for these tests.

Places and figures are invented; each case pins one general rule (a period idiom, who a
figure belongs to, what a number counts), including the cases where nothing is a figure.
"""

from datetime import date
from decimal import Decimal

import pytest
from probe_support import candidate_facts, candidate_values

from recruitment.extraction import extract
from recruitment.extraction.noise import is_noise_line
from recruitment.extraction.organisations import trim_name
from recruitment.extraction.periods import PeriodContext, find_period_mentions, resolve

PUB = date(2024, 3, 1)


def _facts(text, published=PUB, **kw):
    return candidate_facts(text, published, **kw)


def _values(text, published=PUB, **kw):
    return candidate_values(text, published, **kw)


def _periods(text, published=PUB):
    ctx = PeriodContext(published=published)
    return [(m.kind, resolve(m, ctx)) for m in find_period_mentions(text)]


# ------------------------------------------------------------------ periods


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("Trong 11 tháng năm 2023, huyện kết nạp", date(2023, 11, 30)),
        ("10 tháng của năm 2022, toàn tỉnh", date(2022, 10, 31)),
        ("9 tháng đầu năm 2025, toàn Đảng bộ", date(2025, 9, 30)),
        ("Trong 2 tháng năm nay, xã", date(2024, 2, 29)),
    ],
)
def test_first_n_months_forms(text, end):
    assert _periods(text) == [("months", (date(end.year, 1, 1), end))]


def test_a_written_out_date_is_not_first_months():
    assert [k for k, _ in _periods("Ngày 12 tháng năm 2023, hội nghị")] == ["year"]


def test_until_now_in_an_article_naming_no_term_is_the_year_so_far():
    assert _facts("Đến nay, huyện Tân Lạc đã kết nạp 702 đảng viên.") == {
        ("admitted", Decimal(702), "huyện Tân Lạc", "district", date(2024, 1, 1), PUB)
    }


def test_until_now_after_an_earlier_term_gives_nothing():
    text = (
        "Nhiệm kỳ 2015 - 2020, huyện Tân Lạc đề ra chỉ tiêu kết nạp 600 đảng viên. "
        "Đến nay, toàn huyện đã kết nạp 702 đảng viên."
    )
    assert ("admitted", Decimal(702)) not in _values(text)


def test_until_now_with_the_term_plan_in_the_sentence():
    text = "Đến nay, huyện Tân Lạc đã kết nạp 430 đảng viên, đạt 86% chỉ tiêu nhiệm kỳ."
    assert _facts(text) == {
        ("admitted", Decimal(430), "huyện Tân Lạc", "district", date(2020, 1, 1), PUB),
        ("percent_of_target", Decimal(86), "huyện Tân Lạc", "district", date(2020, 1, 1), PUB),
    }


def test_goal_up_to_a_term_end_year_in_a_term_context():
    text = (
        "Nghị quyết Đại hội nhiệm kỳ 2020 - 2025 của huyện Tân Lạc xác định rõ nhiệm vụ. "
        "Huyện phấn đấu đến năm 2025 kết nạp 1.500 đảng viên."
    )
    assert _facts(text) == {
        ("target", Decimal(1500), "huyện Tân Lạc", "district", date(2020, 1, 1), date(2025, 12, 31))
    }


def test_goal_year_outside_the_current_term_gives_nothing():
    text = "Trong nhiệm kỳ này, huyện Tân Lạc phấn đấu đến năm 2030 kết nạp 1.500 đảng viên."
    assert _values(text) == set()


# ------------------------------------------------------------------ stocks


def test_members_after_a_count_of_organisations():
    text = "Đảng bộ huyện Tân Lạc hiện có 42 tổ chức cơ sở đảng gồm 5.310 đảng viên."
    assert _facts(text) == {("members_total", Decimal(5310), "huyện Tân Lạc", "district", PUB, PUB)}


def test_undated_total_is_a_stock_now_not_at_an_earlier_period_end():
    text = (
        "Năm 2023, huyện Tân Lạc kết nạp 120 đảng viên. "
        "Tổng số đảng viên toàn Đảng bộ là 5.120 đồng chí."
    )
    assert ("members_total", Decimal(5120), "huyện Tân Lạc", "district", PUB, PUB) in _facts(text)


def test_total_raised_by_the_period_keeps_that_period():
    text = (
        "Năm 2023, huyện Tân Lạc kết nạp 120 đảng viên. "
        "Qua đó, nâng tổng số đảng viên toàn huyện lên 5.120 đồng chí."
    )
    end = date(2023, 12, 31)
    assert ("members_total", Decimal(5120), "huyện Tân Lạc", "district", end, end) in _facts(text)


# ------------------------------------------------------------------ organisations


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Đồng Nai", "Đồng Nai"),
        ("Bà Rịa", "Bà Rịa"),
        ("Anh Sơn", "Anh Sơn"),
        ("Đồng", ""),
        ("Kim Sơn Đồng", "Kim Sơn"),
        ("Năm 2023", ""),
    ],
)
def test_place_names_opening_with_a_stop_word(raw, name):
    assert trim_name(raw, 4) == name


def test_province_reference_is_never_credited_to_a_commune():
    text = (
        "Theo Ban Tổ chức Tỉnh ủy, 9 tháng đầu năm 2025, toàn Đảng bộ tỉnh đã kết nạp "
        "2.318 đảng viên. Đảng bộ xã Lộc Tân kết nạp 21 đảng viên."
    )
    facts = _facts(text, published=date(2025, 10, 14))
    assert {(f[0], f[1], f[2]) for f in facts} == {("admitted", Decimal(21), "xã Lộc Tân")}


def test_the_committee_that_assigned_the_plan_is_not_the_subject():
    text = (
        "Tỉnh Hòa Bình có nhiều cố gắng. Năm 2023, Đảng bộ huyện Tân Lạc hoàn thành "
        "chỉ tiêu Tỉnh ủy giao, kết nạp 312 đảng viên."
    )
    assert ("admitted", Decimal(312), "huyện Tân Lạc") in {(f[0], f[1], f[2]) for f in _facts(text)}


def test_headline_kept_when_the_body_does_not_state_the_figure():
    text = "Huyện Tân Lạc: năm 2023 kết nạp 312 đảng viên\n\nCông tác phát triển đảng có tiến bộ.\n"
    assert _values(text) == {("admitted", Decimal(312))}


def test_approximate_headline_dropped_for_the_exact_body_figure():
    text = (
        "Tân Lạc: năm 2023 kết nạp hơn 300 đảng viên\n\n"
        "Năm 2023, Đảng bộ huyện Tân Lạc đã kết nạp 312 đảng viên.\n"
    )
    assert _values(text) == {("admitted", Decimal(312))}


# ------------------------------------------------------------------ what a number counts


Y23 = (date(2023, 1, 1), date(2023, 12, 31))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Năm 2023, Ban Thường vụ Huyện ủy Tân Lạc đã xem xét, kết nạp 56 đảng viên.",
            {("admitted", Decimal(56))},
        ),
        (
            "Năm 2023, Đảng ủy xã Bình Minh đã kết nạp đảng viên mới cho 34 quần chúng ưu tú.",
            {("admitted", Decimal(34))},
        ),
        (
            "Năm 2023, số đảng viên được kết nạp của huyện Tân Lạc là 410, đạt 102,5%.",
            {("admitted", Decimal(410)), ("percent_of_target", Decimal("102.5"))},
        ),
        (
            "Năm 2023, huyện Tân Lạc kết nạp 410 đảng viên, đạt tỷ lệ 101%.",
            {("admitted", Decimal(410)), ("percent_of_target", Decimal(101))},
        ),
        (
            "Năm 2023, huyện Tân Lạc kết nạp 210 đảng viên, bằng 98% so với cùng kỳ.",
            {("admitted", Decimal(210))},
        ),
        (
            "Năm 2023, tỉnh Hòa Bình kết nạp 1.200 đảng viên, tăng 150 đảng viên so với năm 2022.",
            {("admitted", Decimal(1200))},
        ),
        (
            "Năm 2023, huyện Tân Lạc kết nạp 300 đảng viên, vượt chỉ tiêu 20 đảng viên.",
            {("admitted", Decimal(300))},
        ),
        (
            "Năm 2023, huyện Tân Lạc kết nạp 300 đảng viên, trong đó kết nạp 25 học sinh "
            "THPT vào Đảng.",
            {("admitted", Decimal(300))},
        ),
        (
            "Năm 2023, huyện Tân Lạc kết nạp 300 đảng viên, trong đó kết nạp 25 đảng viên "
            "là học sinh.",
            {("admitted", Decimal(300))},
        ),
        (
            "Năm 2023, huyện Tân Lạc kết nạp 300 đảng viên; trong đó có 41 đảng viên nữ.",
            {("admitted", Decimal(300))},
        ),
        (
            "Năm 2023, Trường THPT Tân Lạc kết nạp 3 học sinh vào Đảng.",
            {("admitted", Decimal(3))},
        ),
        (
            "Năm 2023, huyện Tân Lạc kết nạp 96 đảng viên, đạt 80% kế hoạch "
            "(kế hoạch giao 120 đảng viên).",
            {
                ("admitted", Decimal(96)),
                ("percent_of_target", Decimal(80)),
                ("target", Decimal(120)),
            },
        ),
    ],
)
def test_constructions(text, expected):
    assert _values(text) == expected


def test_several_organisations_in_one_sentence_share_the_last_noun():
    text = "Năm 2023, huyện Tân Lạc kết nạp 50, huyện Lạc Sơn kết nạp 45 đảng viên."
    assert _facts(text) == {
        ("admitted", Decimal(50), "huyện Tân Lạc", "district", *Y23),
        ("admitted", Decimal(45), "huyện Lạc Sơn", "district", *Y23),
    }


def test_figures_in_a_bulleted_list():
    text = (
        "Kết quả phát triển đảng viên của huyện Tân Lạc\n"
        "- Năm 2022: kết nạp 130 đảng viên\n"
        "- Năm 2023: kết nạp 142 đảng viên\n"
    )
    assert _facts(text) == {
        (
            "admitted",
            Decimal(130),
            "huyện Tân Lạc",
            "district",
            date(2022, 1, 1),
            date(2022, 12, 31),
        ),
        ("admitted", Decimal(142), "huyện Tân Lạc", "district", *Y23),
    }


def test_a_dated_bulleted_link_stays_noise():
    assert is_noise_line("- Hà Nội: Kết nạp 5.000 đảng viên trong năm 2023 (05/12/2023)")
    assert not is_noise_line("- Năm 2022: kết nạp 130 đảng viên")


def test_yearly_breakdown_after_a_total_with_its_share_of_the_term_plan():
    text = (
        "Từ đầu nhiệm kỳ đến nay, huyện Tân Lạc kết nạp được 640 đảng viên (năm 2021: 200; "
        "năm 2022: 210; năm 2023: 230), đạt 80% chỉ tiêu nhiệm kỳ."
    )
    facts = {(f[0], f[1], f[4], f[5]) for f in _facts(text)}
    term = (date(2020, 1, 1), date(2023, 12, 31))
    assert facts == {
        ("admitted", Decimal(640), *term),
        ("admitted", Decimal(200), date(2021, 1, 1), date(2021, 12, 31)),
        ("admitted", Decimal(210), date(2022, 1, 1), date(2022, 12, 31)),
        ("admitted", Decimal(230), *Y23),
        ("percent_of_target", Decimal(80), *term),
    }


def test_quote_keeps_a_list_of_verbs_whole():
    text = (
        "Năm 2023, 150 là số đảng viên được các chi bộ của huyện Tân Lạc theo dõi, giúp đỡ "
        "và kết nạp vào Đảng, đạt 100% kế hoạch."
    )
    quotes = [c.quote for c in extract(text, published=PUB).candidates if c.metric == "admitted"]
    assert quotes == [
        "Năm 2023, 150 là số đảng viên được các chi bộ của huyện Tân Lạc theo dõi, giúp đỡ "
        "và kết nạp vào Đảng"
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Đảng bộ xã có 30 chi bộ, đảng bộ trực thuộc, với 1.200 đảng viên.",
        "Đảng bộ xã có 30 chi, đảng bộ cơ sở với 1.200 đảng viên.",
        "Đảng bộ xã có 30 tổ chức cơ sở đảng, gồm 1.200 đảng viên.",
    ],
)
def test_the_members_after_a_count_of_units_cut_off_by_commas(sentence):
    text = "Đảng bộ xã Tân Lập tổng kết công tác năm.\n\n" + sentence
    assert _facts(text) == {("members_total", Decimal(1200), "xã Tân Lập", "commune", PUB, PUB)}


def test_a_stock_in_a_congress_report_without_a_date_is_on_the_congress_day():
    text = (
        "Đại hội Đảng bộ xã Tân Lập lần thứ I, nhiệm kỳ 2025 - 2030 diễn ra ngày 20-21/7.\n\n"
        "Đảng bộ xã có 30 chi bộ, đảng bộ trực thuộc, với 1.200 đảng viên."
    )
    day = date(2025, 7, 21)
    assert _facts(text, published=None) == {
        ("members_total", Decimal(1200), "xã Tân Lập", "commune", day, day)
    }


def test_a_units_count_of_its_own_is_not_a_stock_of_members():
    text = "Đảng bộ xã Tân Lập có 30 chi bộ, trong đó 12 chi bộ có 20 đảng viên trở lên."
    assert _facts(text) == set()
