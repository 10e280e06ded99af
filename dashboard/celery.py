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
app.autodiscover_tasks()
