"""Vietnamese numbers, dates and period idioms."""

from datetime import date
from decimal import Decimal

import pytest

from recruitment.extraction import extract
from recruitment.extraction.numbers import find_numbers, parse_number
from recruitment.extraction.periods import (
    PeriodContext,
    detect_published,
    find_period_mentions,
    resolve,
    url_published,
)


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("1.455", Decimal(1455)),
        ("85,6", Decimal("85.6")),
        ("3,45", Decimal("3.45")),
        ("12.000.000", Decimal(12000000)),
        ("207", Decimal(207)),
    ],
)
def test_parse_number_uses_vietnamese_separators(token, value):
    assert parse_number(token) == value


def test_numbers_inside_dates_and_codes_are_not_numbers():
    text = "ngày 20/09/2022 lúc 13:10, mã z5260378 có 1.455 người"
    assert [v for _, _, v in find_numbers(text)] == [Decimal(1455)]


@pytest.mark.parametrize("word", ["hơn", "gần", "khoảng", "trên"])
def test_hedge_word_marks_figure_approximate(word):
    text = f"Năm 2023, toàn huyện Yên Bình kết nạp {word} 120 đảng viên."
    (cand,) = extract(text).candidates
    assert cand.value == 120 and cand.approximate


def _resolve(phrase, published=None, **ctx):
    (m,) = [p for p in find_period_mentions(phrase) if p.is_period]
    return resolve(m, PeriodContext(published=published, **ctx))


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("năm 2023", (date(2023, 1, 1), date(2023, 12, 31))),
        ("6 tháng đầu năm 2022", (date(2022, 1, 1), date(2022, 6, 30))),
        ("2 tháng đầu năm 2024", (date(2024, 1, 1), date(2024, 2, 29))),
        ("2 tháng đầu năm 2023", (date(2023, 1, 1), date(2023, 2, 28))),
        ("quý III năm 2021", (date(2021, 7, 1), date(2021, 9, 30))),
        ("nhiệm kỳ 2020–2025", (date(2020, 1, 1), date(2025, 12, 31))),
        ("giai đoạn 2021-2025", (date(2021, 1, 1), date(2025, 12, 31))),
        ("từ năm 2021 đến tháng 3-2024", (date(2021, 1, 1), date(2024, 3, 31))),
        ("đến tháng 4 năm 2022", (date(2022, 4, 30), date(2022, 4, 30))),
        ("đến cuối năm 2023", (date(2023, 12, 31), date(2023, 12, 31))),
        ("tính đến ngày 10-9-2018", (date(2018, 9, 10), date(2018, 9, 10))),
    ],
)
def test_named_periods_resolve_to_dates(phrase, expected):
    assert _resolve(phrase) == expected


def test_months_without_year_take_publication_year():
    assert _resolve("9 tháng đầu năm", published=date(2021, 10, 2)) == (
        date(2021, 1, 1),
        date(2021, 9, 30),
    )


def test_year_to_date_ends_at_publication_or_as_of_date():
    pub = date(2022, 9, 20)
    assert _resolve("từ đầu năm đến nay", published=pub) == (date(2022, 1, 1), pub)
    as_of = date(2018, 9, 10)
    assert _resolve("từ đầu năm đến nay", published=pub, as_of=as_of) == (date(2018, 1, 1), as_of)


def test_term_to_date_uses_named_term_or_term_containing_date():
    pub = date(2022, 5, 11)
    assert _resolve("từ đầu nhiệm kỳ đến nay", published=pub) == (date(2020, 1, 1), pub)
    assert _resolve("từ đầu nhiệm kỳ đến nay", published=date(2019, 3, 1)) == (
        date(2015, 1, 1),
        date(2019, 3, 1),
    )


def test_since_founding_counts_years_from_founding_year():
    assert _resolve("sau 3 năm thành lập", founding_year=2020) == (
        date(2020, 1, 1),
        date(2023, 12, 31),
    )


def test_bare_year_before_comma_is_a_year():
    kinds = [(p.kind, p.groups[0]) for p in find_period_mentions("Trong đó, 2023, huyện kết nạp")]
    assert ("year", "2023") in kinds


def test_period_carries_to_next_sentence_without_one():
    text = (
        "Năm 2023, huyện Yên Bình tập trung tạo nguồn phát triển đảng viên. "
        "Nhờ đó mà Đảng bộ huyện đã kết nạp được 95 đảng viên mới."
    )
    (cand,) = extract(text).candidates
    assert (cand.period_start, cand.period_end) == (date(2023, 1, 1), date(2023, 12, 31))


def test_term_total_broken_down_by_years_ends_with_breakdown():
    text = (
        "Từ đầu nhiệm kỳ đến nay, Đảng bộ huyện Yên Bình kết nạp được 60 đảng viên mới; "
        "trong đó, năm 2021 kết nạp 30 đảng viên, năm 2022 kết nạp 30 đảng viên."
    )
    cands = {c.value: c for c in extract(text, published=date(2024, 6, 1)).candidates}
    assert (cands[60].period_start, cands[60].period_end) == (date(2020, 1, 1), date(2022, 12, 31))
    assert cands[30].period_start.year in (2021, 2022)


def test_published_prefers_byline_over_page_header_date():
    page = (
        "Thứ hai, 27/09/2021\n\nTiêu đề bài viết về đảng viên\n\nThứ hai, 20/09/2021 12 lượt xem\n"
    )
    assert detect_published(page) == date(2021, 9, 20)


def test_published_ignores_scrape_time_in_foreign_spam():
    assert detect_published("时间:2025-01-11 06:16:39 来源\n\nNội dung bài viết.") is None


def test_published_falls_back_to_opening_event_date():
    text = "Tin tức\n\nChiều ngày 3/4/2023, Huyện ủy Yên Bình tổ chức hội nghị về công tác đảng."
    assert detect_published(text) == date(2023, 4, 3)


def test_published_from_posting_line():
    assert detect_published("Đăng lúc: 08:30:00 05/01/2024 (GMT+7)\nBài viết") == date(2024, 1, 5)


def test_a_metadata_stamp_opening_the_page_is_its_publication_date():
    text = " date 2025-11-14 Chi bộ thôn Hòa Hợp kết nạp đảng viên mới.\nNgày 4/12/2025, ..."
    assert detect_published(text) == date(2025, 11, 14)


@pytest.mark.parametrize(
    ("phrase", "published", "expected"),
    [
        ("Đến ngày 17/9, huyện", date(2016, 9, 19), (date(2016, 9, 17), date(2016, 9, 17))),
        ("Đến đầu tháng 12, có", date(2025, 12, 10), (date(2025, 12, 1), date(2025, 12, 1))),
        ("đến đầu tháng 12-2025", None, (date(2025, 12, 1), date(2025, 12, 1))),
        ("đến hết tháng 7, toàn", date(2022, 8, 8), (date(2022, 7, 31), date(2022, 7, 31))),
        ("Trong năm, Đảng bộ", date(2025, 11, 14), (date(2025, 1, 1), date(2025, 12, 31))),
        ("Năm qua, huyện", date(2020, 1, 14), (date(2019, 1, 1), date(2019, 12, 31))),
        ("trong năm qua, huyện", date(2018, 12, 20), (date(2018, 1, 1), date(2018, 12, 31))),
    ],
)
def test_periods_that_take_their_year_from_the_article(phrase, published, expected):
    (mention,) = find_period_mentions(phrase)
    assert resolve(mention, PeriodContext(published=published)) == expected


@pytest.mark.parametrize(
    "phrase", ["trong 5 năm qua", "những năm qua", "trong năm học", "trong năm 2023 tới"]
)
def test_plural_years_and_school_years_are_not_the_articles_year(phrase):
    kinds = [m.kind for m in find_period_mentions(phrase)]
    assert "past_year" not in kinds


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (date(2020, 7, 20), (2015, 2020)),
        (date(2023, 4, 2), (2015, 2020)),
        (date(2025, 9, 1), (2020, 2025)),
    ],
)
def test_the_past_term_is_the_one_that_ended_last(published, expected):
    (mention,) = find_period_mentions("trong nhiệm kỳ qua")
    rng = resolve(mention, PeriodContext(published=published))
    assert (rng[0].year, rng[1].year) == expected


@pytest.mark.parametrize(
    ("url", "day"),
    [
        (
            "https://baoninhbinh.org.vn/dang-uy-khoi-co-quan-tinh-ninh-binh-ket-nap-37-quan-"
            "chung-uu/d20090421083100000.htm",
            date(2009, 4, 21),
        ),
        (
            "https://dantri.com.vn/xa-hoi/dang-bo-co-quan-dang-tinh-tay-ninh-thong-nhat-5-chi-"
            "tieu-nhiem-ky-moi-20250821193600234.htm",
            date(2025, 8, 21),
        ),
        # A month is not a day; a term's years and an article number are not a date.
        ("https://baothainguyen.vn/chinh-tri/200901/thuc-tien-song-dong-367A99F", None),
        (
            "http://baoninhthuan.com.vn/news/113975p24c161/dai-hoi-cac-chi-dang-bo-co-so-"
            "nhiem-ky-20202025.htm",
            None,
        ),
        ("https://baomoi.net.vn/dang-bo-huyen-dau-tieng-c46561265.epi", None),
    ],
)
def test_day_stamped_in_the_address(url, day):
    assert url_published(url) == day


def test_undated_page_takes_the_day_in_its_address():
    text = "Quý I, Đảng ủy Khối cơ quan tỉnh Ninh Bình kết nạp 37 quần chúng ưu tú vào Đảng.\n"
    url = "https://baoninhbinh.org.vn/ket-nap-37-quan-chung-uu/d20090421083100000.htm"
    ex = extract(text, url=url)
    assert ex.published == date(2009, 4, 21)
    assert [(c.metric, c.value, c.period_start, c.period_end) for c in ex.candidates] == [
        ("admitted", Decimal(37), date(2009, 1, 1), date(2009, 3, 31))
    ]


def test_a_date_on_the_page_outranks_the_address():
    text = "Ngày 5/3/2023\n\nNăm 2022, huyện Yên Bình kết nạp 150 đảng viên mới.\n"
    ex = extract(text, url="https://baomoi.vn/bai-viet-20250821193600234.htm")
    assert ex.published == date(2023, 3, 5)
