"""The Celery app (`celery -A dashboard worker`): configured from Django's settings (`CELERY_*`).

Without `CELERY_BROKER_URL` the settings make every task run in the process that sends it
(`CELERY_TASK_ALWAYS_EAGER`), so `make run` needs no Redis and no worker.
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dashboard.settings")

app = Celery("dashboard")
app.config_from_object("django.conf:settings", namespace="CELERY")
if not app.conf.broker_url:
    # Celery would otherwise default to amqp://localhost: a task run in-process still takes a
    # producer from the pool, and nothing must reach a RabbitMQ that happens to run there.
    app.conf.broker_url = "memory://"
app.autodiscover_tasks()
