"""load_admin_units: the old and new territorial trees, their links and idempotency.

Most tests load one province and what it merges with (a second or two); one test loads the
whole country (about 10 s on SQLite) and says so in its name.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3
from importlib.resources import files

import pytest
from admin_units_support import load
from django.core.management import CommandError, call_command
from django.db.models import Sum

from recruitment.admin_units import LAST_DAY_OLD, select_provinces
from recruitment.models import REFORM_2025, Level, Organisation, OrganisationAlias, Succession

BINH_PHUOC = "70"
DONG_NAI = "75"


def dataset(sql: str, *params: object) -> list[tuple]:
    """Query the package's dataset directly, independently of the loader."""
    path = files("vietnamadminunits").joinpath("data/dataset.db")
    with sqlite3.connect(str(path)) as conn:
        return conn.execute(sql, params).fetchall()


def count(era: str, level: str) -> int:
    return Organisation.objects.filter(official_code__startswith=f"{era}:", level=level).count()


def org(code: str) -> Organisation:
    return Organisation.objects.get(official_code=code)


@pytest.mark.django_db
def test_counts_per_level_and_era_match_dataset_for_a_province_subset():
    load("Bình Phước")
    legacy = "SELECT COUNT(DISTINCT {}) FROM admin_units_legacy WHERE provinceCode = ?"
    new = "SELECT COUNT(DISTINCT {}) FROM admin_units WHERE provinceCode = ?"
    assert count("2020", Level.PROVINCE) == 1
    assert count("2020", Level.DISTRICT) == dataset(legacy.format("districtCode"), BINH_PHUOC)[0][0]
    assert count("2020", Level.COMMUNE) == dataset(legacy.format("wardCode"), BINH_PHUOC)[0][0]
    assert count("2025", Level.PROVINCE) == 1
    assert count("2025", Level.COMMUNE) == dataset(new.format("wardCode"), DONG_NAI)[0][0]
    assert count("2025", Level.DISTRICT) == 0


@pytest.mark.django_db
def test_second_run_changes_nothing_and_writes_no_history():
    load("Bình Phước")
    orgs = Organisation.objects.count()
    aliases = OrganisationAlias.objects.count()
    history = Organisation.history.count()
    out = load("Bình Phước")
    assert Organisation.objects.count() == orgs
    assert OrganisationAlias.objects.count() == aliases
    assert Organisation.history.count() == history
    assert " 0 created / 0 updated" in out
    assert "aliases 0 created" in out


@pytest.mark.django_db
def test_bulk_created_rows_have_a_history_record_each():
    load("Bình Phước")
    assert Organisation.history.filter(history_type="+").count() == Organisation.objects.count()


@pytest.mark.django_db
def test_rerun_restores_a_changed_name_and_records_it():
    load("Bình Phước")
    Organisation.objects.filter(official_code="2020:D:692").update(name="Sai tên")
    history = Organisation.history.count()
    out = load("Bình Phước")
    assert org("2020:D:692").name == "Đảng bộ huyện Lộc Ninh"
    assert "district 0 created / 1 updated" in out
    assert Organisation.history.count() == history + 1


@pytest.mark.django_db
def test_old_commune_loc_hiep_succeeded_by_new_loc_quang_of_dong_nai():
    load("Bình Phước")
    loc_hiep = org("2020:C:25282")
    assert loc_hiep.name == "Đảng bộ xã Lộc Hiệp"
    assert loc_hiep.parent.name == "Đảng bộ huyện Lộc Ninh"
    assert loc_hiep.successor.name == "Đảng bộ xã Lộc Quang"
    assert loc_hiep.successor.official_code == "2025:C:25292"
    assert loc_hiep.successor.parent.official_code == "2025:P:75"


@pytest.mark.django_db
def test_old_province_binh_phuoc_succeeded_by_new_dong_nai():
    load("Bình Phước")
    assert org("2020:P:70").successor == org("2025:P:75")
    assert org("2025:P:75").name == "Đảng bộ tỉnh Đồng Nai"


@pytest.mark.django_db
def test_old_district_succeeded_by_the_new_province_of_its_communes():
    load("Bình Phước")
    assert org("2020:D:692").successor == org("2025:P:75")


@pytest.mark.django_db
def test_island_district_without_communes_succeeded_by_its_special_zone():
    load("Quảng Ngãi")
    ly_son = Organisation.objects.get(level=Level.DISTRICT, short_name="Lý Sơn")
    assert not ly_son.children.exists()
    assert ly_son.successor.name == "Đảng bộ đặc khu Lý Sơn"
    assert ly_son.successor.valid_from == REFORM_2025


@pytest.mark.django_db
def test_validity_follows_the_era_and_new_communes_hang_under_the_new_province():
    load("Bình Phước")
    old = Organisation.objects.filter(official_code__startswith="2020:")
    new = Organisation.objects.filter(official_code__startswith="2025:")
    assert set(old.values_list("valid_from", "valid_until").distinct()) == {(None, LAST_DAY_OLD)}
    assert set(new.values_list("valid_from", "valid_until").distinct()) == {(REFORM_2025, None)}
    assert dt.date(2025, 6, 30) == LAST_DAY_OLD
    assert set(new.filter(level=Level.COMMUNE).values_list("parent__official_code", flat=True)) == {
        "2025:P:75"
    }


@pytest.mark.django_db
def test_paths_are_the_chain_of_parent_primary_keys():
    load("Bình Phước")
    for o in Organisation.objects.select_related("parent"):
        expected = (o.parent.path if o.parent else "") + f"{o.pk}/"
        assert o.path == expected, o.official_code
    loc_hiep = org("2020:C:25282")
    assert loc_hiep.path == f"{org('2020:P:70').pk}/{org('2020:D:692').pk}/{loc_hiep.pk}/"


@pytest.mark.django_db
def test_party_names_short_names_and_aliases():
    load("Bình Phước", "Hà Nội")
    loc_ninh = org("2020:D:692")
    assert (loc_ninh.name, loc_ninh.short_name) == ("Đảng bộ huyện Lộc Ninh", "Lộc Ninh")
    assert {"Huyện Lộc Ninh", "Huyện ủy Lộc Ninh", "Lộc Ninh", "Đảng bộ huyện Lộc Ninh"} <= set(
        loc_ninh.aliases.values_list("name", flat=True)
    )
    assert "Đảng ủy xã Lộc Hiệp" in org("2020:C:25282").aliases.values_list("name", flat=True)
    assert "Tỉnh ủy Bình Phước" in org("2020:P:70").aliases.values_list("name", flat=True)
    ha_noi = org("2025:P:01")
    assert ha_noi.name == "Đảng bộ thành phố Hà Nội"
    assert "Thành ủy Hà Nội" in ha_noi.aliases.values_list("name", flat=True)
    dong_xoai = Organisation.objects.get(
        official_code__startswith="2020:D:", short_name="Đồng Xoài"
    )
    assert dong_xoai.name == "Đảng bộ thành phố Đồng Xoài"
    assert "Thành ủy Đồng Xoài" in dong_xoai.aliases.values_list("name", flat=True)


@pytest.mark.django_db
def test_coordinates_come_from_the_dataset():
    load("Bình Phước")
    ((lat, lon),) = dataset(
        "SELECT wardLat, wardLon FROM admin_units_legacy WHERE wardCode='25282'"
    )
    loc_hiep = org("2020:C:25282")
    assert (loc_hiep.latitude, loc_hiep.longitude) == (lat, lon)


@pytest.mark.django_db
def test_province_option_accepts_new_names_and_brings_the_old_provinces_merged_into_them():
    load("dong nai")  # both an old and a new province: all three units come along
    codes = set(
        Organisation.objects.filter(level=Level.PROVINCE).values_list("official_code", flat=True)
    )
    assert codes == {"2020:P:70", "2020:P:75", "2025:P:75"}


def test_province_selection_from_an_old_name_stops_at_the_new_province():
    assert select_provinces(["Bình Phước"]) == ({BINH_PHUOC}, {DONG_NAI})
    assert select_provinces(["Tỉnh Khánh Hòa"]) == ({"56", "58"}, {"56"})


@pytest.mark.django_db
def test_unknown_province_is_a_command_error():
    with pytest.raises(CommandError, match="Atlantis"):
        load("Atlantis")
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_whole_country_SLOW_loads_all_units_under_a_minute():
    """SLOW (~10 s on SQLite): the only test that loads the whole country, with its successions."""
    import time

    started = time.monotonic()
    call_command("load_admin_units", stdout=io.StringIO())
    assert time.monotonic() - started < 60
    assert count("2020", Level.PROVINCE) == 63
    assert count("2020", Level.DISTRICT) == 696
    assert count("2020", Level.COMMUNE) == 10_035  # 10,040 rows minus 5 island districts
    assert count("2025", Level.PROVINCE) == 34
    assert count("2025", Level.COMMUNE) == 3_321
    old = Organisation.objects.filter(official_code__startswith="2020:")
    assert not old.filter(successor__isnull=True).exists()
    # Every old unit is carried whole by its successions, and the converter's split communes
    # are exactly the communes with approximate rows.
    totals = Succession.objects.values("predecessor").annotate(total=Sum("share")).values("total")
    assert len(totals) == old.count()
    assert all(row["total"] == pytest.approx(1) for row in totals)
    converter = json.loads(
        files("vietnamadminunits").joinpath("data/converter_2025.json").read_text("utf-8")
    )
    split = sum(len(olds) for olds in converter["DICT_PROVINCE_WARD_DIVIDED"].values())
    split_communes = Succession.objects.filter(
        predecessor__level=Level.COMMUNE, approximate=True
    ).values("predecessor")
    assert split_communes.distinct().count() == split == 471
