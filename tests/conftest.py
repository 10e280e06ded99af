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
