"""gunicorn's settings for production: `make serve`, or `gunicorn -c dashboard/gunicorn.conf.py`
under systemd (docs/deploy.md).

Read from the environment:

- `PORT` (default 8000): gunicorn listens on 127.0.0.1:PORT, for nginx on the same host; to listen
  on every address, `GUNICORN_CMD_ARGS="--bind 0.0.0.0:8000"` (gunicorn applies it after this file).
- `WEB_CONCURRENCY`: the number of worker processes, overriding 2 × cores + 1.
- `GUNICORN_TIMEOUT` (default 120 s): a worker silent that long is killed and replaced. An import
  request extracts each article within 20 s and fetches a URL within IMPORT_FETCH_TIMEOUT, so a
  request with a few articles stays well under it.
- `SECRET_KEY`: required; gunicorn refuses to start without it.
"""

import os
import sys
from pathlib import Path


def _positive_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        sys.exit(f"gunicorn: {name} must be a whole number of at least 1; got {raw!r}.")
    return value


def cores() -> int:
    """The cores this process may run on (a cgroup's or taskset's share, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def default_workers() -> int:
    # Sync workers wait on the database most of the time: two per core keeps the cores busy.
    return 2 * cores() + 1


if not os.environ.get("SECRET_KEY"):
    sys.exit(
        "gunicorn: SECRET_KEY is not set. Set SECRET_KEY in the environment to a long random "
        "string, the same on every app server (see docs/deploy.md), and start again."
    )
# Settings raise on a missing key too, so a worker started some other way cannot fall back to
# the development key.
os.environ["DJANGO_REQUIRE_SECRET_KEY"] = "1"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dashboard.settings")

chdir = str(Path(__file__).resolve().parent.parent)
wsgi_app = "dashboard.wsgi:application"
bind = [f"127.0.0.1:{_positive_int('PORT', 8000)}"]
workers = _positive_int("WEB_CONCURRENCY", default_workers())
worker_class = "sync"
timeout = _positive_int("GUNICORN_TIMEOUT", 120)
graceful_timeout = 30
keepalive = 5
# Each worker loads the code itself, so `kill -HUP` (systemctl reload) starts workers on the new
# code while the old ones finish their requests: a release without downtime.
preload_app = False
# Replace a worker now and then, so memory a long-lived process accumulates is handed back.
max_requests = 1000
max_requests_jitter = 100
# gunicorn ≥ 25's control socket defaults to one path per user ($HOME/.gunicorn/gunicorn.ctl), which
# a second instance would take over; nothing here uses gunicornc, and systemd controls the process.
control_socket_disable = True

# Both logs to stdout (systemd's journal, a container's log). The access log shows the client's
# address from nginx's X-Forwarded-For and the time taken in milliseconds.
accesslog = "-"
errorlog = "-"
access_log_format = (
    '%(h)s %({x-forwarded-for}i)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'
)
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "root": {"level": "INFO", "handlers": ["stdout"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["stdout"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["access"], "propagate": False},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "formatter": "generic",
            "stream": "ext://sys.stdout",
        },
        "access": {
            "class": "logging.StreamHandler",
            "formatter": "access",
            "stream": "ext://sys.stdout",
        },
    },
    "formatters": {
        "generic": {
            "format": "%(asctime)s [%(process)d] [%(levelname)s] %(message)s",
            "datefmt": "[%Y-%m-%d %H:%M:%S %z]",
        },
        "access": {"format": "%(message)s"},
    },
}
