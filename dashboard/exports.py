"""One export, every format: a view produces its header and rows once, the format picks the writer.

"Xuất CSV" and "Xuất Excel" of a table are the same view under two URLs (`urls_dashboard`), so
their filters, scoping, columns and file names cannot drift apart. An export that also gives its
rows as SQL (`sql`) has its CSV written by the database (`csv_sql`), the same bytes as the Python
rows would give, many times faster; the Excel file is always written from the Python rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

from django.http import HttpResponse

from . import csv_export, csv_sql, xlsx_export

Format = Literal["csv", "xlsx"]
FORMATS: tuple[Format, ...] = ("csv", "xlsx")


def export_response(
    *,
    fmt: Format,
    name: Sequence[object],
    title: str,
    header: Sequence[object],
    rows: Iterable[Sequence[object]],
    sql: Iterable[csv_sql.SqlRows] | None = None,
) -> HttpResponse:
    """The download in `fmt`; `name` holds the parts of the file name (`csv_export.filename`),
    `title` names the sheet of an Excel file. `rows` and `sql` are read only by the writer that
    needs them, so each can be lazy."""
    filename = csv_export.filename(*name, extension=fmt)
    if fmt == "xlsx":
        return xlsx_export.stream_xlsx(name=filename, title=title, header=header, rows=rows)
    if sql is not None:
        return csv_sql.stream_sql_csv(name=filename, header=header, parts=sql)
    return csv_export.stream_csv(name=filename, header=header, rows=rows)
