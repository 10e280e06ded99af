"""Load test: 50 staff browsing and exporting while one imports, through gunicorn.

SYNTHETIC DATA ONLY: the database `bench/dashboard_scale.py --keep` leaves behind (63 provinces,
50,000 grassroots organisations, 12 years); run that first with the same `--database-url`.

gunicorn serves the project as in production (dashboard/gunicorn.conf.py, 4 workers, DEBUG off,
static files collected); locust (`bench/load_users.py`) runs `--users` staff who log in and open
the overview (four variants), organisation pages, the years page and the map and download the
progress CSV (one province, the whole country), one to three seconds apart, and one staff member
who imports the seed articles one after another through the admin importer, each saved as
reviewed, for `--seconds` on the loopback. Prints requests, errors and p50/p99 per page, and
exits non-zero if any request failed. The imported articles stay in the database, titled
"Thử tải …".

Usage (locust is the `bench` extra: `make bench-load` installs it):
  .venv/bin/python bench/load.py --database-url postgres://postgres@127.0.0.1:5432/bench_scale
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from serving import start_gunicorn  # noqa: E402

USERNAME = "load-test"


def plan(*, password: str) -> dict:
    """What the users open: the last complete year, provinces and organisations of every level."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from recruitment.models import Level, Organisation
    from recruitment.selectors import data_years

    if not Organisation.objects.filter(level=Level.GRASSROOTS).exists():
        raise SystemExit("no data: run bench/dashboard_scale.py --database-url … --keep first")
    users = get_user_model().objects
    user = users.filter(username=USERNAME).first() or users.create_superuser(
        USERNAME, "load@example.invalid", password
    )
    user.set_password(password)
    user.save(update_fields=["password"])
    organisations = []
    for level in (Level.PROVINCE, Level.DISTRICT, Level.GRASSROOTS):
        pks = Organisation.objects.filter(level=level).values_list("pk", flat=True)
        organisations += list(pks.order_by("?")[:100])
    corpus = Path(os.environ.get("CORPUS_DIR", ROOT.parent / "shared" / "corpus"))
    return {
        "username": USERNAME,
        "password": password,
        "year": data_years()[-2],
        "provinces": list(
            Organisation.objects.filter(level=Level.PROVINCE).values_list("pk", flat=True)
        ),
        "organisations": organisations,
        "seeds": str(corpus / "seeds"),
    }


def percentiles(stats_csv: Path) -> list[dict[str, str]]:
    with stats_csv.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--users", type=int, default=50, help="staff browsing and exporting")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dashboard.settings")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    work = Path(tempfile.mkdtemp(prefix="bench-load-"))
    load_plan = plan(password=os.urandom(12).hex())
    static = work / "static"
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env={**os.environ, "STATIC_ROOT": str(static), "DEBUG": "0", "SECRET_KEY": "x" * 50},
        check=True,
    )
    server, port = start_gunicorn(
        database_url=args.database_url, workers=args.workers, env={"STATIC_ROOT": str(static)}
    )
    try:
        locust = subprocess.run(
            [
                str(ROOT / ".venv" / "bin" / "locust"),
                *("-f", str(ROOT / "bench" / "load_users.py"), "--headless"),
                *("--users", str(args.users + 1), "--spawn-rate", "10"),
                *("--run-time", f"{args.seconds}s", "--stop-timeout", "30"),
                *("--host", f"http://127.0.0.1:{port}", "--csv", str(work / "load")),
                "--only-summary",
            ],
            env={**os.environ, "LOAD_PLAN": json.dumps(load_plan)},
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
    finally:
        server.terminate()
        server.wait(timeout=60)
    rows = percentiles(work / "load_stats.csv")
    total = next((r for r in rows if r["Name"] == "Aggregated"), None)
    failures = percentiles(work / "load_failures.csv")
    when = dt.datetime.now(dt.timezone.utc).date().isoformat()
    print(
        f"{args.database_url.split(':')[0]}, {when}: {args.users} readers and 1 importer for "
        f"{args.seconds} s, gunicorn with {args.workers} workers"
    )
    print("| request | requests | failures | p50 ms | p99 ms | max ms |")
    print("| --- | --- | --- | --- | --- | --- |")
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "**all requests**"
        print(
            f"| {name} | {row['Request Count']} | {row['Failure Count']} | {row['50%']} "
            f"| {row['99%']} | {float(row['Max Response Time']):.0f} |"
        )
    if total is not None:
        print(
            f"{total['Request Count']} requests, {float(total['Requests/s']):.1f} per second, "
            f"{total['Failure Count']} failed"
        )
    for failure in failures:
        print(
            f"failed: {failure['Method']} {failure['Name']}: {failure['Error']} "
            f"({failure['Occurrences']}×)"
        )
    if locust.returncode not in (0, 1):
        print(locust.stderr[-3000:])
    return 0 if total is not None and total["Failure Count"] == "0" else 1


if __name__ == "__main__":
    raise SystemExit(main())
