"""Shared test set-up: settings that differ under test, and the organisations tests build on."""

import datetime as dt
import os

import pytest

# Playwright drives the browser from an event loop while tests touch the ORM in the same thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Whitenoise's manifest storage needs collectstatic; tests serve static files directly."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def province(db):
    from recruitment.models import Level, Organisation

    return Organisation.objects.create(
        name="Đảng bộ tỉnh Ninh Bình",
        short_name="Ninh Bình",
        level=Level.PROVINCE,
        valid_until=dt.date(2025, 6, 30),
    )


@pytest.fixture
def district(province):
    from recruitment.models import Level, Organisation

    return Organisation.objects.create(
        name="Đảng bộ huyện Kim Sơn",
        short_name="Kim Sơn",
        level=Level.DISTRICT,
        parent=province,
        valid_until=dt.date(2025, 6, 30),
    )


@pytest.fixture
def two_provinces(db):
    """Two provinces, a district in each: scoping and approval tests look across the line."""
    from recruitment.models import Level, Organisation
    from recruitment.services.organisations import organisation_save

    def unit(name, level, parent=None):
        return organisation_save(
            organisation=Organisation(name=name, short_name=name, level=level, parent=parent)
        )

    ninh_binh = unit("Ninh Bình", Level.PROVINCE)
    binh_phuoc = unit("Bình Phước", Level.PROVINCE)
    return {
        "ninh-binh": ninh_binh,
        "kim-son": unit("Kim Sơn", Level.DISTRICT, ninh_binh),
        "binh-phuoc": binh_phuoc,
        "loc-ninh": unit("Lộc Ninh", Level.DISTRICT, binh_phuoc),
    }


# The provinces the seed articles are about (their pre-2025 units and the merged ones after).
SEED_PROVINCES = ["Ninh Bình", "Bình Phước", "Khánh Hòa", "Đồng Tháp", "Thanh Hóa"]


@pytest.fixture
def corpus_seeds(settings):
    seeds = settings.CORPUS_DIR / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"corpus not found at {seeds}: set CORPUS_DIR to ../shared/corpus")
    return seeds


@pytest.fixture
def seed_provinces() -> list[str]:
    return SEED_PROVINCES


@pytest.fixture
def seed_organisations(db):
    """The administrative units of the seed provinces and the organisations the articles name."""
    from django.conf import settings
    from django.core.management import call_command

    call_command("load_admin_units", province=SEED_PROVINCES, verbosity=0)
    call_command(
        "load_organisations",
        str(settings.BASE_DIR / "fixtures" / "organisations.json"),
        verbosity=0,
    )
