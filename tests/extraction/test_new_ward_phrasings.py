"""Phrasings of the reports on the wards and agencies of the 2025 structure and of yearly
reviews, on sentences written for these tests (places and figures are invented)."""

from datetime import date
from decimal import Decimal

from probe_support import candidate_facts

from recruitment.extraction import extract
from recruitment.extraction.organisations import find_org_mentions

PUB = date(2025, 8, 4)


def test_bare_trong_nam_takes_the_year_reviewed_above_on_an_undated_page():
    text = (
        "Ngày 9/2, Huyện ủy Sông Lam tổng kết công tác xây dựng Đảng năm 2019.\n"
        "Huyện có thêm 2 xã đạt chuẩn nông thôn mới. Trong năm, huyện kết nạp 184 đảng "
        "viên, đạt 102% chỉ tiêu giao."
    )
    facts = candidate_facts(text, None)
    year = (date(2019, 1, 1), date(2019, 12, 31))
    assert ("admitted", Decimal(184), "huyện Sông Lam", "district", *year) in facts
    assert ("percent_of_target", Decimal(102), "huyện Sông Lam", "district", *year) in facts


def test_bare_trong_nam_without_any_year_gives_no_period():
    text = "Huyện ủy Sông Lam họp.\nTrong năm, huyện kết nạp 184 đảng viên."
    assert not [c for c in extract(text).candidates if c.metric == "admitted"]


def test_units_then_members_after_gom_co():
    text = (
        "Ngày 4/8/2025, Đảng ủy xã Bình Khê họp. Đảng bộ xã Bình Khê gồm có 31 chi bộ, "
        "với 1.204 đảng viên."
    )
    facts = candidate_facts(text, PUB)
    assert ("members_total", Decimal(1204), "xã Bình Khê", "commune", PUB, PUB) in facts


def test_units_raised_then_members_they_hold():
    text = (
        "Ngày 4/8/2025, Đảng bộ phường Hòa Lạc công bố quyết định thành lập 1 tổ chức đảng. "
        "Hiện Đảng bộ phường Hòa Lạc có 40 tổ chức đảng, với 1.880 đảng viên. Qua đó, nâng "
        "tổng số tổ chức đảng lên 41, với 1.903 đảng viên."
    )
    facts = candidate_facts(text, PUB)
    assert ("members_total", Decimal(1903), "phường Hòa Lạc", "commune", PUB, PUB) in facts


def test_units_raised_then_women_members_is_no_stock():
    text = (
        "Ngày 4/8/2025, Đảng bộ phường Hòa Lạc họp. Qua đó, nâng tổng số tổ chức đảng lên "
        "41, với 903 đảng viên nữ."
    )
    assert not [c for c in extract(text, published=PUB).candidates if c.value == 903]


def test_agency_of_a_commune_is_a_grassroots_body_under_one_name():
    (m,) = [
        m
        for m in find_org_mentions("Đảng bộ cơ quan Ủy ban nhân dân xã Tân Hòa họp.")
        if m.org is not None
    ]
    assert (m.org.name, m.org.level) == ("cơ quan UBND xã Tân Hòa", "grassroots")


def test_stock_of_an_agency_not_of_the_commune_it_belongs_to():
    text = (
        "Ngày 4/8/2025, Đảng ủy xã Tân Hòa họp. Đảng bộ cơ quan Ủy ban nhân dân xã Tân Hòa "
        "trực thuộc Đảng ủy xã Tân Hòa, gồm có 06 chi bộ, với 112 đảng viên."
    )
    facts = candidate_facts(text, PUB)
    assert (
        "members_total",
        Decimal(112),
        "cơ quan UBND xã Tân Hòa",
        "grassroots",
        PUB,
        PUB,
    ) in facts
    assert not [f for f in facts if f[2] == "xã Tân Hòa"]


def test_stock_raised_over_the_ending_term_counts_on_the_congress_day():
    text = (
        "Ngày 20/3, Đảng bộ xã Phú Đông tổ chức Đại hội đại biểu lần thứ IV, nhiệm kỳ "
        "2025-2030.\n"
        "Trong nhiệm kỳ 2020-2025, Đảng bộ xã đã kết nạp được 41 đảng viên mới, nâng tổng "
        "số đảng viên toàn Đảng bộ lên 602 đồng chí."
    )
    facts = candidate_facts(text, None)
    day = date(2025, 3, 20)
    assert ("members_total", Decimal(602), "xã Phú Đông", "commune", day, day) in facts
    term = (date(2020, 1, 1), date(2025, 12, 31))
    assert ("admitted", Decimal(41), "xã Phú Đông", "commune", *term) in facts
