"""The succession table: which new units carry each old unit, and with what share.

Real units from ``vietnamadminunits``, loaded one province (and what it merges with) at a time.
Xuân Tâm (Xuân Lộc, old Đồng Nai) is one of the 471 communes split in 2025: between Xuân Đông
and Xuân Hòa. Lộc Hiệp (Lộc Ninh, Bình Phước) went whole to Lộc Quang.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from admin_units_support import load
from django.db import IntegrityError, connection, transaction
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from recruitment.models import REFORM_2025, Level, Organisation, Succession

XUAN_TAM = "2020:C:26449"
XUAN_DONG = "2025:C:26359"
XUAN_HOA = "2025:C:26446"
LOC_HIEP = "2020:C:25282"
LOC_QUANG = "2025:C:25292"
XUAN_LOC_DISTRICT = "2020:D:741"
OLD_BINH_PHUOC = "2020:P:70"
NEW_DONG_NAI = "2025:P:75"


def rows(predecessor_code: str) -> set[tuple[str, float, bool]]:
    """(successor code, share, approximate) of every row of one old unit."""
    return set(
        Succession.objects.filter(predecessor__official_code=predecessor_code).values_list(
            "successor__official_code", "share", "approximate"
        )
    )


def shares(predecessor_code: str) -> dict[str, float]:
    return {successor: share for successor, share, _ in rows(predecessor_code)}


def table() -> set[tuple]:
    return set(
        Succession.objects.values_list(
            "pk", "predecessor_id", "successor_id", "share", "approximate", "effective"
        )
    )


def rejected(create) -> bool:
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


@pytest.mark.django_db
def test_split_commune_xuan_tam_has_one_row_per_new_commune_halved_and_approximate():
    load("Đồng Nai")
    assert rows(XUAN_TAM) == {(XUAN_DONG, 0.5, True), (XUAN_HOA, 0.5, True)}
    assert sum(shares(XUAN_TAM).values()) == 1
    # The single successor the rest of the code uses is still the converter's default.
    assert Organisation.objects.get(official_code=XUAN_TAM).successor.official_code == XUAN_HOA


@pytest.mark.django_db
def test_unsplit_commune_loc_hiep_has_one_exact_row_with_share_1():
    load("Bình Phước")
    assert rows(LOC_HIEP) == {(LOC_QUANG, 1.0, False)}


@pytest.mark.django_db
def test_district_xuan_loc_maps_to_the_new_communes_of_its_15_communes_weighted_equally():
    load("Đồng Nai")
    # 15 communes: Gia Ray, Xuân Thọ, Xuân Trường, Suối Cát, Xuân Hiệp → Xuân Lộc (5/15);
    # Xuân Hòa, Xuân Hưng and half of Xuân Tâm → Xuân Hòa (2.5/15); half of Xuân Tâm →
    # Xuân Đông (0.5/15); and so on.
    expected = {
        XUAN_DONG: Fraction(1, 30),
        "2025:C:26425": Fraction(5, 15),  # Xuân Lộc
        "2025:C:26428": Fraction(1, 15),  # Xuân Bắc
        "2025:C:26434": Fraction(2, 15),  # Xuân Thành
        XUAN_HOA: Fraction(5, 30),
        "2025:C:26458": Fraction(2, 15),  # Xuân Phú
        "2025:C:26461": Fraction(2, 15),  # Xuân Định
    }
    assert shares(XUAN_LOC_DISTRICT) == pytest.approx({k: float(v) for k, v in expected.items()})
    assert sum(shares(XUAN_LOC_DISTRICT).values()) == pytest.approx(1)
    assert {approximate for _, _, approximate in rows(XUAN_LOC_DISTRICT)} == {True}


@pytest.mark.django_db
def test_every_loaded_old_unit_shares_add_up_to_1():
    load("Đồng Nai")
    totals = dict(
        Succession.objects.values("predecessor__official_code")
        .annotate(total=Sum("share"))
        .values_list("predecessor__official_code", "total")
    )
    old_units = Organisation.objects.filter(official_code__startswith="2020:")
    assert totals == pytest.approx(
        dict.fromkeys(old_units.values_list("official_code", flat=True), 1.0)
    )


@pytest.mark.django_db
def test_old_province_binh_phuoc_maps_whole_to_the_new_dong_nai():
    load("Bình Phước")
    assert rows(OLD_BINH_PHUOC) == {(NEW_DONG_NAI, 1.0, False)}


@pytest.mark.django_db
def test_island_district_ly_son_maps_whole_to_its_special_zone():
    load("Quảng Ngãi")
    ly_son = Organisation.objects.get(level=Level.DISTRICT, short_name="Lý Sơn")
    assert rows(ly_son.official_code) == {(ly_son.successor.official_code, 1.0, False)}
    assert ly_son.successor.name == "Đảng bộ đặc khu Lý Sơn"


@pytest.mark.django_db
def test_rows_take_effect_on_the_day_of_the_reform():
    load("Bình Phước")
    assert set(Succession.objects.values_list("effective", flat=True)) == {REFORM_2025}


@pytest.mark.django_db
def test_second_load_writes_nothing_to_the_table():
    load("Đồng Nai")
    before = table()
    with CaptureQueriesContext(connection) as queries:
        out = load("Đồng Nai")
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if "recruitment_succession" in q["sql"]
        and q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert table() == before
    assert "successions 0 created / 0 updated / 0 deleted" in out


@pytest.mark.django_db
def test_rerun_restores_a_changed_share_and_deletes_a_row_the_data_does_not_give():
    load("Bình Phước")
    Succession.objects.filter(predecessor__official_code=LOC_HIEP).update(share=0.3)
    stray = Organisation.objects.get(official_code="2025:C:25270")  # Lộc Ninh, not Lộc Hiệp's
    Succession.objects.create(
        predecessor=Organisation.objects.get(official_code=LOC_HIEP),
        successor=stray,
        share=0.7,
        effective=REFORM_2025,
    )
    out = load("Bình Phước")
    assert rows(LOC_HIEP) == {(LOC_QUANG, 1.0, False)}
    assert "successions 0 created / 1 updated / 1 deleted" in out


# --- the database guards the table (these writes bypass any form) -------------------------------
def test_a_share_of_zero_is_rejected(province, district):
    assert rejected(
        lambda: Succession.objects.create(
            predecessor=district, successor=province, share=0, effective=REFORM_2025
        )
    )


def test_a_share_above_one_is_rejected(province, district):
    assert rejected(
        lambda: Succession.objects.create(
            predecessor=district, successor=province, share=1.01, effective=REFORM_2025
        )
    )


def test_a_unit_cannot_succeed_itself(district):
    assert rejected(
        lambda: Succession.objects.create(
            predecessor=district, successor=district, share=1, effective=REFORM_2025
        )
    )


def test_the_same_succession_twice_on_one_day_is_rejected(province, district):
    Succession.objects.create(
        predecessor=district, successor=province, share=0.5, effective=REFORM_2025
    )
    assert rejected(
        lambda: Succession.objects.create(
            predecessor=district, successor=province, share=0.5, effective=REFORM_2025
        )
    )


def test_a_share_of_exactly_one_is_accepted(province, district):
    assert not rejected(
        lambda: Succession.objects.create(
            predecessor=district, successor=province, share=1, effective=REFORM_2025
        )
    )


# --- admin ------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_admin_lists_the_table_filtered_by_province_and_offers_no_add(client, admin_user):
    load("Bình Phước")
    client.force_login(admin_user)
    url = reverse("admin:recruitment_succession_changelist")
    province = Organisation.objects.get(official_code=OLD_BINH_PHUOC)
    page = client.get(
        url, {"province": province.pk, "predecessor__level__exact": Level.COMMUNE.value}
    )
    assert page.status_code == 200
    assert "Đảng bộ xã Lộc Hiệp" in page.content.decode()
    assert client.get(reverse("admin:recruitment_succession_add")).status_code == 403
