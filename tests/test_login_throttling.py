"""Repeated failed logins lock out that username from that address (django-axes): guessing a
password stops after AXES_FAILURE_LIMIT tries, even with the right one, and the lock names no
account detail."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.urls import reverse

LOGIN = reverse("admin:login")


@pytest.fixture
def officer(db):
    return User.objects.create_user("can-bo", password="dung-mat-khau-123", is_staff=True)


def _login(client, password: str, address: str = "10.0.0.1"):
    return client.post(LOGIN, {"username": "can-bo", "password": password}, REMOTE_ADDR=address)


def test_the_right_password_after_too_many_wrong_ones_is_refused(client, officer):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "sai").status_code == 200  # the form again, with its error
    assert _login(client, "sai").status_code == 429  # the last failure allowed locks
    response = _login(client, "dung-mat-khau-123")
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_is_for_that_name_from_that_address(client, officer):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "sai", address="10.0.0.1")
    response = _login(client, "dung-mat-khau-123", address="10.0.0.2")
    assert response.status_code == 302  # logged in from elsewhere
    assert client.session["_auth_user_id"] == str(officer.pk)


def test_a_few_wrong_passwords_then_the_right_one_log_in(client, officer):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "sai")
    assert _login(client, "dung-mat-khau-123").status_code == 302
