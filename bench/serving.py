"""gunicorn started for a benchmark: the production server (dashboard/gunicorn.conf.py, DEBUG
off) on a free loopback port, against the database under measure."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The server's key; a process that makes sessions for it (bench/load.py) signs with the same.
SECRET_KEY = "bench-not-a-secret-" + "x" * 40


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(
    *, database_url: str, workers: int = 1, env: dict[str, str] | None = None
) -> tuple[subprocess.Popen, int]:
    """Serve the project; returns once the health check answers. `env` adds to the server's
    environment (DASHBOARD_PUBLIC, STATIC_ROOT, …)."""
    port = free_port()
    server_env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": SECRET_KEY,
        "WEB_CONCURRENCY": str(workers),
        "PORT": str(port),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DEBUG": "0",
        "HTTPS": "0",  # plain HTTP on the loopback, no redirect to HTTPS
        "LOG_LEVEL": "WARNING",
        "GUNICORN_TIMEOUT": "600",
        **(env or {}),
    }
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", str(ROOT / "dashboard/gunicorn.conf.py")],
        cwd=ROOT,
        env=server_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/health/?format=json")
            conn.getresponse().read()
            return server, port
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("gunicorn did not start within 60 s")
