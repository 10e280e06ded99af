"""The pages' tables (django-tables2): sortable, paginated, numbers in the active language.

The overview's table takes the annotated queryset from `selectors.progress_queryset`, so sorting
and paging happen in the database and only one page of rows is read, even for 50,000 grassroots
organisations. Each row's status is judged by `recruitment.progress`, as everywhere else.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable

import django_tables2 as tables
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import HttpRequest
from django.utils.formats import date_format, localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django_tables2 import RequestConfig
from django_tables2.utils import A

from recruitment.models import FigureMetric, Organisation
from recruitment.selectors import ProgressRow, SourcedValue

from .templatetags.dashboard_tags import MISSING, approx_number, number, percent, status_badge

NUMERIC = {"td": {"class": "num"}, "th": {"class": "num"}}
PER_PAGE = 50


def _coverage(row: ProgressRow) -> str:
    return _("%(reporting)d/%(children)d tổ chức báo cáo") % {
        "reporting": row.children_reporting,
        "children": row.children_in_force,
    }


def admitted_cell(row: ProgressRow) -> SafeString:
    """The count shown, marked Σ when it is the sub-organisations' sum because the organisation
    itself reported nothing, or ≈ Σ when it is carried from the units it replaced."""
    if row.from_predecessors:
        return format_html(
            '{}{} <abbr class="summed" title="{}">Σ</abbr>',
            "≈ " if row.approximate else "",
            number(row.admitted),
            _("Cộng từ đơn vị trước sắp xếp: %(reporting)d/%(units)d đơn vị báo cáo")
            % {"reporting": row.predecessors_reporting, "units": row.predecessors},
        )
    if not row.from_sum:
        return format_html("{}", number(row.admitted))
    return format_html(
        '{} <abbr class="summed" title="{}">Σ</abbr>',
        number(row.admitted),
        _("Cộng từ tổ chức trực thuộc: %(coverage)s") % {"coverage": _coverage(row)},
    )


def summed_cell(row: ProgressRow) -> SafeString:
    """The sub-organisations' sum beside the report, with how many reported, flagged when the
    two cannot both be right."""
    if row.sum_admitted is None:
        return format_html("{}", MISSING)
    flag = (
        format_html(
            ' <span class="status status-red" title="{}"><span aria-hidden="true">⚠</span> {}'
            "</span>",
            _("Số báo cáo và số cộng từ tổ chức trực thuộc không khớp"),
            _("lệch"),
        )
        if row.sum_disagrees
        else ""
    )
    return format_html(
        '{} <span class="muted">({})</span>{}', number(row.sum_admitted), _coverage(row), flag
    )


MAX_PER_PAGE = 200


def _whole(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def paginate(request: HttpRequest, table: tables.Table, *, per_page: int) -> None:
    """Sort and page `table` from the query string. A page size asked for (`per_page=`) is kept
    between 1 and MAX_PER_PAGE: a negative one was a 500, a huge one rendered all 50,000
    organisations. A page number out of range shows the last page, as django-tables2 does."""
    RequestConfig(request, paginate=False).configure(table)
    asked = _whole(request.GET.get(table.prefixed_per_page_field))
    size = per_page if asked is None else min(max(asked, 1), MAX_PER_PAGE)
    page = _whole(request.GET.get(table.prefixed_page_field)) or 1
    try:
        table.paginate(page=page, per_page=size)
    except (PageNotAnInteger, EmptyPage):
        table.paginate(page=table.paginator.num_pages, per_page=size)


class _InheritedOptions(type(tables.Table)):
    """django-tables2 reads only a class's own `Meta`: a table declared without one lost the
    project's template, CSS class and empty text. Here a table without a `Meta` takes its
    parent's."""

    def __new__(mcs, name, bases, attrs):
        if "Meta" not in attrs:
            inherited = next((base.Meta for base in bases if hasattr(base, "Meta")), None)
            if inherited is not None:
                attrs["Meta"] = inherited
        return super().__new__(mcs, name, bases, attrs)


class BaseTable(tables.Table, metaclass=_InheritedOptions):
    """A table whose body is written in Python rather than by the template tag per cell.

    django-tables2's template resolves each cell's column attributes and localisation through
    the template language, which cost half of a 50-row page's time; the attributes of a column's
    cells are the same on every row, so they are written once per page. The cells themselves
    still come from django-tables2 (`BoundRow.get_cell`: accessors, render methods, links), and
    a cell is shown as the template would show it (localised, escaped unless safe).
    """

    class Meta:
        attrs = {"class": "table"}
        empty_text = _("Chưa có số liệu cho lựa chọn này.")
        template_name = "dashboard/table.html"

    def body_html(self) -> SafeString:
        columns = [
            (column.name, column.attrs["td"].as_html(), self._direct_cell(column))
            for column in self.columns
        ]
        lines = []
        for row in self.paginated_rows:
            cells = "".join(
                f"<td {attrs}>{conditional_escape(localize(direct(row.record)))}</td>"
                if direct
                else f"<td {attrs}>{conditional_escape(localize(row.get_cell(name)))}</td>"
                for name, attrs, direct in columns
            )
            lines.append(f"<tr {row.attrs.as_html()}>{cells}</tr>")
        if not lines and self.empty_text:
            return format_html('<tr><td colspan="{}">{}</td></tr>', len(columns), self.empty_text)
        return mark_safe("\n".join(lines))  # every part escaped above, attributes by the library

    def _direct_cell(self, bound_column) -> Callable[[object], object] | None:
        """A cell written without `BoundRow.get_cell`, for a plain column read by its own
        name and shown by a render method that asks for the record or the value: what
        get_cell does for it (the value, the default when it is empty, the render method),
        without resolving the accessor and the method's arguments again on every cell (the
        years page has 650 cells). None for any other column: get_cell writes it."""
        column, name = bound_column.column, bound_column.name
        method = getattr(self, f"render_{name}", None)
        if (
            type(column) is not tables.Column
            or bound_column.link
            or method is None
            or str(bound_column.accessor) != name
            or _model_field(self, name)
        ):
            return None
        wants = set(inspect.signature(method).parameters)
        if not wants or not wants <= {"record", "value"}:
            return None
        empty, default = column.empty_values, bound_column.default

        def cell(record):
            value = record.get(name) if isinstance(record, dict) else getattr(record, name, None)
            if value in empty:
                return default
            return method(**{k: v for k, v in (("record", record), ("value", value)) if k in wants})

        return cell


def _model_field(table: BaseTable, name: str) -> bool:
    """Whether `name` is a field of the table's model (get_cell shows its choices' labels)."""
    model = getattr(table.data, "model", None)
    return model is not None and any(f.name == name for f in model._meta.get_fields())


class ProgressTable(BaseTable):
    """Organisations with target, admitted so far, % of target, as-of date and pace status."""

    short_name = tables.Column(
        verbose_name=_("Tổ chức đảng"), linkify=("dashboard:organisation", {"pk": A("pk")})
    )
    parent_name = tables.Column(verbose_name=_("Cấp trên"))
    target = tables.Column(verbose_name=_("Chỉ tiêu kết nạp"), attrs=NUMERIC, empty_values=())
    admitted = tables.Column(verbose_name=_("Đã kết nạp"), attrs=NUMERIC, empty_values=())
    summed = tables.Column(
        verbose_name=_("Cộng từ tổ chức trực thuộc"),
        accessor=A("pk"),
        orderable=False,
        empty_values=(),
        attrs=NUMERIC,
    )
    # Translators: a percent sign, not a format. xgettext:no-python-format
    pct = tables.Column(
        verbose_name=_("Tỷ lệ đạt (% chỉ tiêu)"),
        attrs=NUMERIC,
        order_by=("display_pct",),
        empty_values=(),
    )
    as_of = tables.DateColumn(verbose_name=_("Số liệu đến ngày"), short=True, empty_values=())
    # Sorting by status sorts by % of target: the status depends on it and on the as-of date.
    status = tables.Column(
        verbose_name=_("Tiến độ"), accessor=A("pk"), order_by=("display_pct",), empty_values=()
    )

    class Meta(BaseTable.Meta):
        order_by = ("short_name",)

    def __init__(self, *args, year: int | None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.year = year

    def row(self, record: Organisation) -> ProgressRow:
        """The record's progress, read once per record rather than once per cell."""
        cached = record.__dict__.get("_progress_row")
        if cached is None:
            cached = record.__dict__["_progress_row"] = ProgressRow.from_annotated(
                record, year=self.year
            )
        return cached

    def render_target(self, record: Organisation) -> str:
        row = self.row(record)
        return approx_number(row.target, row.target_derived or row.approximate)

    def render_admitted(self, record: Organisation) -> SafeString:
        return admitted_cell(self.row(record))

    def render_summed(self, record: Organisation) -> SafeString:
        return summed_cell(self.row(record))

    def render_pct(self, record: Organisation) -> str:
        return percent(self.row(record).percent_of_target)

    def render_as_of(self, record: Organisation) -> str:
        as_of = self.row(record).as_of
        return date_format(as_of, "SHORT_DATE_FORMAT") if as_of else MISSING

    def render_status(self, record: Organisation) -> SafeString:
        return status_badge(self.row(record).status)


class ProgressRowTable(BaseTable):
    """The same columns over plain `ProgressRow`s (the map, an organisation's years)."""

    year = tables.Column(verbose_name=_("Năm"))
    short_name = tables.Column(
        verbose_name=_("Tổ chức đảng"),
        linkify=("dashboard:organisation", {"pk": A("organisation_id")}),
    )
    parent_name = tables.Column(verbose_name=_("Cấp trên"))
    target = tables.Column(verbose_name=_("Chỉ tiêu kết nạp"), attrs=NUMERIC)
    admitted = tables.Column(verbose_name=_("Đã kết nạp"), attrs=NUMERIC, empty_values=())
    summed = tables.Column(
        verbose_name=_("Cộng từ tổ chức trực thuộc"),
        accessor=A("sum_admitted"),
        empty_values=(),
        attrs=NUMERIC,
    )
    # Translators: a percent sign, not a format. xgettext:no-python-format
    percent_of_target = tables.Column(verbose_name=_("Tỷ lệ đạt (% chỉ tiêu)"), attrs=NUMERIC)
    as_of = tables.DateColumn(verbose_name=_("Số liệu đến ngày"), short=True)
    status = tables.Column(verbose_name=_("Tiến độ"), order_by=("status__rank",))

    def render_year(self, value: int) -> str:
        return str(value)  # a year, not a quantity: 2021, never 2.021

    def render_target(self, record: ProgressRow) -> str:
        return approx_number(record.target, record.target_derived or record.approximate)

    def render_admitted(self, record: ProgressRow) -> SafeString:
        return admitted_cell(record)

    def render_summed(self, record: ProgressRow) -> SafeString:
        return summed_cell(record)

    def render_percent_of_target(self, value) -> str:
        return percent(value)

    def render_status(self, value) -> SafeString:
        return status_badge(value)


class YearlySeriesTable(ProgressRowTable):
    class Meta(BaseTable.Meta):
        exclude = ("short_name", "parent_name")


class MapTable(ProgressRowTable):
    latitude = tables.Column(verbose_name=_("Vĩ độ"), attrs=NUMERIC)
    longitude = tables.Column(verbose_name=_("Kinh độ"), attrs=NUMERIC)

    class Meta(BaseTable.Meta):
        exclude = ("year",)

    def render_latitude(self, value) -> str:
        return number(value)

    def render_longitude(self, value) -> str:
        return number(value)


class TermTable(BaseTable):
    label = tables.Column(verbose_name=_("Kỳ / Thời gian"), orderable=False)
    day = tables.DateColumn(verbose_name=_("Số liệu đến ngày"), short=True)
    cumulative = tables.Column(verbose_name=_("Đã kết nạp (cộng dồn)"), attrs=NUMERIC)

    def render_cumulative(self, value) -> str:
        return number(value)


class PipelineTable(BaseTable):
    period = tables.Column(verbose_name=_("Kỳ / Thời gian"), order_by=("period__start",))
    trained = tables.Column(
        verbose_name=_("Quần chúng ưu tú đã học lớp bồi dưỡng nhận thức về Đảng"), attrs=NUMERIC
    )
    trained_percent_of_plan = tables.Column(
        # Translators: a percent sign, not a format. xgettext:no-python-format
        verbose_name=_("Tỷ lệ bồi dưỡng đạt (% kế hoạch)"),
        attrs=NUMERIC,
    )
    admitted = tables.Column(verbose_name=_("Đã kết nạp"), attrs=NUMERIC)

    def render_period(self, value) -> str:
        return value.label

    def render_trained(self, value) -> str:
        return number(value)

    def render_trained_percent_of_plan(self, value) -> str:
        return percent(value)

    def render_admitted(self, value) -> str:
        return number(value)


class MembersTable(BaseTable):
    day = tables.DateColumn(verbose_name=_("Số liệu đến ngày"), short=True)
    members_total = tables.Column(verbose_name=_("Tổng số đảng viên"), attrs=NUMERIC)
    population_pct = tables.Column(verbose_name=_("Tỷ lệ đảng viên so với dân số"), attrs=NUMERIC)

    def render_members_total(self, value) -> str:
        return number(value)

    def render_population_pct(self, value) -> str:
        return percent(value, 2)


class SourcedTable(BaseTable):
    """Every figure with its article and quote; a contradicted figure says so in words."""

    metric_label = tables.Column(verbose_name=_("Số liệu"))
    period = tables.Column(verbose_name=_("Kỳ / Thời gian"), order_by=("period__end",))
    value = tables.Column(verbose_name=_("Giá trị"), attrs=NUMERIC)
    source_title = tables.Column(
        verbose_name=_("Nguồn"),
        linkify=lambda record: record.source_url or None,
    )
    article = tables.Column(
        verbose_name=_("Bài viết / Nguồn"),
        accessor=A("source_id"),
        linkify=("dashboard:article", {"pk": A("source_id")}),
        orderable=False,
    )
    quote = tables.Column(verbose_name=_("Trích dẫn"), orderable=False)
    conflicting = tables.Column(verbose_name=_("Kiểm tra"), orderable=True)

    def render_period(self, value) -> str:
        return value.label

    def render_value(self, record: SourcedValue) -> str:
        digits = 2 if record.metric == FigureMetric.MEMBERS_POPULATION_PCT else 1
        text = percent(record.value, digits) if record.is_percent else number(record.value)
        return f"≈ {text}" if record.approximate else text

    def render_article(self, value) -> str:
        return _("Xem bài #%(id)s") % {"id": value}

    def render_conflicting(self, value: bool) -> SafeString | str:
        if not value:
            return ""
        return format_html(
            '<span class="status status-red"><span aria-hidden="true">⚠</span> {}</span>',
            _("Các nguồn ghi khác nhau"),
        )


class ArticleTable(BaseTable):
    title = tables.Column(verbose_name=_("Tiêu đề"), linkify=("dashboard:article", {"pk": A("pk")}))
    publisher = tables.Column(verbose_name=_("Nơi đăng"))
    published = tables.DateColumn(verbose_name=_("Ngày đăng"), short=True)
    n_figures = tables.Column(verbose_name=_("Số liệu đã duyệt"), attrs=NUMERIC)
    url = tables.Column(verbose_name=_("Địa chỉ"), linkify=lambda value: value or None)

    def render_title(self, record) -> str:
        return str(record)

    def render_n_figures(self, value) -> str:
        return number(value)


class OrganisationTable(BaseTable):
    short_name = tables.Column(
        verbose_name=_("Tổ chức đảng"), linkify=("dashboard:organisation", {"pk": A("pk")})
    )
    name = tables.Column(verbose_name=_("Tên"))
    level = tables.Column(verbose_name=_("Cấp"))
    parent = tables.Column(verbose_name=_("Cấp trên"), accessor=A("parent__short_name"))
    valid_until = tables.DateColumn(verbose_name=_("Hiệu lực đến"), short=True)


def _admitted_in(year: int):
    """The render method of one year's count. django-tables2 passes a render method only the
    arguments it names from its own set (record, value, …) and skips one that asks for more, so
    the year is closed over, not a parameter."""

    def render(self, record) -> SafeString:
        return admitted_cell(ProgressRow.from_annotated(record, year=year, prefix=f"y{year}_"))

    return render


def years_table(years: list[int]) -> type[BaseTable]:
    """A table class with an admitted and a % column for each year shown, side by side."""
    attrs: dict = {
        "short_name": tables.Column(
            verbose_name=_("Tổ chức đảng"), linkify=("dashboard:organisation", {"pk": A("pk")})
        ),
        "parent_name": tables.Column(verbose_name=_("Cấp trên")),
    }
    for year in years:
        attrs[f"y{year}_admitted"] = tables.Column(
            verbose_name=format_html("{} {}", _("Đã kết nạp"), year),
            attrs=NUMERIC,
            empty_values=(),
        )
        attrs[f"y{year}_display_pct"] = tables.Column(
            # Translators: a percent sign, not a format. xgettext:no-python-format
            verbose_name=format_html("{} {}", _("% chỉ tiêu"), year),
            attrs=NUMERIC,
        )

        attrs[f"render_y{year}_admitted"] = _admitted_in(year)
        attrs[f"render_y{year}_display_pct"] = lambda self, value: percent(round(value, 1))
    return type("YearsTable", (BaseTable,), attrs)
