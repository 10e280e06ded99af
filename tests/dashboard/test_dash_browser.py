"""The dashboard in a real browser: charts drawn, filters, CSV download, language switch.

Drives Debian's /usr/bin/chromium through Playwright (never a downloaded browser) against the live
server, and saves a screenshot of each page to docs/screenshots/.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.urls import reverse

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        print(f"SKIP: {CHROMIUM} not found; install Debian's chromium to run browser tests")
        pytest.skip(f"{CHROMIUM} not found (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-background-networking",
                "--disable-gpu",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, gold_live, live_server, django_user_model):
    django_user_model.objects.create_superuser("chief", "chief@example.org", "secret-pass-123")
    context = browser.new_context(
        viewport={"width": 1366, "height": 900}, accept_downloads=True, locale="vi-VN"
    )
    page = context.new_page()
    page.goto(live_server.url + reverse("admin:login") + "?next=/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", "secret-pass-123")
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + "/")
    yield page
    context.close()


def chart_data(page, canvas_id: str) -> dict:
    """The data Chart.js actually drew on the canvas."""
    selector = f"document.querySelector('canvas#{canvas_id}')"
    page.wait_for_function(f"window.Chart && Chart.getChart({selector})")
    return page.evaluate(f"JSON.parse(JSON.stringify(Chart.getChart({selector}).data))")


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def test_overview_chart_year_filter_organisation_csv_and_language(page, tmp_path):
    # The default: the level reporting most in the latest year: districts in 2024.
    data = chart_data(page, "overview-chart")
    names = [label[0] for label in data["labels"]]
    assert data["datasets"][1]["data"][names.index("Thành phố Thanh Hóa")] == 231

    # Change the year and level: provinces in 2021 show 1.455.
    page.fill("#id_year", "2021")
    page.select_option("#id_level", "province")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**year=2021**")
    data = chart_data(page, "overview-chart")
    names = [label[0] for label in data["labels"]]
    assert data["datasets"][1]["data"][names.index("Khánh Hòa")] == 1455
    assert "1.455" in page.inner_text("table")
    shoot(page, "overview.png")

    # The CSV of what is on screen.
    with page.expect_download() as download_info:
        page.click("a.csv")
    download = download_info.value
    assert download.suggested_filename == "tien-do-ket-nap_2021_cap-tinh.csv"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "1455" in saved.read_text(encoding="utf-8-sig")

    # Open the organisation.
    page.click("table >> text=Khánh Hòa")
    page.wait_for_url("**/org/**")
    series = chart_data(page, "series-chart")
    assert series["labels"] == ["2021", "2022"]
    assert series["datasets"][1]["data"] == [1455, 612]

    # Switch to English: labels and number formats follow.
    page.select_option("#language", "en")
    page.click("#language-submit")
    page.wait_for_selector("nav >> text=Overview")
    main = page.inner_text("main")
    assert "1,455" in main
    assert "85.6%" in main


def test_screenshots_of_every_page(page, live_server, gold_live):
    from recruitment.models import Article

    page.goto(live_server.url + reverse("dashboard:organisation", args=[gold_live["loc-ninh"].pk]))
    chart_data(page, "series-chart")
    shoot(page, "organisation.png")

    page.goto(live_server.url + reverse("dashboard:years") + "?level=district")
    chart_data(page, "years-chart")
    shoot(page, "years.png")

    article = Article.objects.get(figures__value=1455)
    page.goto(live_server.url + reverse("dashboard:article", args=[article.pk]))
    assert page.locator("mark").count() >= 2
    shoot(page, "article.png")

    page.goto(live_server.url + reverse("dashboard:map") + "?year=2022")
    data = chart_data(page, "map-chart")
    assert sum(len(d["data"]) for d in data["datasets"]) == 5
    shoot(page, "map.png")


def test_overview_fits_a_phone(page, live_server):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/?level=district&year=2022")
    chart_data(page, "overview-chart")
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
