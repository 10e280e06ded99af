"""The importer's URL fetching refuses what could hurt the server, with a clear sentence."""

import http.server
import threading

import pytest

from recruitment.fetching import FetchError, fetch_url

PAGE = "<html><body><p>Năm 2023, huyện A kết nạp 12 đảng viên.</p></body></html>".encode()


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the stdlib's name
        if self.path == "/big":
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
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
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
