"""A background import through a real Celery worker consuming from Redis (127.0.0.1:6379 unless
TEST_REDIS_URL says otherwise), as in production: the upload commits the job, the task crosses
the broker, a worker runs it and the database holds the outcome.

The worker runs in a thread of this process (celery.contrib.testing.worker), so it reaches the
test database, SQLite's in-memory one included; the test is transactional so that the job's
rows are committed before the task is sent. Under CI (CI=true) an unreachable Redis fails the
test with the reason: CI must prove the worker path, never skip it.
"""

from __future__ import annotations

import threading

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from import_job_support import (
    BINARY,
    KIM_SON,
    LOC_NINH,
    counters,
    files,
    name_districts,
    outcomes,
    redis_broker,
)

from dashboard.celery import app
from recruitment.models import ImportDraft, ImportJob, ImportJobItem
from recruitment.services.import_jobs import import_job_create
from recruitment.tasks import import_job_task

Item = ImportJobItem.State


@pytest.fixture
def broker(settings):
    with redis_broker(settings) as queue:
        yield queue


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
