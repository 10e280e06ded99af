"""Celery tasks: the background half of services that take long (`celery -A dashboard worker`)."""

from __future__ import annotations

from dashboard.celery import app

from .services.import_jobs import import_job_run


# acks_late with reject_on_worker_lost: the task is acknowledged when it ends, so a worker killed
# in the middle leaves it with the broker, which hands it to another worker (Redis: after the
# visibility timeout); the job then goes on from its pending items.
@app.task(name="recruitment.import_job", acks_late=True, reject_on_worker_lost=True)
def import_job_task(*, job_id: int) -> None:
    """Run an import job (`services.import_jobs.import_job_run`)."""
    import_job_run(job_id=job_id)
