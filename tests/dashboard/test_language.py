"""Vietnamese by default, whatever the browser asks for; English when the user picks it."""

from django.urls import reverse


def test_a_browser_asking_for_english_still_gets_vietnamese(admin_client):
    response = admin_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "vi"


def test_the_language_chosen_with_the_switch_is_kept(admin_client):
    admin_client.post(reverse("set_language"), {"language": "en", "next": "/admin/"})
    response = admin_client.get(reverse("admin:index"))
    assert response.headers["Content-Language"] == "en"


def test_an_unknown_language_cookie_falls_back_to_vietnamese(admin_client, settings):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    response = admin_client.get(reverse("admin:index"))
    assert response.headers["Content-Language"] == "vi"
