"""The dashboard pages read the recruitment tables from a replica, when one is configured.

With `DATABASE_REPLICA_URL` set, settings add a "replica" connection (a PostgreSQL streaming
replica of the primary). `dashboard_view` marks the time a dashboard page runs; during it, reads
of the `recruitment` app's tables go to the replica. Everything else stays on the primary: the
admin and the importer (they read what they just wrote), sessions and users (a session created at
login may not have reached the replica yet), every write, and the rows of a streamed CSV export,
which are read after the view has returned. Without a replica the router has no opinion and
Django uses "default".

The replica lags the primary by however long replication takes (usually well under a second): a
figure accepted in the admin shows on the dashboard once it has arrived.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
READ_FROM_REPLICA_APPS = frozenset({"recruitment"})

_dashboard_page = ContextVar("dashboard_page", default=False)


@contextmanager
def dashboard_reads() -> Iterator[None]:
    """Route this block's reads of the dashboard's data to the replica (if there is one)."""
    token = _dashboard_page.set(True)
    try:
        yield
    finally:
        _dashboard_page.reset(token)


class DashboardReplicaRouter:
    def db_for_read(self, model, **hints) -> str | None:
        if (
            _dashboard_page.get()
            and model._meta.app_label in READ_FROM_REPLICA_APPS
            and REPLICA in settings.DATABASES
        ):
            return REPLICA
        return None

    def db_for_write(self, model, **hints) -> str | None:
        return None

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        # The replica holds the primary's rows: a row read from one may point to a row of the other.
        if {obj1._state.db, obj2._state.db} <= {"default", REPLICA}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool | None:
        # A streaming replica is read-only and copies the primary's schema.
        return False if db == REPLICA else None
