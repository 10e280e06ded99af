"""load_organisations: non-territorial organisations attached to the territory by code."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from recruitment.fixtures_loader import load_organisation_entries, load_organisation_fixtures
from recruitment.matching import resolve_organisation
from recruitment.models import Level, Organisation

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "organisations.json"
SCHOOL = "Đảng bộ Trường THPT Lộc Ninh"


@pytest.fixture
def binh_phuoc(db):
    call_command("load_admin_units", "--province", "Bình Phước", stdout=io.StringIO())
    return Organisation.objects.get(official_code="2020:D:692")


@pytest.mark.django_db
def test_school_is_placed_under_loc_ninh_district(binh_phuoc):
    load_organisation_fixtures(FIXTURE)
    school = Organisation.objects.get(name=SCHOOL)
    assert school.parent == binh_phuoc
    assert school.parent.parent.short_name == "Bình Phước"
    assert (school.short_name, school.level) == ("Trường THPT Lộc Ninh", Level.GRASSROOTS)
    assert school.valid_until == dt.date(2025, 6, 30)
    assert school.path == f"{binh_phuoc.path}{school.pk}/"


@pytest.mark.django_db
def test_loading_twice_creates_nothing_new(binh_phuoc):
    assert load_organisation_fixtures(FIXTURE)["created"] == 1
    orgs, history = Organisation.objects.count(), Organisation.history.count()
    counts = load_organisation_fixtures(FIXTURE)
    assert counts["unchanged"] == 1 and counts["created"] == 0
    assert Organisation.objects.count() == orgs
    assert Organisation.history.count() == history


@pytest.mark.django_db
def test_changed_entry_updates_the_existing_organisation(binh_phuoc):
    entries = json.loads(FIXTURE.read_text(encoding="utf-8"))
    load_organisation_entries(entries)
    entries[0]["valid_until"] = "2025-07-31"
    assert load_organisation_entries(entries)["updated"] == 1
    assert Organisation.objects.get(name=SCHOOL).valid_until == dt.date(2025, 7, 31)


@pytest.mark.django_db
def test_school_is_found_by_the_name_articles_use(binh_phuoc):
    load_organisation_fixtures(FIXTURE)
    school = Organisation.objects.get(name=SCHOOL)
    assert resolve_organisation("Trường THPT Lộc Ninh", None, dt.date(2023, 5, 1)) == school
    assert resolve_organisation("Đảng bộ Trường THPT Lộc Ninh", None, None) == school


@pytest.mark.django_db
def test_reloading_the_territory_keeps_the_school_path(binh_phuoc):
    load_organisation_fixtures(FIXTURE)
    call_command("load_admin_units", "--province", "Bình Phước", stdout=io.StringIO())
    school = Organisation.objects.get(name=SCHOOL)
    assert school.path == f"{school.parent.path}{school.pk}/"


@pytest.mark.django_db
def test_missing_parent_fails_without_writing():
    with pytest.raises(ValueError, match="load_admin_units"):
        load_organisation_fixtures(FIXTURE)
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_command_reports_counts(binh_phuoc):
    out = io.StringIO()
    call_command("load_organisations", str(FIXTURE), stdout=out)
    assert "1 created" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("load_organisations", "/nonexistent.json", stdout=io.StringIO())
