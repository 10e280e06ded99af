"""Parts of a counted group, reviews that are no stock, and unit names readers cut short.

Sentences are written for these tests; places and figures are invented. Each case pins one
general rule, including the cases where a number is no figure.
"""

from datetime import date
from decimal import Decimal

from probe_support import candidate_facts

PUB = date(2024, 3, 1)


def _facts(text, published=PUB, **kw):
    return candidate_facts(text, published, **kw)


def _metrics(text, published=PUB):
    return {(metric, value) for metric, value, *_ in _facts(text, published)}


# ------------------------------------------------------------- parts of a group


def test_a_part_of_the_new_members_just_counted_is_no_figure():
    text = (
        "Năm 2023, Đảng bộ huyện Tân Lạc kết nạp 120 đảng viên mới. Trong số đảng viên "
        "mới nói trên, có 15 đảng viên được kết nạp ở hợp tác xã."
    )
    assert _metrics(text) == {("admitted", Decimal(120))}


def test_a_part_within_a_total_of_the_same_sentence_is_no_stock():
    text = (
        "Năm 2023, trong tổng số 90 đảng viên đã được kết nạp của toàn huyện Tân Lạc "
        "thì có 40 đảng viên là nữ."
    )
    assert _metrics(text) == {("admitted", Decimal(90))}


def test_a_unit_named_inside_the_group_keeps_its_own_figure():
    text = (
        "Năm 2023, toàn tỉnh Hòa Bình kết nạp 800 đảng viên. Trong số 800 đảng viên mới, "
        "huyện Tân Lạc kết nạp 95 đảng viên."
    )
    assert ("admitted", Decimal(95)) in _metrics(text)


def test_the_members_a_review_covered_are_no_stock():
    text = (
        "Năm 2023, Đảng bộ huyện Tân Lạc có 60 tổ chức cơ sở đảng; tổng số đảng viên được "
        "đánh giá, xếp loại là 4.100 đảng viên."
    )
    assert _metrics(text) == set()


def test_a_plain_total_is_still_the_stock():
    text = "Đến cuối năm 2023, tổng số đảng viên của huyện Tân Lạc là 4.350 đảng viên."
    assert ("members_total", Decimal(4350)) in _metrics(text)


# ------------------------------------------------------------------ unit names


def test_a_school_type_written_out_keeps_the_person_it_is_named_after():
    text = (
        "Ngày 5/3/2024, Đảng bộ Trường Trung cấp Trần Văn Ơn tổ chức lễ kết nạp Đảng cho "
        "4 quần chúng ưu tú."
    )
    assert {(o, v) for _, v, o, *_ in _facts(text)} == {
        ("Trường Trung cấp Trần Văn Ơn", Decimal(4))
    }


def test_the_body_a_unit_belongs_to_in_brackets_is_not_its_subject():
    text = (
        "Ngày 5/3/2024, Đảng bộ Trường Trung cấp Trần Văn Ơn (thuộc Đảng bộ Sở Lao động "
        "tỉnh Kon Tum) đã tổ chức kết nạp Đảng cho 4 quần chúng ưu tú."
    )
    assert {o for _, _, o, *_ in _facts(text)} == {"Trường Trung cấp Trần Văn Ơn"}


# ------------------------------------------------------------- ceremony days


def test_an_undated_ceremony_takes_the_year_of_the_anniversary_it_marks():
    text = (
        "Ngày 19/5, mừng 135 năm ngày sinh Bác (19/5/1890 - 19/5/2025) và chào Hè 2025, "
        "Chi bộ Trường THCS Hòa Bình tổ chức lễ kết nạp Đảng cho 3 quần chúng ưu tú."
    )
    day = date(2025, 5, 19)
    assert {(m, v, s, e) for m, v, _, _, s, e in _facts(text, published=None)} == {
        ("admitted", Decimal(3), day, day)
    }


def test_a_faculty_cell_keeps_its_sentence_case_name():
    text = (
        "Ngày 12/4/2024, Chi bộ khoa Công nghệ thông tin và Truyền thông số đã tổ chức lễ "
        "kết nạp Đảng cho 5 sinh viên ưu tú."
    )
    assert {o for _, _, o, *_ in _facts(text)} == {
        "chi bộ khoa Công nghệ thông tin và Truyền thông số"
    }


def test_a_core_cell_of_an_industrial_zone_keeps_its_kind_and_dashed_name():
    text = (
        "Ngày 20/6/2024, Chi bộ nòng cốt Cụm công nghiệp Hòa Khánh - Liên Chiểu tổ chức lễ "
        "kết nạp đảng viên cho 7 quần chúng, nâng tổng số đảng viên của chi bộ lên 21 người."
    )
    day = date(2024, 6, 20)
    org = "chi bộ nòng cốt Cụm công nghiệp Hòa Khánh - Liên Chiểu"
    assert _facts(text) == {
        ("admitted", Decimal(7), org, "cell", day, day),
        ("members_total", Decimal(21), org, "cell", day, day),
    }


def test_a_university_cell_written_short_is_the_university():
    text = (
        "Từ ngày 8 đến 11/7/2024, Chi bộ ĐH Tây Nguyên mở lớp bồi dưỡng nhận thức về Đảng "
        "cho 60 học viên."
    )
    assert {(m, o) for m, _, o, *_ in _facts(text)} == {("trained", "chi bộ Đại học Tây Nguyên")}
