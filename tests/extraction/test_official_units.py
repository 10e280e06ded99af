"""Place names checked against the country's official units, newspapers, provincial
blocs, plan periods that do not carry, and the 2025 reform (probe articles b1–b4)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from probe_support import candidate_facts

from recruitment.extraction import extract, gazetteer, read_document
from recruitment.extraction.organisations import find_org_mentions, territorial_name

B1 = (
    "Báo Quảng Ngãi điện tử\n\n"
    "Chủ Nhật, 24/11/2024\n\n"
    "Công tác phát triển đảng viên năm 2024: Nhiều đơn vị về đích sớm\n\n"
    "(Baoquangngai.vn)- Tính đến ngày 15/11/2024, toàn Đảng bộ tỉnh đã kết nạp 1.652 đảng "
    "viên, đạt 103,25% chỉ tiêu Tỉnh ủy giao năm 2024. Có 12/16 đảng bộ trực thuộc hoàn "
    "thành vượt chỉ tiêu.\n\n"
    "Trong đó, Đảng bộ huyện Bình Sơn kết nạp 178 đảng viên, đạt 111%; Đảng bộ thành phố "
    "Quảng Ngãi kết nạp 245 đảng viên, đạt 102%; Đảng bộ huyện Sơn Hà kết nạp 96 đảng viên, "
    "đạt 87% chỉ tiêu.\n\n"
    "Theo Trưởng ban Tổ chức Tỉnh ủy Đặng Ngọc Dũng, năm 2025, toàn tỉnh phấn đấu kết nạp "
    "1.700 đảng viên.\n\n"
    "THANH NHỊ\n"
)
B2 = (
    '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Huyện Lâm Hà kết nạp '
    "206 đảng viên mới - Báo Lâm Đồng</title>\n"
    '<meta property="article:published_time" content="2023-12-28T08:30:00+07:00"></head>\n'
    '<body><header><nav><a href="/">Trang chủ</a> | <a href="/chinh-tri">Chính trị</a></nav>'
    "</header>\n<main><article><h1>Huyện Lâm Hà kết nạp 206 đảng viên mới</h1>\n"
    '<p class="date">28/12/2023 08:30</p>\n'
    "<p>Năm 2023, Đảng bộ huyện Lâm Hà đã kết nạp 206 đảng viên mới, đạt 114,4% so với chỉ "
    "tiêu Tỉnh ủy giao. Số quần chúng ưu tú được học lớp bồi dưỡng nhận thức về Đảng là 312 "
    "người.</p>\n<p>Toàn Đảng bộ huyện hiện có 6.845 đảng viên, sinh hoạt tại 47 tổ chức cơ "
    "sở đảng.</p>\n</article></main>\n"
    '<aside><h3>Tin mới</h3><ul><li><a href="/a">Đức Trọng kết nạp 300 đảng viên</a></li>'
    '<li><a href="/b">Bảo Lộc: năm 2023 kết nạp 150 đảng viên</a></li></ul></aside>\n'
    "<footer>Bản quyền thuộc Báo Lâm Đồng. Số lượt truy cập: 12.345.678</footer></body></html>\n"
)
B3 = (
    "Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh: Kết nạp 320 đảng viên trong 6 tháng đầu năm\n\n"
    "Thứ Ba, 09/07/2024 | 14:20\n\n"
    "Sáng 9/7, Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh Phú Thọ tổ chức hội nghị sơ kết công "
    "tác 6 tháng đầu năm 2024. \n\n"
    "Trong 6 tháng đầu năm, Đảng ủy Khối đã kết nạp 320 đảng viên mới, đạt 64% kế hoạch năm; "
    "mở 4 lớp bồi dưỡng nhận thức về Đảng cho 410 quần chúng ưu tú. Đến nay, Đảng bộ Khối có "
    "152 tổ chức cơ sở đảng với 9.870 đảng viên.\n\n"
    "Đồng chí Bí thư Đảng ủy Khối Nguyễn Văn Hùng đề nghị các tổ chức cơ sở đảng phấn đấu hoàn "
    "thành chỉ tiêu kết nạp 500 đảng viên trong năm 2024.\n"
)
B4 = (
    "Xã Tân Phú phát triển đảng viên ở ấp\n\n"
    "05/06/2026\n\n"
    "Sau hợp nhất, Đảng bộ xã Tân Phú (tỉnh Đồng Nai) có 1.214 đảng viên, sinh hoạt tại 38 chi "
    "bộ. Từ đầu năm 2026 đến nay, Đảng ủy xã đã kết nạp 18 đảng viên, đạt 45% chỉ tiêu năm "
    "2026 là 40 đảng viên.\n\n"
    "Bí thư Đảng ủy xã Trần Thị Mai cho biết, năm 2025 xã kết nạp 36 đảng viên, vượt 20% chỉ "
    "tiêu.\n"
)

Y2024_TO_NOV15 = (date(2024, 1, 1), date(2024, 11, 15))


def _facts(text: str, published=None, **kw) -> set[tuple]:
    return candidate_facts(text, published, **kw)


def test_dataset_is_loaded():
    assert gazetteer.available()


@pytest.mark.parametrize(
    ("word", "raw", "expected"),
    [
        ("xã", "Lộc Hiệp Hoàng Ngọc Tuấn", "Lộc Hiệp"),
        ("tỉnh", "Đặng Ngọc Dũng", ""),
        ("xã", "Trần Thị Mai", ""),
        ("xã", "Lâm Văn Hùng", ""),  # "Lâm" alone is a commune, but here a surname
        ("huyện", "Nông", ""),  # "huyện Nông thôn mới"
        ("thị xã", "Từ Sơn", "Từ Sơn"),  # a name opening with a stop word
        ("quận", "1", "1"),
        ("phường", "5", "5"),
        ("tỉnh", "Quảng Ngãi Đặng", "Quảng Ngãi"),
        ("thành phố", "Hồ Chí Minh", "Hồ Chí Minh"),
        ("tỉnh", "Thanh Hoá", "Thanh Hoá"),  # the text's spelling is kept
        ("phường", "Trấn Biên", "Trấn Biên"),  # a ward from 2025-07-01
    ],
)
def test_territorial_names_are_official_units(word, raw, expected):
    assert territorial_name(word, raw) == expected


def test_person_after_a_committee_is_a_reference_not_a_name():
    mentions = find_org_mentions("Trưởng ban Tổ chức Tỉnh ủy Đặng Ngọc Dũng cho biết")
    assert [(m.org, m.ref_word) for m in mentions] == [(None, "tỉnh")]
    mentions = find_org_mentions("Bí thư Đảng ủy xã Trần Thị Mai cho biết")
    assert [(m.org, m.ref_word) for m in mentions] == [(None, "xã")]


def test_b1_newspaper_names_the_province_and_plan_year_does_not_carry():
    facts = _facts(B1)
    assert facts == {
        ("admitted", Decimal(1652), "tỉnh Quảng Ngãi", "province", *Y2024_TO_NOV15),
        ("percent_of_target", Decimal("103.25"), "tỉnh Quảng Ngãi", "province", *Y2024_TO_NOV15),
        ("admitted", Decimal(178), "huyện Bình Sơn", "district", *Y2024_TO_NOV15),
        ("percent_of_target", Decimal(111), "huyện Bình Sơn", "district", *Y2024_TO_NOV15),
        ("admitted", Decimal(245), "thành phố Quảng Ngãi", "district", *Y2024_TO_NOV15),
        ("percent_of_target", Decimal(102), "thành phố Quảng Ngãi", "district", *Y2024_TO_NOV15),
        ("admitted", Decimal(96), "huyện Sơn Hà", "district", *Y2024_TO_NOV15),
        ("percent_of_target", Decimal(87), "huyện Sơn Hà", "district", *Y2024_TO_NOV15),
        (
            "target",
            Decimal(1700),
            "tỉnh Quảng Ngãi",
            "province",
            date(2025, 1, 1),
            date(2025, 12, 31),
        ),
    }
    assert extract(B1).organisation == "tỉnh Quảng Ngãi"


def test_newspaper_domain_names_the_province():
    text = "(Baoquangngai.vn)- Năm 2023, toàn tỉnh kết nạp 1.500 đảng viên."
    facts = _facts(text, published=date(2024, 1, 10))
    assert {f[2] for f in facts} == {"tỉnh Quảng Ngãi"}


def test_national_newspaper_names_no_province():
    text = "Báo Nhân Dân\n\nNăm 2023, toàn tỉnh kết nạp 1.500 đảng viên."
    assert _facts(text, published=date(2024, 1, 10)) == set()


def test_b2_html_newspaper_does_not_displace_the_district():
    doc = read_document(B2.encode("utf-8"), "b2.html")
    ex = extract(doc.text, published=doc.published)
    assert {(c.organisation, c.org_level) for c in ex.candidates} == {("huyện Lâm Hà", "district")}
    assert ("admitted", Decimal(206)) in {(c.metric, c.value) for c in ex.candidates}


def test_b3_person_after_bloc_and_bloc_level():
    ex = extract(B3)
    assert {(c.organisation, c.org_level) for c in ex.candidates} == {
        ("Khối Cơ quan và Doanh nghiệp tỉnh Phú Thọ", "district")
    }
    targets = {
        (c.value, c.period_start, c.period_end) for c in ex.candidates if c.metric == "target"
    }
    assert (Decimal(500), date(2024, 1, 1), date(2024, 12, 31)) in targets


def test_b4_year_to_date_ends_at_publication_and_person_is_not_a_commune():
    to_date = (date(2026, 1, 1), date(2026, 6, 5))
    y2026 = (date(2026, 1, 1), date(2026, 12, 31))
    facts = _facts(B4)
    assert ("admitted", Decimal(18), "xã Tân Phú", "commune", *to_date) in facts
    assert ("percent_of_target", Decimal(45), "xã Tân Phú", "commune", *to_date) in facts
    assert ("target", Decimal(40), "xã Tân Phú", "commune", *y2026) in facts
    assert (
        "admitted",
        Decimal(36),
        "xã Tân Phú",
        "commune",
        date(2025, 1, 1),
        date(2025, 12, 31),
    ) in facts
    assert all("Trần" not in f[2] for f in facts)


def test_after_the_2025_reform_no_district_figures_for_current_periods():
    text = (
        "Đồng Nai: kết nạp đảng viên\n\n"
        "9 tháng đầu năm 2025, toàn tỉnh kết nạp 2.318 đảng viên. Huyện Định Quán kết nạp 50 "
        "đảng viên. Đảng bộ xã Tân Phú (tỉnh Đồng Nai) kết nạp 18 đảng viên.\n\n"
        "Năm 2024, huyện Định Quán (cũ) kết nạp 120 đảng viên.\n"
    )
    facts = _facts(text, published=date(2025, 10, 14))
    nine_months = (date(2025, 1, 1), date(2025, 9, 30))
    assert facts == {
        ("admitted", Decimal(2318), "tỉnh Đồng Nai", "province", *nine_months),
        ("admitted", Decimal(18), "xã Tân Phú", "commune", *nine_months),
        # An earlier period about a former district is still reported.
        (
            "admitted",
            Decimal(120),
            "huyện Định Quán",
            "district",
            date(2024, 1, 1),
            date(2024, 12, 31),
        ),
    }


@pytest.mark.parametrize(
    "sentence",
    [
        "Năm 2023, Tỉnh Đoàn đã giới thiệu 1.200 đoàn viên ưu tú cho Đảng, trong đó 900 đoàn "
        "viên được kết nạp vào Đảng.",
        "Năm 2023, Huyện Đoàn giới thiệu 150 đoàn viên ưu tú, có 120 đồng chí được kết nạp Đảng.",
        "Năm 2023, Thành Đoàn Hà Nội giới thiệu 5.000 đoàn viên ưu tú; 3.200 đoàn viên đã được "
        "kết nạp Đảng.",
        "Năm 2023, Hội Nông dân huyện kết nạp 35 đảng viên.",
        "Năm 2023, Hội Nông dân huyện Lục Nam giới thiệu 50 hội viên, có 30 người được kết "
        "nạp Đảng.",
        "Năm 2023, xã Anh hùng Lực lượng vũ trang kết nạp 12 đảng viên.",
    ],
)
def test_mass_organisations_and_titles_are_not_territories(sentence):
    text = "Huyện Lục Nam kết nạp đảng viên mới\n\n" + sentence
    assert _facts(text, published=date(2024, 3, 1)) == set()


def test_new_countryside_title_is_not_a_district():
    text = (
        "Huyện Lục Nam kết nạp đảng viên mới\n\n"
        "Năm 2023, huyện đạt chuẩn huyện Nông thôn mới và kết nạp 120 đảng viên."
    )
    assert {f[2] for f in _facts(text, published=date(2024, 3, 1))} == {"huyện Lục Nam"}


def test_person_after_a_provincial_force_is_not_its_name():
    facts = _facts("Năm 2023, Đảng ủy Quân sự tỉnh Nguyễn Văn An kết nạp 30 đảng viên.")
    assert {(f[2], f[3]) for f in facts} == {("Quân sự tỉnh", "district")}


@pytest.fixture
def no_dataset():
    gazetteer.reload("/nonexistent/dataset.db")
    yield
    gazetteer.reload()


def test_without_the_dataset_names_are_read_as_before(no_dataset):
    assert not gazetteer.available()
    assert territorial_name("xã", "Lộc Hiệp Hoàng Ngọc Tuấn") == "Lộc Hiệp"
    facts = _facts("Năm 2023, Đảng bộ thị trấn Đồi Mây kết nạp 7 đảng viên.")
    assert {(f[2], f[3]) for f in facts} == {("thị trấn Đồi Mây", "commune")}
    # and the newspaper cannot be told from an organisation: nothing is credited to it
    assert all("Báo" not in f[2] for f in _facts(B1))


def test_a_unit_merged_before_the_dataset_is_still_named_in_an_older_article():
    # Communes merged in 2019–2024 are not in the dataset; older articles still name them.
    facts = _facts("Năm 2018, Đảng bộ xã Đồi Mây kết nạp 7 đảng viên.")
    assert {(f[2], f[3]) for f in facts} == {("xã Đồi Mây", "commune")}


def test_an_unknown_name_opening_with_a_surname_is_a_person_not_a_place():
    facts = _facts("Năm 2023, Bí thư Đảng ủy xã Phạm Thị Hoa cho biết xã kết nạp 7 đảng viên.")
    assert not any(f[2].startswith("xã Phạm") for f in facts)
