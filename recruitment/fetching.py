"""Fetching an article page by URL for the importer, defensively.

The server fetches what staff type, so this is a server-side request on their behalf: only
http/https, a timeout, a size cap, and no private or loopback addresses (which would let a URL
reach the machine's own services) unless IMPORT_ALLOW_PRIVATE_URLS is set for tests.
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings


class FetchError(ValueError):
    """A URL that could not be fetched, said in one sentence for staff."""


@dataclass
class Fetched:
    url: str
    data: bytes
    content_type: str


def _check_host(host: str, port: int) -> None:
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except socket.gaierror as error:
        raise FetchError(f"Không tìm thấy máy chủ “{host}”.") from error
    if settings.IMPORT_ALLOW_PRIVATE_URLS:
        return
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise FetchError("Không được tải từ địa chỉ nội bộ hoặc máy cục bộ.")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects are followed by hand so every hop's address is checked."""

    def redirect_request(self, *args, **kwargs):
        return None


def fetch_url(url: str, *, max_redirects: int = 3) -> Fetched:
    opener = urllib.request.build_opener(_NoRedirects)
    for _hop in range(max_redirects + 1):
        parts = urlsplit(url.strip())
        if parts.scheme not in {"http", "https"}:
            raise FetchError("Chỉ nhận địa chỉ bắt đầu bằng http:// hoặc https://.")
        if not parts.hostname:
            raise FetchError("Địa chỉ không có tên máy chủ.")
        _check_host(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
        request = urllib.request.Request(
            url, headers={"User-Agent": "tien-do-ket-nap/1.0 (article importer)"}
        )
        try:
            response = opener.open(request, timeout=settings.IMPORT_FETCH_TIMEOUT)
        except urllib.error.HTTPError as error:
            if error.code in {301, 302, 303, 307, 308} and error.headers.get("Location"):
                url = urljoin(url, error.headers["Location"])
                continue
            raise FetchError(f"Máy chủ trả lời lỗi {error.code}.") from error
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise FetchError(f"Không tải được trang: {getattr(error, 'reason', error)}.") from error
        with response:
            limit = settings.IMPORT_MAX_BYTES
            data = response.read(limit + 1)
            if len(data) > limit:
                raise FetchError(f"Trang quá lớn (tối đa {limit // (1024 * 1024)} MB).")
            return Fetched(
                url=url, data=data, content_type=response.headers.get("Content-Type", "")
            )
    raise FetchError("Trang chuyển hướng quá nhiều lần.")
