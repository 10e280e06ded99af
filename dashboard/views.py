"""Dashboard pages: parse the query string, call the selectors, render.

No rule lives here: which figure counts is `recruitment.selectors`, the pace status is
`recruitment.progress`, formatting is Django's localisation (`dashboard_tags`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from recruitment import selectors
from recruitment.models import Article, Level, Organisation
from recruitment.periods import Period
from recruitment.selectors.progress import (
    progress_report_querysets,
    progress_values,
    with_progress_sources,
)

from . import charts, csv_export, csv_sql, export_columns, exports
from .access import dashboard_view
from .filters import (
    ArticleFilter,
    MapFilter,
    OrganisationSearchFilter,
    OrganisationYearFilter,
    ProgressFilter,
    YearsFilter,
)
from .tables import (
    PER_PAGE,
    ArticleTable,
    MapTable,
    MembersTable,
    OrganisationTable,
    PipelineTable,
    ProgressTable,
    SourcedTable,
    TermTable,
    YearlySeriesTable,
    paginate,
    years_table,
)


def _export_urls(name: str, *args: object, query: str = "") -> dict[str, str]:
    """The URL of one export in every format ("Xuất CSV", "Xuất Excel"), with the same query."""
    suffix = f"?{query}" if query else ""
    return {fmt: reverse(f"dashboard:{name}_{fmt}", args=args) + suffix for fmt in exports.FORMATS}


def _with_query(request: HttpRequest, name: str) -> dict[str, str]:
    """An export's URLs carrying the page's own filters, so it exports what is on screen."""
    return _export_urls(name, query=request.GET.urlencode())


def _page_records(table) -> list:
    """The records on the table's current page (django-tables2 pages hold bound rows)."""
    return [row.record for row in table.page.object_list]


def _status(form_valid: bool) -> int:
    return 200 if form_valid else 400


@dashboard_view
def overview(request: HttpRequest) -> HttpResponse:
    """Tổng quan: organisations at a level with their progress in a year, table and chart."""
    filterset = ProgressFilter(request.GET, request=request, queryset=Organisation.objects.none())
    valid = filterset.is_valid()
    params = filterset.params()
    qs = filterset.qs if valid else Organisation.objects.none()
    table = ProgressTable(qs, year=params.year)
    paginate(request, table, per_page=PER_PAGE)
    rows = list(selectors.progress_rows(_page_records(table), year=params.year) if valid else [])
    return render(
        request,
        "dashboard/overview.html",
        {
            "nav": "overview",
            "filter": filterset,
            "params": params,
            "level_label": Level(params.level).label,
            "no_districts_today": params.boundaries == selectors.CURRENT
            and params.level == Level.DISTRICT,
            "table": table,
            "chart": charts.progress_bars(rows),
            "export_urls": _with_query(request, "progress"),
        },
        status=_status(valid),
    )


@dashboard_view
def organisations(request: HttpRequest) -> HttpResponse:
    """Tổ chức đảng: find an organisation by name, level and province."""
    filterset = OrganisationSearchFilter(
        request.GET,
        request=request,
        queryset=selectors.organisations_index(visible_to=request.user),
    )
    valid = filterset.is_valid()
    table = OrganisationTable(filterset.qs if valid else Organisation.objects.none())
    paginate(request, table, per_page=PER_PAGE)
    return render(
        request,
        "dashboard/organisations.html",
        {"nav": "organisations", "filter": filterset, "table": table},
        status=_status(valid),
    )


@dashboard_view
def organisation(request: HttpRequest, pk: int) -> HttpResponse:
    """One organisation: its years, its term, its pipeline, its members, its sub-organisations
    and every figure with the article that gave it."""
    try:
        org = selectors.organisation_detail(pk=pk, visible_to=request.user)
    except Organisation.DoesNotExist as exc:
        raise Http404 from exc
    filterset = OrganisationYearFilter(
        request.GET, request=request, queryset=Organisation.objects.none()
    )
    valid = filterset.is_valid()
    chosen = filterset.cleaned

    series = selectors.organisation_yearly_series(organisation=org)
    term_year = chosen.get("term")
    term = selectors.term_progress(
        organisation=org,
        term=Period.term(int(term_year), int(term_year) + 5) if term_year else None,
    )
    pipeline = selectors.pipeline(organisation=org)
    members = selectors.members_series(organisation=org)
    figures = selectors.figures_with_sources(organisation=org)

    year = chosen.get("year") or (series[-1].year if series else None) or dt.date.today().year
    # A unit the reform created shows its units' years before it existed, as its own series.
    children = ProgressTable(
        selectors.progress_queryset(
            year=year,
            parent=org,
            boundaries=selectors.children_boundaries(org),
            visible_to=request.user,
        ),
        year=year,
        prefix="sub-",
    )
    paginate(request, children, per_page=25)
    child_rows = list(selectors.progress_rows(_page_records(children), year=year))

    return render(
        request,
        "dashboard/organisation.html",
        {
            "nav": "organisations",
            "org": org,
            "ancestors": org.ancestors(),
            "ended": org.valid_until is not None and org.valid_until < dt.date.today(),
            "admin_url": reverse("admin:recruitment_organisation_change", args=[org.pk])
            if request.user.is_staff
            else None,
            "filter": filterset,
            "series_table": YearlySeriesTable(series, orderable=False),
            "series_chart": charts.yearly_series(series) if series else None,
            "term": term,
            "term_table": TermTable(term.points, orderable=False),
            "term_chart": charts.term_chart(term) if term.points or term.target else None,
            "pipeline_table": PipelineTable(pipeline, orderable=False),
            "pipeline_chart": charts.pipeline_chart(pipeline) if pipeline else None,
            "members_table": MembersTable(members, orderable=False),
            "members_chart": charts.members_chart(members) if members else None,
            "year": year,
            "children_table": children,
            "children_chart": charts.progress_bars(child_rows) if child_rows else None,
            "figures_table": SourcedTable(figures, orderable=False),
            "has_conflicts": any(f.conflicting for f in figures),
            "series_export_urls": _export_urls("report", query=f"only={org.pk}"),
            "children_export_urls": _export_urls("progress", query=f"parent={org.pk}&year={year}"),
            "figures_export_urls": _export_urls("figures", org.pk),
            "years_url": reverse("dashboard:years") + f"?organisation={org.pk}",
        },
        status=_status(valid),
    )


def _sorted_year(request: HttpRequest) -> int | None:
    """The year of the years table's column a reader sorts by (`sort=-y2023_display_pct`)."""
    key = request.GET.get("sort", "").lstrip("-")
    year = key[1:5] if key.startswith("y") and key[5:6] == "_" else ""
    return int(year) if year.isdigit() else None


@dashboard_view
def years(request: HttpRequest) -> HttpResponse:
    """Theo năm: admitted and % of target by year, organisations side by side."""
    filterset = YearsFilter(request.GET, request=request, queryset=Organisation.objects.none())
    valid = filterset.is_valid()
    scope = filterset.scope()
    carried = filterset.params().carried
    year_list = filterset.years(selectors.data_years(scope=scope, carried=carried)) if valid else []
    table = years_table(year_list)(
        selectors.years_comparison(
            scope=scope, years=year_list, carried=carried, sort_year=_sorted_year(request)
        )
        if valid
        else scope.none(),
        order_by=("short_name",),
    )
    paginate(request, table, per_page=25)
    page = selectors.with_years(_page_records(table), years=year_list, carried=carried)
    return render(
        request,
        "dashboard/years.html",
        {
            "nav": "years",
            "filter": filterset,
            "params": filterset.params(),
            "years": year_list,
            "table": table,
            "chart": charts.years_chart(
                [o.short_name for o in page],
                year_list,
                [selectors.year_rows(o, years=year_list) for o in page],
            ),
            "export_urls": _with_query(request, "report"),
        },
        status=_status(valid),
    )


@dashboard_view
def articles(request: HttpRequest) -> HttpResponse:
    """Bài viết / Nguồn: the imported articles and how many accepted figures each gave."""
    filterset = ArticleFilter(
        request.GET, request=request, queryset=selectors.articles_list(visible_to=request.user)
    )
    valid = filterset.is_valid()
    table = ArticleTable(filterset.qs if valid else Article.objects.none())
    paginate(request, table, per_page=PER_PAGE)
    return render(
        request,
        "dashboard/articles.html",
        {
            "nav": "articles",
            "filter": filterset,
            "table": table,
            "export_urls": _with_query(request, "articles"),
        },
        status=_status(valid),
    )


@dashboard_view
def article(request: HttpRequest, pk: int) -> HttpResponse:
    """One article with each accepted figure highlighted and linked to its organisation."""
    try:
        art = selectors.article_detail(pk=pk, visible_to=request.user)
    except Article.DoesNotExist as exc:
        raise Http404 from exc
    pieces, figures = selectors.article_highlights(article=art, visible_to=request.user)
    return render(
        request,
        "dashboard/article.html",
        {"nav": "articles", "article": art, "pieces": pieces, "figures": figures},
    )


@dashboard_view
def map_view(request: HttpRequest) -> HttpResponse:
    """Bản đồ: provinces (or one province's districts / communes) at their coordinates."""
    filterset = MapFilter(request.GET, request=request, queryset=Organisation.objects.none())
    valid = filterset.is_valid()
    params = filterset.params()
    rows = (
        selectors.map_points(
            year=params.year,
            province=params.province,
            level=params.level,
            boundaries=params.boundaries,
            visible_to=request.user,
        )
        if valid and params.year
        else []
    )
    table = MapTable(rows)
    paginate(request, table, per_page=100)
    return render(
        request,
        "dashboard/map.html",
        {
            "nav": "map",
            "filter": filterset,
            "params": params,
            "table": table,
            "chart": charts.map_bubbles(rows),
            "unplaced": [r for r in rows if r.latitude is None or r.longitude is None],
            "export_urls": _export_urls(
                "progress",
                query=urlencode(
                    {
                        "year": params.year or "",
                        "level": params.level,
                        "province": params.province.pk if params.province else "",
                        "boundaries": params.boundaries,
                    }
                ),
            ),
        },
        status=_status(valid),
    )


# --- Exports (CSV and Excel: `exports.export_response`) ---------------------------------------

# The overview's sortable columns, for exporting in the order the table shows.
PROGRESS_SORTS = {
    "short_name": "short_name",
    "parent_name": "parent_name",
    "target": "target",
    "admitted": "admitted",
    "pct": "display_pct",
    "status": "display_pct",
    "as_of": "as_of",
}


def _progress_file(
    *,
    fmt: exports.Format,
    name: tuple[object, ...],
    title: str,
    rows: Iterable[selectors.ProgressRow],
    sql: Iterable[csv_sql.SqlRows] | None,
) -> HttpResponse:
    """Progress rows as a file: the overview's and the years report's columns are the same."""
    return exports.export_response(
        fmt=fmt,
        name=name,
        title=title,
        header=export_columns.progress_header(),
        rows=export_columns.progress_lines(rows=rows),
        sql=sql,
    )


def _bad_request(filterset) -> HttpResponse:
    return HttpResponseBadRequest(
        "\n".join(f"{field}: {' '.join(errors)}" for field, errors in filterset.errors.items()),
        content_type="text/plain; charset=utf-8",
    )


@dashboard_view
def progress_export(request: HttpRequest, *, fmt: exports.Format) -> HttpResponse:
    """The overview (or map, or sub-organisations) table as a file: same filters, every page."""
    filterset = ProgressFilter(request.GET, request=request, queryset=Organisation.objects.none())
    if not filterset.is_valid():
        return _bad_request(filterset)
    p = filterset.params()
    if p.year is None:
        # Nothing reported yet, anywhere the reader sees: the columns and no row.
        return _progress_file(
            fmt=fmt, name=("tien-do-ket-nap",), title=_("Tiến độ kết nạp"), rows=[], sql=None
        )
    qs = filterset.qs
    name = (
        "tien-do-ket-nap",
        p.year,
        p.parent.short_name if p.parent else csv_export.LEVEL_SLUGS[p.level],
        p.province.short_name if p.province and not p.parent else None,
    )
    sort = request.GET.get("sort", "")
    if sort.lstrip("-") in PROGRESS_SORTS:
        field = PROGRESS_SORTS[sort.lstrip("-")]
        qs = qs.order_by(f"-{field}" if sort.startswith("-") else field, "pk")
    level = None if p.parent else p.level
    rows = selectors.stream_progress_rows(
        qs, year=p.year, level=level, parent=p.parent, boundaries=p.boundaries
    )
    carried = selectors.carries(boundaries=p.boundaries, level=level, parent=p.parent)
    values = progress_values(queryset=with_progress_sources(qs), carried=carried)
    sql = [export_columns.progress_cells(values=values, year=p.year, carried=carried)]
    return _progress_file(fmt=fmt, name=name, title=_("Tiến độ kết nạp"), rows=rows, sql=sql)


@dashboard_view
def report_export(request: HttpRequest, *, fmt: exports.Format) -> HttpResponse:
    """Organisation × year report (the years page, an organisation's years)."""
    filterset = YearsFilter(request.GET, request=request, queryset=Organisation.objects.none())
    if not filterset.is_valid():
        return _bad_request(filterset)
    params = filterset.params()
    scope = filterset.scope()
    year_list = filterset.years(selectors.data_years(scope=scope, carried=params.carried))
    subject = params.only or params.organisation
    span = f"{year_list[0]}-{year_list[-1]}" if year_list else None
    name = (
        "bao-cao-tien-do",
        subject.short_name if subject else csv_export.LEVEL_SLUGS[params.level],
        params.province.short_name if params.province and not subject else None,
        span,
    )
    carried = params.carried
    rows = selectors.progress_report(scope=scope, years=year_list, carried=carried)
    sql = (
        export_columns.progress_cells(
            values=progress_values(queryset=qs, carried=carried), year=year, carried=carried
        )
        for year, qs in progress_report_querysets(scope=scope, years=year_list, carried=carried)
    )
    return _progress_file(fmt=fmt, name=name, title=_("Báo cáo tiến độ"), rows=rows, sql=sql)


@dashboard_view
def figures_export(request: HttpRequest, pk: int, *, fmt: exports.Format) -> HttpResponse:
    """Every accepted figure and target of one organisation, with its source and quote."""
    try:
        org = selectors.organisation_detail(pk=pk, visible_to=request.user)
    except Organisation.DoesNotExist as exc:
        raise Http404 from exc
    values = selectors.figures_with_sources(organisation=org)
    header = [
        _("Tổ chức đảng"),
        _("Số liệu"),
        _("Kỳ / Thời gian"),
        _("Từ ngày"),
        _("Đến ngày"),
        _("Giá trị"),
        _("Xấp xỉ"),
        _("Các nguồn ghi khác nhau"),
        _("Nguồn"),
        _("Địa chỉ"),
        _("Trích dẫn"),
    ]
    rows = (
        [
            org.name,
            v.metric_label,
            v.period.label,
            v.period.start,
            v.period.end,
            v.value,
            v.approximate,
            v.conflicting,
            v.source_title,
            v.source_url,
            v.quote,
        ]
        for v in values
    )
    return exports.export_response(
        fmt=fmt,
        name=("so-lieu", org.short_name, dt.date.today().isoformat()),
        title=_("Số liệu và nguồn"),
        header=header,
        rows=rows,
    )


@dashboard_view
def articles_export(request: HttpRequest, *, fmt: exports.Format) -> HttpResponse:
    """The articles list as a file, with the same search."""
    filterset = ArticleFilter(
        request.GET, request=request, queryset=selectors.articles_list(visible_to=request.user)
    )
    if not filterset.is_valid():
        return _bad_request(filterset)
    return exports.export_response(
        fmt=fmt,
        name=("bai-viet", dt.date.today().isoformat()),
        title=_("Bài viết đã nhập"),
        header=export_columns.article_header(),
        rows=export_columns.article_lines(articles=filterset.qs),
        sql=[export_columns.article_cells(articles=filterset.qs)],
    )
