"""Exports at national scale: rows per second through gunicorn and the worker's peak memory,
beside the database's own CSV of the same SELECTs (the floor).

SYNTHETIC DATA ONLY: the database `bench/dashboard_scale.py --keep` leaves behind (63 provinces,
50,000 grassroots organisations, 12 years); run that first with the same `--database-url`.

Measured, for the progress CSV (the 50,000 grassroots organisations in one year) and the
organisation × year report CSV (the same organisations over every year: 600,000 rows):

- served: gunicorn (dashboard/gunicorn.conf.py, one sync worker, DEBUG off, DASHBOARD_PUBLIC so
  the client needs no login) started for each export; the file is read over HTTP in 64 KiB reads,
  `--repeat` times; median rows/s, and the worker's peak resident memory (VmHWM) after them,
  beside its peak at rest (Django loaded, before the first export);
- floor: the very SELECTs the served export runs, written as CSV by the database's own client in
  one process (PostgreSQL: `psql` with `\\copy (…) to '/dev/null' with (format csv)`; SQLite: the
  `sqlite3` shell in `-csv` mode), `--repeat` times, median; and the ratio served / floor in time;
- before (`--before`, once): the same request through the Python path (`csv_export.csv_lines`,
  the rows built in Python), in this process with Django's test client.

- peer (`--peer`, SQLite): Datasette (the `bench` extra) serving the same file and streaming the
  progress table's rows of that year as CSV (`?_stream=on`), `--repeat` times, median, and its
  process's peak memory.

Usage:
  .venv/bin/python bench/exports.py --database-url postgres://postgres@127.0.0.1:5432/bench_scale
  .venv/bin/python bench/exports.py --database-url sqlite:////tmp/bench_scale.sqlite3 --before
  .venv/bin/python bench/exports.py --database-url sqlite:////tmp/bench_scale.sqlite3 --peer
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from serving import free_port, start_gunicorn  # noqa: E402

READ_BYTES = 64 * 1024


@dataclass
class Measure:
    name: str
    url: str
    rows: int = 0
    served: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)
    rest_mb: float | None = None
    peak_mb: float | None = None
    before: float | None = None

    def rate(self, seconds: float) -> str:
        return f"{self.rows / seconds:,.0f}"


def worker_pids(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise SystemExit(f"no VmHWM for process {pid}")


def download(port: int, url: str) -> tuple[float, int]:
    """Seconds to read the whole file over HTTP, and its rows (lines after the header)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    started = time.perf_counter()
    conn.request("GET", url)
    response = conn.getresponse()
    if response.status != 200:
        raise SystemExit(f"{url}: HTTP {response.status}")
    lines = 0
    while chunk := response.read(READ_BYTES):
        lines += chunk.count(b"\n")
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed, lines - 1


def statements(client, url: str) -> list[tuple[str, list]]:
    """The SELECTs the export runs (its SQL and parameters), by reading it once in-process."""
    from dashboard import csv_sql

    seen: list[tuple[str, list]] = []
    original = csv_sql.SqlRows.statement

    def recorded(self):
        alias, sql, params = original(self)
        seen.append((sql, params))
        return alias, sql, params

    csv_sql.SqlRows.statement = recorded
    try:
        response = client.get(url)
        for _ in response.streaming_content:
            pass
    finally:
        csv_sql.SqlRows.statement = original
    return seen


def sqlite_literal(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int | float):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


def floor_script(vendor: str, selects: list[tuple[str, list]]) -> str:
    """One script for the database's own client: each SELECT written as CSV to /dev/null."""
    from django.db import connection

    lines = []
    for sql, params in selects:
        if vendor == "postgresql":
            query = connection.ops.compose_sql(sql, params).replace("\n", " ")
            lines.append(f"\\copy ({query}) to '/dev/null' with (format csv)")
        else:
            query = sql.replace("%s", "{}").replace("%%", "%")
            lines.append(query.format(*(sqlite_literal(p) for p in params)) + ";")
    return "\n".join(lines) + "\n"


def run_floor(vendor: str, database_url: str, script: str) -> float:
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as file:
        file.write(script)
    try:
        if vendor == "postgresql":
            command = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", file.name, database_url]
        else:
            path = urlparse(database_url).path
            command = ["sqlite3", "-bail", "-csv", path, f".read {file.name}"]
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        return time.perf_counter() - started
    finally:
        os.unlink(file.name)


def python_path(client, url: str) -> float:
    """The same request with the rows written in Python (`csv_export.csv_lines`)."""
    from dashboard import exports

    original = exports.export_response
    exports.export_response = lambda **kw: original(**{**kw, "sql": None})
    try:
        started = time.perf_counter()
        response = client.get(url)
        for _ in response.streaming_content:
            pass
        return time.perf_counter() - started
    finally:
        exports.export_response = original


def datasette_peer(*, db_path: str, table: str, where: str, repeat: int) -> Measure:
    """Datasette (the `bench` extra) serving the same SQLite file, streaming a table's rows as
    CSV (`?_stream=on`): another project's speed at writing a database's rows to HTTP."""
    port = free_port()
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "datasette"),
            *("serve", "--immutable", db_path, "--port", str(port)),
            *("--setting", "max_csv_mb", "0", "--setting", "sql_time_limit_ms", "600000"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    name = Path(db_path).stem
    peer = Measure(f"Datasette, {table} where {where}", f"/{name}/{table}.csv?_stream=on&{where}")
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                download(port, "/-/versions.json")
                break
            except (OSError, SystemExit):
                if time.monotonic() > deadline:
                    raise SystemExit("datasette did not start within 60 s") from None
                time.sleep(0.3)
        peer.rest_mb = peak_mb(server.pid)
        download(port, peer.url)  # warm-up
        for _ in range(repeat):
            seconds, peer.rows = download(port, peer.url)
            peer.served.append(seconds)
        peer.peak_mb = peak_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return peer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--before", action="store_true", help="also time the Python path once")
    parser.add_argument(
        "--peer", action="store_true", help="SQLite: also Datasette streaming the progress table"
    )
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dashboard.settings")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from recruitment.models import Level, Organisation
    from recruitment.selectors import data_years

    grassroots = Organisation.objects.filter(level=Level.GRASSROOTS).count()
    if not grassroots:
        raise SystemExit("no data: run bench/dashboard_scale.py --database-url … --keep first")
    years = data_years()
    year = years[-2]  # the last complete year
    user = get_user_model().objects.filter(is_superuser=True).first() or (
        get_user_model().objects.create_superuser("bench", "bench@example.invalid", "x")
    )
    client = Client()
    client.force_login(user)
    vendor = connection.vendor
    measures = [
        Measure(
            f"progress CSV, {grassroots:,} grassroots organisations, {year}",
            f"/export/progress.csv?level={Level.GRASSROOTS}&year={year}&everyone=on",
        ),
        Measure(
            f"report CSV, {grassroots:,} grassroots organisations × {len(years)} years",
            f"/export/report.csv?level={Level.GRASSROOTS}",
        ),
    ]
    print(f"{vendor}: {grassroots:,} grassroots organisations, years {years[0]}–{years[-1]}")
    for m in measures:
        script = floor_script(vendor, statements(client, m.url))
        if args.before:
            m.before = python_path(client, m.url)
        connection.close()
        server, port = start_gunicorn(database_url=args.database_url, env={"DASHBOARD_PUBLIC": "1"})
        try:
            # The worker at rest: Django and the project loaded, the health check answered.
            m.rest_mb = max(peak_mb(pid) for pid in worker_pids(server.pid))
            download(port, m.url)  # warm-up: the caches fill
            for _ in range(args.repeat):
                seconds, m.rows = download(port, m.url)
                m.served.append(seconds)
                m.floor.append(run_floor(vendor, args.database_url, script))
            m.peak_mb = max(peak_mb(pid) for pid in worker_pids(server.pid))
        finally:
            server.terminate()
            server.wait(timeout=30)
        served, floor = statistics.median(m.served), statistics.median(m.floor)
        print(
            f"  {m.name}: {m.rows:,} rows, served {served:.2f} s ({m.rate(served)} rows/s), "
            f"floor {floor:.2f} s ({m.rate(floor)} rows/s), "
            f"peak {m.peak_mb:.1f} MB (at rest {m.rest_mb:.1f} MB)",
            flush=True,
        )

    when = dt.datetime.now(dt.timezone.utc).date().isoformat()
    print(f"\n{vendor}, {when}: medians of {args.repeat} runs (served through gunicorn, 1 worker)")
    print(
        "| export | rows | served s | served rows/s | floor s | floor rows/s "
        "| served / floor | worker peak RSS (at rest) | Python path (before) |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for m in measures:
        served, floor = statistics.median(m.served), statistics.median(m.floor)
        before = f"{m.before:.2f} s ({m.rate(m.before)} rows/s)" if m.before else ""
        print(
            f"| {m.name} | {m.rows:,} | {served:.2f} | {m.rate(served)} | {floor:.2f} | "
            f"{m.rate(floor)} | {served / floor:.2f}× | {m.peak_mb:.0f} MB ({m.rest_mb:.0f} MB) "
            f"| {before} |"
        )
        print(
            f"<!-- {m.name}: served {', '.join(f'{s:.2f}' for s in m.served)}; "
            f"floor {', '.join(f'{s:.2f}' for s in m.floor)} -->"
        )

    if args.peer:
        if vendor != "sqlite":
            raise SystemExit("--peer: Datasette serves SQLite files only")
        peer = datasette_peer(
            db_path=connection.settings_dict["NAME"],
            table="recruitment_progress",
            where=f"year={year}",
            repeat=args.repeat,
        )
        served = statistics.median(peer.served)
        print(
            f"| {peer.name} (peer) | {peer.rows:,} | {served:.2f} | {peer.rate(served)} | | | | "
            f"{peer.peak_mb:.0f} MB ({peer.rest_mb:.0f} MB) | |"
        )


if __name__ == "__main__":
    main()
