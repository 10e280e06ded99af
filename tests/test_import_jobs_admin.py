"""The admin's "Nhập nhiều bài" pages: upload files, a zip or URLs as one background job, follow
it, review its articles, resume it; bad input gets a sentence, never a 500."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from import_job_support import BINARY, KIM_SON, LOC_NINH, files, name_districts
from import_support import review_post

from recruitment.models import Article, ImportDraft, ImportJob, ImportJobItem
from recruitment.services.import_jobs import import_job_create

UPLOAD = reverse("admin:recruitment_importjob_add")
JOBS = reverse("admin:recruitment_importjob_changelist")
Item = ImportJobItem.State


def job_url(job: ImportJob) -> str:
    return reverse("admin:recruitment_importjob_change", args=[job.pk])


@pytest.fixture
def staff(client, admin_user, two_provinces):
    name_districts(two_provinces)
    client.force_login(admin_user)
    return client


@pytest.fixture
def post(staff, django_capture_on_commit_callbacks):
    """Submit the upload form; the job runs when its transaction commits, as without a broker."""

    def post(*uploads, urls: str = "", review: bool = True):
        data = {"urls": urls, "publisher": "", "organisation": ""}
        if review:
            data["review"] = "on"
        if uploads:
            data["files"] = list(uploads)
        with django_capture_on_commit_callbacks(execute=True):
            return staff.post(UPLOAD, data)

    return post


def upload(name: str, content: str | bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content.encode() if isinstance(content, str) else content)


def zipped(members: dict[str, str | bytes], name: str = "bai.zip") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    return upload(name, buffer.getvalue())


def errors(response) -> str:
    assert response.status_code == 200
    return " ".join(str(e) for e in response.context["form"].non_field_errors())


def test_the_upload_page_loads(staff):
    response = staff.get(UPLOAD)
    assert response.status_code == 200
    assert 'name="urls"' in response.content.decode()


def test_uploaded_files_become_a_job_whose_page_shows_each_article(post, staff):
    response = post(upload("kim-son.txt", KIM_SON), upload("rac.txt", BINARY))
    job = ImportJob.objects.get()
    assert response["Location"] == job_url(job)
    page = staff.get(job_url(job)).content.decode()
    draft = ImportDraft.objects.get()
    review = reverse("admin:recruitment_article_import_review", args=[draft.pk])
    assert '<strong id="job-progress">2 / 2</strong>' in page
    assert f'href="{review}"' in page
    assert "kim-son.txt" in page and "rac.txt" in page
    assert "Tệp có vẻ là dữ liệu nhị phân" in page
    assert 'http-equiv="refresh"' not in page


def test_a_queued_job_page_refreshes_itself(staff, admin_user):
    job = import_job_create(user=admin_user, sources=files(KIM_SON))  # never committed: queued
    page = staff.get(job_url(job)).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page
    assert '<strong id="job-progress">0 / 1</strong>' in page


def test_a_zip_is_unpacked_into_its_articles_and_other_members_skipped(post):
    archive = zipped(
        {
            "tin/kim-son.txt": KIM_SON,
            "../../loc-ninh.html": f"<html><body><article><p>{LOC_NINH}</p></article></body>",
            "tin/anh.jpg": b"\xff\xd8\xff",
            "__MACOSX/tin/._kim-son.txt": b"\x00\x05",
        }
    )
    post(archive)
    job = ImportJob.objects.get()
    assert list(job.items.values_list("name", "status")) == [
        ("bai.zip/tin/kim-son.txt", Item.NEW),
        ("bai.zip/loc-ninh.html", Item.NEW),
    ]


def test_a_zip_member_larger_than_an_article_may_be_is_refused(post, settings):
    settings.IMPORT_MAX_BYTES = 1024 * 1024
    response = post(zipped({"to.txt": "a" * (3 * 1024 * 1024 // 2)}))
    assert errors(response) == "bai.zip/to.txt: tệp quá lớn (mỗi bài tối đa 1 MB)."
    assert not ImportJob.objects.exists()


def test_a_zip_unpacking_past_the_jobs_budget_is_refused(post, settings):
    settings.IMPORT_JOB_MAX_BYTES = 3 * 1024 * 1024
    bomb = {f"{i}.txt": "0" * (1024 * 1024) for i in range(4)}  # 4 MB unpacked, a few KB zipped
    response = post(zipped(bomb))
    assert errors(response) == (
        "Mỗi lần nhập tối đa 3 MB (kể cả nội dung giải nén); hãy chia thành nhiều lần."
    )
    assert not ImportJob.objects.exists()


def test_a_damaged_zip_gets_a_clear_message(post):
    response = post(upload("hong.zip", b"PK\x03\x04 not really a zip"))
    assert errors(response) == "hong.zip: không phải tệp .zip hoặc tệp đã hỏng."


def test_a_zip_without_articles_gets_a_clear_message(post):
    response = post(zipped({"anh.jpg": b"\xff\xd8\xff"}))
    assert errors(response) == "bai.zip: không có tệp .txt hoặc .html nào trong tệp nén."


def test_a_file_of_another_kind_is_named_and_refused(post):
    response = post(upload("bao-cao.pdf", b"%PDF-1.4"))
    assert errors(response) == "bao-cao.pdf: chỉ nhận tệp .txt, .html, .htm hoặc .zip."


def test_each_bad_url_line_is_named(post):
    response = post(urls="https://baoninhbinh.org.vn/tin-1\n\nkhông phải địa chỉ\nhttp://\n")
    assert errors(response) == (
        "Dòng 3: “không phải địa chỉ” không phải địa chỉ trang hợp lệ. "
        "Dòng 4: “http://” không phải địa chỉ trang hợp lệ."
    )


def test_urls_become_items_once_each(post):
    urls = "http://127.0.0.1:9/a\nhttp://127.0.0.1:9/a\n127.0.0.1:9/b"
    post(urls=urls)
    job = ImportJob.objects.get()
    assert list(job.items.values_list("url", "status")) == [
        ("http://127.0.0.1:9/a", Item.FAILED),
        ("https://127.0.0.1:9/b", Item.FAILED),
    ]


def test_more_articles_than_a_job_takes_are_refused(post, settings):
    settings.IMPORT_JOB_MAX_ITEMS = 2
    response = post(urls="https://a.vn/1\nhttps://a.vn/2\nhttps://a.vn/3")
    assert errors(response) == "Mỗi lần nhập tối đa 2 bài; hãy chia thành nhiều lần."


def test_an_empty_form_asks_for_a_source(post):
    response = post()
    assert errors(response) == (
        "Hãy chọn tệp bài viết (.txt, .html, hoặc .zip chứa chúng) hoặc nhập địa chỉ."
    )


def test_a_draft_reviewed_from_the_job_page_is_then_linked_as_an_article(post, staff):
    post(upload("kim-son.txt", KIM_SON))
    job = ImportJob.objects.get()
    review = staff.get(
        reverse("admin:recruitment_article_import_review", args=[job.items.get().draft_id])
    )
    staff.post(review.request["PATH_INFO"], review_post(review))
    article = Article.objects.get()
    page = staff.get(job_url(job)).content.decode()
    assert reverse("admin:recruitment_article_change", args=[article.pk]) in page
    assert "review-link" not in page


def test_an_interrupted_job_is_resumed_from_its_page(
    staff, admin_user, django_capture_on_commit_callbacks
):
    job = import_job_create(user=admin_user, sources=files(KIM_SON, LOC_NINH))  # worker never came
    resume = reverse("admin:recruitment_importjob_resume", args=[job.pk])
    assert f'action="{resume}"' in staff.get(job_url(job)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(resume)
    job.refresh_from_db()
    assert response["Location"] == job_url(job)
    assert (job.status, job.done, job.articles_new) == ("done", 2, 2)


def test_resuming_a_finished_job_says_so(post, staff):
    post(upload("kim-son.txt", KIM_SON))
    job = ImportJob.objects.get()
    response = staff.post(reverse("admin:recruitment_importjob_resume", args=[job.pk]), follow=True)
    assert "Lần nhập này đã xong" in response.content.decode()


@pytest.fixture
def importer(client, django_user_model):
    """A staff member who may import articles (and nothing else)."""
    user = django_user_model.objects.create_user("nhap", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="add_article"))
    client.force_login(user)
    return user


def test_an_importer_sees_only_their_own_jobs(client, importer, admin_user):
    own = import_job_create(user=importer, sources=files(KIM_SON))
    other = import_job_create(user=admin_user, sources=files(LOC_NINH))
    listed = client.get(JOBS).context["cl"].result_list
    assert list(listed) == [own]
    assert client.get(job_url(other)).status_code == 404
    assert (
        client.post(reverse("admin:recruitment_importjob_resume", args=[other.pk])).status_code
        == 404
    )


def test_a_malformed_job_address_is_404(staff):
    assert staff.get("/admin/recruitment/importjob/abc/change/").status_code == 404


def test_staff_who_may_not_import_cannot_upload(client, django_user_model):
    user = django_user_model.objects.create_user("xem", password="x", is_staff=True)
    client.force_login(user)
    assert client.get(UPLOAD).status_code == 403


def test_the_job_page_is_in_english_when_chosen(post, staff, settings):
    post(upload("rac.txt", BINARY))
    staff.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = staff.get(job_url(ImportJob.objects.get())).content.decode()
    assert "Each article" in page
    assert "Failed: Tệp có vẻ là dữ liệu nhị phân" in page


def _running_since(job: ImportJob, minutes: int) -> None:
    then = timezone.now() - dt.timedelta(minutes=minutes)
    ImportJob.objects.filter(pk=job.pk).update(status="running", started_at=then)
    ImportJob.objects.filter(pk=job.pk).update(created_at=then)


def test_a_running_job_without_progress_for_long_says_its_worker_has_stopped(staff, admin_user):
    job = import_job_create(user=admin_user, sources=files(KIM_SON, LOC_NINH))
    _running_since(job, minutes=30)
    page = staff.get(job_url(job)).content.decode()
    assert 'id="job-stalled"' in page and "Hãy cho chạy tiếp" in page


def test_a_running_job_that_moved_lately_is_not_said_to_have_stopped(staff, admin_user):
    job = import_job_create(user=admin_user, sources=files(KIM_SON, LOC_NINH))
    _running_since(job, minutes=30)
    ImportJobItem.objects.filter(job=job, position=1).update(
        status="failed",
        reason="Không đọc được tệp.",
        data=None,
        finished_at=timezone.now() - dt.timedelta(minutes=1),
    )
    page = staff.get(job_url(job)).content.decode()
    assert 'id="job-stalled"' not in page and '<meta http-equiv="refresh"' in page
