"""A background import through a real Celery worker consuming from Redis (127.0.0.1:6379 unless
TEST_REDIS_URL says otherwise), as in production: the upload commits the job, the task crosses
the broker, a worker runs it and the database holds the outcome.

The worker runs in a thread of this process (celery.contrib.testing.worker), so it reaches the
test database, SQLite's in-memory one included; the test is transactional so that the job's
rows are committed before the task is sent. Under CI (CI=true) an unreachable Redis fails the
test with the reason: CI must prove the worker path, never skip it.
"""

from __future__ import annotations

import os
import threading
import uuid

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from import_job_support import BINARY, KIM_SON, LOC_NINH, counters, files, name_districts, outcomes

from dashboard.celery import app
from recruitment.models import ImportDraft, ImportJob, ImportJobItem
from recruitment.services.import_jobs import import_job_create
from recruitment.tasks import import_job_task

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
Item = ImportJobItem.State


def _redis_unreachable() -> str | None:
    """Why Redis cannot be used, or None when it answers."""
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2, socket_timeout=2).ping()
    except redis.RedisError as error:
        return f"Redis at {REDIS_URL} is not reachable: {error}"
    return None


def _forget_connections() -> None:
    """Drop the app's connection and producer pools. Even a task run in-process takes a
    producer, from a pool made for the broker of that moment (memory:// under test) and kept;
    Celery has no public call to change brokers at run time, so the producer pool is reset by
    hand, or the task would go to memory:// instead of the Redis the worker consumes."""
    app.close()
    app.amqp._producer_pool = None


@pytest.fixture
def broker(settings):
    """The Celery app pointed at Redis, with a queue of this test's own (other workers on the
    same Redis must not take its task), its tasks no longer run in the sending process."""
    reason = _redis_unreachable()
    if reason is not None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}; CI must run the background import through a real worker.")
        pytest.skip(f"{reason} (outside CI this test may be skipped; under CI it fails)")
    queue = f"tien-do-ket-nap-test-{uuid.uuid4().hex}"
    settings.CELERY_BROKER_URL = REDIS_URL
    settings.CELERY_TASK_DEFAULT_QUEUE = queue
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    _forget_connections()
    app.conf.update(broker_url=REDIS_URL, task_always_eager=False)
    try:
        yield queue
    finally:
        app.conf.update(saved)
        _forget_connections()
        # The queue and the bindings kombu keeps for it: a shared Redis keeps nothing of the test.
        redis.Redis.from_url(REDIS_URL).delete(
            queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}"
        )


@pytest.mark.django_db(transaction=True)
def test_a_job_runs_through_a_real_celery_worker_on_redis(broker, two_provinces, admin_user):
    name_districts(two_provinces)
    ran_in: list[str] = []
    finished = threading.Event()

    def after_task(sender=None, **kwargs):
        if sender is not None and sender.name == import_job_task.name:
            ran_in.append(threading.current_thread().name)
            finished.set()

    task_postrun.connect(after_task, weak=False)
    try:
        with start_worker(
            app,
            pool="solo",
            concurrency=1,
            queues=[broker],
            perform_ping_check=False,
            shutdown_timeout=30,
            loglevel="WARNING",
        ):
            job = import_job_create(user=admin_user, sources=files(KIM_SON, LOC_NINH, BINARY))
            assert finished.wait(120), "the worker did not run the import task within 120 s"
    finally:
        task_postrun.disconnect(after_task)
    job = ImportJob.objects.get(pk=job.pk)
    assert ran_in and ran_in != [threading.current_thread().name]
    assert counters(job) == ("done", 3, 3, 2, 0, 1, 0, 4)
    assert [status for status, *_ in outcomes(job)] == [Item.NEW, Item.NEW, Item.FAILED]
    assert ImportDraft.objects.filter(created_by=admin_user).count() == 2
