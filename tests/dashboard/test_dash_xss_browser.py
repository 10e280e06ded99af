"""Hostile names and texts in a real browser: organisation names, aliases, article titles, texts
and uploaded file names carrying `<script>`, `"><img onerror>` and `</script>` are shown as text
on every page, chart, the map and the admin screens, and never run.

The browser bypasses the Content-Security-Policy (Playwright's `bypass_csp`), so anything the
pages let through would run and open a dialog: these tests prove the escaping, not the policy.
`test_a_script_that_reaches_the_page_is_caught` shows the harness catches one that does run.
Each check asks three things of a page: the hostile strings are there as visible text, no element
was made from them (no `on…` attribute, no `<img src=x>`, no script holding them but the JSON
data blocks), and no dialog fired.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from html import escape
from urllib.parse import quote, urlencode

import pytest
from django.urls import reverse

from recruitment.models import (
    FigureMetric,
    ImportDraft,
    ImportJob,
    Level,
    Organisation,
    Status,
    TargetMetric,
)
from recruitment.services.imports import Draft, article_save
from recruitment.services.organisations import organisation_save
from recruitment.services.reported import figure_create, target_create
from tests.dashboard.test_dash_browser import CHROMIUM, chart_data

pytestmark = pytest.mark.browser

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(2)>'
CLOSE = "</script><script>alert(3)</script>"
ALIAS = "'><svg onload=alert(4)>"

PROVINCE = f"Tỉnh {SCRIPT}"
DISTRICT = f"Huyện {IMG}"
COMMUNE = f"Xã {CLOSE}"
UNPLACED = f"Xã Hòa {IMG}"  # no coordinates: named under the map, not drawn on it

TITLE = f"Kết nạp đảng viên {SCRIPT} {IMG} {CLOSE}"
PUBLISHER = f"Báo {IMG}"
# Each organisation's sentence carries a payload inside the quote the pages highlight.
COMMUNE_SENTENCE = (
    f"Năm 2024, Đảng bộ xã Tân Lập {CLOSE} kết nạp được 12 đảng viên mới, đạt 120% chỉ tiêu."
)
DISTRICT_SENTENCE = f"Đảng bộ huyện {IMG} kết nạp được 45 đảng viên mới."
UNPLACED_SENTENCE = f"Xã Hòa {IMG} kết nạp được 3 đảng viên mới."
PROVINCE_SENTENCE = f"Toàn tỉnh {SCRIPT} kết nạp được 300 đảng viên mới."
SENTENCES = [COMMUNE_SENTENCE, DISTRICT_SENTENCE, UNPLACED_SENTENCE, PROVINCE_SENTENCE]
TEXT = f"{SCRIPT} Tin {IMG}\n" + "\n".join(SENTENCES) + "\n"
PROPOSED_QUOTE = f"{IMG} kết nạp 7 đảng viên {CLOSE}"

YEAR = 2024

# Elements the payloads would make if a page let them through, and script elements holding them
# that are not a JSON data block (json_script: data, never run).
INJECTED = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on')) found.push(`${el.tagName} ${attr.name}=${attr.value}`);
    }
  }
  for (const img of document.querySelectorAll('img[src="x"]')) found.push(img.outerHTML);
  for (const script of document.querySelectorAll('script')) {
    if (script.type !== 'application/json' && script.textContent.includes('alert(')) {
      found.push(script.outerHTML);
    }
  }
  return found;
}"""


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} not found (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        yield browser
        browser.close()


def _year(value: int) -> dict:
    return {"period_start": dt.date(value, 1, 1), "period_end": dt.date(value, 12, 31)}


@pytest.fixture
def hostile(transactional_db) -> dict:
    """A province, a district and two communes with hostile names (one commune with a hostile
    alias, the other without coordinates); one article with a hostile title and text quoting
    each of them; their accepted admissions and targets for 2024; and one proposed figure
    waiting in "Chờ duyệt"."""
    orgs: dict[str, Organisation] = {}
    for key, name, short, level, parent, lat, lon in [
        ("province", f"Đảng bộ tỉnh {SCRIPT}", PROVINCE, Level.PROVINCE, None, 21.0, 105.8),
        ("district", f"Đảng bộ huyện {IMG}", DISTRICT, Level.DISTRICT, "province", 20.9, 105.7),
        ("commune", f"Đảng bộ xã {CLOSE}", COMMUNE, Level.COMMUNE, "district", 20.8, 105.6),
        ("unplaced", f"Đảng bộ xã Hòa {IMG}", UNPLACED, Level.COMMUNE, "district", None, None),
    ]:
        orgs[key] = organisation_save(
            organisation=Organisation(
                name=name,
                short_name=short,
                level=level,
                parent=orgs.get(parent),
                latitude=lat,
                longitude=lon,
            )
        )
    orgs["commune"].add_aliases(["xã Tân Lập", ALIAS])

    article = article_save(
        draft=Draft(text=TEXT, title=TITLE, publisher=PUBLISHER, published=dt.date(2024, 12, 20)),
        decisions=[],
    ).article
    for key, sentence, admitted, target in [
        ("commune", COMMUNE_SENTENCE, 12, 10),
        ("district", DISTRICT_SENTENCE, 45, 50),
        ("unplaced", UNPLACED_SENTENCE, 3, 6),
        ("province", PROVINCE_SENTENCE, 300, 400),
    ]:
        at = TEXT.index(sentence)
        figure_create(
            organisation=orgs[key],
            metric=FigureMetric.ADMITTED,
            value=admitted,
            source=article,
            quote=sentence,
            quote_start=at,
            quote_end=at + len(sentence),
            status=Status.ACCEPTED,
            **_year(YEAR),
        )
        target_create(
            organisation=orgs[key],
            metric=TargetMetric.ADMITTED,
            value=target,
            source=article,
            quote=sentence,
            status=Status.ACCEPTED,
            **_year(YEAR),
        )
    figure_create(
        organisation=orgs["commune"],
        metric=FigureMetric.ADMITTED,
        value=7,
        source=article,
        quote=PROPOSED_QUOTE,
        status=Status.PROPOSED,
        **_year(2023),
    )
    return {**orgs, "article": article}


@pytest.fixture
def dialogs() -> list[str]:
    """The message of every alert, confirm or prompt the pages open."""
    return []


@pytest.fixture
def page(browser, hostile, live_server, django_user_model, dialogs):
    django_user_model.objects.create_superuser("chief", "chief@example.org", "secret-pass-123")
    context = browser.new_context(
        viewport={"width": 1366, "height": 900}, locale="vi-VN", bypass_csp=True
    )
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    # Landing on the admin's index, which shows none of the hostile data: a dialog fired by a
    # page on the way in would be counted against whichever test runs next.
    admin_index = reverse("admin:index")
    page.goto(live_server.url + reverse("admin:login") + f"?next={admin_index}")
    page.fill("#id_username", "chief")
    page.fill("#id_password", "secret-pass-123")
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + admin_index)
    yield page
    context.close()


def visit(page, live_server, path: str) -> None:
    page.goto(live_server.url + path)
    page.wait_for_load_state("networkidle")


def assert_shown_as_text(page, dialogs: list[str], *texts: str, within: str = "body") -> None:
    """Each text is on the page as the reader sees it; nothing was made from it; nothing ran."""
    shown = page.inner_text(within)
    assert [t for t in texts if t not in shown] == []
    assert page.evaluate(INJECTED) == []
    assert dialogs == []


# --- the harness ---------------------------------------------------------------------------


def test_a_script_that_reaches_the_page_is_caught(page, live_server, dialogs):
    """The policy still forbids inline script on the served page; the bypass lets one run, so
    a page that let a payload through would fail these tests whatever the policy says."""

    def inject(route):
        response = route.fetch()
        assert "script-src 'self'" in response.headers["content-security-policy"]
        body = response.text().replace("</main>", f"<p>{IMG}</p></main>")
        route.fulfill(response=response, body=body)

    page.route(live_server.url + "/articles/", inject)
    visit(page, live_server, "/articles/")

    assert dialogs == ["2"]
    assert page.evaluate(INJECTED) == ["IMG onerror=alert(2)", '<img src="x" onerror="alert(2)">']


# --- the dashboard ---------------------------------------------------------------------------


def test_overview_shows_names_in_the_table_and_the_chart_labels_as_text(page, live_server, dialogs):
    visit(page, live_server, f"/?year={YEAR}&level=commune")

    labels = chart_data(page, "overview-chart")["labels"]
    assert [label[0] for label in labels] == [COMMUNE, UNPLACED]
    assert_shown_as_text(page, dialogs, COMMUNE, UNPLACED, DISTRICT, within="table")


def test_overview_refusing_a_hostile_filter_value_quotes_it_as_text(page, live_server, dialogs):
    response = page.goto(live_server.url + "/?" + urlencode({"year": YEAR, "level": IMG}))
    page.wait_for_load_state("networkidle")

    assert response.status == 400
    assert page.locator(".errorlist").all_inner_texts() == [
        f"Hãy chọn một lựa chọn hợp lệ. {IMG} không phải là một trong các lựa chọn khả thi."
    ]
    assert_shown_as_text(page, dialogs, IMG, within="form.filters")


def test_organisation_page_shows_names_in_breadcrumbs_children_chart_and_sources(
    page, live_server, dialogs, hostile
):
    visit(page, live_server, reverse("dashboard:organisation", args=[hostile["district"].pk]))

    assert page.locator("nav.breadcrumbs li").all_inner_texts() == [
        "Tổ chức đảng",
        PROVINCE,
        DISTRICT,
    ]
    assert page.inner_text("h1") == f"Đảng bộ huyện {IMG}"
    assert page.title().startswith(DISTRICT)
    labels = chart_data(page, "children-chart")["labels"]
    assert sorted(label[0] for label in labels) == sorted([COMMUNE, UNPLACED])
    assert chart_data(page, "series-chart")["labels"] == [str(YEAR)]
    assert_shown_as_text(
        page, dialogs, TITLE, DISTRICT_SENTENCE, within="section:has(#figures-head)"
    )


def test_years_page_shows_names_in_the_table_chart_and_lead_as_text(
    page, live_server, dialogs, hostile
):
    district = hostile["district"]
    visit(page, live_server, f"/years/?level=commune&organisation={district.pk}")

    assert chart_data(page, "years-chart")["labels"] == [DISTRICT, COMMUNE, UNPLACED]
    assert page.inner_text("p.lead") == (
        f"Tổ chức đảng: Đảng bộ huyện {IMG} và các tổ chức trực thuộc"
    )
    assert_shown_as_text(page, dialogs, DISTRICT, COMMUNE, UNPLACED, PROVINCE, within="table")


def test_map_bubbles_tooltips_and_unplaced_names_are_text(page, live_server, dialogs, hostile):
    query = urlencode({"year": YEAR, "province": hostile["province"].pk, "level": "commune"})
    visit(page, live_server, f"/map/?{query}")

    data = chart_data(page, "map-chart")
    assert [p["name"] for d in data["datasets"] for p in d["data"]] == [COMMUNE]
    # Hover the bubble: the tooltip Chart.js draws carries the name as it is.
    x, y = page.evaluate(
        """() => {
      const canvas = document.querySelector('canvas#map-chart');
      const point = Chart.getChart(canvas).getDatasetMeta(0).data[0];
      const box = canvas.getBoundingClientRect();
      return [box.left + point.x, box.top + point.y];
    }"""
    )
    page.mouse.move(x, y)
    page.wait_for_function(
        "Chart.getChart(document.querySelector('canvas#map-chart')).tooltip.opacity > 0"
    )
    lines = page.evaluate(
        "Chart.getChart(document.querySelector('canvas#map-chart'))"
        ".tooltip.body.flatMap((b) => b.lines)"
    )
    assert lines == [f"{COMMUNE} · 12 · 120 % — ✔ Đạt / Vượt chỉ tiêu"]
    assert page.inner_text("p.notice") == f"Chưa có tọa độ, không vẽ trên bản đồ: {UNPLACED}"
    assert_shown_as_text(page, dialogs, COMMUNE, UNPLACED, DISTRICT, within="table")


def test_map_of_provinces_labels_the_province_bubble_as_text(page, live_server, dialogs):
    visit(page, live_server, f"/map/?year={YEAR}")

    data = chart_data(page, "map-chart")
    assert [p["name"] for d in data["datasets"] for p in d["data"]] == [PROVINCE]
    assert_shown_as_text(page, dialogs, PROVINCE, within="table")


def test_articles_list_shows_title_and_publisher_as_text(page, live_server, dialogs):
    visit(page, live_server, "/articles/")

    assert_shown_as_text(page, dialogs, TITLE, PUBLISHER, within="table")


def test_articles_search_echoes_a_hostile_query_in_its_box_and_finds_the_article(
    page, live_server, dialogs
):
    visit(page, live_server, "/articles/?q=" + quote(IMG))

    assert page.input_value("#id_q") == IMG
    assert_shown_as_text(page, dialogs, TITLE, within="table")


def test_article_page_highlights_hostile_quotes_as_text(page, live_server, dialogs, hostile):
    visit(page, live_server, reverse("dashboard:article", args=[hostile["article"].pk]))

    assert page.inner_text("h1") == TITLE
    assert page.title().startswith(TITLE)
    assert page.locator("article mark").all_inner_texts() == SENTENCES
    assert page.locator("article a.quote").evaluate_all("(links) => links.map((a) => a.title)") == [
        f"{COMMUNE}: Đã kết nạp 12 (năm {YEAR})",
        f"{DISTRICT}: Đã kết nạp 45 (năm {YEAR})",
        f"{UNPLACED}: Đã kết nạp 3 (năm {YEAR})",
        f"{PROVINCE}: Đã kết nạp 300 (năm {YEAR})",
    ]
    assert page.inner_text("article") == TEXT
    assert_shown_as_text(page, dialogs, PUBLISHER, COMMUNE, DISTRICT, PROVINCE, within="main")


def test_organisation_index_search_finds_hostile_names_and_shows_them_as_text(
    page, live_server, dialogs
):
    visit(page, live_server, "/org/?" + urlencode({"q": "<img src=x", "level": ""}))

    assert page.input_value("#id_q") == "<img src=x"
    assert page.locator("table tbody tr td:first-child").all_inner_texts() == [DISTRICT, UNPLACED]
    assert_shown_as_text(page, dialogs, PROVINCE, within="table")


# --- the admin -------------------------------------------------------------------------------


def test_admin_organisation_change_page_shows_name_and_aliases_as_values(
    page, live_server, dialogs, hostile
):
    commune = hostile["commune"]
    visit(page, live_server, reverse("admin:recruitment_organisation_change", args=[commune.pk]))

    assert page.input_value("#id_name") == f"Đảng bộ xã {CLOSE}"
    assert page.input_value("#id_short_name") == COMMUNE
    aliases = page.locator("input[name^=aliases-][name$=-name]").evaluate_all(
        "(inputs) => inputs.map((i) => i.value).filter((v) => v)"
    )
    assert sorted(aliases) == sorted(["xã Tân Lập", ALIAS])
    assert page.title().startswith(f"Đảng bộ xã {CLOSE}")
    assert_shown_as_text(
        page, dialogs, f"Đảng bộ xã {CLOSE}", f"Đảng bộ huyện {IMG}", within="#content"
    )


def test_admin_organisation_list_search_by_hostile_alias_shows_names_as_text(
    page, live_server, dialogs
):
    url = reverse("admin:recruitment_organisation_changelist")
    visit(page, live_server, f"{url}?q=" + quote(ALIAS))

    assert page.input_value("#searchbar") == ALIAS
    assert page.locator("#result_list tbody th").all_inner_texts() == [f"Đảng bộ xã {CLOSE}"]
    assert_shown_as_text(page, dialogs, f"Đảng bộ huyện {IMG}", within="#result_list")


def test_admin_organisation_autocomplete_lists_hostile_names_as_text(page, live_server, dialogs):
    visit(page, live_server, reverse("admin:recruitment_figure_add"))
    page.click("#id_organisation + .select2 .select2-selection")
    with page.expect_response(lambda r: "/autocomplete/" in r.url and "term=alert" in r.url):
        page.fill(".select2-search__field", "alert")
    page.wait_for_selector(".select2-results__option.loading-results", state="detached")

    options = page.locator(".select2-results__option").all_inner_texts()
    assert sorted(options) == sorted(
        [
            f"Đảng bộ tỉnh {SCRIPT}",
            f"Đảng bộ huyện {IMG}",
            f"Đảng bộ xã {CLOSE}",
            f"Đảng bộ xã Hòa {IMG}",
        ]
    )
    assert_shown_as_text(page, dialogs, *options, within=".select2-results")


def test_admin_figure_list_shows_organisations_and_sources_as_text(page, live_server, dialogs):
    visit(page, live_server, reverse("admin:recruitment_figure_changelist"))

    assert page.locator("#result_list tbody tr").count() == 5
    assert_shown_as_text(
        page,
        dialogs,
        f"Đảng bộ tỉnh {SCRIPT}",
        f"Đảng bộ huyện {IMG}",
        f"Đảng bộ xã {CLOSE}",
        TITLE,
        within="#result_list",
    )
    assert_shown_as_text(page, dialogs, f"{PROVINCE} (trước 2025)", within="#changelist-filter")


def test_admin_approval_queue_shows_the_proposed_figure_as_text(page, live_server, dialogs):
    visit(page, live_server, reverse("admin:recruitment_approval_queue"))

    rows = page.locator("#content-main table tbody tr")
    assert rows.count() == 1
    assert rows.locator("td").all_inner_texts()[1:7] == [
        f"Đảng bộ xã {CLOSE}",
        "Đã kết nạp",
        "năm 2023",
        "7",
        TITLE,
        PROPOSED_QUOTE,
    ]
    assert rows.locator("input[type=checkbox]").get_attribute("aria-label") == (
        f"Chọn Đảng bộ xã {CLOSE} 7"
    )
    assert_shown_as_text(page, dialogs, within="#content-main")


# A news page whose text names the payloads: its entities decode to them, as they would on a
# site reporting on the attack. (Markup pasted as markup is reduced to its text by the reader.)
IMPORTED_PAGE = (
    f"<html><head><title>Tin {escape(SCRIPT)}</title></head><body><article>"
    f"<h1>Kết nạp {escape(IMG)}</h1>"
    f"<p>Năm 2024, Đảng bộ xã Tân Lập {escape(CLOSE)} kết nạp được 15 đảng viên mới, "
    "đạt 150% chỉ tiêu.</p>"
    f"<p>{escape(SCRIPT)} {escape(IMG)}</p></article></body></html>"
)
IMPORTED_TEXT = (
    f"Kết nạp {IMG}\n"
    f"Năm 2024, Đảng bộ xã Tân Lập {CLOSE} kết nạp được 15 đảng viên mới, đạt 150% chỉ tiêu.\n"
    f"{SCRIPT} {IMG}"
)


def test_admin_import_review_page_shows_hostile_text_quotes_and_title_as_text(
    page, live_server, dialogs
):
    visit(page, live_server, reverse("admin:recruitment_article_import"))
    page.fill("#id_text", IMPORTED_PAGE)
    page.fill("#id_publisher", PUBLISHER)
    page.click("input[type=submit].default")
    page.wait_for_url("**/import/review/**")
    page.wait_for_load_state("networkidle")

    draft = ImportDraft.objects.get()
    assert draft.text == IMPORTED_TEXT
    assert page.input_value("#id_title") == f"Kết nạp {IMG}"
    assert page.input_value("#id_publisher") == PUBLISHER
    admitted = f"Năm 2024, Đảng bộ xã Tân Lập {CLOSE} kết nạp được 15 đảng viên mới"
    # Each highlight ends with the numbers of the candidates it quotes.
    assert page.locator("div.article-text mark").all_inner_texts() == [
        f"{admitted}1",
        "đạt 150% chỉ tiêu2,3",
    ]
    assert page.locator("td.quote blockquote").all_inner_texts() == [
        f"“{admitted}”",
        "“đạt 150% chỉ tiêu”",
        "“đạt 150% chỉ tiêu”",
    ]
    # The alias "xã Tân Lập" resolved every candidate to the hostile commune, which the
    # organisation picker (select2) shows by name.
    chosen = page.locator(".select2-selection__rendered[title]").evaluate_all(
        "(spans) => spans.map((s) => s.title)"
    )
    assert chosen == [f"Đảng bộ xã {CLOSE}"] * 3
    assert_shown_as_text(page, dialogs, SCRIPT, IMG, CLOSE, within="div.article-text")
    assert_shown_as_text(page, dialogs, f"Đảng bộ xã {CLOSE}", within="table.candidates")


def _zip(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def test_admin_import_job_page_shows_hostile_file_names_as_text(page, live_server, dialogs):
    # A browser quotes `"` in an uploaded file's name; `'` and `<…>` reach the server as they are.
    named = "'><img src=x onerror=alert(5)>.txt"
    member = "<svg onload=alert(6)>.txt"
    visit(page, live_server, reverse("admin:recruitment_importjob_add"))
    page.set_input_files(
        "#id_files",
        [
            {"name": named, "mimeType": "text/plain", "buffer": IMPORTED_TEXT.encode()},
            {
                "name": "<b onmouseover=alert(7)>.zip",
                "mimeType": "application/zip",
                "buffer": _zip({member: f"{SCRIPT} Không có số liệu {IMG}"}),
            },
        ],
    )
    page.click("input[type=submit].default")
    page.wait_for_url("**/admin/recruitment/importjob/*/change/")
    page.wait_for_load_state("networkidle")

    job = ImportJob.objects.get()
    names = list(job.items.order_by("position").values_list("name", flat=True))
    assert names == [named, f"<b onmouseover=alert(7)>.zip/{member}"]
    assert page.locator("#job-items tbody td:nth-child(2)").all_inner_texts() == names
    assert_shown_as_text(page, dialogs, *names, within="#content-main")


def test_admin_import_job_form_names_a_refused_hostile_file_as_text(page, live_server, dialogs):
    refused = "<img src=x onerror=alert(8)>.pdf"
    visit(page, live_server, reverse("admin:recruitment_importjob_add"))
    page.set_input_files(
        "#id_files", [{"name": refused, "mimeType": "application/pdf", "buffer": b"%PDF-1.4"}]
    )
    page.click("input[type=submit].default")
    page.wait_for_load_state("networkidle")

    assert ImportJob.objects.count() == 0
    assert page.locator(".errorlist li").all_inner_texts() == [
        f"{refused}: chỉ nhận tệp .txt, .html, .htm hoặc .zip."
    ]
    assert_shown_as_text(page, dialogs, within="#content-main")
