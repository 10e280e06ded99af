"""Abbreviations are written out with a map back to the caller's offsets."""

from datetime import date

from recruitment.extraction import extract
from recruitment.extraction.abbreviations import expand


def test_abbreviated_party_members_read_as_the_long_form():
    text, mp = expand("huyện Thới Lai kết nạp 241 ĐV (đạt 160% kế hoạch)")
    assert text == "huyện Thới Lai kết nạp 241 đảng viên (đạt 160% kế hoạch)"
    assert len(mp) == len(text) + 1


def test_offsets_map_back_to_the_original_text():
    original = "kết nạp 241 ĐV, đạt 160%"
    text, mp = expand(original)
    start = text.index("đạt")
    assert original[mp[start] : mp[len(text)]] == "đạt 160%"
    assert original[mp[text.index("đảng viên")]] == "Đ"


def test_a_definition_in_brackets_is_dropped_after_its_long_form():
    text, _ = expand("kết nạp được 1.988 đảng viên (ĐV), đạt 94,7%")
    assert text == "kết nạp được 1.988 đảng viên, đạt 94,7%"


def test_each_unambiguous_form_is_expanded():
    text, _ = expand("QCUT; ĐU xã; TCCSĐ; TCCS; BCH; BTV; ĐVM")
    assert text == (
        "quần chúng ưu tú; Đảng ủy xã; tổ chức cơ sở đảng; tổ chức cơ sở đảng; "
        "Ban Chấp hành; Ban Thường vụ; đảng viên mới"
    )


def test_town_and_city_forms_take_their_dot_with_them():
    text, _ = expand("Đảng bộ T.P Thái Nguyên; Đảng bộ T.X. Phổ Yên; TX. Ba Đồn; TX Hòa Thành")
    assert text == (
        "Đảng bộ thành phố Thái Nguyên; Đảng bộ thị xã Phổ Yên; thị xã Ba Đồn; thị xã Hòa Thành"
    )


def test_lower_case_and_longer_words_are_left_alone():
    assert expand("đv thường, HĐV, CB, ĐVTN") == ("đv thường, HĐV, CB, ĐVTN", None)


def test_a_count_abbreviated_dv_is_read_and_quoted_in_the_callers_text():
    text = "Năm 2019, Đảng bộ huyện Thới Lai kết nạp 241 ĐV (đạt 160% kế hoạch)."
    (count, share, _plan) = extract(text, published=date(2020, 1, 5)).candidates
    assert (count.metric, count.value, count.quote) == (
        "admitted",
        241,
        "Năm 2019, Đảng bộ huyện Thới Lai kết nạp 241 ĐV",
    )
    assert (share.metric, share.value) == ("percent_of_target", 160)


def test_a_form_the_text_defines_is_written_out_where_it_is_used_again():
    original = "Tại Khu kinh tế (KKT) Vân Phong, Chi bộ KKT Vân Phong kết nạp 6 ĐV"
    text, mp = expand(original)
    assert text == ("Tại Khu kinh tế Vân Phong, Chi bộ Khu kinh tế Vân Phong kết nạp 6 đảng viên")
    assert original[mp[text.index("kết nạp")] : mp[len(text)]] == "kết nạp 6 ĐV"


def test_brackets_whose_letters_do_not_spell_the_words_before_stay():
    text, _ = expand("Tại Khu kinh tế (BQL) Vân Phong")
    assert text == "Tại Khu kinh tế (BQL) Vân Phong"


def test_dh_before_a_proper_name_is_a_university_else_it_stays():
    text, _ = expand("Chi bộ ĐH Tây Nguyên chào mừng ĐH Đảng bộ tỉnh và ĐH XIII")
    assert text == "Chi bộ Đại học Tây Nguyên chào mừng ĐH Đảng bộ tỉnh và ĐH XIII"
