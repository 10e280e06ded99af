"""One export, every format: a view produces its header and rows once, the format picks the writer.

"Xuất CSV" and "Xuất Excel" of a table are the same view under two URLs (`urls_dashboard`), so
their filters, scoping, columns and file names cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

from django.http import HttpResponse

from . import csv_export, xlsx_export

Format = Literal["csv", "xlsx"]
FORMATS: tuple[Format, ...] = ("csv", "xlsx")


def export_response(
    *,
    fmt: Format,
    name: Sequence[object],
    title: str,
    header: Sequence[object],
    rows: Iterable[Sequence[object]],
) -> HttpResponse:
    """The download in `fmt`; `name` holds the parts of the file name (`csv_export.filename`),
    `title` names the sheet of an Excel file."""
    filename = csv_export.filename(*name, extension=fmt)
    if fmt == "xlsx":
        return xlsx_export.stream_xlsx(name=filename, title=title, header=header, rows=rows)
    return csv_export.stream_csv(name=filename, header=header, rows=rows)
