import datetime as dt

from recruitment.extraction.folding import fold
from recruitment.models import Level, Organisation


def test_paths_chain_the_ancestors(province, district):
    assert district.path == f"{province.pk}/{district.pk}/"
    assert district.ancestors() == [province]


def test_descendants_include_grandchildren(province, district):
    school = Organisation.objects.create(
        name="Đảng bộ Trường THPT Kim Sơn A",
        short_name="Trường THPT Kim Sơn A",
        level=Level.GRASSROOTS,
        parent=district,
    )
    assert set(province.descendants()) == {district, school}


def test_moving_an_organisation_moves_its_subtree(province, district):
    other = Organisation.objects.create(name="Đảng bộ tỉnh B", short_name="B", level="province")
    cell = Organisation.objects.create(
        name="Chi bộ 1", short_name="1", level="cell", parent=district
    )
    district.parent = other
    district.save()
    cell.refresh_from_db()
    assert cell.path == f"{other.pk}/{district.pk}/{cell.pk}/"


def test_as_of_follows_the_successor_after_the_reform(province, district):
    successor = Organisation.objects.create(
        name="Đảng bộ xã Kim Sơn mới",
        short_name="Kim Sơn",
        level=Level.COMMUNE,
        valid_from=dt.date(2025, 7, 1),
    )
    district.successor = successor
    district.save()
    assert district.as_of(dt.date(2024, 1, 1)) == district
    assert district.as_of(dt.date(2026, 1, 1)) == successor


def test_in_force_selects_organisations_existing_on_a_day(province, district):
    new = Organisation.objects.create(
        name="Đảng bộ tỉnh mới", short_name="Mới", level="province", valid_from=dt.date(2025, 7, 1)
    )
    assert set(Organisation.objects.in_force(dt.date(2024, 1, 1))) == {province, district}
    assert set(Organisation.objects.in_force(dt.date(2026, 1, 1))) == {new}


def test_fold_sets_aside_tone_marks_case_dashes_and_the_icelandic_eth():
    assert fold("Ðảng bộ huyện Lộc Ninh") == fold("đảng bộ HUYỆN loc ninh")
    assert fold("Bà Rịa - Vũng Tàu") == fold("bà rịa–vũng tàu") == "ba ria vung tau"


def test_fold_reads_a_final_y_after_consonants_as_i_but_keeps_uy():
    assert [fold(n) for n in ("Phú Quý", "Phú Quí", "Tứ Kỳ", "Thủy Nguyên", "Duy Tiên")] == [
        "phu qui",
        "phu qui",
        "tu ki",
        "thuy nguyen",
        "duy tien",
    ]


def test_aliases_are_not_duplicated(district):
    district.add_aliases(["Huyện ủy Kim Sơn", "huyện ủy kim sơn", "huyện Kim Sơn"])
    assert district.aliases.count() == 2


def test_every_change_is_kept_in_history(district):
    district.short_name = "Kim Sơn (sửa)"
    district.save()
    assert district.history.count() == 2


def test_a_merged_organisation_is_succeeded_the_day_after_its_last_day(province, district):
    successor = Organisation.objects.create(
        name="Đảng bộ tỉnh Ninh Bình (mới)",
        short_name="Ninh Bình",
        level=Level.PROVINCE,
        valid_from=dt.date(2025, 7, 1),
    )
    district.successor = successor
    district.save()
    assert district.succeeded_on == dt.date(2025, 7, 1)
    assert province.succeeded_on is None
