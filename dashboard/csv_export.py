"""Streaming CSV: what a table shows, as a file for Excel.

- Streamed row by row from `.iterator()` so a national export never sits in memory.
- UTF-8 with a BOM, or Excel on Windows reads the tone marks as mojibake.
- Headers in the active language; numbers plain (`1455`, `85.6`) and dates ISO so spreadsheets
  compute with them whatever their locale.
- A text cell starting with = + - @ (or tab / CR) gets a leading `'`: article text and names are
  outside input, and a spreadsheet would otherwise run them as formulas (CSV injection).
- File names ASCII without tone marks, saying what and when: `tien-do-ket-nap_2023_cap-huyen.csv`.

The progress exports, the organisation × year report and the articles list are written by the
database instead, to the same bytes (`csv_sql`, many times faster). This path writes the rest —
an organisation's figures and sources, whose periods are named in localised words
(`Period.label`), a few hundred rows at most — and is what the database's files are tested
against.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from itertools import islice

from django.http import StreamingHttpResponse
from django.utils.translation import get_language, override

from recruitment.extraction.folding import fold
from recruitment.models import Level

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LEVEL_SLUGS = {
    Level.PROVINCE: "cap-tinh",
    Level.DISTRICT: "cap-huyen",
    Level.COMMUNE: "cap-xa",
    Level.GRASSROOTS: "cap-co-so",
    Level.CELL: "chi-bo",
}


def cell(value: object) -> str | int | float:
    """One value as the CSV shows it: plain numbers, ISO dates, neutralised text."""
    if value is None:
        return ""
    kind = type(value)
    if kind is str:  # the common case first: an export calls this for every cell
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    if kind is int:
        return value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


# Rows written per chunk of the response: one chunk per row made the response machinery (and
# the language switch below) cost more than the rows themselves.
ROWS_PER_CHUNK = 1000


def csv_lines(
    header: Sequence[object], rows: Iterable[Sequence[object]], rows_per_chunk: int = ROWS_PER_CHUNK
) -> Iterator[str]:
    """The BOM and header, then the rows in chunks; translations in the language of the request.

    The response is consumed after the view returns, so the language is pinned around every
    chunk rather than trusted to still be active.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def take() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    language = get_language()
    with override(language):
        writer.writerow([cell(h) for h in header])
    yield BOM + take()
    iterator = iter(rows)
    while True:
        with override(language):
            chunk = list(islice(iterator, rows_per_chunk))
            writer.writerows([cell(v) for v in row] for row in chunk)
        if not chunk:
            return
        yield take()


def ascii_slug(text: str) -> str:
    """'Khánh Hòa' → 'khanh-hoa' (Đ/đ become d, as people type them)."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def filename(*parts: object, extension: str = "csv") -> str:
    """The parts that say what and when, slugged and joined; the same stem for every format."""
    return "_".join(ascii_slug(str(p)) for p in parts if p not in (None, "")) + f".{extension}"


def stream_csv(
    *, name: str, header: Sequence[object], rows: Iterable[Sequence[object]]
) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        csv_lines(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
