"""CSV written by the database: the big exports at the database's speed.

`csv_export.csv_lines` turns every cell into text in Python: 20,000–36,000 rows a second, so the
national organisation × year report (600,000 rows) took half a minute. Here the SELECT itself
returns each cell as `csv_export.cell` would write it, and:

- on PostgreSQL, `COPY (SELECT …) TO STDOUT WITH (FORMAT csv)` through psycopg 3 writes the CSV
  in the server; this process only forwards the bytes, in chunks of about 64 KiB;
- on SQLite, the same SELECT is read from a raw cursor in `fetchmany` batches, each written by
  one `csv.writer.writerows` call.

The BOM and the header (in the active language) are written in Python, by the same writer as the
Python path: a column name in SQL is cut at 63 bytes, which a translated header can exceed.

The cell rules, in SQL (`Dialect`): text starting with one of `csv_export.FORMULA_STARTS` gets a
leading `'`, an empty text is an empty field; numbers are plain, integers without decimals and
decimals without trailing zeros; dates ISO; a flag 1 or 0. COPY ends lines with LF where
`csv.writer` (and the Python path) writes CRLF: `_crlf` turns every LF outside quotes into CRLF,
so both paths give the same bytes (tests/dashboard/test_dash_csv_sql.py compares them export by
export, on both databases).

The rows are read when the response is sent, after the view has returned, as the Python path
reads them: on the connection `queryset.db` names then (the primary, `db_router`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import select
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import psycopg
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils.translation import get_language, override
from psycopg.pq import ExecStatus

from recruitment.periods import Period
from recruitment.progress import PACE_OTHERWISE, PACE_STEPS, PaceStatus

from .csv_export import BOM, FORMULA_STARTS, cell

# Bytes sent to the client per chunk: COPY returns one row at a time, and a response chunk per
# row would cost more than the row.
CHUNK_BYTES = 64 * 1024
# Rows per `fetchmany` on SQLite, written by one `writerows` call: as fast as 5,000, whose
# batch (Python values, then its CSV text) raised a worker's peak memory by 21 MB, not 4.
FETCH_ROWS = 1000
# 2**57: the fraction of a float of at least 2**-5 times this is a whole number (its last bit is
# worth 2**-57 or more), so `Dialect.tenths` can round it in integer arithmetic, exactly.
_SCALE = 2**57
_SMALLEST = 2**-5


# Every statement here runs with parameters (format style): a `%` of the SQL itself, the modulo
# operator included, is written `%%`.


def literal(text: str) -> str:
    """A SQL string literal, its `%` doubled."""
    return "'" + text.replace("'", "''").replace("%", "%%") + "'"


@dataclass(frozen=True)
class Dialect:
    """`csv_export.cell`'s rules as SQL for one database. Every method takes and returns a SQL
    expression; an empty result is NULL (COPY would quote an empty string)."""

    vendor: str

    @property
    def postgres(self) -> bool:
        return self.vendor == "postgresql"

    def text(self, expr: str) -> str:
        """Text as `cell` writes it: a formula start neutralised with a leading `'`."""
        first = "ascii" if self.postgres else "unicode"
        starts = ", ".join(str(ord(c)) for c in FORMULA_STARTS)
        return (
            f"CASE WHEN {first}({expr}) IN ({starts}) THEN '''' || {expr} "
            f"ELSE NULLIF({expr}, '') END"
        )

    def number(self, expr: str) -> str:
        """A decimal as `cell` writes it: 207.00 → 207, 85.60 → 85.6 (float's shortest text of
        a value with at most 15 digits is the value itself)."""
        if self.postgres:
            return f"trim_scale({expr})"
        # SQLite keeps a whole decimal as an integer already; a whole REAL is made one.
        whole = f"CAST({expr} AS bigint)"
        return f"CASE WHEN {expr} = {whole} THEN {whole} ELSE {expr} END"

    def date(self, expr: str) -> str:
        """ISO, whatever the server's DateStyle (SQLite stores dates as ISO text)."""
        return f"to_char({expr}, 'YYYY-MM-DD')" if self.postgres else expr

    def flag(self, expr: str) -> str:
        return f"CASE WHEN {expr} THEN 1 ELSE 0 END"

    def choice(self, expr: str, labels: dict[str, str]) -> str:
        """A stored value shown by its label (already in the active language), else as text."""
        whens = " ".join(
            f"WHEN {literal(value)} THEN {literal(str(cell(label)))}"
            for value, label in labels.items()
        )
        return f"CASE {expr} {whens} ELSE {self.text(expr)} END"

    def _floor(self, expr: str) -> str:
        """floor() of a non-negative float, as a float (SQLite: CAST truncates, no math
        functions needed)."""
        return f"floor({expr})" if self.postgres else f"CAST(CAST({expr} AS bigint) AS REAL)"

    def whole(self, expr: str) -> str:
        """`selectors.progress._whole`: a float to the nearest integer, halves away from zero.

        The fraction `x - floor(x)` of a float is exact, so comparing it with 0.5 decides as
        the decimal text would; `floor(x + 0.5)` would round 0.49999999999999994 up.
        """

        def positive(x: str) -> str:
            whole = self._floor(x)
            return f"(CAST({whole} AS bigint) + CASE WHEN {x} - {whole} >= 0.5 THEN 1 ELSE 0 END)"

        return (
            f"CASE WHEN {expr} < 0 THEN 0 - {positive(f'(0 - {expr})')} "
            f"WHEN {expr} >= 0 THEN {positive(expr)} END"
        )

    def tenths(self, expr: str) -> str:
        """`round(x, 1) * 10` of a float as an exact integer: Python's rounding, on the float's
        exact binary value, halves to even (round(1.45, 1) is 1.4, since 1.45 is stored as
        1.4499999999999999556). SQL's round() of the decimal text gives 1.5.

        A float of at least 2**-5 has its fraction exact in 57 bits: scaled by 2**57 it is an
        integer, and the tenths are an integer division with its remainder. Anything smaller
        rounds to 0. Exact up to 2**59 (a percentage no stored ratio reaches).
        """

        def positive(x: str) -> str:
            whole = self._floor(x)
            bits = f"CAST(({x} - {whole}) * CAST({_SCALE} AS double precision) AS bigint)"
            tenth = f"({bits} * 10 / {_SCALE})"
            rest = f"({bits} * 10 %% {_SCALE})"
            base = f"(CAST({whole} AS bigint) * 10 + {tenth})"
            return (
                f"({base} + CASE WHEN 2 * {rest} > {_SCALE} "
                f"OR (2 * {rest} = {_SCALE} AND {base} %% 2 = 1) THEN 1 ELSE 0 END)"
            )

        return (
            f"CASE WHEN abs({expr}) < {_SMALLEST!r} THEN 0 "
            f"WHEN {expr} < 0 THEN 0 - {positive(f'(0 - {expr})')} "
            f"WHEN {expr} > 0 THEN {positive(expr)} END"
        )

    def tenths_text(self, tenths: str) -> str:
        """Tenths as `cell` writes round(x, 1): 1030 → 103, 856 → 85.6, -5 → -0.5."""
        return (
            f"CASE WHEN {tenths} %% 10 = 0 THEN CAST({tenths} / 10 AS text) "
            f"ELSE CASE WHEN {tenths} < 0 THEN '-' ELSE '' END "
            f"|| CAST(abs({tenths}) / 10 AS text) || '.' || CAST(abs({tenths}) %% 10 AS text) END"
        )

    def _day(self, day: dt.date) -> str:
        return f"DATE '{day.isoformat()}'" if self.postgres else f"'{day.isoformat()}'"

    def elapsed_share(self, expr: str, *, period: Period) -> str:
        """`Period.elapsed_share` at the date `expr`, as a float; 1.0 when there is no date (the
        pace rule's default)."""
        if self.postgres:
            days = f"({expr} - {self._day(period.start)})"
        else:
            days = f"CAST(julianday({expr}) - julianday({self._day(period.start)}) AS bigint)"
        return (
            f"CASE WHEN {expr} IS NULL THEN 1.0 "
            f"WHEN {expr} <= {self._day(period.start)} THEN 0.0 "
            f"WHEN {expr} >= {self._day(period.end)} THEN 1.0 "
            f"ELSE CAST({days} + 1 AS double precision) / {period.days} END"
        )

    def pace_status(self, tenths: str, *, elapsed: str, labels: dict[PaceStatus, str]) -> str:
        """`recruitment.progress.pace_status` of round(x, 1) given as tenths, generated from
        its table `PACE_STEPS`; `labels` in the active language."""
        reached = f"(CAST({tenths} AS double precision) / 10 / 100)"
        whens = []
        for step in PACE_STEPS:
            factor = f"CAST({step.factor!r} AS double precision)"
            bar = f"{factor} * ({elapsed})" if step.of_elapsed else factor
            test = f"{reached} < {bar}" if step.below else f"{reached} >= {bar}"
            whens.append(f"WHEN {test} THEN {literal(labels[step.status])}")
        return (
            f"CASE WHEN {tenths} IS NULL THEN {literal(labels[PaceStatus.NO_TARGET])} "
            f"{' '.join(whens)} ELSE {literal(labels[PACE_OTHERWISE])} END"
        )


# A column of the rows' query (or a derived value) by name, as SQL.
Column = Callable[[str], str]
# The cells of one row, as SQL over those columns.
Cells = Callable[[Dialect, Column], Sequence[str]]
# Values several cells read, by name, as SQL over the query's columns.
Derived = Callable[[Dialect, Column], dict[str, str]]


@dataclass(frozen=True)
class SqlRows:
    """One SELECT of an export: the rows of `queryset` (a `.values()`), each written as `cells`
    gives it, after the `derived` values are computed once per row. The SQL is built when the
    rows are read, in the language of the request."""

    queryset: QuerySet
    cells: Cells
    derived: Derived | None = None

    def statement(self) -> tuple[str, str, list]:
        """The connection alias, the SELECT of the cells and its parameters."""
        alias = self.queryset.db
        connection = connections[alias]
        dialect = Dialect(connection.vendor)
        quote = connection.ops.quote_name
        compiler = self.queryset.query.get_compiler(using=alias)
        inner, params = compiler.as_sql()
        names = [name for _, _, name in compiler.select]
        # The CTE names the columns by position, whatever the inner SELECT calls them; its ORDER
        # BY is kept (a sorted subquery is not flattened into the outer one).
        sql = f"WITH r ({', '.join(quote(n) for n in names)}) AS ({inner}) "
        source = "r"
        if self.derived is not None:
            values = self.derived(dialect, lambda name: f"r.{quote(name)}")
            if clash := set(values) & set(names):
                raise ValueError(f"derived values named like columns: {sorted(clash)}")
            # OFFSET keeps the database from folding this SELECT into the outer one, which would
            # copy each derived expression into every cell that reads it.
            fence = "OFFSET 0" if dialect.postgres else "LIMIT -1 OFFSET 0"
            selected = ", ".join(f"{expr} AS {quote(name)}" for name, expr in values.items())
            source = f"(SELECT r.*, {selected} FROM r {fence}) AS s"
        prefix = "s" if self.derived is not None else "r"
        cells = self.cells(dialect, lambda name: f"{prefix}.{quote(name)}")
        return alias, sql + f"SELECT {', '.join(cells)} FROM {source}", list(params)


def _crlf(blocks: Iterable[bytes]) -> Iterator[bytes]:
    """COPY's lines end with LF; `csv.writer`'s with CRLF. A LF inside a quoted field is data
    and stays as it is: quotes toggle inside / outside (a doubled quote toggles twice)."""
    quoted = False
    for block in blocks:
        if b'"' not in block:
            yield block if quoted else block.replace(b"\n", b"\r\n")
            continue
        parts = block.split(b'"')
        first = 1 if quoted else 0
        parts[first::2] = [part.replace(b"\n", b"\r\n") for part in parts[first::2]]
        quoted = quoted != ((len(parts) - 1) % 2 == 1)
        yield b'"'.join(parts)


def _result(pgconn, expected: ExecStatus) -> None:
    """Read the statement's results up to `expected` (COPY_OUT: the COPY has started) or to the
    end; an error becomes the driver's exception once the results are drained, so the
    connection can take the next statement."""
    error = None
    while (result := pgconn.get_result()) is not None:
        if result.status == expected == ExecStatus.COPY_OUT:
            return
        if result.status != expected and error is None:
            error = (result.error_message or pgconn.error_message).decode(errors="replace")
    if error is not None:
        raise psycopg.DatabaseError(error.strip())


def _copy_blocks(alias: str, sql: str, params: list) -> Iterator[bytes]:
    """The COPY's CSV in chunks of about CHUNK_BYTES, read from libpq directly.

    psycopg's `Copy` hands out one row per call through its generic wait loop: about 1.6 µs a
    row here, as much as the server takes to write it. `Connection.pgconn` (psycopg's public
    libpq wrapper) gives the same rows at half the cost; the socket is waited on with
    `select`, which lets other threads run. Leaving early (the client went away) cancels the
    COPY and drains it, so the connection stays usable. With DEBUG the statement is logged as
    Django logs its queries.
    """
    connection = connections[alias]
    connection.ensure_connection()
    statement = connection.ops.compose_sql(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)", params)
    pgconn = connection.connection.pgconn
    started = time.monotonic()
    copied = completed = False
    with connection.wrap_database_errors:
        pgconn.send_query(statement.encode())
        _result(pgconn, ExecStatus.COPY_OUT)
        try:
            parts: list[bytes] = []
            size = 0
            while True:
                nbytes, row = pgconn.get_copy_data(1)
                if nbytes > 0:
                    parts.append(row)
                    size += nbytes
                    if size >= CHUNK_BYTES:
                        yield b"".join(parts)
                        parts.clear()
                        size = 0
                elif nbytes == 0:
                    select.select([pgconn.socket], [], [])
                    pgconn.consume_input()
                else:  # -1: the end; -2: an error, which the result below reports
                    break
            copied = True
            if parts:
                yield b"".join(parts)
            completed = True
        finally:
            if not copied:
                connection.connection.cancel_safe()
                while pgconn.get_copy_data(0)[0] > 0:
                    pass
            if not completed:
                while pgconn.get_result() is not None:
                    pass
        _result(pgconn, ExecStatus.COMMAND_OK)
    if connection.queries_logged:
        elapsed = time.monotonic() - started
        connection.queries_log.append({"sql": statement, "time": f"{elapsed:.3f}"})


def _fetched_lines(alias: str, sql: str, params: list) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(FETCH_ROWS):
            writer.writerows(rows)
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()


def sql_csv_lines(*, header: Sequence[object], parts: Iterable[SqlRows]) -> Iterator[str | bytes]:
    """The BOM and header as `csv_export.csv_lines` writes them, then each part's rows."""
    language = get_language()
    buffer = io.StringIO()
    with override(language):
        csv.writer(buffer).writerow([cell(h) for h in header])
    yield BOM + buffer.getvalue()
    for part in parts:
        with override(language):
            try:
                alias, sql, params = part.statement()
            except EmptyResultSet:
                # Django proved the rows are none and writes no SQL for them (a reader who sees
                # nothing filters by an empty `pk IN ()`): the file is the header alone.
                continue
        if connections[alias].vendor == "postgresql":
            yield from _crlf(_copy_blocks(alias, sql, params))
        else:
            yield from _fetched_lines(alias, sql, params)


def stream_sql_csv(
    *, name: str, header: Sequence[object], parts: Iterable[SqlRows]
) -> StreamingHttpResponse:
    """The download: what `csv_export.stream_csv` sends for the same rows, written by the
    database."""
    response = StreamingHttpResponse(
        sql_csv_lines(header=header, parts=parts), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
