"""Faults on a real PostgreSQL: the import's database connection terminated by the server
(`pg_terminate_backend`, as a restart, a failover or an administrator would) in the middle of a
multi-article import leaves no partial article, and running the import again completes it; a
Celery worker process killed (SIGKILL) in the middle of a job's article likewise.

The tests are transactional: the import's commits must really happen, and the terminated
connection must be one Django can drop and open again (a test wrapped in a transaction would die
with it). What an interrupted import leaves is compared with what a clean import of the
committed articles leaves, read inside a transaction that is then rolled back.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from io import StringIO
from pathlib import Path

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError, connection, transaction
from import_job_support import KIM_SON, LOC_NINH, REDIS_URL, files, name_districts, redis_broker

from recruitment.models import Article, Figure, ImportJob, ImportJobItem, Progress, Target
from recruitment.services import import_jobs, imports
from recruitment.services.import_jobs import (
    ImportSource,
    import_job_create,
    import_job_resume,
    import_job_run,
)
from recruitment.services.imports import article_files, files_import

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason=(
            f"needs PostgreSQL (pg_terminate_backend); this run uses {connection.vendor}: "
            "set DATABASE_URL=postgres://… (CI's PostgreSQL leg runs it)"
        ),
    ),
    pytest.mark.django_db(transaction=True),
]

Item = ImportJobItem.State


@contextmanager
def _second_session():
    """A session of our own beside Django's, as an administrator's psql would be."""
    s = connection.settings_dict
    with psycopg.connect(
        dbname=s["NAME"],
        user=s["USER"] or None,
        password=s["PASSWORD"] or None,
        host=s["HOST"] or None,
        port=s["PORT"] or None,
        autocommit=True,
    ) as session:
        yield session


def _terminate_import_connection() -> int:
    """Terminate the backend of Django's connection from a second session and wait (up to 10 s,
    PostgreSQL 14's timeout argument) until it is gone, so the import's next statement finds it
    dead."""
    pid = connection.connection.info.backend_pid
    with _second_session() as session:
        [(terminated,)] = session.execute("SELECT pg_terminate_backend(%s, 10000)", [pid])
        assert terminated, f"backend {pid} was not terminated"
    return pid


def _contents() -> dict:
    """Every imported row, keyed by what survives an interruption (content hashes and
    organisation ids, never the rows' own ids, which a rolled-back sequence does not give back)."""
    hashes = dict(Article.objects.values_list("pk", "content_hash"))

    def rows(model, *fields):
        return sorted(
            (hashes.get(row[0]), *row[1:])
            for row in model.objects.values_list("source_id", *fields)
        )

    figure = ("organisation_id", "metric", "period_start", "period_end", "value", "status")
    progress_fields = [
        f.attname for f in Progress._meta.concrete_fields if f.attname not in ("id",)
    ]
    return {
        "articles": sorted(hashes.values()),
        "article history": sorted(
            (h, t) for h, t in Article.history.values_list("content_hash", "history_type")
        ),
        "figures": rows(Figure, *figure, "quote", "approximate"),
        "targets": rows(Target, *figure, "quote", "derived"),
        "figure history": rows(Figure.history.model, *figure, "history_type"),
        "target history": rows(Target.history.model, *figure, "history_type"),
        "progress": sorted(
            tuple(
                hashes.get(value) if name in ("admitted_source_id", "pct_source_id") else value
                for name, value in row.items()
            )
            for row in Progress.objects.values(*progress_fields)
        ),
    }


@contextmanager
def _rolled_back():
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def _clean_files_import(paths: list[Path]) -> dict:
    """What a clean one-shot import of `paths` leaves (nothing of it is kept)."""
    with _rolled_back():
        files_import(files=paths, accept=True)
        return _contents()


@pytest.fixture
def seeds(seed_organisations, corpus_seeds) -> list[Path]:
    paths = article_files([corpus_seeds])
    assert len(paths) >= 4, "the fault tests need at least four seed articles"
    return paths


def _assert_complete(contents: dict, articles: int) -> None:
    """Every article there has rows; a partial article would show as one without them."""
    assert len(contents["articles"]) == articles
    with_rows = {row[0] for row in (*contents["figures"], *contents["targets"])}
    assert with_rows == set(contents["articles"])


@pytest.mark.parametrize("where", ["between articles", "inside an article"])
def test_a_connection_terminated_mid_import_leaves_whole_articles_and_a_rerun_completes_it(
    seeds, monkeypatch, where
):
    """The seed articles committed two at a time; the connection dies at the third, once it is
    imported (its batch not yet committed) or while it is written (its Article row inserted,
    its figures not): the first two are kept whole, nothing of the third or later is there."""
    committed_prefix = _clean_files_import(seeds[:2])
    one_shot = _clean_files_import(seeds)
    _assert_complete(committed_prefix, 2)
    _assert_complete(one_shot, len(seeds))

    done: list[Path] = []
    writes: list[object] = []
    killed: list[int] = []
    row_for = imports._row_for

    def row_for_dying_in_the_third(decision, *, article, user):
        if not writes or writes[-1] != article.pk:
            writes.append(article.pk)
            if len(writes) == 3:
                assert Article.objects.filter(pk=article.pk).exists()  # written, uncommitted
                killed.append(_terminate_import_connection())
        return row_for(decision, article=article, user=user)

    def progress(path):
        done.append(path)
        if where == "between articles" and len(done) == 3:
            killed.append(_terminate_import_connection())

    if where == "inside an article":
        monkeypatch.setattr(imports, "_row_for", row_for_dying_in_the_third)
    with pytest.raises(OperationalError, match="terminating connection"):
        files_import(files=seeds, accept=True, progress=progress, commit_every=2)
    monkeypatch.setattr(imports, "_row_for", row_for)
    # Rolling the batch back failed, so Django dropped the dead connection, and leaving the
    # outermost atomic block (restoring autocommit) already opened a new one. The caller closing
    # it too (as a command's process ends) is harmless: the next query opens another.
    assert connection.connection.info.backend_pid not in killed
    assert connection.is_usable()
    connection.close()

    assert _contents() == committed_prefix

    summary = files_import(files=seeds, accept=True)
    assert (summary.new, summary.known, summary.failed) == (len(seeds) - 2, 2, [])
    assert _contents() == one_shot
    again = files_import(files=seeds, accept=True)
    assert (again.new, again.known) == (0, len(seeds))
    assert _contents() == one_shot


def test_the_import_command_says_what_to_do_when_the_database_goes_away(seeds, monkeypatch):
    """One batch (the command's 50 files): the connection dies while the third article is
    written, so nothing is committed; the command says so in words, and running it again
    imports every article once."""
    one_shot = _clean_files_import(seeds)
    articles: list[object] = []
    row_for = imports._row_for

    def row_for_dying_in_the_third(decision, *, article, user):
        if article.pk not in articles:
            articles.append(article.pk)
            if len(articles) == 3:
                _terminate_import_connection()
        return row_for(decision, article=article, user=user)

    monkeypatch.setattr(imports, "_row_for", row_for_dying_in_the_third)
    directory = str(seeds[0].parent)
    with pytest.raises(CommandError, match="chạy lại") as raised:
        call_command("import_articles", directory, "--accept", verbosity=0, stdout=StringIO())
    assert "terminating connection" in str(raised.value)
    monkeypatch.setattr(imports, "_row_for", row_for)
    connection.close()
    assert _contents() == _clean_files_import([])

    out = StringIO()
    call_command("import_articles", directory, "--accept", verbosity=0, stdout=out)
    assert f"{len(seeds)} mới, 0 đã có" in out.getvalue()
    assert _contents() == one_shot


# Background jobs ---------------------------------------------------------------------------


def _sources(paths: list[Path]) -> list[ImportSource]:
    return [ImportSource(name=path.name, data=path.read_bytes()) for path in paths]


def _clean_job(user, paths: list[Path]) -> dict:
    """What a job importing `paths` without review leaves when nothing goes wrong."""
    with _rolled_back():
        # Created inside the outer transaction, the job's dispatch waits for a commit that never
        # comes: it runs here, by hand.
        job = import_job_create(user=user, sources=_sources(paths), review=False)
        import_job_run(job_id=job.pk)
        return _contents()


def _items(job: ImportJob) -> list[tuple]:
    return list(job.items.order_by("position").values_list("status", "article__content_hash"))


@pytest.mark.parametrize("where", ["between articles", "inside an article"])
def test_a_job_whose_connection_is_terminated_keeps_whole_articles_and_resumes(
    seeds, admin_user, monkeypatch, where
):
    """The connection dies after the second article's transaction committed, or inside the
    third's (article, figures and progress written, its item not yet recorded): two items done,
    the others pending, the job failed with the reason; resuming imports the rest once."""
    committed_prefix = _clean_job(admin_user, seeds[:2])
    one_shot = _clean_job(admin_user, seeds)

    item_run, item_record = import_jobs._item_run, import_jobs._item_record
    runs: list[int] = []

    def item_run_dying_after_the_second(*, job, item_id):
        item_run(job=job, item_id=item_id)
        runs.append(item_id)
        if len(runs) == 2:
            _terminate_import_connection()

    def item_record_dying_in_the_third(*, job, item, outcome):
        if item.position == 3:
            assert Article.objects.filter(pk=outcome.article.pk).exists()  # uncommitted
            _terminate_import_connection()
        item_record(job=job, item=item, outcome=outcome)

    if where == "between articles":
        monkeypatch.setattr(import_jobs, "_item_run", item_run_dying_after_the_second)
    else:
        monkeypatch.setattr(import_jobs, "_item_record", item_record_dying_in_the_third)
    # No broker under test: the job runs in this process when its rows are committed.
    job = import_job_create(user=admin_user, sources=_sources(seeds), review=False)
    monkeypatch.setattr(import_jobs, "_item_run", item_run)
    monkeypatch.setattr(import_jobs, "_item_record", item_record)

    job.refresh_from_db()
    assert (job.status, job.done, job.articles_new) == (ImportJob.State.FAILED, 2, 2)
    assert "terminating connection" in job.error
    assert job.resumable
    statuses = [status for status, _ in _items(job)]
    assert statuses == [Item.NEW, Item.NEW] + [Item.PENDING] * (len(seeds) - 2)
    contents = _contents()
    assert contents == committed_prefix
    assert {h for _, h in _items(job) if h} == set(contents["articles"])

    import_job_resume(job=job)
    job.refresh_from_db()
    assert (job.status, job.done, job.articles_new) == ("done", len(seeds), len(seeds))
    assert job.figures_accepted + job.figures_proposed == len(one_shot["figures"]) + len(
        one_shot["targets"]
    )
    items = _items(job)
    assert [status for status, _ in items] == [Item.NEW] * len(seeds)
    assert sorted(h for _, h in items) == one_shot["articles"]
    assert _contents() == one_shot


# A worker process killed mid-job -------------------------------------------------------------

KIM_SON_2022 = "Năm 2022, Đảng bộ huyện Kim Sơn kết nạp được 198 đảng viên mới."


@pytest.fixture
def broker(settings):
    with redis_broker(settings) as queue:
        yield queue


def _worker(queue: str, log: Path) -> subprocess.Popen:
    """`celery -A dashboard worker --pool=solo` in a process of its own, on this test's queue
    and on the test database (committed rows only: the test is transactional)."""
    s = connection.settings_dict
    credentials = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    env = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{credentials}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{s['NAME']}"
        ),
        "CELERY_BROKER_URL": REDIS_URL,
        "CELERY_QUEUE": queue,
    }
    env.pop("DATABASE_REPLICA_URL", None)
    command = [sys.executable, "-m", "celery", "-A", "dashboard", "worker", "--pool=solo"]
    command += ["-Q", queue, "--without-gossip", "--without-mingle", "--without-heartbeat"]
    command += ["--loglevel=WARNING"]
    with log.open("ab") as out:
        return subprocess.Popen(
            command, cwd=Path(__file__).parents[1], env=env, stdout=out, stderr=out
        )


def _wait_until(condition, what: str, log: Path, worker: subprocess.Popen | None = None):
    deadline = time.monotonic() + (timeout := 120)
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        if worker is not None and worker.poll() is not None:
            pytest.fail(
                f"the worker exited ({worker.returncode}) before {what}:\n{log.read_text()}"
            )
        time.sleep(0.05)
    pytest.fail(f"no {what} within {timeout} s; the worker's log:\n{log.read_text()}")


def _waiting_on_a_lock(session, table: str) -> int | None:
    """The backend of the worker blocked in an UPDATE of `table` (by a lock this test holds)."""
    row = session.execute(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
        " AND wait_event_type = 'Lock' AND query LIKE %s",
        [f'UPDATE "{table}" SET%'],
    ).fetchone()
    return row[0] if row else None


def _stop(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        worker.terminate()  # a warm shutdown: the solo pool finishes the task it runs
        try:
            worker.wait(30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def test_a_worker_process_killed_inside_an_article_leaves_none_of_it_and_the_job_resumes(
    broker, two_provinces, admin_user, tmp_path
):
    """A real worker on Redis runs a three-article job. Two row locks taken from a second
    session hold it at chosen points, so the kill lands where it must without racing the clock:
    the second item's row, until the first article is committed; then the job's row, which the
    worker updates last in the second article's transaction, after writing the article, its
    figure and the progress table. SIGKILL there: PostgreSQL rolls that transaction back. A
    second worker takes the resumed job and imports the two left, each once."""
    name_districts(two_provinces)
    log = tmp_path / "worker.log"
    job = import_job_create(
        user=admin_user, sources=files(KIM_SON, LOC_NINH, KIM_SON_2022), review=False
    )
    first, second, third = job.items.order_by("position")
    workers: list[subprocess.Popen] = []
    with _second_session() as watcher, _second_session() as holder:
        try:
            holder.autocommit = False
            holder.execute(
                "SELECT 1 FROM recruitment_importjobitem WHERE id = %s FOR UPDATE", [second.pk]
            )
            workers.append(_worker(broker, log))
            worker = workers[0]
            _wait_until(
                lambda: _waiting_on_a_lock(watcher, "recruitment_importjobitem"),
                "the worker claiming the second article",
                log,
                worker,
            )
            assert ImportJobItem.objects.get(pk=first.pk).status == Item.NEW
            holder.commit()
            holder.execute("SELECT 1 FROM recruitment_importjob WHERE id = %s FOR UPDATE", [job.pk])
            pid = _wait_until(
                lambda: _waiting_on_a_lock(watcher, "recruitment_importjob"),
                "the worker recording the second article",
                log,
                worker,
            )
            # Its transaction has written the article, its figure and the progress table.
            written = watcher.execute(
                "SELECT array_agg(DISTINCT c.relname::text ORDER BY c.relname::text)"
                " FROM pg_locks l JOIN pg_class c ON c.oid = l.relation"
                " WHERE l.pid = %s AND l.mode = 'RowExclusiveLock' AND c.relkind = 'r'",
                [pid],
            ).fetchone()[0]
            assert {"recruitment_article", "recruitment_figure", "recruitment_progress"} <= set(
                written
            ), written
            os.kill(worker.pid, signal.SIGKILL)
            assert worker.wait(30) == -signal.SIGKILL
            holder.rollback()
            # The backend learns its client is gone once it has the lock and answers: then it
            # rolls the transaction back and ends.
            _wait_until(
                lambda: (
                    not watcher.execute(
                        "SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]
                    ).fetchone()
                ),
                "the killed worker's backend ending",
                log,
            )
        finally:
            for worker in workers:
                if worker.poll() is None:
                    worker.kill()
                    worker.wait()

    job.refresh_from_db()
    assert (job.status, job.done, job.articles_new) == (ImportJob.State.RUNNING, 1, 1)
    statuses = list(job.items.order_by("position").values_list("status", flat=True))
    assert statuses == [Item.NEW, Item.PENDING, Item.PENDING]
    assert list(Article.objects.values_list("text", flat=True)) == [KIM_SON]
    assert not Figure.objects.filter(organisation=two_provinces["loc-ninh"]).exists()
    assert list(Progress.objects.filter(organisation=two_provinces["loc-ninh"])) == []

    import_job_resume(job=job)
    worker = _worker(broker, log)
    try:
        _wait_until(
            lambda: ImportJob.objects.filter(pk=job.pk, status=ImportJob.State.DONE).exists(),
            "the resumed job done",
            log,
            worker,
        )
    finally:
        _stop(worker)
    job.refresh_from_db()
    assert (job.done, job.total, job.articles_new) == (3, 3, 3)
    items = job.items.order_by("position")
    assert [item.status for item in items] == [Item.NEW] * 3
    assert [item.article.text for item in items] == [KIM_SON, LOC_NINH, KIM_SON_2022]
    assert Article.objects.count() == 3
    assert Figure.objects.filter(organisation=two_provinces["loc-ninh"]).count() == 1
