"""Production serving: `/health/`, the gunicorn settings, the read-replica router, and `make serve`
started for real (gunicorn, DEBUG off, whitenoise) and asked over HTTP."""

from __future__ import annotations

import gzip
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import warnings
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from dashboard.access import dashboard_view
from dashboard.db_router import REPLICA, DashboardReplicaRouter
from dashboard.health import health_checks
from recruitment.models import Figure

ROOT = Path(__file__).resolve().parent.parent
GUNICORN_CONFIG = ROOT / "dashboard" / "gunicorn.conf.py"
CHECKS_RUN = {"Database(alias='default')", "Cache(alias='default')"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- /health/ -------------------------------------------------------------------------------


def test_health_answers_200_and_names_the_checks_it_ran(db, client):
    response = client.get("/health/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json() == {name: "OK" for name in CHECKS_RUN}
    assert "no-cache" in response["Cache-Control"]


def test_health_in_plain_text(db, client):
    response = client.get("/health/?format=text")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert set(response.content.decode().splitlines()) == {f"{name}: OK" for name in CHECKS_RUN}


def test_health_needs_no_login_and_answers_only_get_and_head(db, client, settings):
    settings.DASHBOARD_PUBLIC = False
    assert client.get("/health/?format=json").status_code == 200
    assert client.head("/health/").status_code == 200
    for method in (client.post, client.put, client.delete):
        assert method("/health/").status_code == 405


class FakeRedis:
    """Enough of a Redis server for a PING: each command read is answered +PONG or +OK."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.commands: list[str] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn:
                buffer = b""
                while data := conn.recv(4096):
                    buffer += data
                    while (command := self._take_command(buffer)) is not None:
                        name, buffer = command
                        self.commands.append(name)
                        conn.sendall(b"+PONG\r\n" if name == "PING" else b"+OK\r\n")

    @staticmethod
    def _take_command(buffer: bytes) -> tuple[str, bytes] | None:
        """One RESP array of bulk strings off the front of the buffer, or None if incomplete."""
        lines = buffer.split(b"\r\n")
        if len(lines) < 2 or not lines[0].startswith(b"*"):
            return None
        count = int(lines[0][1:])
        if len(lines) < 1 + 2 * count + 1:
            return None
        words = [lines[2 + 2 * i] for i in range(count)]
        rest = b"\r\n".join(lines[1 + 2 * count :])
        return words[0].decode().upper(), rest

    def close(self) -> None:
        self.server.close()


def test_health_checks_the_broker_only_when_a_broker_url_is_configured(db, client):
    assert not any("Redis" in repr(check) for check in health_checks())
    redis = FakeRedis()
    try:
        with override_settings(CELERY_BROKER_URL=f"redis://127.0.0.1:{redis.port}/0"):
            response = client.get("/health/?format=json")
    finally:
        redis.close()
    assert response.status_code == 200
    broker = f"Redis(db=0, host='127.0.0.1', port={redis.port})"
    assert response.json() == {**{name: "OK" for name in CHECKS_RUN}, broker: "OK"}
    assert "PING" in redis.commands


def test_health_fails_when_the_broker_does_not_answer(db, client):
    port = free_port()  # nothing listens there
    with override_settings(CELERY_BROKER_URL=f"redis://127.0.0.1:{port}/0"):
        response = client.get("/health/?format=json")
    assert response.status_code == 500
    result = response.json()
    assert "Unable to connect to Redis" in result.pop(f"Redis(db=0, host='127.0.0.1', port={port})")
    assert result == {name: "OK" for name in CHECKS_RUN}


@contextmanager
def replica_configured():
    """Settings as with DATABASE_REPLICA_URL set; no connection is made to it."""
    replica = {**settings.DATABASES["default"], "TEST": {"MIRROR": "default"}}
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Overriding setting DATABASES", UserWarning)
        with override_settings(DATABASES={**settings.DATABASES, REPLICA: replica}):
            yield


def test_health_checks_the_replica_when_there_is_one():
    assert [repr(c) for c in health_checks()] == [
        "Database(alias='default')",
        "Cache(alias='default')",
    ]
    with replica_configured():
        assert [repr(c) for c in health_checks()] == [
            "Database(alias='default')",
            "Database(alias='replica')",
            "Cache(alias='default')",
        ]


def test_a_broker_url_that_is_not_redis_stops_the_settings():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={**clean_env(), "CELERY_BROKER_URL": "amqp://guest@localhost//"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "CELERY_BROKER_URL must be a Redis URL" in result.stderr


# --- sessions: nothing kept in the app process ------------------------------------------------


def test_sessions_and_cache_keep_no_shared_state_in_the_process():
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    assert settings.MESSAGE_STORAGE == "django.contrib.messages.storage.fallback.FallbackStorage"


# --- the read replica -------------------------------------------------------------------------


def test_router_sends_dashboard_reads_to_the_replica_and_nothing_else():
    router = DashboardReplicaRouter()
    from django.contrib.sessions.models import Session

    seen: dict[str, str | None] = {}

    @dashboard_view
    def page(request):
        seen["figure"] = router.db_for_read(Figure)
        seen["session"] = router.db_for_read(Session)
        seen["write"] = router.db_for_write(Figure)
        return "page"

    class Request:
        method = "GET"

    with override_settings(DASHBOARD_PUBLIC=True):
        page(Request())
        assert seen == {"figure": None, "session": None, "write": None}  # no replica configured
        with replica_configured():
            page(Request())
            assert seen == {"figure": REPLICA, "session": None, "write": None}
            # Outside a dashboard page (the admin, the importer) reads stay on the primary.
            assert router.db_for_read(Figure) is None
    assert router.allow_migrate(REPLICA, "recruitment") is False
    assert router.allow_migrate("default", "recruitment") is None


REPLICA_SCRIPT = """
import json
import django
django.setup()
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from recruitment.models import Level, Organisation

Organisation.objects.create(name="Đảng bộ tỉnh Ninh Bình", short_name="Ninh Bình",
                            level=Level.PROVINCE)
with CaptureQueriesContext(connections["default"]) as primary, \\
        CaptureQueriesContext(connections["replica"]) as replica:
    status = Client().get("/org/").status_code
print(json.dumps({
    "status": status,
    "primary": [q["sql"] for q in primary.captured_queries],
    "replica": [q["sql"] for q in replica.captured_queries],
    "outside_a_page": Organisation.objects.all().db,
}))
"""


def test_with_a_replica_configured_the_dashboard_pages_read_from_it(tmp_path):
    """The settings, the router and `dashboard_view` together: DATABASE_REPLICA_URL names a second
    connection (here the same SQLite file), and a page's reads of the figures go through it."""
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    env = {
        **clean_env(),
        "DATABASE_URL": url,
        "DATABASE_REPLICA_URL": url,
        "DASHBOARD_PUBLIC": "1",
        "ALLOWED_HOSTS": "testserver",
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
    }
    migrate = [sys.executable, "manage.py", "migrate", "--noinput", "-v0"]
    subprocess.run(migrate, cwd=ROOT, env=env, check=True, capture_output=True, timeout=120)
    result = subprocess.run(
        [sys.executable, "-c", REPLICA_SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.splitlines()[-1])
    assert seen["status"] == 200
    assert seen["replica"] and all("recruitment_" in sql for sql in seen["replica"])
    assert not [sql for sql in seen["primary"] if "recruitment_" in sql]
    assert seen["outside_a_page"] == "default"


# --- gunicorn's settings ----------------------------------------------------------------------


def load_gunicorn_config(monkeypatch, **env: str):
    """Load dashboard/gunicorn.conf.py the way gunicorn does, with this environment."""
    from gunicorn.app.base import Application

    for name in ("SECRET_KEY", "WEB_CONCURRENCY", "PORT", "GUNICORN_TIMEOUT", "GUNICORN_CMD_ARGS"):
        monkeypatch.delenv(name, raising=False)
    # The file sets it for the workers; recorded here so the test leaves os.environ as it was.
    monkeypatch.setenv("DJANGO_REQUIRE_SECRET_KEY", "")
    for name, value in env.items():
        monkeypatch.setenv(name, value)

    class Probe(Application):
        def init(self, parser, opts, args):
            return None

        def load_config(self):
            self.load_config_from_file(str(GUNICORN_CONFIG))

        def load(self):
            raise AssertionError("only the settings are loaded")

    return Probe().cfg


def test_gunicorn_config_computes_workers_from_the_cores(monkeypatch):
    cfg = load_gunicorn_config(monkeypatch, SECRET_KEY="k")
    assert cfg.workers == 2 * len(os.sched_getaffinity(0)) + 1
    assert cfg.bind == ["127.0.0.1:8000"]
    assert cfg.wsgi_app == "dashboard.wsgi:application"
    assert cfg.chdir == str(ROOT)
    assert cfg.preload_app is False  # HUP must load new code
    assert (cfg.accesslog, cfg.errorlog) == ("-", "-")
    handlers = cfg.logconfig_dict["handlers"]
    for logger in ("gunicorn.access", "gunicorn.error"):
        (handler,) = cfg.logconfig_dict["loggers"][logger]["handlers"]
        assert handlers[handler]["stream"] == "ext://sys.stdout"
    assert os.environ["DJANGO_REQUIRE_SECRET_KEY"] == "1"


def test_gunicorn_config_reads_web_concurrency_and_port(monkeypatch):
    cfg = load_gunicorn_config(monkeypatch, SECRET_KEY="k", WEB_CONCURRENCY="3", PORT="9001")
    assert cfg.workers == 3
    assert cfg.bind == ["127.0.0.1:9001"]


@pytest.mark.parametrize("value", ["0", "-2", "many"])
def test_gunicorn_config_refuses_a_bad_web_concurrency(monkeypatch, value):
    with pytest.raises(SystemExit, match="WEB_CONCURRENCY must be a whole number"):
        load_gunicorn_config(monkeypatch, SECRET_KEY="k", WEB_CONCURRENCY=value)


def test_gunicorn_config_refuses_to_start_without_a_secret_key(monkeypatch):
    with pytest.raises(SystemExit, match="SECRET_KEY is not set"):
        load_gunicorn_config(monkeypatch)


def test_check_deploy_is_clean_with_the_production_settings():
    env = {
        **clean_env(),
        "DJANGO_REQUIRE_SECRET_KEY": "1",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "tiendo.example.vn",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (result.returncode, result.stdout.strip()) == (
        0,
        "System check identified no issues (0 silenced).",
    ), result.stderr


def test_settings_refuse_the_development_key_when_a_key_is_required():
    env = {**clean_env(), "DJANGO_REQUIRE_SECRET_KEY": "1"}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


# --- make serve, for real ---------------------------------------------------------------------


def clean_env() -> dict[str, str]:
    """This process's environment without what tests or an outer `make` put there."""
    dropped = {
        "DEBUG",
        "SECRET_KEY",
        "DJANGO_REQUIRE_SECRET_KEY",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "DATABASE_URL",
        "DATABASE_REPLICA_URL",
        "CELERY_BROKER_URL",
        "STATIC_ROOT",
        "PORT",
        "WEB_CONCURRENCY",
        "GUNICORN_CMD_ARGS",
        "ALLOWED_HOSTS",
        "MAKEFLAGS",
        "MFLAGS",
        "MAKELEVEL",
    }
    return {k: v for k, v in os.environ.items() if k not in dropped}


def need_make() -> str:
    make = shutil.which("make")
    if make is None:
        pytest.fail("`make` is not installed: install it (apt-get install make) to test make serve")
    return make


def test_make_serve_refuses_to_start_without_a_secret_key():
    result = subprocess.run(
        [need_make(), "--no-print-directory", "serve"],
        cwd=ROOT,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "make serve needs SECRET_KEY in the environment" in result.stderr
    assert "gunicorn" not in result.stdout  # nothing was started


PROXIED = {"X-Forwarded-Proto": "https"}


def plain_http(port: int, path: str) -> tuple[int, dict[str, str]]:
    """One GET over plain HTTP, its redirect not followed."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, dict(response.getheaders())
    finally:
        connection.close()


def fetch(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_make_serve_runs_gunicorn_with_debug_off_and_serves_static_files(tmp_path):
    make = need_make()
    port = free_port()
    static_root = tmp_path / "static"
    env = {
        **clean_env(),
        # On purpose: `make serve` turns DEBUG off whatever the environment says.
        "DEBUG": "1",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "STATIC_ROOT": str(static_root),
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    log_path = tmp_path / "serve.log"
    base = f"http://127.0.0.1:{port}"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [make, "--no-print-directory", "serve"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def output() -> str:
        return log_path.read_text(errors="replace")

    try:
        deadline = time.monotonic() + 25
        while True:
            if server.poll() is not None:
                pytest.fail(f"make serve exited with {server.returncode}:\n{output()}")
            try:
                status, _headers, body = fetch(f"{base}/health/", Accept="application/json")
                break
            except (ConnectionError, urllib.error.URLError):
                if time.monotonic() > deadline:
                    pytest.fail(f"gunicorn did not answer on port {port} in 25 s:\n{output()}")
                time.sleep(0.2)

        assert status == 200, body
        assert json.loads(body) == {name: "OK" for name in CHECKS_RUN}

        # A vendored file under its hashed name, gzip-compressed by collectstatic, cached forever.
        manifest = json.loads((static_root / "staticfiles.json").read_text())
        hashed = manifest["paths"]["vendor/chartjs/chart.umd.js"]
        assert hashed != "vendor/chartjs/chart.umd.js"
        # Production is HTTPS only: nginx terminates TLS and says so (gunicorn trusts the
        # header from loopback); a request that came over plain HTTP is sent to HTTPS.
        status, headers = plain_http(port, "/admin/login/")
        assert (status, headers["Location"]) == (301, f"https://127.0.0.1:{port}/admin/login/")
        status, headers, body = fetch(
            f"{base}/static/{hashed}", **{"Accept-Encoding": "gzip"}, **PROXIED
        )
        assert status == 200
        assert headers["Content-Encoding"] == "gzip"
        assert "immutable" in headers["Cache-Control"]
        assert gzip.decompress(body) == (static_root / hashed).read_bytes()

        status, headers, body = fetch(f"{base}/admin/login/", **PROXIED)
        page = body.decode()
        assert status == 200
        assert "Đăng nhập" in page and "csrfmiddlewaretoken" in page
        assert (
            headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
        )
        # The page links the hashed names of the manifest: DEBUG is off.
        assert f"/static/{manifest['paths']['admin/css/base.css']}" in page

        status, _headers, body = fetch(f"{base}/no-such-page/", **PROXIED)
        assert status == 404
        assert b"URLconf" not in body  # Django's technical 404 page shows only with DEBUG on

        status, _headers, _body = fetch(f"{base}/health/", Host="elsewhere.example", **PROXIED)
        assert status == 400  # ALLOWED_HOSTS from the environment

        assert '"GET /health/ HTTP/1.1" 200' in output()  # the access log, on stdout
    finally:
        stop_group(server)
    assert "Shutting down: Master" in output()


def stop_group(server: subprocess.Popen) -> None:
    """SIGTERM to make and gunicorn (their own process group), then wait until all have gone."""
    try:
        os.killpg(server.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        server.poll()
        try:
            os.killpg(server.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.killpg(server.pid, signal.SIGKILL)
    server.wait()
    pytest.fail("gunicorn did not stop within 15 s of SIGTERM")
