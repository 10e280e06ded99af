"""Fetching an article page by URL for the importer, defensively.

The server fetches what staff type, so this is a server-side request on their behalf: only
http/https, a per-read timeout and an overall deadline, a size cap, and no private or loopback
addresses (which would let a URL reach the machine's own services) unless
IMPORT_ALLOW_PRIVATE_URLS is set for tests.

The host is resolved once per hop and the connection goes to the address that was checked, with
the name kept for the Host header, SNI and certificate verification: resolving again to connect
would let a DNS server answer a public address to the check and 127.0.0.1 to the connection
(DNS rebinding). For the same reason proxies from the environment are not used: a proxy resolves
the name itself, after the check.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from django.conf import settings

# A page that keeps sending a byte just before each per-read timeout never times out by itself;
# this bounds the whole fetch (every hop, connection, headers and body) so an import waits at most
# this long for a URL.
FETCH_DEADLINE = 20.0

_REDIRECTS = {301, 302, 303, 307, 308}
_CHUNK = 64 * 1024
_USER_AGENT = "tien-do-ket-nap/1.0 (article importer)"


class FetchError(ValueError):
    """A URL that could not be fetched, said in one sentence for staff."""


@dataclass
class Fetched:
    url: str
    data: bytes
    content_type: str


class _DeadlinePassed(TimeoutError):
    """Raised by a socket wait that the overall deadline, not the per-read timeout, cut short."""


class _Budget:
    """The time left for one fetch: each socket wait gets the shorter of it and the read timeout."""

    def __init__(self, *, seconds: float, read_timeout: float) -> None:
        self.end = time.monotonic() + seconds
        self.seconds = seconds
        self.read_timeout = read_timeout

    def timeout(self) -> tuple[float, bool]:
        """The timeout for the next wait, and whether the deadline (not the read timeout) set it."""
        remaining = self.end - time.monotonic()
        if remaining <= 0:
            raise _DeadlinePassed
        return min(self.read_timeout, remaining), remaining <= self.read_timeout

    def expired(self) -> bool:
        return time.monotonic() >= self.end

    def connect(self, *, addresses: list[str], port: int) -> socket.socket:
        """A socket to the first checked address that answers, never to a fresh lookup."""
        last_error: OSError = OSError("no address")
        for address in addresses:
            timeout, by_deadline = self.timeout()
            try:
                plain = socket.create_connection((address, port), timeout=timeout)
            except TimeoutError as error:
                if by_deadline:
                    raise _DeadlinePassed from error
                last_error = error
            except OSError as error:
                last_error = error
            else:
                # Re-made as a _BudgetSocket on the same descriptor so that every later read
                # (headers, body, the TLS handshake's timeout) is bounded by the deadline too.
                sock = _BudgetSocket(fileno=plain.detach())
                sock.budget = self
                sock.settimeout(timeout)
                return sock
        raise last_error


class _BudgetMixin:
    """Bounds each read and write by the fetch's deadline.

    http.client reads status, headers and body through ``makefile()``, which calls
    ``recv_into`` once per buffer fill, so clamping the timeout here covers a server that
    trickles bytes at any stage.
    """

    budget: _Budget | None = None

    def _bounded(self, method, *args, **kwargs):
        if self.budget is None:
            return method(*args, **kwargs)
        timeout, by_deadline = self.budget.timeout()
        self.settimeout(timeout)
        try:
            return method(*args, **kwargs)
        except TimeoutError as error:
            if by_deadline:
                raise _DeadlinePassed from error
            raise

    def recv_into(self, *args, **kwargs):
        return self._bounded(super().recv_into, *args, **kwargs)

    def recv(self, *args, **kwargs):
        return self._bounded(super().recv, *args, **kwargs)

    def sendall(self, *args, **kwargs):
        return self._bounded(super().sendall, *args, **kwargs)


class _BudgetSocket(_BudgetMixin, socket.socket):
    pass


class _BudgetSSLSocket(_BudgetMixin, ssl.SSLSocket):
    pass


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """HTTP to a checked address; ``host`` stays the name, so the Host header is the name."""

    def __init__(self, host: str, port: int, *, addresses: list[str], budget: _Budget) -> None:
        super().__init__(host, port)
        self._addresses = addresses
        self._budget = budget

    def connect(self) -> None:
        self.sock = self._budget.connect(addresses=self._addresses, port=self.port)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to a checked address; SNI and the certificate are checked against the name."""

    def __init__(self, host: str, port: int, *, addresses: list[str], budget: _Budget) -> None:
        context = ssl.create_default_context()
        context.sslsocket_class = _BudgetSSLSocket
        super().__init__(host, port, context=context)
        self._addresses = addresses
        self._budget = budget

    def connect(self) -> None:
        sock = self._budget.connect(addresses=self._addresses, port=self.port)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)
        self.sock.budget = self._budget


def _checked_addresses(*, host: str, port: int, shown: str) -> list[str]:
    """Resolve once; every address must be public, and only these are connected to."""
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"Không tìm thấy máy chủ “{shown}”.") from error
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not settings.IMPORT_ALLOW_PRIVATE_URLS:
        for address in addresses:
            if not ipaddress.ip_address(address).is_global:
                raise FetchError("Không được tải từ địa chỉ nội bộ hoặc máy cục bộ.")
    return addresses


def _target(parts) -> str:
    # Non-ASCII or spaces in a pasted address would make http.client refuse the request line;
    # existing %XX escapes and reserved characters are kept as they are.
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    return quote(target, safe="/%?&=:@!$'()*+,;[]~")


def _deadline_error(budget: _Budget) -> FetchError:
    return FetchError(
        f"Trang tải quá lâu (quá {budget.seconds:g} giây) nên đã dừng; hãy thử lại sau hoặc "
        "lưu trang thành tệp rồi tải tệp lên."
    )


def fetch_url(url: str, *, max_redirects: int = 3, deadline: float | None = None) -> Fetched:
    """Fetch a page for the importer; any failure is a FetchError with a sentence for staff.

    ``deadline`` (seconds, FETCH_DEADLINE when not given, read at call time so tests can
    shorten it for the importer too) bounds the whole fetch, redirects included.
    """
    budget = _Budget(
        seconds=FETCH_DEADLINE if deadline is None else deadline,
        read_timeout=settings.IMPORT_FETCH_TIMEOUT,
    )
    try:
        for _hop in range(max_redirects + 1):
            fetched, location = _fetch_once(url=url.strip(), budget=budget)
            if fetched is not None:
                return fetched
            url = location
    except _DeadlinePassed as error:
        raise _deadline_error(budget) from error
    except (http.client.HTTPException, OSError) as error:
        # A read cut by the deadline can also surface as a closed connection or short read.
        if budget.expired():
            raise _deadline_error(budget) from error
        raise FetchError(f"Không tải được trang: {error}.") from error
    raise FetchError("Trang chuyển hướng quá nhiều lần.")


def _fetch_once(*, url: str, budget: _Budget) -> tuple[Fetched | None, str]:
    """One hop: the page, or (None, the next URL) for a redirect."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        raise FetchError("Chỉ nhận địa chỉ bắt đầu bằng http:// hoặc https://.")
    if not parts.hostname:
        raise FetchError("Địa chỉ không có tên máy chủ.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        host = (
            parts.hostname if parts.hostname.isascii() else parts.hostname.encode("idna").decode()
        )
    except (ValueError, UnicodeError) as error:
        raise FetchError("Địa chỉ không hợp lệ.") from error
    addresses = _checked_addresses(host=host, port=port, shown=parts.hostname)
    connection_class = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
    connection = connection_class(host, port, addresses=addresses, budget=budget)
    try:
        connection.request(
            "GET", _target(parts), headers={"User-Agent": _USER_AGENT, "Connection": "close"}
        )
        response = connection.getresponse()
        location = response.getheader("Location")
        if response.status in _REDIRECTS and location:
            return None, urljoin(url, location)
        if not 200 <= response.status < 300:
            raise FetchError(f"Máy chủ trả lời lỗi {response.status}.")
        data = _read_capped(response=response)
        return Fetched(url=url, data=data, content_type=response.getheader("Content-Type", "")), ""
    finally:
        connection.close()


def _read_capped(*, response: http.client.HTTPResponse) -> bytes:
    limit = settings.IMPORT_MAX_BYTES
    chunks: list[bytes] = []
    size = 0
    while True:
        # read1 makes at most one socket read (each bounded by the deadline), where read(n) would
        # wait for n bytes however slowly they come.
        chunk = response.read1(_CHUNK)
        if not chunk:
            break
        size += len(chunk)
        if size > limit:
            raise FetchError(f"Trang quá lớn (tối đa {limit // (1024 * 1024)} MB).")
        chunks.append(chunk)
    return b"".join(chunks)
