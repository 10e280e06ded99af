"""Uploaded bytes to text: encodings, HTML and the user-facing errors."""

import unicodedata
from datetime import date

import pytest

from recruitment.extraction import DocumentError, read_document

SAMPLE = "Năm 2023, Đảng bộ huyện Yên Bình kết nạp 120 đảng viên mới, đạt 104% kế hoạch."


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"),
        SAMPLE.encode("utf-16"),
        SAMPLE.encode("utf-16-le"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16-le-no-bom"],
)
def test_unicode_encodings_decode(data):
    doc = read_document(data, "bai.txt")
    assert doc.text.strip() == SAMPLE
    assert not doc.was_html


def test_windows_1258_with_combining_tones_is_normalised_to_nfc():
    data = _encode_cp1258(SAMPLE)
    assert b"\xcc" in data or b"\xde" in data or b"\xf2" in data  # combining tone bytes
    doc = read_document(data, "bai.txt")
    assert doc.text.strip() == SAMPLE
    assert unicodedata.is_normalized("NFC", doc.text)


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _encode_cp1258(text):
    """Encode as old Vietnamese software did: letter (with its vowel mark) + combining tone."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        marks = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in marks if c in _TONES)
        letter = unicodedata.normalize("NFC", "".join(c for c in marks if c not in _TONES))
        out += letter.encode("cp1258") + tone.encode("cp1258")
    return bytes(out)


PAGE = """<!DOCTYPE html><html><head><title>Yên Bình kết nạp đảng viên</title>
<meta property="article:published_time" content="2023-10-05T08:00:00+07:00"></head>
<body><nav><a href="/">Trang chủ</a> | <a href="/tin">Tin tức</a></nav>
<article><h1>Yên Bình kết nạp đảng viên</h1>
<p>{p}</p><p>{p}</p><p>Công tác tạo nguồn được các chi bộ quan tâm thường xuyên, chú trọng
đoàn viên thanh niên, học sinh và người lao động trong doanh nghiệp trên địa bàn huyện.</p>
</article><footer>Bản quyền thuộc Huyện ủy Yên Bình. Số lượt truy cập 653441</footer>
</body></html>"""


def test_html_page_gives_main_text_title_and_date():
    html = PAGE.format(p=SAMPLE)
    doc = read_document(html.encode("utf-8"), "page.html")
    assert doc.was_html
    assert SAMPLE in doc.text
    assert "Trang chủ" not in doc.text and "653441" not in doc.text
    assert doc.title == "Yên Bình kết nạp đảng viên"
    assert doc.published == date(2023, 10, 5)


def test_html_detected_by_content_without_extension():
    doc = read_document(PAGE.format(p=SAMPLE).encode("utf-8"), "upload")
    assert doc.was_html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Tệp rỗng."),
        (b"   \n ", "Tệp rỗng."),
        (bytes(range(256)) * 8, "Tệp có vẻ là dữ liệu nhị phân, không phải văn bản."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "Tệp có vẻ là dữ liệu nhị phân"),
        (
            b"<html><head><script>var a = 1;</script></head>"
            b"<body><script>go()</script></body></html>",
            "Không tìm thấy nội dung bài viết trong trang HTML.",
        ),
    ],
    ids=["empty", "blank", "binary", "png", "script-only"],
)
def test_unreadable_uploads_raise_user_message(data, message):
    with pytest.raises(DocumentError, match=message[:20]):
        read_document(data, "x")


def test_too_large_upload_is_refused():
    with pytest.raises(DocumentError, match="Tệp quá lớn"):
        read_document(b"a" * 101, "x.txt", max_bytes=100)
    with pytest.raises(DocumentError, match=r"tối đa 5 MB"):
        read_document(b"a" * 5_000_001, "x.txt")


ARTICLE = "\n".join([SAMPLE] * 10)


def _with_stray_nuls(text: str) -> str:
    """Three NULs where exports and crashed writes leave them: mid-line, line end, file end."""
    return text[:40] + "\x00" + text[40:200] + "\x00\x00" + text[200:] + "\x00"


@pytest.mark.parametrize(
    "data",
    [
        _with_stray_nuls(ARTICLE).encode("utf-8"),
        b"\xef\xbb\xbf" + _with_stray_nuls(ARTICLE).encode("utf-8"),
        _with_stray_nuls(ARTICLE).encode("utf-16"),
        _encode_cp1258(_with_stray_nuls(ARTICLE)),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "cp1258"],
)
def test_a_text_file_with_a_few_stray_nuls_is_read_without_them(data):
    doc = read_document(data, "bai.txt")
    assert doc.text.strip() == ARTICLE
    assert "\x00" not in doc.text


def test_stray_nuls_in_an_html_page_are_dropped_too():
    html = PAGE.format(p=SAMPLE).replace("<article>", "<article>\x00")
    doc = read_document(html.encode("utf-8"), "page.html")
    assert SAMPLE in doc.text and "\x00" not in doc.text


@pytest.mark.parametrize(
    "data",
    [
        ARTICLE.encode("utf-8") + bytes(len(ARTICLE)),
        # The bytes check reads the first 64 KB only; the text check sees the NULs after them.
        (ARTICLE * 100).encode("utf-8") + bytes(100_000),
        b"\xef\xbb\xbf" + ARTICLE.encode("utf-8") + bytes(len(ARTICLE)),
    ],
    ids=["half-nuls", "nuls-after-64kb", "utf8-bom-half-nuls"],
)
def test_a_file_padded_with_nuls_is_still_refused_as_binary(data):
    with pytest.raises(DocumentError, match="dữ liệu nhị phân"):
        read_document(data, "bai.txt")
