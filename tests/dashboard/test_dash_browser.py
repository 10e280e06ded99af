"""The dashboard in a real browser: charts drawn, filters, CSV download, language switch.

Drives Debian's /usr/bin/chromium through Playwright (never a downloaded browser) against the live
server, and saves a screenshot of each page (to docs/screenshots/ with UPDATE_SCREENSHOTS=1).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from django.urls import reverse

CHROMIUM = "/usr/bin/chromium"
# The documentation's screenshots are redrawn only when asked (UPDATE_SCREENSHOTS=1): a test run
# leaves the checkout as it found it. Otherwise they go to a scratch folder, still taken (a page
# that cannot be drawn fails the test either way).
SCREENSHOTS = (
    Path(__file__).resolve().parents[2] / "docs" / "screenshots"
    if os.environ.get("UPDATE_SCREENSHOTS") == "1"
    else Path(tempfile.gettempdir()) / "tien-do-ket-nap-screenshots"
)

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


def _map_chart(page) -> dict:
    """What the map's Chart instance drew: type, outline, projection, archipelago labels, pixels."""
    return page.evaluate(
        """() => {
      const chart = Chart.getChart(document.querySelector('canvas#map-chart'));
      const scale = chart.scales.projection;
      const ctx = chart.ctx;
      const ratio = chart.currentDevicePixelRatio;
      const pixel = ([lon, lat]) => {
        const [x, y] = scale.projection([lon, lat]);
        const [px, py] = [Math.round(x * ratio), Math.round(y * ratio)];
        return Array.from(ctx.getImageData(px, py, 1, 1).data);
      };
      const at = ([lon, lat]) => scale.projection([lon, lat]);
      const area = chart.chartArea;
      return {
        type: chart.config.type,
        outline: chart.data.datasets.at(-1).outline && chart.data.datasets.at(-1).outline.id,
        showOutline: chart.data.datasets.map((d) => !!d.showOutline),
        projection: scale.options.projection,
        islands: chart.options.plugins.vietnamMap.islands.map((i) => i.name),
        islandPoints: chart.options.plugins.vietnamMap.islands.map(
          (i) => at([i.longitude, i.latitude])
        ),
        area: [area.left, area.top, area.right, area.bottom],
        land: pixel([104.0, 21.9]),  // Sơn La / Lai Châu: inland, no bubble in the seed
        sea: pixel([110.5, 18.5]),  // Biển Đông, between Hải Nam and Hoàng Sa
        hoangSa: pixel([112.0, 16.5]),
      };
    }"""
    )


def _watch(page) -> tuple[list[str], list[str]]:
    errors: list[str] = []
    failed: list[str] = []
    # Errors, and warnings but the one Chromium gives for the test's own getImageData reads.
    page.on(
        "console",
        lambda m: (
            errors.append(m.text)
            if m.type == "error" or (m.type == "warning" and not m.text.startswith("Canvas2D"))
            else None
        ),
    )
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    return errors, failed


def test_map_draws_vietnam_with_its_archipelagos_offline(page, live_server, gold_live):
    errors, failed = _watch(page)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))

    page.goto(live_server.url + reverse("dashboard:map") + "?year=2022")
    data = chart_data(page, "map-chart")
    drawn = _map_chart(page)

    assert drawn["type"] == "bubbleMap"
    assert drawn["projection"] == "mercator"
    assert drawn["outline"] == "704"  # Natural Earth's Vietnam, from the vendored world-atlas
    # Drawn once, by the dataset Chart.js draws first: under every bubble.
    assert drawn["showOutline"][-1] and not any(drawn["showOutline"][:-1])
    assert sum(len(d["data"]) for d in data["datasets"]) == 5
    assert drawn["islands"] == ["Quần đảo Hoàng Sa", "Quần đảo Trường Sa"]
    left, top, right, bottom = drawn["area"]
    for x, y in drawn["islandPoints"]:  # the whole country: both archipelagos in view
        assert left <= x <= right and top <= y <= bottom
    assert drawn["land"][:3] == [0xEE, 0xF2, 0xE6]  # the land colour, under no bubble
    assert drawn["sea"][3] == 0  # nothing drawn at sea
    assert drawn["hoangSa"][3] > 0  # the archipelago's mark
    assert any(u.endswith("/vendor/world-atlas/vietnam-50m.json") for u in requests)
    assert all(u.startswith(live_server.url) or u.startswith("data:") for u in requests)
    assert not errors and not failed
    shoot(page, "map.png")


def test_map_of_one_province_zooms_to_its_units(page, live_server, gold_live):
    errors, failed = _watch(page)
    page.goto(
        live_server.url
        + reverse("dashboard:map")
        + f"?year=2023&level=commune&province={gold_live['binh-phuoc'].pk}"
    )
    data = chart_data(page, "map-chart")
    assert [p["name"] for d in data["datasets"] for p in d["data"]] == ["Lộc Hiệp"]
    drawn = _map_chart(page)
    assert drawn["type"] == "bubbleMap"
    left, top, right, bottom = drawn["area"]
    point = data["datasets"][0]["data"][0]
    x, y = page.evaluate(
        "([lon, lat]) => Chart.getChart(document.querySelector('canvas#map-chart'))"
        ".scales.projection.projection([lon, lat])",
        [point["x"], point["y"]],
    )
    # The commune sits in the middle of the chart, and the archipelagos are far out of view.
    assert abs(x - (left + right) / 2) < 5 and abs(y - (top + bottom) / 2) < 5
    assert all(not (left <= ix <= right) for ix, _ in drawn["islandPoints"])
    assert not errors and not failed


def test_pages_and_admin_run_under_the_content_security_policy(page, gold_live, live_server):
    """No inline script or style is needed: the policy blocks none of what the pages use, and
    the charts still draw."""
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    kim_son = gold_live["kim-son"]
    paths = [
        "/",
        f"/org/{kim_son.pk}/",
        "/years/?level=district",
        "/map/",
        "/admin/",
        "/admin/recruitment/figure/",
        f"/admin/recruitment/organisation/{kim_son.pk}/change/",
        "/admin/recruitment/article/import/",
    ]
    for path in paths:
        response = page.goto(live_server.url + path)
        assert "script-src 'self'" in response.headers["content-security-policy"], path
        page.wait_for_load_state("networkidle")
    page.goto(live_server.url + "/")
    assert chart_data(page, "overview-chart")["datasets"]
    assert violations == []
