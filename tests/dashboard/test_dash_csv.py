"""CSV exports: same filters as the screen, streamed, Excel-safe."""

import csv
import datetime as dt
import io

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse

from dashboard.csv_export import cell, filename
from recruitment.models import Article
from recruitment.services.reported import figure_create


def read_csv(response):
    body = b"".join(response.streaming_content).decode("utf-8")
    return body, list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))


def progress_csv(client, **params):
    return client.get(reverse("dashboard:progress_csv"), params)


def test_progress_csv_is_streamed_utf8_with_bom(gold, viewer_client):
    response = progress_csv(viewer_client, year=2022, level="district")
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body, _ = read_csv(response)
    assert body.startswith("\ufeffTổ chức đảng,")


def test_progress_csv_lists_organisations_without_data_when_asked(gold, viewer_client):
    _, rows = read_csv(progress_csv(viewer_client, year=2022, level="district", everyone="on"))
    assert {r[0] for r in rows[1:]} == {
        "Đảng bộ huyện Kim Sơn",
        "Đảng bộ huyện Lộc Ninh",
        "Đảng bộ huyện Tháp Mười",
        "Đảng bộ thành phố Thanh Hóa",
    }


def test_progress_csv_file_name_says_what_and_when_in_ascii(gold, viewer_client):
    response = progress_csv(viewer_client, year=2023, level="district")
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="tien-do-ket-nap_2023_cap-huyen.csv"'
    )
    response = progress_csv(
        viewer_client, year=2022, level="district", province=gold["khanh-hoa"].pk
    )
    assert response["Content-Disposition"].endswith('_2022_cap-huyen_khanh-hoa.csv"')


def test_progress_csv_has_exactly_the_filtered_rows_with_plain_numbers(gold, viewer_client):
    _, rows = read_csv(progress_csv(viewer_client, year=2022, level="district"))
    header, *data = rows
    assert header[:4] == ["Tổ chức đảng", "Cấp", "Cấp trên", "Năm"]
    by_name = {r[0]: dict(zip(header, r, strict=True)) for r in data}
    assert set(by_name) == {"Đảng bộ huyện Kim Sơn", "Đảng bộ huyện Lộc Ninh"}
    kim_son = by_name["Đảng bộ huyện Kim Sơn"]
    assert kim_son["Đã kết nạp"] == "207"
    assert kim_son["Chỉ tiêu kết nạp"] == "201"
    assert kim_son["Tỷ lệ đạt (% chỉ tiêu)"] == "103"
    assert kim_son["Số liệu đến ngày"] == "2022-09-20"
    assert kim_son["Tiến độ"] == "Đạt / Vượt chỉ tiêu"


def test_progress_csv_numbers_have_no_thousands_separator_and_a_dot_decimal(gold, viewer_client):
    _, rows = read_csv(progress_csv(viewer_client, year=2021, level="province"))
    header, *data = rows
    khanh_hoa = dict(zip(header, next(r for r in data if "Khánh Hòa" in r[0]), strict=True))
    assert khanh_hoa["Đã kết nạp"] == "1455"
    assert khanh_hoa["Tỷ lệ đạt (% chỉ tiêu)"] == "85.6"


def test_province_filter_applies_to_the_csv(gold, viewer_client):
    _, rows = read_csv(
        progress_csv(viewer_client, year=2022, level="district", province=gold["ninh-binh"].pk)
    )
    assert [r[0] for r in rows[1:]] == ["Đảng bộ huyện Kim Sơn"]


def test_csv_headers_follow_the_active_language(gold, viewer_client):
    viewer_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    _, rows = read_csv(progress_csv(viewer_client, year=2022, level="district"))
    assert rows[0][:4] == ["Party organisation", "Level", "Parent", "Year"]


def test_cells_that_look_like_formulas_are_neutralised():
    for text in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]:
        assert cell(text) == "'" + text
    assert cell("Kim Sơn") == "Kim Sơn"
    assert cell(-5) == -5  # numbers are numbers, not text
    assert cell(dt.date(2022, 9, 20)) == "2022-09-20"


def add_hostile_figure(organisation) -> None:
    """A figure whose article title and quote a spreadsheet would run as formulas."""
    article = Article.objects.create(title='=HYPERLINK("http://evil")', text="=cmd|' /C calc'!A0")
    figure_create(
        organisation=organisation,
        metric="trained",
        period_start=dt.date(2022, 1, 1),
        period_end=dt.date(2022, 12, 31),
        value=5,
        source=article,
        quote="=cmd|' /C calc'!A0",
    )


def test_hostile_quote_is_neutralised_in_the_figures_csv(gold, viewer_client):
    add_hostile_figure(gold["kim-son"])
    response = viewer_client.get(reverse("dashboard:figures_csv", args=[gold["kim-son"].pk]))
    _, rows = read_csv(response)
    cells = [c for r in rows for c in r]
    assert "'=cmd|' /C calc'!A0" in cells
    assert '\'=HYPERLINK("http://evil")' in cells
    assert not any(c.startswith("=") for c in cells)


def test_report_csv_gives_one_row_per_organisation_and_year_with_sources(gold, viewer_client):
    response = viewer_client.get(reverse("dashboard:report_csv"), {"only": gold["loc-ninh"].pk})
    assert response["Content-Disposition"].endswith('"bao-cao-tien-do_loc-ninh_2021-2023.csv"')
    _, rows = read_csv(response)
    header, *data = rows
    assert [(r[3], r[6], r[7]) for r in data] == [
        ("2021", "99", "104"),
        ("2022", "101", "105"),
        ("2023", "107", "107"),
    ]
    assert all(r[header.index("Nguồn")] == "Nâng cao chất lượng phát triển đảng viên" for r in data)


def test_articles_csv_lists_articles(gold, viewer_client):
    response = viewer_client.get(reverse("dashboard:articles_csv"))
    _, rows = read_csv(response)
    assert len(rows) == 1 + 5
    assert response["Content-Disposition"].startswith('attachment; filename="bai-viet_')


def test_bad_csv_filter_is_a_400_not_a_500(gold, viewer_client):
    assert progress_csv(viewer_client, year="abc").status_code == 400


def test_file_names_drop_tone_marks():
    assert filename("tien-do-ket-nap", 2023, "Đồng Tháp") == "tien-do-ket-nap_2023_dong-thap.csv"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_before_any_figure_the_progress_export_is_its_header_alone(admin_client, db, fmt):
    response = admin_client.get(f"/export/progress.{fmt}")
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    if fmt == "csv":
        lines = body.decode("utf-8-sig").splitlines()
        assert len(lines) == 1 and lines[0].startswith("Tổ chức")
    else:
        from io import BytesIO

        from openpyxl import load_workbook

        sheet = load_workbook(BytesIO(body), read_only=True).active
        assert len(list(sheet.iter_rows(values_only=True))) == 1
