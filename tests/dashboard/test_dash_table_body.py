"""Tables write their body in Python (`BaseTable.body_html`) and it reads exactly as
django-tables2's own template would have written it: escaped, localised, linked."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import django_tables2 as tables
from django.test import RequestFactory
from django.utils import translation
from django.utils.html import format_html

from dashboard.tables import NUMERIC, BaseTable


class Sample(BaseTable):
    name = tables.Column(linkify=lambda record: record["url"])
    count = tables.Column(attrs=NUMERIC)
    share = tables.Column(attrs=NUMERIC)
    day = tables.DateColumn(short=True)
    badge = tables.Column(accessor="name", orderable=False)

    def render_badge(self, value: str):
        return format_html("<b>{}</b>", value)


ROWS = [
    {
        "name": "Đảng bộ <A & B>",
        "url": "/org/1/",
        "count": 1455,
        "share": Decimal("85.6"),
        "day": dt.date(2025, 6, 30),
    },
    {"name": 'Chi bộ "C"', "url": None, "count": None, "share": 0.5, "day": None},
]


def _html(table: BaseTable, template: str) -> str:
    table.template_name = template
    html = table.as_html(RequestFactory().get("/"))
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


def test_the_body_reads_as_the_librarys_template_writes_it():
    with translation.override("vi"):
        ours = _html(Sample(ROWS), "dashboard/table.html")
        library = _html(Sample(ROWS), "django_tables2/bootstrap5-responsive.html")
    assert ours == library
    assert "Đảng bộ &lt;A &amp; B&gt;" in ours and "1.455" in ours and "85,6" in ours


def test_an_empty_table_says_so_across_every_column():
    with translation.override("vi"):
        ours = _html(Sample([]), "dashboard/table.html")
        library = _html(Sample([]), "django_tables2/bootstrap5-responsive.html")
    assert ours == library
    assert '<td colspan="5">Chưa có số liệu cho lựa chọn này.</td>' in ours


def test_a_table_declared_without_options_keeps_the_projects_own():
    class Bare(BaseTable):
        name = tables.Column()

    with translation.override("vi"):
        html = Bare([]).as_html(RequestFactory().get("/"))
    assert (Bare._meta.template_name, Bare._meta.attrs) == (
        "dashboard/table.html",
        {"class": "table"},
    )
    assert "Chưa có số liệu cho lựa chọn này." in html


class Rendered(BaseTable):
    """Columns read by their own name and shown by a render method: written without get_cell."""

    name = tables.Column()
    count = tables.Column(attrs=NUMERIC, empty_values=())
    share = tables.Column(attrs=NUMERIC)

    def render_count(self, record):
        return format_html("<i>{}</i>", record["count"] if record["count"] is not None else "—")

    def render_share(self, value):
        return f"{value} %"


def test_cells_shown_by_a_render_method_read_as_the_librarys_template_writes_them():
    with translation.override("vi"):
        ours = _html(Rendered(ROWS), "dashboard/table.html")
        library = _html(Rendered(ROWS), "django_tables2/bootstrap5-responsive.html")
    assert ours == library
    assert "<i>1455</i>" in ours and "<i>—</i>" in ours and "85.6 %" in ours and "0.5 %" in ours
