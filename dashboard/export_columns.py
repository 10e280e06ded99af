"""The columns of the exports the database writes, each written two ways with the same result.

- The progress exports (the overview's, and the organisation × year report): 18 columns, a
  `selectors.ProgressRow` per line. Which value a row shows — its own report, its
  sub-organisations' sum (`from_sum`), or what the units it replaced reported
  (`from_predecessors`) — is `ProgressRow.from_annotated`; `_shown` is its SQL twin.
- The articles list.

`*_lines` write Python rows (the Excel file reads them; the CSV did before), `*_cells` ask the
database for the same cells (the CSV, `csv_sql`). tests/dashboard/test_dash_csv_sql.py compares
the two files byte for byte, on rows of every kind, on both databases.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from recruitment.models import Article, Level
from recruitment.periods import Period
from recruitment.progress import PaceStatus
from recruitment.selectors.progress import ProgressRow

from .csv_export import cell
from .csv_sql import Column, Dialect, SqlRows, literal

# Between the articles a row's figures came from.
SOURCES_SEPARATOR = " ; "


def progress_header() -> list[str]:
    return [
        _("Tổ chức đảng"),
        _("Cấp"),
        _("Cấp trên"),
        _("Năm"),
        _("Chỉ tiêu kết nạp"),
        _("Chỉ tiêu suy ra"),
        _("Đã kết nạp"),
        # Translators: a percent sign, not a format. xgettext:no-python-format
        _("Tỷ lệ đạt (% chỉ tiêu)"),
        _("Số liệu đến ngày"),
        _("Tiến độ"),
        _("Nguồn"),
        _("Đã kết nạp theo báo cáo của tổ chức"),
        _("Cộng từ tổ chức trực thuộc"),
        _("Số tổ chức trực thuộc báo cáo"),
        _("Số tổ chức trực thuộc"),
        _("Số đơn vị trước sắp xếp báo cáo"),
        _("Số đơn vị trước sắp xếp"),
        _("Ước tính theo tỷ lệ"),
    ]


def progress_lines(*, rows: Iterable[ProgressRow]) -> Iterator[list[object]]:
    """One line per progress row; each level and status translated once, not once per row."""
    levels: dict[str, str] = {}
    statuses: dict[object, str] = {}
    for row in rows:
        level = levels.get(row.level)
        if level is None:
            level = levels[row.level] = str(row.level_label)
        status = row.status
        status_label = statuses.get(status)
        if status_label is None:
            status_label = statuses[status] = str(status.label)
        yield [
            row.name,
            level,
            row.parent_name,
            row.year,
            row.target,
            row.target_derived if row.target is not None else None,
            row.admitted,
            row.percent_of_target,
            row.as_of,
            status_label,
            SOURCES_SEPARATOR.join(row.sources),
            row.reported_admitted,
            row.sum_admitted,
            row.children_reporting if row.sum_admitted is not None else None,
            row.children_in_force or None,
            row.predecessors_reporting if row.from_predecessors else None,
            row.predecessors if row.from_predecessors else None,
            row.approximate if row.from_predecessors else None,
        ]


def _shown(d: Dialect, c: Column, *, carried: bool) -> dict[str, str]:
    """`ProgressRow.from_annotated` in SQL: the target, count, date and % a row shows, and
    where they come from, over the columns of `selectors.progress_values`."""
    reported, summed, own_pct = c("admitted"), c("sum_admitted"), c("pct")
    from_sum = f"({reported} IS NULL AND {own_pct} IS NULL AND {summed} IS NOT NULL)"
    from_predecessors = (
        f"({reported} IS NULL AND {own_pct} IS NULL AND {summed} IS NULL "
        f"AND COALESCE({c('pred_reporting')}, 0) > 0)"
    )

    def carried_as(value: str) -> str:
        return f"WHEN {from_predecessors} THEN {value} " if carried else ""

    admitted_src, pct_src = c("admitted_src"), c("pct_src")
    return {
        **({"x_from_predecessors": d.flag(from_predecessors)} if carried else {}),
        "x_target": (
            f"CASE {carried_as(d.whole(c('pred_target')))}"
            f"WHEN {from_sum} AND {c('target')} IS NULL THEN {c('sum_target')} "
            f"ELSE {c('target')} END"
        ),
        "x_admitted": (
            f"CASE {carried_as(d.whole(c('pred_admitted')))}"
            f"WHEN {from_sum} THEN {summed} ELSE {reported} END"
        ),
        "x_as_of": (
            f"CASE {carried_as(c('pred_as_of'))}"
            f"WHEN {from_sum} THEN {c('sum_as_of')} ELSE {c('as_of')} END"
        ),
        "x_tenths": d.tenths(c("display_pct")),
        # The distinct non-empty sources, the count's first (`from_annotated`).
        "x_sources": (
            f"CASE WHEN {admitted_src} IS NULL OR {admitted_src} = '' THEN {pct_src} "
            f"WHEN {pct_src} IS NULL OR {pct_src} = '' OR {pct_src} = {admitted_src} "
            f"THEN {admitted_src} "
            f"ELSE {admitted_src} || {literal(SOURCES_SEPARATOR)} || {pct_src} END"
        ),
    }


def _cells(d: Dialect, c: Column, *, year: int, carried: bool) -> list[str]:
    """`progress_lines` in SQL, over `_shown`'s values."""
    from_predecessors = f"{c('x_from_predecessors')} = 1"
    target = c("x_target")
    statuses = {status: str(cell(str(status.label))) for status in PaceStatus}

    def if_carried(value: str) -> str:
        return f"CASE WHEN {from_predecessors} THEN {value} END" if carried else "NULL"

    return [
        d.text(c("name")),
        d.choice(c("level"), {value: str(label) for value, label in Level.choices}),
        d.text(c("parent_name")),
        str(year),
        d.number(target),
        f"CASE WHEN {target} IS NULL THEN NULL "
        f"WHEN {c('target_derived')} AND {c('target')} IS NOT NULL THEN 1 ELSE 0 END",
        d.number(c("x_admitted")),
        d.tenths_text(c("x_tenths")),
        d.date(c("x_as_of")),
        d.pace_status(
            c("x_tenths"),
            elapsed=d.elapsed_share(c("x_as_of"), period=Period.year(year)),
            labels=statuses,
        ),
        d.text(c("x_sources")),
        d.number(c("admitted")),
        d.number(c("sum_admitted")),
        f"CASE WHEN {c('sum_admitted')} IS NOT NULL "
        f"THEN COALESCE({c('children_reporting')}, 0) END",
        f"NULLIF(COALESCE({c('children_in_force')}, 0), 0)",
        if_carried(f"COALESCE({c('pred_reporting')}, 0)"),
        if_carried(f"COALESCE({c('pred_count')}, 0)"),
        if_carried(d.flag(f"COALESCE({c('pred_approximate')}, 0) > 0")),
    ]


def progress_cells(*, values: QuerySet, year: int, carried: bool) -> SqlRows:
    """The CSV lines of a `selectors.progress_values` query of `year`, written by the database."""
    return SqlRows(
        queryset=values,
        derived=lambda d, c: _shown(d, c, carried=carried),
        cells=lambda d, c: _cells(d, c, year=year, carried=carried),
    )


def article_header() -> list[str]:
    return [_("Tiêu đề"), _("Nơi đăng"), _("Ngày đăng"), _("Địa chỉ"), _("Số liệu đã duyệt")]


def article_lines(*, articles: QuerySet[Article]) -> Iterator[list[object]]:
    """One line per article of an `articles_list` query."""
    for a in articles.only("id", "title", "publisher", "published", "url").iterator(
        chunk_size=2000
    ):
        yield [str(a), a.publisher, a.published, a.url, a.n_figures]


def _untitled(d: Dialect, article_id: str) -> str:
    """`Article.__str__` of an article without a title ("Bài viết #12"), in the active
    language: its text around the id, taken from the model so the wording stays there."""
    marker = "\0"
    before, after = str(Article(pk=marker, title="")).split(marker)
    return f"{literal(before)} || CAST({article_id} AS text) || {literal(after)}"


def article_cells(*, articles: QuerySet[Article]) -> SqlRows:
    """`article_lines`, written by the database."""
    values = articles.values("id", "title", "publisher", "published", "url", "n_figures")

    def cells(d: Dialect, c: Column) -> list[str]:
        title = f"CASE WHEN {c('title')} = '' THEN {_untitled(d, c('id'))} ELSE {c('title')} END"
        return [
            d.text(title),
            d.text(c("publisher")),
            d.date(c("published")),
            d.text(c("url")),
            c("n_figures"),
        ]

    return SqlRows(queryset=values, cells=cells)
