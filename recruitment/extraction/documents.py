"""Uploaded bytes → article text.

Users upload whatever their browser saved: UTF-8 with or without BOM, UTF-16 from
Windows tools, Windows-1258 from old Vietnamese software (whose tone marks are separate
combining characters, so text is normalised to NFC), or a whole HTML page. Every failure
becomes a ``DocumentError`` whose message is one Vietnamese sentence a user can act on.
"""

from __future__ import annotations

import codecs
import datetime
import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Document", "DocumentError", "read_document"]


class DocumentError(ValueError):
    """An upload that cannot be read as an article; ``str(err)`` is for the user."""


@dataclass
class Document:
    text: str
    title: str | None
    published: datetime.date | None
    encoding: str
    was_html: bool


_VI_LETTERS = frozenset(
    "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ"
)
_HTML_RE = re.compile(
    r"<(?:!doctype\s+html|html|head|body|p|div|article|meta|title|br|span|script)\b",
    re.IGNORECASE,
)
_HTML_EXT = (".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx")


def _vietnamese_score(text: str) -> float:
    """How Vietnamese a decoding looks: Vietnamese letters minus foreign accented ones."""
    sample = unicodedata.normalize("NFC", text[:20000])
    vi = foreign = 0
    for c in sample:
        if ord(c) < 128:
            continue
        if c in _VI_LETTERS:
            vi += 1
        elif c.isalpha() or unicodedata.category(c) in ("So", "Co", "Cn"):
            foreign += 1
        elif unicodedata.combining(c):
            foreign += 1  # a tone mark NFC could not attach: wrong code page
    return vi - 3 * foreign


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(
        1
        for c in text
        if unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn") and c not in "\t\n\r\f"
    )
    return bad / len(text)


def _utf16_without_bom(data: bytes) -> str | None:
    if len(data) < 4:
        return None
    even = data[0::2].count(0) / (len(data) / 2)
    odd = data[1::2].count(0) / (len(data) / 2)
    for ratio, enc in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if ratio > 0.3:
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _control_ratio(text) < 0.02:
                return enc
    return None


def _decode(data: bytes) -> tuple[str, str]:
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise DocumentError("Không xác định được bảng mã của tệp.") from exc
    if b"\x00" in data:
        enc = _utf16_without_bom(data)
        if enc:
            return data.decode(enc), enc
    # Not UTF-16, so any NUL is a stray control byte and counts, like the others, against the
    # share below; read_document drops the ones a text file is allowed.
    controls = sum(1 for b in data[:65536] if b < 32 and b not in (9, 10, 12, 13, 27))
    if controls > 0.02 * min(len(data), 65536):
        raise DocumentError("Tệp có vẻ là dữ liệu nhị phân, không phải văn bản.")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    options: list[tuple[float, str, str]] = []
    best = from_bytes(data).best()
    if best is not None:
        text = str(best)
        options.append((_vietnamese_score(text), best.encoding, text))
    for enc in ("cp1258", "windows-1252"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        options.append((_vietnamese_score(text), enc, text))
    if not options:
        raise DocumentError("Không xác định được bảng mã của tệp.")
    score, enc, text = max(options, key=lambda o: o[0])
    if best is None and score <= 0:
        raise DocumentError("Không xác định được bảng mã của tệp.")
    return text, enc


def _parse_date(value) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _from_html(html: str) -> tuple[str, str | None, datetime.date | None]:
    import trafilatura

    result = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True
    )
    text = title = date = None
    if result is not None:
        get = result.get if isinstance(result, dict) else lambda k: getattr(result, k, None)
        text, title, date = get("text"), get("title"), get("date")
    if not text or not re.search(r"\w{2,}", text):
        raise DocumentError("Không tìm thấy nội dung bài viết trong trang HTML.")
    return text, (title or None), _parse_date(date)


def read_document(data: bytes, filename: str = "", max_bytes: int = 5_000_000) -> Document:
    """Decode an upload to NFC text; HTML pages are reduced to their main article."""
    if not data or not data.strip():
        raise DocumentError("Tệp rỗng.")
    if len(data) > max_bytes:
        raise DocumentError(f"Tệp quá lớn (tối đa {max_bytes / 1_000_000:g} MB).")
    text, encoding = _decode(data)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    # A few NULs turn up in real text files (an editor's or a database export's terminators,
    # text copied out of a PDF, a write padded after a crash) and carry no text, so they are
    # dropped rather than refusing the file; PostgreSQL could not store them anyway. Binary
    # files are told apart by how dense their control characters are, NULs included: images
    # and office files are mostly NULs, compressed data has about 10% bytes under 32, while
    # text has next to none. So NULs count against the same 2% as any other control character
    # (checked here on the whole text, and in _decode on the first 64 KB of bytes), and a file
    # with more is still refused as binary.
    if _control_ratio(text) > 0.02:
        raise DocumentError("Tệp có vẻ là dữ liệu nhị phân, không phải văn bản.")
    text = text.replace("\x00", "")
    if not text.strip():
        raise DocumentError("Tệp rỗng.")
    is_html = filename.lower().endswith(_HTML_EXT) or bool(_HTML_RE.search(text[:5000]))
    if is_html:
        body, title, published = _from_html(text)
        body = unicodedata.normalize("NFC", body)
        if title:
            title = unicodedata.normalize("NFC", title)
        return Document(body, title, published, encoding, True)
    return Document(text, None, None, encoding, False)
