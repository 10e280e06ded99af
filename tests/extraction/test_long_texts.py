"""Texts far longer than an article: extraction stays linear, and stops at its deadline.

Timing goals live in ``bench/extraction_scale.py``; here the long texts only have to come
out with the figures their repeated parts give on their own.
"""

from pathlib import Path

import pytest

from recruitment.extraction import ExtractionTimeout, extract

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT.parent / "shared" / "corpus" / "seeds").glob("*.txt"))
UNITS = ["Tân Mộc", "Phú Nhuận", "Yên Lạc", "Kim Sơn", "Đông Hải"]


def _facts(extraction):
    return {
        (c.organisation, c.metric, c.period_start, c.period_end, c.value)
        for c in extraction.candidates
    }


@pytest.mark.skipif(not SEEDS, reason="corpus seeds not present")
def test_a_two_megabyte_text_of_repeated_seed_articles_gives_the_seeds_figures():
    seed = SEEDS[0].read_text(encoding="utf-8")
    text = (seed + "\n\n") * (2_000_000 // len(seed) + 1)
    assert len(text) > 2_000_000
    once = extract(seed)
    assert once.candidates
    assert _facts(extract(text, deadline=None)) == _facts(once)


def test_one_sentence_listing_thousands_of_units_gives_every_unit():
    items = ", ".join(
        f"xã {UNITS[i % len(UNITS)]} {i} kết nạp {i % 90 + 10} đảng viên" for i in range(20_000)
    )
    text = f"Năm 2023, toàn tỉnh kết nạp 1.455 đảng viên mới, như: {items}."
    assert len(text) > 500_000
    found = extract(text, deadline=None).candidates
    want = {(f"xã {UNITS[i % len(UNITS)]}", i % 90 + 10) for i in range(20_000)}
    assert {(c.organisation, c.value) for c in found if c.metric == "admitted"} == want


def test_a_tiny_deadline_stops_extraction_with_a_sentence_for_staff():
    text = "Năm 2023, huyện Kim Sơn kết nạp 215 đảng viên mới.\n" * 20_000
    with pytest.raises(ExtractionTimeout) as caught:
        extract(text, deadline=0.0)
    assert str(caught.value).startswith("Bài viết quá dài để trích số liệu")


def test_no_deadline_and_the_default_deadline_give_the_same_figures():
    text = "Năm 2023, Đảng bộ huyện Kim Sơn kết nạp được 215 đảng viên mới, đạt 105% chỉ tiêu."
    assert extract(text).candidates == extract(text, deadline=None).candidates
