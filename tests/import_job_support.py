"""What the background-import tests share: two provinces whose districts articles name, two
articles about them, a job run to the end as the admin starts one, and the Redis the tests with
a real worker send their task through."""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager

import pytest
import redis

from dashboard.celery import app
from recruitment.models import ImportJob, Organisation
from recruitment.services.import_jobs import ImportSource, import_job_create

# Kim Sơn (Ninh Bình): three candidates (admitted, % of target, the derived target).
KIM_SON = "Năm 2023, Đảng bộ huyện Kim Sơn kết nạp được 215 đảng viên mới, đạt 105% chỉ tiêu."
# Lộc Ninh (Bình Phước): one candidate.
LOC_NINH = "Năm 2023, Đảng bộ huyện Lộc Ninh kết nạp được 107 đảng viên mới."
NO_FIGURES_TEXT = "Hội nghị bàn về công tác dân vận."
BINARY = bytes(range(256)) * 20


def name_districts(places: dict[str, Organisation]) -> dict[str, Organisation]:
    """The conftest's two_provinces, with the names articles give their districts."""
    places["kim-son"].add_aliases(["huyện Kim Sơn"])
    places["loc-ninh"].add_aliases(["huyện Lộc Ninh"])
    return places


def files(*texts: str | bytes) -> list[ImportSource]:
    return [
        ImportSource(name=f"{i}.txt", data=t.encode() if isinstance(t, str) else t)
        for i, t in enumerate(texts, start=1)
    ]


def run_job(capture, *, user, sources: list[ImportSource], **options) -> ImportJob:
    """Create a job and let its commit run it (in this process: no broker under test)."""
    with capture(execute=True):
        job = import_job_create(user=user, sources=sources, **options)
    job.refresh_from_db()
    return job


def outcomes(job: ImportJob) -> list[tuple]:
    return list(
        job.items.order_by("position").values_list(
            "status", "reason", "figures_proposed", "figures_accepted"
        )
    )


def counters(job: ImportJob) -> tuple:
    return (
        job.status,
        job.done,
        job.total,
        job.articles_new,
        job.articles_known,
        job.articles_failed,
        job.figures_proposed,
        job.figures_accepted,
    )


REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


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


@contextmanager
def redis_broker(settings):
    """The Celery app pointed at Redis, with a queue of the test's own (other workers on the
    same Redis must not take its task), its tasks no longer run in the sending process. Under CI
    (CI=true) an unreachable Redis fails the test with the reason: CI must prove the worker
    path, never skip it."""
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
        client = redis.Redis.from_url(REDIS_URL)
        # The queue and the bindings kombu keeps for it: a shared Redis keeps nothing of the test.
        client.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
        # A task a killed worker had not acknowledged waits in kombu's `unacked` hash, to be put
        # back on its queue after the visibility timeout: forgotten too.
        for tag, message in client.hgetall("unacked").items():
            if queue.encode() in message:
                client.hdel("unacked", tag)
                client.zrem("unacked_index", tag)
