"""Who sees the dashboard: logged-in users by default, everyone when it is public (read-only)."""

import pytest
from django.urls import reverse

PAGES = ["dashboard:overview", "dashboard:years", "dashboard:articles", "dashboard:map"]


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_reader_is_sent_to_the_admin_login(db, client, settings, name):
    settings.DASHBOARD_PUBLIC = False
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login") + "?next=")


def test_anonymous_csv_download_is_refused_too(db, client, settings):
    settings.DASHBOARD_PUBLIC = False
    response = client.get(reverse("dashboard:progress_csv"))
    assert response.status_code == 302


@pytest.mark.parametrize("name", PAGES)
def test_public_setting_opens_pages_to_anonymous_readers(gold, client, settings, name):
    settings.DASHBOARD_PUBLIC = True
    assert client.get(reverse(name)).status_code == 200


def test_public_mode_is_read_only(gold, client, settings):
    settings.DASHBOARD_PUBLIC = True
    assert client.post(reverse("dashboard:overview")).status_code == 405


def test_public_mode_hides_the_admin_link(gold, client, settings):
    settings.DASHBOARD_PUBLIC = True
    assert reverse("admin:index") not in client.get(reverse("dashboard:overview")).content.decode()
