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

`--pages` measures the pages alone instead: clients that arrive logged in ask for the grassroots
overview, an organisation page and the years page in turn with no pause, for `--seconds` with one
client and then with 20; p50/p95 per page.

Usage (locust is the `bench` extra: `make bench-load` installs it):
  .venv/bin/python bench/load.py --database-url postgres://postgres@127.0.0.1:5432/bench_scale
  .venv/bin/python bench/load.py --database-url sqlite:////tmp/bench_scale.sqlite3 --pages
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

from serving import SECRET_KEY, start_gunicorn  # noqa: E402

USERNAME = "load-test"


def logged_in_session(user) -> str:
    """A session key logged in as `user`, as the login page would have made (pages run)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def plan(*, password: str) -> dict:
    """What the users open: the last complete year, provinces and organisations of every level."""
    import django

    django.setup()
    from django.conf import settings
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
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "sessions": [logged_in_session(user) for _ in range(20)],
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


def run_locust(
    *, port: int, users: int, seconds: int, load_plan: dict, out: Path
) -> list[dict[str, str]]:
    """Run locust on `bench/load_users.py` against the server; the stats rows it wrote."""
    locust = subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "locust"),
            *("-f", str(ROOT / "bench" / "load_users.py"), "--headless"),
            *("--users", str(users), "--spawn-rate", str(min(users, 10))),
            *("--run-time", f"{seconds}s", "--stop-timeout", "30"),
            *("--host", f"http://127.0.0.1:{port}", "--csv", str(out)),
            "--only-summary",
        ],
        env={**os.environ, "LOAD_PLAN": json.dumps(load_plan)},
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if locust.returncode not in (0, 1):  # 1: some request failed, reported below
        raise SystemExit(f"locust failed:\n{locust.stderr[-3000:]}")
    for failure in percentiles(Path(f"{out}_failures.csv")):
        print(
            f"failed: {failure['Method']} {failure['Name']}: {failure['Error']} "
            f"({failure['Occurrences']}×)"
        )
    return percentiles(Path(f"{out}_stats.csv"))


def failures(rows: list[dict[str, str]]) -> int:
    total = next((r for r in rows if r["Name"] == "Aggregated"), None)
    return int(total["Failure Count"]) if total is not None else 1


def report_load(rows: list[dict[str, str]]) -> None:
    print("| request | requests | failures | p50 ms | p99 ms | max ms |")
    print("| --- | --- | --- | --- | --- | --- |")
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "**all requests**"
        print(
            f"| {name} | {row['Request Count']} | {row['Failure Count']} | {row['50%']} "
            f"| {row['99%']} | {float(row['Max Response Time']):.0f} |"
        )
        if row["Name"] == "Aggregated":
            print(f"<!-- {float(row['Requests/s']):.1f} requests per second -->")


def report_pages(runs: dict[int, list[dict[str, str]]]) -> None:
    print("| page | clients | requests | p50 ms | p95 ms | requests/s |")
    print("| --- | --- | --- | --- | --- | --- |")
    for clients, rows in runs.items():
        for row in rows:
            name = row["Name"] if row["Name"] != "Aggregated" else "**all pages**"
            print(
                f"| {name} | {clients} | {row['Request Count']} | {row['50%']} | {row['95%']} "
                f"| {float(row['Requests/s']):.1f} |"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--users", type=int, default=50, help="staff browsing and exporting")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--pages", action="store_true", help="pages alone, with 1 and then 20 clients asking"
    )
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = args.database_url
    os.environ["SECRET_KEY"] = SECRET_KEY  # the sessions made here are the server's
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dashboard.settings")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    work = Path(tempfile.mkdtemp(prefix="bench-load-"))
    load_plan = plan(password=os.urandom(12).hex())
    static = work / "static"
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env={**os.environ, "STATIC_ROOT": str(static), "DEBUG": "0"},
        check=True,
    )
    server, port = start_gunicorn(
        database_url=args.database_url, workers=args.workers, env={"STATIC_ROOT": str(static)}
    )
    when = dt.datetime.now(dt.timezone.utc).date().isoformat()
    vendor = args.database_url.split(":")[0]
    try:
        if args.pages:
            load_plan["pages"] = True
            runs = {
                clients: run_locust(
                    port=port,
                    users=clients,
                    seconds=args.seconds,
                    load_plan=load_plan,
                    out=work / f"pages{clients}",
                )
                for clients in (1, 20)
            }
            print(f"{vendor}, {when}: pages for {args.seconds} s, gunicorn, {args.workers} workers")
            report_pages(runs)
            return 0 if all(failures(rows) == 0 for rows in runs.values()) else 1
        rows = run_locust(
            port=port,
            users=args.users + 1,
            seconds=args.seconds,
            load_plan=load_plan,
            out=work / "load",
        )
    finally:
        server.terminate()
        server.wait(timeout=60)
    print(
        f"{vendor}, {when}: {args.users} readers and 1 importer for {args.seconds} s, "
        f"gunicorn with {args.workers} workers"
    )
    report_load(rows)
    return 0 if failures(rows) == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
