"""Resolving article mentions ("Huyện ủy Tháp Mười", "xã Lộc Hiệp") to organisations.

The provinces the seed articles name are loaded once for the module inside a transaction that
is rolled back afterwards; each test runs in its own savepoint within it.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import transaction

from recruitment.matching import match_candidates, normalise, resolve_organisation
from recruitment.models import Level, Organisation

BEFORE = dt.date(2022, 9, 20)
AFTER = dt.date(2026, 1, 15)
PROVINCES = ("Ninh Bình", "Đồng Tháp", "Bình Phước", "Khánh Hòa", "Thanh Hóa", "Lâm Đồng")


@pytest.fixture(scope="module")
def territory(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        args = [a for p in PROVINCES for a in ("--province", p)]
        call_command("load_admin_units", *args, stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("territory")]


def org(code: str) -> Organisation:
    return Organisation.objects.get(official_code=code)


def test_normalise_turns_party_forms_into_administrative_names():
    assert normalise("Huyện ủy Tháp Mười") == "huyen thap muoi"
    assert normalise("Ðảng bộ huyện Lộc Ninh") == "huyen loc ninh"
    assert normalise("Đảng ủy xã Lộc Hiệp") == "xa loc hiep"
    assert normalise("Tỉnh ủy Khánh Hòa") == "tinh khanh hoa"
    assert normalise("Thành ủy Hà Nội") == "thanh pho ha noi"
    assert normalise("Ban Thường vụ Huyện ủy Kim Sơn") == "huyen kim son"
    assert normalise("TP. Thanh Hóa") == "thanh pho thanh hoa"


def test_huyen_kim_son_resolves_to_the_district_of_ninh_binh():
    found = resolve_organisation("huyện Kim Sơn", None, BEFORE)
    assert found.name == "Đảng bộ huyện Kim Sơn"
    assert found.level == Level.DISTRICT
    assert found.parent.short_name == "Ninh Bình"


def test_huyen_uy_form_resolves_to_the_district():
    found = resolve_organisation("Huyện ủy Tháp Mười", None, BEFORE)
    assert found.name == "Đảng bộ huyện Tháp Mười"


def test_icelandic_eth_is_read_as_d():
    found = resolve_organisation("Ðảng bộ huyện Lộc Ninh", None, BEFORE)
    assert found == org("2020:D:692")


def test_commune_by_name_and_by_party_committee():
    loc_hiep = org("2020:C:25282")
    assert resolve_organisation("xã Lộc Hiệp", None, BEFORE) == loc_hiep
    assert resolve_organisation("Đảng ủy xã Lộc Hiệp", Level.COMMUNE, BEFORE) == loc_hiep


def test_province_before_the_reform_is_the_old_province():
    assert resolve_organisation("tỉnh Khánh Hòa", None, BEFORE) == org("2020:P:56")
    assert resolve_organisation("Tỉnh ủy Khánh Hòa", None, BEFORE) == org("2020:P:56")


def test_province_after_the_reform_is_the_new_province():
    assert resolve_organisation("tỉnh Khánh Hòa", None, AFTER) == org("2025:P:56")


def test_thanh_pho_thanh_hoa_is_the_city_under_the_province_in_2024():
    found = resolve_organisation("thành phố Thanh Hóa", None, dt.date(2024, 5, 1))
    assert found.level == Level.DISTRICT
    assert found.parent == org("2020:P:38")


def test_bare_district_name_resolves_to_the_unique_district():
    found = resolve_organisation("huyện Đức Trọng", None, None)
    assert found.name == "Đảng bộ huyện Đức Trọng"
    assert found.level == Level.DISTRICT


def test_shared_commune_name_is_ambiguous_without_within():
    # Đồng Tháp had a xã Tân Hòa in both Thanh Bình and Lai Vung districts.
    assert resolve_organisation("xã Tân Hòa", None, BEFORE) is None
    assert len(match_candidates("xã Tân Hòa", None, BEFORE)) >= 3


def test_shared_commune_name_resolved_by_within():
    lai_vung = Organisation.objects.get(official_code__startswith="2020:D:", short_name="Lai Vung")
    found = resolve_organisation("xã Tân Hòa", None, BEFORE, within=lai_vung)
    assert found.parent == lai_vung
    binh_phuoc = org("2020:P:70")
    found = resolve_organisation("Đảng ủy xã Tân Hòa", None, BEFORE, within=binh_phuoc)
    assert found.parent.short_name == "Đồng Phú"


def test_within_an_old_province_finds_units_of_the_new_province_it_merged_into():
    # An article about Bình Phước written after the reform names a new commune of Đồng Nai.
    found = resolve_organisation("xã Lộc Quang", None, AFTER, within=org("2020:P:70"))
    assert found == org("2025:C:25292")


def test_level_narrows_a_bare_name():
    assert resolve_organisation("Kim Sơn", Level.DISTRICT, BEFORE) == org("2020:D:376")


def test_candidates_are_ranked_by_validity_on_the_day():
    assert match_candidates("tỉnh Khánh Hòa", None, AFTER) == [
        org("2025:P:56"),
        org("2020:P:56"),
    ]


def test_unknown_name_resolves_to_none():
    assert resolve_organisation("xã Không Có Thật", None, BEFORE) is None
    assert resolve_organisation("", None, BEFORE) is None
    assert match_candidates("huyện Không Có Thật", None, BEFORE) == []


def test_resolution_costs_a_few_indexed_queries(django_assert_max_num_queries):
    within = org("2020:P:70")
    with django_assert_max_num_queries(3):
        resolve_organisation("xã Tân Hòa", None, BEFORE, within=within)


def test_hcm_abbreviation_and_thua_thien_hue_are_known():
    call_command(
        "load_admin_units", "--province", "Huế", "--province", "Hồ Chí Minh", stdout=io.StringIO()
    )
    assert resolve_organisation("TP.HCM", None, BEFORE) == org("2020:P:79")
    assert resolve_organisation("Tỉnh ủy Thừa Thiên Huế", None, BEFORE) == org("2020:P:46")
