"""How sure each candidate is follows from where its organisation and period were found."""

import datetime

from recruitment.extraction import extract
from recruitment.extraction.confidence import (
    CARRIED,
    HEADLINE,
    LIST_ITEM,
    OWN_CLAUSE,
    REASONS,
    TABLE_ROW,
    is_confident,
)

PUBLISHED = datetime.date(2024, 1, 5)
TITLE = "Ninh Bình đẩy mạnh công tác phát triển đảng viên\n\n"


def by_value(text: str) -> dict:
    return {c.value: c for c in extract(text, published=PUBLISHED).candidates if not c.derived}


def test_a_figure_with_its_organisation_and_period_in_its_own_clause_is_confident():
    text = "Năm 2023, Đảng bộ huyện Kim Sơn kết nạp được 215 đảng viên mới, đạt 105% chỉ tiêu."
    found = extract(text, published=PUBLISHED).candidates
    assert {(c.metric, c.reason) for c in found} == {
        ("admitted", OWN_CLAUSE),
        ("percent_of_target", OWN_CLAUSE),
        ("target", OWN_CLAUSE),  # derived: the reason of the share it comes from
    }
    assert all(is_confident(c.confidence) for c in found)


def test_an_item_under_a_list_head_is_a_list_item():
    text = TITLE + (
        "Năm 2023, Đảng bộ tỉnh Ninh Bình kết nạp 1.455 đảng viên mới. Kết quả cụ thể như sau:\n"
        "- Huyện Kim Sơn: 215 đảng viên;\n"
        "- Huyện Yên Mô: 180 đảng viên."
    )
    found = by_value(text)
    assert found[1455].reason == OWN_CLAUSE
    assert (found[215].reason, found[180].reason) == (LIST_ITEM, LIST_ITEM)
    assert is_confident(found[215].confidence)
    assert found[215].confidence < found[1455].confidence


def test_a_period_carried_from_the_headline_is_not_confident():
    text = (
        "Kim Sơn kết nạp nhiều đảng viên trong năm 2023\n\n"
        "Huyện ủy Kim Sơn cho biết, Đảng bộ huyện Kim Sơn đã kết nạp 215 đảng viên mới."
    )
    (found,) = extract(text, published=PUBLISHED).candidates
    assert found.period_label == "năm 2023"
    assert found.reason in (HEADLINE, CARRIED)
    assert not is_confident(found.confidence)


def test_a_period_carried_from_an_earlier_paragraph_is_carried():
    text = TITLE + (
        "Trong năm 2023, công tác phát triển đảng viên của tỉnh đạt nhiều kết quả.\n\n"
        "Đảng bộ huyện Kim Sơn đã kết nạp 215 đảng viên mới."
    )
    (found,) = extract(text, published=PUBLISHED).candidates
    assert (found.reason, is_confident(found.confidence)) == (CARRIED, False)


def test_a_table_row_is_a_table_row():
    text = TITLE + (
        "Kết quả kết nạp đảng viên năm 2023 của các huyện như sau:\n"
        "STT\tĐơn vị\tChỉ tiêu\tĐã kết nạp\tTỷ lệ\n"
        "1\tHuyện Kim Sơn\t200\t215\t107%\n"
    )
    found = extract(text, published=PUBLISHED).candidates
    assert found and {c.reason for c in found} == {TABLE_ROW}


def test_the_gold_dict_carries_confidence_and_reason():
    text = "Năm 2023, Đảng bộ huyện Kim Sơn kết nạp được 215 đảng viên mới."
    (row,) = extract(text, published=PUBLISHED).to_gold_dict("a.txt")["figures"]
    assert row["reason"] in REASONS and row["confidence"] == 0.95
