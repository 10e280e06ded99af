"""Excel files: the CSV's header and rows as an .xlsx that opens typed, with no import dialogue.

- openpyxl's write-only mode writes each row to a temporary file as it comes, so the server's
  memory stays bounded whatever the size; the finished file is then sent in 64 KiB chunks.
- Numbers are numbers and dates are dates (`yyyy-mm-dd`, whatever the reader's locale), so the
  spreadsheet sorts and sums them; every other value goes through `csv_export.cell`, the one rule
  against text that a spreadsheet would run as a formula.
- The header is bold and frozen; column widths come from the header and the first rows, since
  write-only mode writes the widths before the first row.

openpyxl costs its time per cell: about 5,000 rows of the progress export's 18 columns a second
on the development machine, so the national organisation × year report (600,000 rows) takes
about two minutes, past gunicorn's default `GUNICORN_TIMEOUT` of 120 s. For exports of that size
the CSV is the format; this holds until the writer is faster than openpyxl's write-only mode.
Excel also stops at 1,048,576 rows a sheet.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, islice
from typing import BinaryIO

from django.http import FileResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .csv_export import cell

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Rows read ahead to size the columns: enough to see typical names, few enough to stay small.
WIDTH_SAMPLE_ROWS = 200
MIN_WIDTH, MAX_WIDTH = 8, 60
# Excel refuses a longer sheet name.
MAX_TITLE = 31
CHUNK_BYTES = 64 * 1024
# A small export's finished file stays in memory; a larger one goes to disk, never all in memory.
SPOOL_BYTES = 1024 * 1024


def xlsx_value(value: object) -> object:
    """One value as the workbook holds it: dates stay dates, the rest as the CSV writes it.

    openpyxl gives a date cell the `yyyy-mm-dd` number format by itself. The exports hold
    `DateField`s only; an aware datetime would have to be made naive first (openpyxl refuses it).
    """
    if isinstance(value, dt.date):
        return value
    value = cell(value)
    if value == "":
        return None  # an empty cell, as the CSV's empty field
    if type(value) is str and ILLEGAL_CHARACTERS_RE.search(value):
        # Control characters from scraped pages: XML cannot hold them, and a CSV reader drops them.
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _width(value: object) -> int:
    if isinstance(value, dt.date):
        return 10
    return len(str(value)) if value is not None else 0


def column_widths(*, header: Sequence[object], sample: Sequence[Sequence[object]]) -> list[int]:
    """Widths (in characters) that fit the header and the sampled rows, within sane bounds."""
    widths = [_width(h) * 1.1 for h in header]  # the header is bold: a little wider
    for row in sample:
        for i, value in enumerate(row[: len(widths)]):
            widths[i] = max(widths[i], _width(value))
    return [min(MAX_WIDTH, max(MIN_WIDTH, round(w) + 2)) for w in widths]


def write_xlsx(
    *, file: BinaryIO | str, title: str, header: Sequence[object], rows: Iterable[Sequence[object]]
) -> None:
    """Write one sheet to `file` (a path or a binary file), reading `rows` once, in order.

    If a row fails, openpyxl's temporary sheet file is left until the process exits (openpyxl
    removes it then).
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:MAX_TITLE])
    values: Iterator[list[object]] = ([xlsx_value(v) for v in row] for row in rows)
    sample = list(islice(values, WIDTH_SAMPLE_ROWS))
    head = [xlsx_value(h) for h in header]
    for i, width in enumerate(column_widths(header=head, sample=sample), start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    head_cells = []
    for h in head:
        head_cell = WriteOnlyCell(sheet, value=h)
        head_cell.font = bold
        head_cells.append(head_cell)
    sheet.append(head_cells)
    for row in chain(sample, values):
        sheet.append(row)
    workbook.save(file)


def stream_xlsx(
    *, name: str, title: str, header: Sequence[object], rows: Iterable[Sequence[object]]
) -> FileResponse:
    """The workbook as a download. It is finished before the first byte is sent (a zip is
    written whole), so the rows are read while the view's language and database routing hold."""
    # Not a `with`: the response closes the file once it is sent.
    file = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
    try:
        write_xlsx(file=file, title=title, header=header, rows=rows)
        file.seek(0)
    except BaseException:
        file.close()
        raise
    response = FileResponse(file, as_attachment=True, filename=name, content_type=CONTENT_TYPE)
    response.block_size = CHUNK_BYTES
    return response
