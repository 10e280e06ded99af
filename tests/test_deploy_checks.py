"""`manage.py check --deploy` refuses the public development key, internal pages and
exports are never kept by a shared cache or the browser, and every response carries the
security headers (a Content-Security-Policy without inline script, among others)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.checks import run_checks
from django.test import override_settings
from django.urls import reverse


def _deploy_errors() -> list[str]:
    return [
        m.id for m in run_checks(include_deployment_checks=True) if m.id.startswith("dashboard")
    ]


def test_the_development_key_is_flagged_by_the_deployment_check():
    with override_settings(SECRET_KEY=settings.DEVELOPMENT_SECRET_KEY):
        assert _deploy_errors() == ["dashboard.E001"]


def test_a_key_of_its_own_passes_the_deployment_check():
    with override_settings(SECRET_KEY="a-long-random-key-of-this-server-" * 2):
        assert _deploy_errors() == []


def test_internal_pages_and_exports_are_not_kept_by_caches(admin_client, db):
    for url in (reverse("dashboard:overview"), reverse("dashboard:articles_csv")):
        response = admin_client.get(url)
        assert response.status_code == 200
        assert set(response["Cache-Control"].split(", ")) == {"private", "no-store"}


@override_settings(DASHBOARD_PUBLIC=True)
def test_a_published_dashboard_leaves_caching_to_the_server(client, db):
    response = client.get(reverse("dashboard:articles"))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_a_login_session_ends_with_the_browser_or_after_a_working_day(admin_client, db):
    session = admin_client.session
    assert (session.get_expire_at_browser_close(), session.get_expiry_age()) == (True, 8 * 3600)


SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


@pytest.mark.parametrize(
    "path", ["/", "/admin/login/", "/health/", "/export/progress.csv", "/no-such-page/"]
)
def test_every_response_carries_the_security_headers(admin_client, db, path):
    response = admin_client.get(path)
    sent = {name: response.get(name) for name in SECURITY_HEADERS}
    # The policy's directives may come in any order.
    assert {name: _policy(value) for name, value in sent.items()} == {
        name: _policy(value) for name, value in SECURITY_HEADERS.items()
    }


def _policy(value: str | None) -> object:
    return value if value is None or ";" not in value else sorted(value.split("; "))
