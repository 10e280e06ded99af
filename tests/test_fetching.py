"""The importer's URL fetching refuses what could hurt the server, with a clear sentence."""

import contextlib
import http.server
import shutil
import socket
import ssl
import subprocess
import threading
import time

import pytest
from import_support import IMPORT, form

from recruitment import fetching
from recruitment.fetching import FetchError, fetch_url
from recruitment.models import ImportDraft

PAGE = "<html><body><p>Năm 2023, huyện A kết nạp 12 đảng viên.</p></body></html>".encode()

# Set when the module's servers stop, so handlers still trickling bytes give up.
STOP = threading.Event()


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the stdlib's name
        with contextlib.suppress(OSError):  # the client hangs up on a slow answer, as it should
            self._answer()

    def _trickle(self, count: int, byte: bytes = b"x") -> None:
        """One byte every 0.1 s: each read is quick, the whole answer takes count / 10 s."""
        for _ in range(count):
            if STOP.wait(0.1):
                return
            self.wfile.write(byte)

    def _answer(self):
        if self.path == "/trickle-body":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", "600")
            self.end_headers()
            self._trickle(600)
            return
        if self.path == "/trickle-headers":
            self.wfile.write(b"HTTP/1.0 200 OK\r\nX-Slow: ")
            self._trickle(600)
            return
        if self.path == "/stall":
            self.send_response(200)
            self.end_headers()
            STOP.wait(5)
            return
        if self.path == "/host":
            body = self.headers["Host"].encode()
        elif self.path == "/to-internal":
            self.send_response(302)
            self.send_header("Location", f"http://internal.example:{self.server.server_port}/")
            self.end_headers()
            return
        elif self.path == "/big":
            body = b"x" * 4096
        elif self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.end_headers()
            return
        elif self.path == "/article":
            body = PAGE
        else:
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    # pytest-django runs database tests first, so this module's server can start twice.
    STOP.clear()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    STOP.set()
    httpd.shutdown()


@pytest.fixture
def allow_local(settings):
    settings.IMPORT_ALLOW_PRIVATE_URLS = True


def test_a_page_is_fetched_from_an_allowed_server(server, allow_local):
    assert fetch_url(f"{server}/article").data == PAGE


def test_redirects_are_followed_and_checked(server, allow_local):
    fetched = fetch_url(f"{server}/moved")
    assert fetched.url.endswith("/article")


def test_loopback_addresses_are_refused_by_default(server, settings):
    settings.IMPORT_ALLOW_PRIVATE_URLS = False
    with pytest.raises(FetchError, match="địa chỉ nội bộ"):
        fetch_url(f"{server}/article")


def test_private_network_addresses_are_refused_by_default(settings):
    settings.IMPORT_ALLOW_PRIVATE_URLS = False
    with pytest.raises(FetchError, match="địa chỉ nội bộ"):
        fetch_url("http://10.0.0.1/")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/a", "gopher://x/"])
def test_schemes_other_than_http_are_refused(url):
    with pytest.raises(FetchError, match="http:// hoặc https://"):
        fetch_url(url)


def test_a_page_over_the_size_cap_is_refused(server, allow_local, settings):
    settings.IMPORT_MAX_BYTES = 1024
    with pytest.raises(FetchError, match="quá lớn"):
        fetch_url(f"{server}/big")


def test_an_error_status_is_reported(server, allow_local):
    with pytest.raises(FetchError, match="404"):
        fetch_url(f"{server}/missing")


@pytest.mark.parametrize("path", ["/trickle-body", "/trickle-headers"])
def test_a_page_trickling_bytes_is_stopped_at_the_overall_deadline(server, allow_local, path):
    # Every byte comes well within the per-read timeout (10 s); only the deadline stops it.
    started = time.monotonic()
    with pytest.raises(FetchError, match="quá lâu"):
        fetch_url(f"{server}{path}", deadline=0.5)
    assert time.monotonic() - started < 3


def test_the_deadline_is_a_module_constant_read_at_each_call(server, allow_local, monkeypatch):
    monkeypatch.setattr(fetching, "FETCH_DEADLINE", 0.5)
    with pytest.raises(FetchError, match=r"quá 0\.5 giây"):
        fetch_url(f"{server}/trickle-body")


def test_a_silent_server_still_meets_the_per_read_timeout(server, allow_local, settings):
    settings.IMPORT_FETCH_TIMEOUT = 0.2
    with pytest.raises(FetchError, match="Không tải được trang"):
        fetch_url(f"{server}/stall", deadline=10)


def test_the_importer_shows_the_deadline_as_a_form_error(
    server, allow_local, admin_client, monkeypatch
):
    monkeypatch.setattr(fetching, "FETCH_DEADLINE", 0.5)
    response = admin_client.post(IMPORT, form(url=f"{server}/trickle-body"))
    assert response.status_code == 200
    assert "quá lâu" in response.content.decode()
    assert not ImportDraft.objects.exists()


class RebindingDNS:
    """A resolver that answers a public address first and loopback afterwards, for one name.

    Connections are recorded by the address they are made to, a name being resolved as the
    standard library would; then, whatever the address, the local server answers, so no packet
    leaves the machine.
    """

    PUBLIC = "93.184.216.34"

    def __init__(self, monkeypatch, *, port: int, names=("news.example",)):
        self.port = port
        self.names = set(names)
        self.lookups: list[str] = []
        self.connected: list[str] = []
        self._getaddrinfo = socket.getaddrinfo
        self._create_connection = socket.create_connection
        monkeypatch.setattr(socket, "getaddrinfo", self.getaddrinfo)
        monkeypatch.setattr(socket, "create_connection", self.create_connection)

    def getaddrinfo(self, host, port, *args, **kwargs):
        if host == "internal.example":
            address = "127.0.0.1"
        elif host in self.names:
            self.lookups.append(host)
            address = self.PUBLIC if len(self.lookups) == 1 else "127.0.0.1"
        else:
            return self._getaddrinfo(host, port, *args, **kwargs)
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, port))]

    def create_connection(self, address, *args, **kwargs):
        host, port = address
        self.connected.append(self.getaddrinfo(host, port)[0][4][0])
        return self._create_connection(("127.0.0.1", self.port), *args, **kwargs)


def _port(server: str) -> int:
    return int(server.rsplit(":", 1)[1])


def test_the_connection_goes_to_the_address_that_was_checked(server, settings, monkeypatch):
    settings.IMPORT_ALLOW_PRIVATE_URLS = False
    dns = RebindingDNS(monkeypatch, port=_port(server))
    fetched = fetch_url(f"http://news.example:{dns.port}/host")
    assert dns.lookups == ["news.example"]
    assert dns.connected == [RebindingDNS.PUBLIC]
    assert fetched.data == f"news.example:{dns.port}".encode()  # the Host header is the name


def test_a_redirect_to_a_name_that_resolves_to_loopback_is_refused(server, settings, monkeypatch):
    settings.IMPORT_ALLOW_PRIVATE_URLS = False
    dns = RebindingDNS(monkeypatch, port=_port(server))
    with pytest.raises(FetchError, match="địa chỉ nội bộ"):
        fetch_url(f"http://news.example:{dns.port}/to-internal")
    assert dns.connected == [RebindingDNS.PUBLIC]


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory):
    """An HTTPS server whose certificate names news.example only, signed by nobody else."""
    if not shutil.which("openssl"):
        pytest.skip("openssl is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-keyout", str(key), "-out", str(cert), "-subj", "/CN=news.example"]
        + ["-addext", "subjectAltName=DNS:news.example"],
        check=True,
        capture_output=True,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd.server_address[1], cert
    httpd.shutdown()


@pytest.fixture
def trusting_test_certificate(tls_server, monkeypatch):
    """The default context, trusting the test certificate as well: verification stays on."""
    _port, cert = tls_server
    default = ssl.create_default_context

    def create_default_context(*args, **kwargs):
        context = default(*args, **kwargs)
        context.load_verify_locations(cafile=str(cert))
        return context

    monkeypatch.setattr(ssl, "create_default_context", create_default_context)


def test_https_connects_to_the_checked_address_and_verifies_the_name(
    tls_server, trusting_test_certificate, settings, monkeypatch
):
    settings.IMPORT_ALLOW_PRIVATE_URLS = False
    port, _cert = tls_server
    dns = RebindingDNS(monkeypatch, port=port)
    fetched = fetch_url(f"https://news.example:{port}/host")
    assert dns.connected == [RebindingDNS.PUBLIC]
    assert fetched.data == f"news.example:{port}".encode()


def test_https_refuses_a_certificate_for_another_name(
    tls_server, trusting_test_certificate, settings, monkeypatch
):
    settings.IMPORT_ALLOW_PRIVATE_URLS = False
    port, _cert = tls_server
    RebindingDNS(monkeypatch, port=port, names=("other.example",))
    with pytest.raises(FetchError, match="Không tải được trang"):
        fetch_url(f"https://other.example:{port}/host")
