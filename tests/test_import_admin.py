"""The admin's "Nhập bài viết" flow: read, review, save; bad input gets a sentence, not a 500."""

import http.server
import threading
import unicodedata

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from import_support import IMPORT, SENTENCE, at, form, review_post, review_url

from recruitment.models import Article, Figure, ImportDraft, Organisation, Target


@pytest.fixture
def staff(client, admin_user, seed_organisations):
    client.force_login(admin_user)
    return client


def test_the_import_page_loads(staff):
    assert staff.get(IMPORT).status_code == 200


def test_pasted_text_leads_to_a_review_of_its_figures(staff):
    response = staff.post(IMPORT, form(text=SENTENCE, published="05/01/2024"), follow=True)
    assert at(response) == review_url(ImportDraft.objects.get())
    page = response.content.decode()
    assert "215" in page and "<mark" in page
    assert not Article.objects.exists()


def test_saving_the_review_writes_the_article_and_accepted_figures(staff):
    review = staff.post(IMPORT, form(text=SENTENCE, published="05/01/2024"), follow=True)
    response = staff.post(at(review), review_post(review))
    article = Article.objects.get()
    assert response.status_code == 302
    assert Figure.objects.filter(source=article, metric="admitted", value=215).exists()


def test_a_rejected_candidate_is_not_saved(staff):
    review = staff.post(IMPORT, form(text=SENTENCE), follow=True)
    total = review.context["formset"].total_form_count()
    rejected = {f"form-{i}-decision": "rejected" for i in range(total)}
    staff.post(at(review), review_post(review, **rejected))
    assert Article.objects.count() == 1
    assert not Figure.objects.exists() and not Target.objects.exists()


def test_an_edited_value_is_saved_as_edited(staff):
    review = staff.post(IMPORT, form(text=SENTENCE), follow=True)
    index = next(
        i
        for i, f in enumerate(review.context["formset"].forms)
        if f.initial["metric"] == "admitted"
    )
    staff.post(at(review), review_post(review, **{f"form-{index}-value": "216"}))
    assert Figure.objects.get(metric="admitted").value == 216


def test_a_new_organisation_can_be_created_from_the_review(staff):
    text = "Năm 2023, Đảng bộ Công ty Cổ phần Sao Mai kết nạp được 14 đảng viên mới."
    review = staff.post(IMPORT, form(text=text), follow=True)
    parent = Organisation.objects.get(name="Đảng bộ huyện Kim Sơn")
    overrides = {}
    for i, _f in enumerate(review.context["formset"].forms):
        overrides.update(
            {
                f"form-{i}-organisation": "",
                f"form-{i}-new_organisation": "Công ty Cổ phần Sao Mai",
                f"form-{i}-new_level": "grassroots",
                f"form-{i}-new_parent": parent.pk,
            }
        )
    staff.post(at(review), review_post(review, **overrides))
    company = Organisation.objects.get(short_name="Công ty Cổ phần Sao Mai")
    assert company.parent == parent
    assert company.history.get().history_user.username == "admin"
    assert Figure.objects.get(metric="admitted").organisation == company


def test_the_same_text_again_leads_to_the_existing_article(staff):
    review = staff.post(IMPORT, form(text=SENTENCE), follow=True)
    staff.post(at(review), review_post(review))
    article = Article.objects.get()
    response = staff.post(IMPORT, form(text=SENTENCE))
    assert response["Location"] == reverse("admin:recruitment_article_change", args=[article.pk])
    assert Article.objects.count() == 1


def test_an_empty_form_asks_for_a_source(staff):
    response = staff.post(IMPORT, form())
    assert "Hãy dán nội dung, chọn tệp hoặc nhập địa chỉ" in response.content.decode()


def test_a_text_without_figures_is_reported_and_nothing_saved(staff):
    response = staff.post(IMPORT, form(text="Hội nghị bàn về công tác dân vận."), follow=True)
    assert "Không tìm thấy số liệu" in response.content.decode()
    assert not Article.objects.exists()


def upload(staff, name, content):
    return staff.post(IMPORT, {**form(), "files": [SimpleUploadedFile(name, content)]})


def test_an_uploaded_binary_file_gets_a_clear_message(staff):
    response = upload(staff, "rac.txt", bytes(range(256)) * 50)
    assert response.status_code == 200
    assert "nhị phân" in response.content.decode()


def test_an_uploaded_20_mb_file_is_refused(staff):
    response = upload(staff, "lon.txt", b"a" * (20 * 1024 * 1024))
    assert response.status_code in (200, 400, 413)
    assert not Article.objects.exists()
    if response.status_code == 200:
        assert "quá lớn" in response.content.decode()


def test_a_file_in_an_unknown_encoding_gets_a_clear_message(staff):
    response = upload(staff, "la.txt", b"\xef\xbb\xbf" + b"\xff\xfe\xfa\xc0 kh\xf4ng")
    assert "Không xác định được bảng mã" in response.content.decode()
    assert not Article.objects.exists()


def test_an_html_page_of_only_scripts_gets_a_clear_message(staff):
    page = b"<html><head><script>var a=1;</script></head><body><script>b()</script></body></html>"
    response = upload(staff, "trang.html", page)
    assert "Không tìm thấy nội dung" in response.content.decode()


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def windows_1258(text: str) -> bytes:
    """Encode as legacy Vietnamese software did: base letters precomposed, tone marks combining."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in parts if c in TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def test_an_uploaded_windows_1258_file_is_read(staff):
    response = upload(staff, "cu.txt", windows_1258(SENTENCE))
    assert response.status_code == 302
    assert response["Location"] == review_url(ImportDraft.objects.get())


def test_several_files_are_reviewed_one_after_another(staff):
    files = [
        SimpleUploadedFile("a.txt", SENTENCE.encode()),
        SimpleUploadedFile("b.txt", SENTENCE.replace("215", "216").encode()),
    ]
    review = staff.post(IMPORT, {**form(), "files": files}, follow=True)
    assert review.context["remaining"] == 1
    second = staff.post(at(review), review_post(review), follow=True)
    assert second.context["remaining"] == 0
    staff.post(at(second), review_post(second))
    assert Article.objects.count() == 2


class ArticleHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the stdlib's name
        body = f"<html><head><title>Tin</title></head><body><article><p>{SENTENCE}</p>"
        body += "<p>Công tác phát triển đảng viên được chú trọng.</p></article></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args):
        pass


def test_a_page_is_fetched_by_url_when_local_addresses_are_allowed(staff, settings):
    settings.IMPORT_ALLOW_PRIVATE_URLS = True
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), ArticleHandler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/tin"
        response = staff.post(IMPORT, form(url=url), follow=True)
    finally:
        httpd.shutdown()
    assert at(response) == review_url(ImportDraft.objects.get())
    assert "215" in response.content.decode()


def test_a_local_url_is_refused_by_default(staff):
    response = staff.post(IMPORT, form(url="http://127.0.0.1:9/x"))
    assert "địa chỉ nội bộ" in response.content.decode()


def test_staff_without_the_add_permission_cannot_import(client, django_user_model):
    user = django_user_model.objects.create_user("xem", password="x", is_staff=True)
    client.force_login(user)
    assert client.get(IMPORT).status_code == 403
