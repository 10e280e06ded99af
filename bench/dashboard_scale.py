"""How the dashboard behaves at national scale: page times, SQL queries, CSV rows per second.

SYNTHETIC DATA ONLY. The hierarchy and every figure this script writes are generated ("Tổ chức
thử 00001", articles "Bài viết thử"), in a throwaway database it creates and drops itself; nothing
here is, or may be shown as, real data.

Shape (the product's design goal): 63 provinces / 696 districts / 10,000 communes over N
grassroots organisations (default 50,000; the upper levels shrink in proportion for a smaller N),
Y years of figures (default 12): for each organisation and year with data, admitted year-to-date
figures at 30 June, 30 September and 31 December, often a stated % of target, and the year's
admission target.

Measured with Django's test Client as a logged-in superuser, timed with time.perf_counter, SQL
queries counted: the overview (grassroots level, one year: default sort and sorted by % of target;
then within one province), one organisation's page, the years page for one level, and the
progress CSV and organisation × year report CSV streamed fully, compared with fetching the same
number of rows from recruitment_figure with a bare cursor ("the database's own speed").

Usage:
  .venv/bin/python bench/dashboard_scale.py [--organisations 50000] [--years 12]
  .venv/bin/python bench/dashboard_scale.py --database-url postgres://postgres@127.0.0.1:5432/scale_bench
Options: --keep leaves the database in place, --reuse skips generating data when the database
already holds it (re-measure after a change), --repeat N times each page N times (median and
p95 shown; default 50), beside a bare Django view reading the same 50 rows (the floor), and the
time to accept one figure through the service with the progress table kept current.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PROVINCES, DISTRICTS, COMMUNES, GRASSROOTS = 63, 696, 10_000, 50_000
SYNTHETIC = "thử"  # every generated name carries it: "Tổ chức thử 00001"


def admin_url(url: str) -> str:
    parsed = urlparse(url)
    return urlunparse(parsed._replace(path="/postgres"))


def pg_database(url: str, *, create: bool, reuse: bool) -> None:
    import psycopg

    name = urlparse(url).path.lstrip("/")
    with psycopg.connect(admin_url(url), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if create:
            if exists and reuse:
                return
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        else:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- synthetic data -------------------------------------------------------------------------------


def generate(n_grassroots: int, years: list[int], seed: int = 2025) -> dict:
    """Organisations with explicit primary keys (so the materialised path is written in the same
    INSERT), then figures and targets, all with bulk_create. Returns what was written."""
    from django.db import connection

    from recruitment.models import (
        Article,
        Figure,
        FigureMetric,
        Level,
        Organisation,
        Status,
        Target,
        TargetMetric,
        content_hash,
    )

    rng = random.Random(seed)
    scale = n_grassroots / GRASSROOTS
    n_prov = max(1, min(PROVINCES, n_grassroots))
    n_dist = max(n_prov, round(DISTRICTS * scale))
    n_comm = max(n_dist, round(COMMUNES * scale))

    orgs: list[Organisation] = []
    next_id = 1

    def add(level: str, label: str, number: int, parent: Organisation | None) -> Organisation:
        nonlocal next_id
        pk = next_id
        next_id += 1
        org = Organisation(
            pk=pk,
            name=f"{label} thử {number:05d} (dữ liệu tổng hợp)",
            short_name=f"{label} thử {number:05d}",
            level=level,
            parent=parent,
            path=(parent.path if parent else "") + f"{pk}/",
            latitude=8.5 + rng.random() * 15,
            longitude=102.2 + rng.random() * 7,
        )
        orgs.append(org)
        return org

    provinces = [add(Level.PROVINCE, "Tỉnh", i + 1, None) for i in range(n_prov)]
    districts = [add(Level.DISTRICT, "Huyện", i + 1, provinces[i % n_prov]) for i in range(n_dist)]
    communes = [add(Level.COMMUNE, "Xã", i + 1, districts[i % n_dist]) for i in range(n_comm)]
    grassroots = [
        add(Level.GRASSROOTS, "Tổ chức", i + 1, communes[i % n_comm]) for i in range(n_grassroots)
    ]
    Organisation.objects.bulk_create(orgs, batch_size=5000)

    articles = []
    for i in range(1000):
        text = f"Bài viết thử {i:04d}: dữ liệu tổng hợp cho đo hiệu năng, không phải số liệu thật."
        articles.append(
            Article(
                pk=i + 1,
                title=f"Bài viết thử {i:04d}",
                url=f"https://example.invalid/bai-viet-thu-{i:04d}" if i % 3 else None,
                publisher="Nguồn thử",
                published=dt.date(years[0], 1, 1) + dt.timedelta(days=i),
                text=text,
                content_hash=content_hash(text),
            )
        )
    Article.objects.bulk_create(articles)
    if connection.vendor == "postgresql":
        from django.core.management.color import no_style

        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Organisation, Article]):
                cursor.execute(sql)

    n_figures = n_targets = 0
    figures: list[Figure] = []
    targets: list[Target] = []

    def flush(force: bool = False) -> None:
        nonlocal n_figures, n_targets, figures, targets
        if force or len(figures) >= 20_000:
            Figure.objects.bulk_create(figures, batch_size=5000)
            n_figures += len(figures)
            figures = []
        if force or len(targets) >= 20_000:
            Target.objects.bulk_create(targets, batch_size=5000)
            n_targets += len(targets)
            targets = []

    coverage = {
        Level.PROVINCE: 0.95,
        Level.DISTRICT: 0.85,
        Level.COMMUNE: 0.6,
        Level.GRASSROOTS: 0.5,
    }
    base_size = {Level.PROVINCE: 1500, Level.DISTRICT: 150, Level.COMMUNE: 15, Level.GRASSROOTS: 4}
    last = years[-1]
    for org in orgs:
        size = base_size[org.level]
        for year in years:
            if rng.random() > coverage[org.level]:
                continue
            start = dt.date(year, 1, 1)
            target = max(1, round(size * (0.6 + rng.random() * 0.8)))
            targets.append(
                Target(
                    organisation_id=org.pk,
                    metric=TargetMetric.ADMITTED,
                    period_start=start,
                    period_end=dt.date(year, 12, 31),
                    value=Decimal(target),
                    status=Status.ACCEPTED,
                    source_id=rng.randint(1, 1000),
                    derived=rng.random() < 0.1,
                )
            )
            ends = [dt.date(year, 6, 30), dt.date(year, 9, 30), dt.date(year, 12, 31)]
            if year == last:
                ends = ends[:2]  # the current year: no year-end figure yet
            done = 0.0
            for end in ends:
                done += target * (0.2 + rng.random() * 0.3)
                admitted = round(done)
                source = rng.randint(1, 1000)
                figures.append(
                    Figure(
                        organisation_id=org.pk,
                        metric=FigureMetric.ADMITTED,
                        period_start=start,
                        period_end=end,
                        value=Decimal(admitted),
                        status=Status.ACCEPTED if rng.random() > 0.05 else Status.PROPOSED,
                        source_id=source,
                    )
                )
                if rng.random() < 0.4:
                    figures.append(
                        Figure(
                            organisation_id=org.pk,
                            metric=FigureMetric.PERCENT_OF_TARGET,
                            period_start=start,
                            period_end=end,
                            value=Decimal(min(999, round(admitted * 100 / target, 1))),
                            status=Status.ACCEPTED,
                            source_id=source,
                        )
                    )
            if org.level != Level.GRASSROOTS and rng.random() < 0.5:
                figures.append(
                    Figure(
                        organisation_id=org.pk,
                        metric=FigureMetric.MEMBERS_TOTAL,
                        period_start=dt.date(year, 12, 31),
                        period_end=dt.date(year, 12, 31),
                        value=Decimal(size * 30),
                        status=Status.ACCEPTED,
                    )
                )
            flush()
    flush(force=True)
    # Rows written in bulk bypass the services that keep the progress table: rebuild it once.
    from recruitment.services.progress import progress_rebuild

    started = time.perf_counter()
    n_progress = progress_rebuild()
    print(f"progress_rebuild: {n_progress} rows in {time.perf_counter() - started:.1f} s")
    return {
        "provinces": provinces,
        "districts": districts,
        "communes": communes,
        "grassroots": grassroots,
        "figures": n_figures,
        "targets": n_targets,
    }


# --- measuring ------------------------------------------------------------------------------------


class Result:
    def __init__(
        self,
        name: str,
        seconds: float,
        queries: int,
        rows: int | None = None,
        p95: float | None = None,
    ):
        self.name, self.seconds, self.queries, self.rows = name, seconds, queries, rows
        self.p95 = p95


def _percentile(times: list[float], share: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(name: str, call, repeat: int) -> Result:
    """Median and p95 of `repeat` calls after one warm-up, with the queries of the last."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call()
    times, queries = [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            call()
            times.append(time.perf_counter() - started)
        queries = len(ctx.captured_queries)
    return Result(name, _percentile(times, 0.5), queries, p95=_percentile(times, 0.95))


def measure_page(client, name: str, url: str, repeat: int) -> Result:
    def get() -> None:
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{name}: HTTP {response.status_code} for {url}")

    return timed(name, get, repeat)


def bare_view_floor(year: int, level: str, repeat: int) -> Result:
    """A textbook Django view reading the same page of rows the overview shows (50
    organisations with their progress for the year, sorted by name) and writing them out: the
    floor a page is compared with."""
    from django.http import HttpResponse
    from django.test import RequestFactory

    from recruitment.models import Progress

    def view(request):
        rows = (
            Progress.objects.filter(year=year, organisation__level=level)
            .select_related("organisation")
            .order_by("organisation__short_name")[:50]
        )
        return HttpResponse(
            "\n".join(f"{r.organisation.short_name};{r.admitted};{r.shown_pct}" for r in rows)
        )

    request = RequestFactory().get("/bare/")
    return timed("bare Django view, the same 50 rows (floor)", lambda: view(request), repeat)


def accept_one_figure(repeat: int) -> Result:
    """Accepting one proposed figure through the service, progress table included (and putting
    it back to proposed between runs, untimed)."""
    from recruitment.models import Figure, FigureMetric, Status
    from recruitment.services.reported import figure_accept, reported_set_status

    figure = Figure.objects.filter(status=Status.PROPOSED, metric=FigureMetric.ADMITTED).first()
    if figure is None:
        raise SystemExit("no proposed figure to accept")

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries = [], 0
    for _ in range(repeat):
        reported_set_status(rows=[figure], status=Status.PROPOSED)  # untimed
        figure.refresh_from_db()
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            figure_accept(figure=figure, user=None)
            times.append(time.perf_counter() - started)
        if figure.status != Status.ACCEPTED:
            raise SystemExit("accepting the proposed figure changed nothing")
        queries = len(ctx.captured_queries)
        figure.refresh_from_db()
    return Result(
        "accept one figure (service + progress table)",
        _percentile(times, 0.5),
        queries,
        p95=_percentile(times, 0.95),
    )


def measure_csv(client, name: str, url: str) -> Result:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        started = time.perf_counter()
        response = client.get(url)
        lines = size = 0
        for chunk in response.streaming_content:
            lines += chunk.count(b"\n")
            size += len(chunk)
        elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise SystemExit(f"{name}: HTTP {response.status_code} for {url}")
    return Result(name, elapsed, len(ctx.captured_queries), rows=lines - 1)


def raw_fetch(rows: int) -> Result:
    """The database's own speed: the same number of rows of recruitment_figure, bare cursor."""
    from django.db import connection

    sql = (
        "SELECT f.id, f.organisation_id, f.metric, f.period_start, f.period_end, f.value, "
        "f.status, f.source_id FROM recruitment_figure f LIMIT %s"
    )
    with connection.cursor() as cursor:
        started = time.perf_counter()
        cursor.execute(sql, [rows])
        got = len(cursor.fetchall())
        elapsed = time.perf_counter() - started
    return Result(f"raw SELECT recruitment_figure ({got:,} rows)", elapsed, 1, rows=got)


def print_table(title: str, results: list[Result]) -> None:
    print(f"\n{title}")
    print("| measure | median s | p95 s | queries | rows | rows/s |")
    print("| --- | --- | --- | --- | --- | --- |")
    for r in results:
        rows = f"{r.rows:,}" if r.rows is not None else ""
        rate = f"{r.rows / r.seconds:,.0f}" if r.rows else ""
        p95 = f"{r.p95:.3f}" if r.p95 is not None else ""
        print(f"| {r.name} | {r.seconds:.3f} | {p95} | {r.queries} | {rows} | {rate} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--organisations", type=int, default=GRASSROOTS)
    parser.add_argument("--years", type=int, default=12)
    parser.add_argument("--last-year", type=int, default=dt.date.today().year)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--keep", action="store_true", help="do not drop the database")
    parser.add_argument("--reuse", action="store_true", help="reuse data already generated")
    parser.add_argument("--skip-report", action="store_true", help="skip the report CSV")
    args = parser.parse_args()

    workdir = None
    url = args.database_url
    if url is None:
        workdir = tempfile.mkdtemp(prefix="bench-scale-")
        url = f"sqlite:///{workdir}/bench.sqlite3"
    is_pg = url.startswith(("postgres://", "postgresql://"))
    if is_pg:
        pg_database(url, create=True, reuse=args.reuse)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dashboard.settings")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["STATICFILES_BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection, connections
    from django.test import Client

    from recruitment.models import Figure, Level, Organisation, Target

    try:
        years = list(range(args.last_year - args.years + 1, args.last_year + 1))
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        if not (args.reuse and Organisation.objects.exists()):
            generate(args.organisations, years)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # statistics, as a live database would have
        counts = {
            level: Organisation.objects.filter(level=level).count()
            for level in (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE, Level.GRASSROOTS)
        }
        n_fig, n_tgt = Figure.objects.count(), Target.objects.count()
        print(
            f"{connection.vendor}: synthetic data ready in {time.perf_counter() - started:.1f} s: "
            + ", ".join(f"{n:,} {level}" for level, n in counts.items())
            + f"; {n_fig:,} figures, {n_tgt:,} targets, years {years[0]}–{years[-1]}",
            flush=True,
        )

        user_model = get_user_model()
        user = user_model.objects.filter(username="bench").first() or (
            user_model.objects.create_superuser("bench", "bench@example.invalid", "x")
        )
        client = Client()
        client.force_login(user)

        year = years[-2]  # a complete year
        province = Organisation.objects.filter(level=Level.PROVINCE).order_by("pk").first()
        district = Organisation.objects.filter(level=Level.DISTRICT).order_by("pk").first()
        grassroots = Organisation.objects.filter(level=Level.GRASSROOTS).order_by("pk").first()
        grassroots_year = f"/?level={Level.GRASSROOTS}&year={year}"
        pages = [
            ("overview grassroots, default sort", grassroots_year),
            ("overview grassroots, sorted by % of target", f"{grassroots_year}&sort=-pct"),
            ("overview grassroots, everyone, page 100", f"{grassroots_year}&everyone=on&page=100"),
            ("overview grassroots, one province", f"{grassroots_year}&province={province.pk}"),
            ("overview, no parameters (default level/year)", "/"),
            ("organisation page (province)", f"/org/{province.pk}/"),
            ("organisation page (district)", f"/org/{district.pk}/"),
            ("organisation page (grassroots)", f"/org/{grassroots.pk}/"),
            ("years page, grassroots level", f"/years/?level={Level.GRASSROOTS}"),
            ("years page, province level", "/years/?level=province"),
            ("map, one province's districts", f"/map/?province={province.pk}&year={year}"),
        ]
        results = [bare_view_floor(year, Level.GRASSROOTS, args.repeat)]
        for name, page in pages:
            results.append(measure_page(client, name, page, args.repeat))
            print(f"  {name}: {results[-1].seconds:.3f} s", flush=True)
        results.append(accept_one_figure(min(args.repeat, 20)))
        csvs = [
            (
                "progress CSV, grassroots, everyone",
                f"/export/progress.csv?level={Level.GRASSROOTS}&year={year}&everyone=on",
            )
        ]
        if not args.skip_report:
            csvs.append(
                (
                    f"report CSV, grassroots × {len(years)} years",
                    f"/export/report.csv?level={Level.GRASSROOTS}",
                )
            )
        for name, page in csvs:
            results.append(measure_csv(client, name, page))
            print(f"  {name}: {results[-1].seconds:.3f} s", flush=True)
            results.append(raw_fetch(results[-1].rows))
        print_table(
            f"{connection.vendor}, {counts[Level.GRASSROOTS]:,} grassroots organisations, "
            f"{len(years)} years (pages: median and p95 of {args.repeat} requests, one at a time)",
            results,
        )
    finally:
        connections.close_all()
        if not args.keep:
            if is_pg:
                pg_database(url, create=False, reuse=False)
            if workdir:
                shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
