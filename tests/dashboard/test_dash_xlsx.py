"""Excel exports: the CSV's content, typed, in a workbook openpyxl (and so Excel) opens."""

from __future__ import annotations

import datetime as dt
import io
import re
import tracemalloc
from urllib.parse import urlencode

import openpyxl
import pytest
from django.http import FileResponse
from django.urls import reverse
from openpyxl.styles.numbers import is_date_format
from test_dash_csv import add_hostile_figure, read_csv
from test_dash_queries import count_queries
from test_dash_scoping import _reader

from dashboard.xlsx_export import stream_xlsx, write_xlsx, xlsx_value

# (export, URL arguments, query): each export with filters that give it several rows.
EXPORTS = {
    "progress of districts": ("progress", (), {"year": 2022, "level": "district"}),
    "progress with decimals": ("progress", (), {"year": 2021, "level": "province"}),
    "sub-organisations": ("progress", ("binh-phuoc",), {"year": 2022}),
    "years report": ("report", (), {"level": "district"}),
    "an organisation's figures": ("figures", ("kim-son",), {}),
    "articles": ("articles", (), {}),
}


def export_url(gold, export: str, fmt: str) -> tuple[str, dict]:
    name, keys, query = EXPORTS[export]
    if name == "progress" and keys:  # the sub-organisations of one organisation, as its page
        return reverse(f"dashboard:progress_{fmt}"), {**query, "parent": gold[keys[0]].pk}
    return reverse(f"dashboard:{name}_{fmt}", args=[gold[k].pk for k in keys]), query


def open_xlsx(response) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def as_csv_text(value: object) -> str:
    """A workbook value as the CSV writes it, to compare the two files cell by cell."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value)


def sheet_values(workbook) -> list[tuple]:
    return list(workbook.active.iter_rows(values_only=True))


def progress_xlsx(client, **params):
    return client.get(reverse("dashboard:progress_xlsx"), params)


@pytest.mark.parametrize("export", sorted(EXPORTS))
def test_the_workbook_holds_exactly_the_csv_of_the_same_request(gold, viewer_client, export):
    csv_path, query = export_url(gold, export, "csv")
    xlsx_path, _ = export_url(gold, export, "xlsx")
    _, csv_rows = read_csv(viewer_client.get(csv_path, query))
    rows = sheet_values(open_xlsx(viewer_client.get(xlsx_path, query)))
    assert len(csv_rows) > 1
    assert [[as_csv_text(v) for v in row] for row in rows] == csv_rows


@pytest.mark.parametrize("export", sorted(EXPORTS))
def test_the_workbook_costs_the_queries_of_the_csv(gold, viewer_client, export):
    csv_path, query = export_url(gold, export, "csv")
    xlsx_path, _ = export_url(gold, export, "xlsx")
    csv_queries = count_queries(viewer_client, f"{csv_path}?{urlencode(query)}")
    assert count_queries(viewer_client, f"{xlsx_path}?{urlencode(query)}") == csv_queries


def test_numbers_are_numbers_and_dates_are_dates(gold, viewer_client):
    workbook = open_xlsx(progress_xlsx(viewer_client, year=2021, level="province"))
    header, *data = sheet_values(workbook)
    khanh_hoa = dict(zip(header, next(r for r in data if "Khánh Hòa" in r[0]), strict=True))
    assert khanh_hoa["Năm"] == 2021
    assert khanh_hoa["Đã kết nạp"] == 1455
    assert type(khanh_hoa["Đã kết nạp"]) is int
    assert khanh_hoa["Tỷ lệ đạt (% chỉ tiêu)"] == pytest.approx(85.6)
    assert type(khanh_hoa["Tỷ lệ đạt (% chỉ tiêu)"]) is float
    assert isinstance(khanh_hoa["Số liệu đến ngày"], dt.datetime)


def test_date_cells_carry_a_date_format(gold, viewer_client):
    sheet = open_xlsx(progress_xlsx(viewer_client, year=2022, level="district")).active
    column = [c.value for c in sheet[1]].index("Số liệu đến ngày")
    dated = [row[column] for row in sheet.iter_rows(min_row=2) if row[column].value is not None]
    assert dated
    assert all(c.is_date and is_date_format(c.number_format) for c in dated)
    assert dated[0].value == dt.datetime(2022, 9, 20)


def test_the_header_is_bold_and_frozen_and_the_rows_are_not_bold(gold, viewer_client):
    sheet = open_xlsx(progress_xlsx(viewer_client, year=2022, level="district")).active
    assert sheet.freeze_panes == "A2"
    assert all(c.font.bold for c in sheet[1])
    assert not any(c.font.bold for c in sheet[2])


def test_columns_are_as_wide_as_their_header_and_longest_sampled_value(gold, viewer_client):
    sheet = open_xlsx(progress_xlsx(viewer_client, year=2022, level="district")).active
    for column in sheet.iter_cols():
        letter = column[0].column_letter
        longest = max(len(as_csv_text(c.value)) for c in column)
        assert sheet.column_dimensions[letter].width >= min(longest, 60), letter


def test_the_sheet_is_named_in_the_active_language(gold, viewer_client):
    assert open_xlsx(progress_xlsx(viewer_client, year=2022)).active.title == "Tiến độ kết nạp"
    viewer_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    workbook = open_xlsx(progress_xlsx(viewer_client, year=2022, level="district"))
    assert workbook.active.title == "Admission progress"
    assert sheet_values(workbook)[0][:4] == ("Party organisation", "Level", "Parent", "Year")


def test_file_name_is_the_csv_name_with_xlsx_and_the_type_is_a_workbook(gold, viewer_client):
    response = progress_xlsx(viewer_client, year=2023, level="district")
    assert isinstance(response, FileResponse)
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="tien-do-ket-nap_2023_cap-huyen.xlsx"'
    )
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


def test_formula_looking_text_is_neutralised_as_in_the_csv(gold, viewer_client):
    add_hostile_figure(gold["kim-son"])
    workbook = open_xlsx(
        viewer_client.get(reverse("dashboard:figures_xlsx", args=[gold["kim-son"].pk]))
    )
    cells = [c for row in workbook.active.iter_rows() for c in row if c.value is not None]
    assert "'=cmd|' /C calc'!A0" in [c.value for c in cells]
    assert '\'=HYPERLINK("http://evil")' in [c.value for c in cells]
    assert all(c.data_type != "f" for c in cells)


def test_another_subtrees_figures_workbook_is_a_404_as_its_csv(gold, client, django_user_model):
    reader = _reader(django_user_model, client, gold["binh-phuoc"])
    url = reverse("dashboard:figures_xlsx", args=[gold["ninh-binh"].pk])
    assert reader.get(url).status_code == 404


def test_a_report_filtered_by_another_subtree_is_a_400_as_its_csv(gold, client, django_user_model):
    reader = _reader(django_user_model, client, gold["binh-phuoc"])
    response = reader.get(reverse("dashboard:report_xlsx"), {"only": gold["ninh-binh"].pk})
    assert response.status_code == 400  # "not a valid choice"


def test_the_workbook_holds_only_the_readers_subtree(gold, client, django_user_model):
    reader = _reader(django_user_model, client, gold["binh-phuoc"])
    rows = sheet_values(open_xlsx(progress_xlsx(reader, level="district", year=2022)))
    assert [r[0] for r in rows[1:]] == ["Đảng bộ huyện Lộc Ninh"]


def test_anonymous_xlsx_download_is_sent_to_the_login(db, client, settings):
    settings.DASHBOARD_PUBLIC = False
    response = client.get(reverse("dashboard:progress_xlsx"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login") + "?next=")


def test_bad_xlsx_filter_is_a_400_not_a_500(gold, viewer_client):
    assert progress_xlsx(viewer_client, year="abc").status_code == 400


PAGES = {
    "overview": lambda gold: reverse("dashboard:overview") + "?level=district&year=2022",
    "years": lambda gold: reverse("dashboard:years"),
    "map": lambda gold: reverse("dashboard:map") + "?year=2022",
    "articles": lambda gold: reverse("dashboard:articles"),
    "organisation": lambda gold: reverse("dashboard:organisation", args=[gold["loc-ninh"].pk]),
}
LINK = re.compile(r'<a class="button (csv|xlsx)" href="([^"]+)"')


@pytest.mark.parametrize("page", sorted(PAGES))
def test_every_csv_button_has_an_excel_button_for_the_same_query(gold, viewer_client, page):
    html = viewer_client.get(PAGES[page](gold)).content.decode()
    links = LINK.findall(html)
    csv_links = [href for kind, href in links if kind == "csv"]
    xlsx_links = [href for kind, href in links if kind == "xlsx"]
    assert csv_links
    assert [h.replace(".xlsx", ".csv") for h in xlsx_links] == csv_links
    assert html.count("Xuất Excel") == len(csv_links)


def test_text_with_control_characters_is_kept_without_them():
    assert xlsx_value("Kim\x0bSơn\x00") == "KimSơn"
    assert xlsx_value("=1+1") == "'=1+1"  # the CSV's rule
    assert xlsx_value(dt.date(2022, 9, 20)) == dt.date(2022, 9, 20)
    assert xlsx_value(None) is None


def test_writing_a_workbook_does_not_hold_its_rows_in_memory(tmp_path):
    def peak(n: int) -> int:
        rows = ([f"Đảng bộ xã Thử {i}", i, i / 7, dt.date(2024, 1, 1)] for i in range(n))
        tracemalloc.start()
        write_xlsx(file=tmp_path / f"{n}.xlsx", title="t", header=["a", "b", "c", "d"], rows=rows)
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    peak(10)  # openpyxl imports some modules on first save: not the rows' memory
    small, large = peak(1_000), peak(10_000)
    assert large < small * 1.5, (small, large)


def test_the_finished_file_is_sent_in_chunks_not_in_one_piece():
    rows = ([f"Đảng bộ xã Thử {i}", i] for i in range(20_000))
    response = stream_xlsx(name="t.xlsx", title="t", header=["a", "b"], rows=rows)
    chunks = list(response.streaming_content)
    assert len(chunks) > 1
    assert max(len(c) for c in chunks) <= response.block_size
    assert int(response["Content-Length"]) == sum(len(c) for c in chunks)
