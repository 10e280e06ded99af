"""`/health/` for the load balancer: 200 when this app server can serve, 500 when it cannot.

django-health-check runs the checks and answers in the format asked for (`?format=json`,
`?format=text`, or by the Accept header; HTML for a browser). Which checks run is decided per
request from the settings:

- the primary database (`Database(alias='default')`) and, when configured, the read replica;
- the cache this process uses (`Cache(alias='default')`);
- Redis, Celery's broker, only when `CELERY_BROKER_URL` is set.

It needs no login and only answers GET (and HEAD, which load balancers also send).
"""

from __future__ import annotations

from django.conf import settings
from health_check import Cache, Database
from health_check.views import HealthCheckView

from .db_router import REPLICA

# A load balancer probes every few seconds: a broker that does not answer in 2 s is down.
BROKER_TIMEOUT_SECONDS = 2


def _broker_client():
    from redis.asyncio import Redis

    return Redis.from_url(
        settings.CELERY_BROKER_URL,
        socket_connect_timeout=BROKER_TIMEOUT_SECONDS,
        socket_timeout=BROKER_TIMEOUT_SECONDS,
    )


def health_checks() -> list:
    """The checks `/health/` runs with the current settings."""
    checks: list = [Database(alias="default")]
    if REPLICA in settings.DATABASES:
        checks.append(Database(alias=REPLICA))
    checks.append(Cache(alias="default"))
    if settings.CELERY_BROKER_URL:
        from health_check.contrib.redis import Redis

        checks.append(Redis(client_factory=_broker_client))
    return checks


class HealthView(HealthCheckView):
    http_method_names = ["get", "head"]

    def get_checks(self):
        yield from health_checks()
