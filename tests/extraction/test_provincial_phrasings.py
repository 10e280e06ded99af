"""Wordings common in provincial party news, on sentences written for these tests.

Each case is a construction seen across Báo Đảng bộ and Ban Tổ chức sites, rewritten with
invented places and figures; the extractor must read the construction, not the text.
"""

from datetime import date
from decimal import Decimal

import pytest
from probe_support import candidate_facts, candidate_values

from recruitment.extraction import extract
from recruitment.extraction.periods import detect_published

PUB = date(2023, 10, 5)
YEAR_2023 = (date(2023, 1, 1), date(2023, 12, 31))


def _facts(text, published=PUB, **kw):
    return candidate_facts(text, published, **kw)


def _values(text, published=PUB, **kw):
    return candidate_values(text, published, **kw)


# ------------------------------------------------------------------ publication date


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (
            "Tiêu đề một bài viết về đảng viên\n"
            "(Ngày 12-7-2023) - Theo Ban Tổ chức Tỉnh ủy, công tác phát triển đảng có tiến bộ.",
            date(2023, 7, 12),
        ),
        ("Tiêu đề bài viết\nCập nhật: 15/01/2024\nNội dung.", date(2024, 1, 15)),
        ("Tiêu đề bài viết\nNgày đăng: 05/03/2023 08:15\nNội dung.", date(2023, 3, 5)),
        ("Tiêu đề bài viết\n15:20 | 12/07/2023\nNội dung.", date(2023, 7, 12)),
        ("Tiêu đề bài viết\nThứ Tư, 12/7/2023 - 09:41\nNội dung.", date(2023, 7, 12)),
        ("Tiêu đề bài viết\n12/07/2023 09:41 GMT+7\nNội dung.", date(2023, 7, 12)),
        (
            "Tiêu đề bài viết\n(ĐCSVN) – Ngày 5/3/2023, Ban Tổ chức Trung ương họp bàn công tác.",
            date(2023, 3, 5),
        ),
    ],
)
def test_publication_date_forms(page, expected):
    assert detect_published(page) == expected


def test_dateline_beats_page_header_today_and_counters():
    page = (
        "Thứ Năm, 13/07/2023\n"
        "Hôm nay: 13/07/2023 | Lượt truy cập: 120345\n"
        "Bình Sơn kết nạp thêm nhiều đảng viên trẻ\n"
        "(Ngày 12-7-2023) - Theo Ban Tổ chức Huyện ủy, huyện đã tập trung tạo nguồn.\n"
        "Đang truy cập: 15/07/2023\n"
    )
    assert detect_published(page) == date(2023, 7, 12)


def test_scrape_stamp_is_not_the_publication_date():
    assert detect_published("Scraped at 2024-05-01 10:00\nBài viết không ghi ngày.") is None


def test_related_links_below_the_body_do_not_replace_the_byline():
    body = "Năm 2023, toàn huyện Bình Sơn kết nạp 120 đảng viên mới. " * 6
    page = f"Tiêu đề bài viết\n08:30 | 02/10/2023\n{body}\nTin khác\n09:15 | 28/09/2023\n"
    assert detect_published(page) == date(2023, 10, 2)


# ------------------------------------------------------------------ sub-organisations


BAC_SON = (
    "Bắc Giang: 6 tháng đầu năm kết nạp 1.125 đảng viên\n\n"
    "Theo Ban Tổ chức Tỉnh ủy, 6 tháng đầu năm 2023, toàn tỉnh kết nạp được 1.125 đảng viên, "
    "bằng 52,3% kế hoạch năm.\n\n"
    "Thành phố Bắc Giang kết nạp 160 đảng viên, huyện Lục Yên kết nạp 98 đảng viên, đạt 61%.\n"
)
H1_2023 = (date(2023, 1, 1), date(2023, 6, 30))


def test_title_place_name_with_provincial_words_is_the_province():
    ex = extract(BAC_SON, published=date(2023, 7, 20))
    assert (ex.organisation, ex.organisation_level) == ("tỉnh Bắc Giang", "province")


def test_sub_organisation_figures_take_the_period_of_the_previous_paragraph():
    facts = _facts(BAC_SON, published=date(2023, 7, 20))
    assert facts == {
        ("admitted", Decimal(1125), "tỉnh Bắc Giang", "province", *H1_2023),
        ("percent_of_target", Decimal("52.3"), "tỉnh Bắc Giang", "province", *H1_2023),
        ("admitted", Decimal(160), "thành phố Bắc Giang", "district", *H1_2023),
        ("admitted", Decimal(98), "huyện Lục Yên", "district", *H1_2023),
        ("percent_of_target", Decimal(61), "huyện Lục Yên", "district", *H1_2023),
    }


def test_period_does_not_carry_past_a_heading():
    text = (
        "Năm 2022, toàn huyện Lục Yên kết nạp 90 đảng viên.\n\n"
        "Những giải pháp trọng tâm\n\n"
        "Đảng bộ xã Tân Mộc kết nạp 7 đảng viên mới.\n"
    )
    assert [c.value for c in extract(text, published=PUB).candidates] == [90]


def test_title_name_with_district_words_is_the_district():
    text = (
        "Lục Yên: kết nạp 98 đảng viên\n\n"
        "Năm 2023, Ban Thường vụ Huyện ủy tập trung chỉ đạo; toàn huyện kết nạp 98 đảng viên."
    )
    ex = extract(text, published=PUB)
    assert ex.organisation == "huyện Lục Yên"
    assert _facts(text) == {("admitted", Decimal(98), "huyện Lục Yên", "district", *YEAR_2023)}


# ------------------------------------------------------------------ commune, cell, bodies


@pytest.mark.parametrize(
    ("sentence", "organisation", "level"),
    [
        (
            "Năm 2023, Đảng ủy xã Tân Mộc (huyện Lục Yên) kết nạp 7 đảng viên.",
            "xã Tân Mộc",
            "commune",
        ),
        (
            "Năm 2023, Đảng ủy xã Tân Mộc, huyện Lục Yên kết nạp 7 đảng viên.",
            "xã Tân Mộc",
            "commune",
        ),
        ("Năm 2023, Chi bộ thôn Nà Hon kết nạp 7 đảng viên mới.", "chi bộ thôn Nà Hon", "cell"),
        ("Năm 2023, Đảng bộ phường 5 kết nạp 7 đảng viên.", "phường 5", "commune"),
        ("Năm 2023, Đảng bộ thị trấn Đồi Ngô kết nạp 7 đảng viên.", "thị trấn Đồi Ngô", "commune"),
        (
            "Năm 2023, Đảng ủy Công ty cổ phần Than Đông Sơn kết nạp 7 đảng viên.",
            "Công ty cổ phần Than Đông Sơn",
            "grassroots",
        ),
        # Forces and blocs of the province are directly under it (cấp trên cơ sở, the
        # district level); those of a district, agencies and companies are grassroots.
        ("Năm 2023, Đảng bộ Quân sự tỉnh kết nạp 7 đảng viên.", "Quân sự tỉnh", "district"),
        ("Năm 2023, Đảng bộ Công an tỉnh kết nạp 7 đảng viên.", "Công an tỉnh", "district"),
        (
            "Năm 2023, Đảng bộ Bộ đội Biên phòng tỉnh kết nạp 7 đảng viên.",
            "Bộ đội Biên phòng tỉnh",
            "district",
        ),
        (
            "Năm 2023, Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh kết nạp 7 đảng viên.",
            "Khối Cơ quan và Doanh nghiệp tỉnh",
            "district",
        ),
        (
            "Năm 2023, Đảng bộ Công an huyện Lục Yên kết nạp 7 đảng viên.",
            "Công an huyện Lục Yên",
            "grassroots",
        ),
        (
            "Năm 2023, Đảng bộ Quân sự huyện Lục Yên kết nạp 7 đảng viên.",
            "Quân sự huyện Lục Yên",
            "grassroots",
        ),
        (
            "Năm 2023, Đảng bộ Khối các cơ quan tỉnh kết nạp 7 đảng viên.",
            "Khối các cơ quan tỉnh",
            "district",
        ),
        (
            "Năm 2023, Đảng bộ Bệnh viện Phạm Ngọc Thạch kết nạp 7 đảng viên.",
            "Bệnh viện Phạm Ngọc Thạch",
            "grassroots",
        ),
        (
            "Năm 2023, Đảng bộ Công an thành phố Hà Nội kết nạp 7 đảng viên.",
            "Công an thành phố Hà Nội",
            "district",
        ),
    ],
)
def test_grassroots_subjects(sentence, organisation, level):
    assert _facts(sentence) == {("admitted", Decimal(7), organisation, level, *YEAR_2023)}


# ------------------------------------------------------------------ stocks


def test_present_stock_is_at_publication_date_with_population_share():
    text = (
        "Năm 2022, tỉnh Bắc Giang kết nạp 2.000 đảng viên. "
        "Hiện, Đảng bộ tỉnh có 104.598 đảng viên, chiếm 5,5% dân số."
    )
    facts = _facts(text)
    assert ("members_total", Decimal(104598), "tỉnh Bắc Giang", "province", PUB, PUB) in facts
    assert ("members_population_pct", Decimal("5.5"), "tỉnh Bắc Giang", "province", PUB, PUB) in (
        facts
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Đảng bộ huyện Lục Yên hiện có 4.200 đảng viên.",
        "Năm 2022, huyện Lục Yên làm tốt công tác đảng. Toàn Đảng bộ có 4.200 đảng viên "
        "sinh hoạt tại 52 tổ chức cơ sở đảng.",
    ],
)
def test_present_stock_forms(sentence):
    facts = _facts(sentence)
    assert ("members_total", Decimal(4200), "huyện Lục Yên", "district", PUB, PUB) in facts


def test_present_stock_without_publication_date_gives_nothing():
    assert extract("Đảng bộ huyện Lục Yên hiện có 4.200 đảng viên.").candidates == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Năm 2023, Đảng bộ huyện Lục Yên có 1.200 đảng viên nữ.",
        "Năm 2023, Đảng bộ huyện Lục Yên có 300 đảng viên được tặng Huy hiệu Đảng.",
        "Năm 2023, trong đó Đảng bộ huyện Lục Yên có 1.200 đảng viên là người dân tộc thiểu số.",
    ],
)
def test_narrowed_counts_are_not_stocks(sentence):
    assert _values(sentence) == set()


# ------------------------------------------------------------------ phrasings


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Năm 2023, huyện Lục Yên kết nạp mới 45 đảng viên.", 45),
        ("Năm 2023, huyện Lục Yên đã kết nạp được tổng số 230 đảng viên.", 230),
        ("Năm 2023, huyện Lục Yên có số đảng viên mới kết nạp là 87.", 87),
        ("Năm 2023, huyện Lục Yên kết nạp 45 đồng chí.", 45),
        ("Năm 2023, huyện Lục Yên kết nạp 45 quần chúng ưu tú vào Đảng.", 45),
        ("Năm 2023, huyện Lục Yên kết nạp đảng viên được 45 đồng chí.", 45),
    ],
)
def test_more_admission_forms(sentence, value):
    assert _values(sentence) == {("admitted", Decimal(value))}


def test_admitted_over_target_pair():
    text = "Năm 2023, huyện Lục Yên kết nạp 1.203/1.150 đảng viên, đạt 104,6%."
    ex = extract(text, published=PUB)
    facts = {(c.metric, c.value, c.derived) for c in ex.candidates}
    assert ("admitted", Decimal(1203), False) in facts
    assert ("target", Decimal(1150), False) in facts
    assert ("percent_of_target", Decimal("104.6"), False) in facts
    assert not any(c.derived for c in ex.candidates)
    for c in ex.candidates:
        assert text[c.start : c.end] == c.quote


@pytest.mark.parametrize(
    ("sentence", "pct"),
    [
        ("Năm 2023, huyện Lục Yên kết nạp 115 đảng viên, vượt 15% kế hoạch.", 115),
        ("Năm 2023, huyện Lục Yên kết nạp 100 đảng viên, đạt 100% chỉ tiêu.", 100),
        ("Năm 2023, huyện Lục Yên kết nạp 95 đảng viên, hoàn thành 95% chỉ tiêu.", 95),
        ("Năm 2023, huyện Lục Yên kết nạp 95 đảng viên, bằng 95% kế hoạch.", 95),
    ],
)
def test_percent_of_target_forms(sentence, pct):
    assert ("percent_of_target", Decimal(pct)) in _values(sentence)


@pytest.mark.parametrize(
    ("sentence", "start", "end"),
    [
        ("Chỉ tiêu kết nạp năm 2024 của huyện Lục Yên là 150 đảng viên.", 2024, 2024),
        ("Huyện Lục Yên có chỉ tiêu kết nạp năm 2024 là 150.", 2024, 2024),
        (
            "Nghị quyết Đại hội Đảng bộ huyện Lục Yên đề ra chỉ tiêu kết nạp 150 đảng viên "
            "trong nhiệm kỳ 2020 - 2025.",
            2020,
            2025,
        ),
    ],
)
def test_target_statements(sentence, start, end):
    facts = _facts(sentence)
    assert (
        "target",
        Decimal(150),
        "huyện Lục Yên",
        "district",
        date(start, 1, 1),
        date(end, 12, 31),
    ) in facts


@pytest.mark.parametrize(
    ("sentence", "start", "end"),
    [
        (
            "9 tháng đầu năm, huyện Lục Yên kết nạp 60 đảng viên.",
            date(2023, 1, 1),
            date(2023, 9, 30),
        ),
        ("Quý I/2023, huyện Lục Yên kết nạp 60 đảng viên.", date(2023, 1, 1), date(2023, 3, 31)),
        (
            "Quý II năm 2023, huyện Lục Yên kết nạp 60 đảng viên.",
            date(2023, 4, 1),
            date(2023, 6, 30),
        ),
        (
            "Từ đầu năm 2023 đến ngày 30/6/2023, huyện Lục Yên kết nạp 60 đảng viên.",
            date(2023, 1, 1),
            date(2023, 6, 30),
        ),
        (
            "Tính đến ngày 15/9/2023, toàn huyện Lục Yên đã kết nạp 60 đảng viên.",
            date(2023, 1, 1),
            date(2023, 9, 15),
        ),
        (
            "Trong 3 năm (2021-2023), huyện Lục Yên kết nạp 60 đảng viên.",
            date(2021, 1, 1),
            date(2023, 12, 31),
        ),
    ],
)
def test_period_forms(sentence, start, end):
    assert _facts(sentence) == {("admitted", Decimal(60), "huyện Lục Yên", "district", start, end)}


def test_two_years_two_figures_sharing_a_noun():
    text = "Huyện Lục Yên năm 2022 kết nạp 120, năm 2023 kết nạp 135 đảng viên."
    facts = _facts(text)
    assert facts == {
        (
            "admitted",
            Decimal(120),
            "huyện Lục Yên",
            "district",
            date(2022, 1, 1),
            date(2022, 12, 31),
        ),
        ("admitted", Decimal(135), "huyện Lục Yên", "district", *YEAR_2023),
    }


def test_trained_forms():
    text = "Năm 2023, huyện Lục Yên mở 5 lớp bồi dưỡng nhận thức về Đảng cho 120 quần chúng ưu tú."
    assert _values(text) == {("trained", Decimal(120))}


@pytest.mark.parametrize(
    "sentence",
    [
        "Bình quân hằng năm, huyện Lục Yên kết nạp 600 đảng viên.",
        "Năm 2023, huyện Lục Yên phấn đấu tăng từ 5 - 7% số đảng viên.",
        "Năm 2023, huyện Lục Yên có 95% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ.",
        "Năm 2023, tỷ lệ đảng viên trẻ của huyện Lục Yên chiếm 40%.",
        "Năm 2023, đảng viên nữ của huyện Lục Yên chiếm 30%.",
        "Năm 2023, huyện Lục Yên đề nghị kết nạp 25 quần chúng ưu tú.",
        "Năm 2023, huyện Lục Yên xét kết nạp 25 quần chúng.",
        "Năm 2023, huyện Lục Yên hỗ trợ 120 hộ, 35 ha, 1.200 triệu đồng cho đảng viên.",
        "Năm 2023, huyện Lục Yên kết nạp thanh niên từ 18 tuổi.",
        "Thực hiện Nghị quyết số 21-NQ/TW và Kế hoạch số 41, huyện Lục Yên làm tốt công tác.",
        "Năm 2023, huyện Lục Yên kết nạp từ 5 đến 7 đảng viên mỗi chi bộ.",
    ],
)
def test_non_figures(sentence):
    assert _values(sentence) == set()


def test_growth_over_same_period_is_not_percent_of_target():
    text = "Năm 2023, huyện Lục Yên kết nạp 120 đảng viên, tăng 12% so với cùng kỳ."
    assert _values(text) == {("admitted", Decimal(120))}


def test_shares_after_an_admission_count_are_not_progress():
    text = "Năm 2023, huyện Lục Yên kết nạp 120 đảng viên, trong đó đảng viên nữ chiếm 30%."
    assert _values(text) == {("admitted", Decimal(120))}


def test_running_total_in_an_article_naming_no_term_is_the_year_so_far_with_the_stock():
    text = "Đến nay, huyện Lục Yên đã kết nạp 300 đảng viên, nâng tổng số đảng viên lên 4.500."
    assert _facts(text) == {
        ("admitted", Decimal(300), "huyện Lục Yên", "district", date(2023, 1, 1), PUB),
        ("members_total", Decimal(4500), "huyện Lục Yên", "district", PUB, PUB),
    }


def test_running_total_after_a_term_counts_from_the_terms_start():
    text = (
        "Đại hội Đảng bộ huyện Lục Yên nhiệm kỳ 2020-2025 đã thành công. Đến nay, huyện Lục "
        "Yên đã kết nạp 300 đảng viên."
    )
    assert _facts(text) == {
        ("admitted", Decimal(300), "huyện Lục Yên", "district", date(2020, 1, 1), PUB)
    }


def test_stock_at_a_month_from_have_form():
    text = "Tính đến tháng 6/2023, toàn huyện Lục Yên có 4.200 đảng viên."
    end = date(2023, 6, 30)
    assert _facts(text) == {("members_total", Decimal(4200), "huyện Lục Yên", "district", end, end)}


def test_verb_thuc_hien_is_not_now():
    text = "Huyện ủy Lục Yên thực hiện có hiệu quả, kết nạp 60 đảng viên trong năm 2023."
    assert _facts(text) == {("admitted", Decimal(60), "huyện Lục Yên", "district", *YEAR_2023)}


def test_pair_of_organisation_counts_is_not_a_figure():
    assert _values("Năm 2023, có 97/97 tổ chức cơ sở đảng kết nạp được đảng viên.") == set()


def test_admission_horizon_year_is_not_a_period():
    text = "Đến năm 2025, huyện Lục Yên phấn đấu kết nạp 500 đảng viên."
    assert _values(text, published=date(2022, 3, 1)) == set()


def test_a_figure_repeated_in_the_headline_is_quoted_from_the_body():
    text = (
        "Huyện Đông Anh: kết nạp 215 đảng viên mới trong năm 2023\n\n"
        "Năm 2023, Đảng bộ huyện Đông Anh đã kết nạp 215 đảng viên mới.\n"
    )
    admitted = [c for c in extract(text).candidates if c.metric == "admitted"]
    assert [c.quote for c in admitted] == [
        "Năm 2023, Đảng bộ huyện Đông Anh đã kết nạp 215 đảng viên mới"
    ]


def test_a_headline_figure_with_a_rounder_period_than_the_body_is_dropped():
    text = (
        "Yên Định: 9 tháng đầu năm kết nạp 185 đảng viên\n\n"
        "Ngày đăng: 12/10/2018\n\n"
        "Tính đến ngày 10-9-2018, Đảng bộ huyện Yên Định đã kết nạp được 185 đảng viên.\n"
    )
    admitted = [c for c in extract(text).candidates if c.metric == "admitted"]
    assert [(c.value, c.period_end) for c in admitted] == [(185, date(2018, 9, 10))]
