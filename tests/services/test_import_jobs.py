"""Background imports: each article through the single import's services in its own
transaction, its outcome recorded; a job interrupted mid-article is resumed from its pending
items, without a partial or a duplicate article."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from import_job_support import (
    BINARY,
    KIM_SON,
    LOC_NINH,
    NO_FIGURES_TEXT,
    counters,
    files,
    name_districts,
    outcomes,
    run_job,
)

from recruitment.models import (
    Article,
    Figure,
    ImportDraft,
    ImportJob,
    ImportJobItem,
    Role,
    Status,
    Target,
)
from recruitment.services import import_jobs
from recruitment.services.access import membership_grant
from recruitment.services.import_jobs import (
    ImportJobError,
    ImportSource,
    import_job_resume,
    import_job_run,
)
from recruitment.services.imports import NO_FIGURES, Draft, article_import

Item = ImportJobItem.State


@pytest.fixture
def places(two_provinces):
    return name_districts(two_provinces)


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    def run(**kwargs) -> ImportJob:
        return run_job(django_capture_on_commit_callbacks, **kwargs)

    return run


def test_without_a_broker_the_job_runs_when_it_is_committed(places, admin_user, run):
    job = run(user=admin_user, sources=files(KIM_SON))
    draft = ImportDraft.objects.get()
    assert counters(job) == ("done", 1, 1, 1, 0, 0, 0, 3)
    assert outcomes(job) == [(Item.NEW, "", 0, 3)]
    assert job.items.get().draft == draft
    assert (draft.status, draft.created_by) == (ImportDraft.State.PENDING, admin_user)
    assert job.started_at <= job.finished_at
    assert not Article.objects.exists()


def test_each_article_is_new_known_or_failed_with_its_reason(places, admin_user, run):
    article_import(draft=Draft(text=LOC_NINH), accept=True)
    job = run(user=admin_user, sources=files(KIM_SON, LOC_NINH, BINARY, NO_FIGURES_TEXT))
    assert outcomes(job) == [
        (Item.NEW, "", 0, 3),
        (Item.KNOWN, "", 0, 0),
        (Item.FAILED, "Tệp có vẻ là dữ liệu nhị phân, không phải văn bản.", 0, 0),
        (Item.FAILED, NO_FIGURES, 0, 0),
    ]
    assert counters(job) == ("done", 4, 4, 1, 1, 2, 0, 3)
    assert job.items.get(position=2).article == Article.objects.get()


def test_processed_items_keep_no_bytes(places, admin_user, run):
    job = run(user=admin_user, sources=files(KIM_SON, BINARY))
    assert list(job.items.values_list("data", flat=True)) == [None, None]


def test_the_same_text_twice_in_a_job_is_one_draft_to_review(places, admin_user, run):
    job = run(user=admin_user, sources=files(KIM_SON, KIM_SON + "\n"))
    first, second = job.items.order_by("position")
    assert (first.status, second.status) == (Item.NEW, Item.KNOWN)
    assert second.draft == first.draft == ImportDraft.objects.get()


def test_a_job_without_review_saves_the_articles_with_the_creator_in_history(
    places, admin_user, run
):
    job = run(user=admin_user, sources=files(KIM_SON, LOC_NINH), review=False)
    assert counters(job) == ("done", 2, 2, 2, 0, 0, 0, 4)
    assert Figure.objects.count() + Target.objects.count() == 4
    assert set(Figure.objects.values_list("status", flat=True)) == {Status.ACCEPTED}
    article = job.items.get(position=1).article
    assert article.imported_by == admin_user
    assert article.history.get().history_user == admin_user
    assert {h.history_user for h in Figure.history.all()} == {admin_user}
    assert not ImportDraft.objects.exists()


def test_a_known_url_is_not_fetched_again(places, admin_user, run, monkeypatch):
    url = "https://baoninhbinh.org.vn/tin-1"
    article_import(draft=Draft(text=KIM_SON, url=url), accept=True)
    monkeypatch.setattr(import_jobs, "fetch_url", pytest.fail)
    job = run(user=admin_user, sources=[ImportSource(name=url, url=url)])
    assert outcomes(job) == [(Item.KNOWN, "", 0, 0)]


def test_an_unreachable_url_fails_with_the_fetchers_reason(places, admin_user, run):
    url = "http://127.0.0.1:9/tin"
    job = run(user=admin_user, sources=[ImportSource(name=url, url=url)])
    [(status, reason, *_)] = outcomes(job)
    assert status == Item.FAILED
    assert "địa chỉ nội bộ" in reason


def test_an_importer_outside_the_subtree_gets_every_figure_proposed(places, django_user_model, run):
    """As on the review page, only an approver of the organisation (or above) accepts: the
    approver of Bình Phước imports an article about Ninh Bình's Kim Sơn and one about Lộc Ninh."""
    user = django_user_model.objects.create_user("bp", password="x", is_staff=True)
    membership_grant(user=user, organisation=places["binh-phuoc"], role=Role.APPROVER)
    job = run(user=user, sources=files(KIM_SON, LOC_NINH))
    assert outcomes(job) == [(Item.NEW, "", 3, 0), (Item.NEW, "", 0, 1)]


def test_an_importer_outside_the_subtree_saves_proposed_figures_without_review(
    places, django_user_model, run
):
    user = django_user_model.objects.create_user("bp", password="x", is_staff=True)
    membership_grant(user=user, organisation=places["binh-phuoc"], role=Role.APPROVER)
    run(user=user, sources=files(KIM_SON, LOC_NINH), review=False)
    statuses = {
        (row.organisation.short_name, row.status)
        for row in [*Figure.objects.all(), *Target.objects.all()]
    }
    assert statuses == {("Kim Sơn", Status.PROPOSED), ("Lộc Ninh", Status.ACCEPTED)}


class WorkerKilled(BaseException):
    """What a SIGKILL looks like from inside: nothing after it runs, not even `except
    Exception`; the transaction in progress is rolled back."""


def test_a_job_killed_mid_article_leaves_no_partial_article_and_resumes(
    places, admin_user, run, monkeypatch, django_capture_on_commit_callbacks
):
    record = import_jobs._item_record

    def killed_on_the_second(*, job, item, outcome):
        if item.position == 2:
            raise WorkerKilled
        record(job=job, item=item, outcome=outcome)

    monkeypatch.setattr(import_jobs, "_item_record", killed_on_the_second)
    with pytest.raises(WorkerKilled):
        run(user=admin_user, sources=files(KIM_SON, LOC_NINH), review=False)
    job = ImportJob.objects.get()
    assert counters(job) == ("running", 1, 2, 1, 0, 0, 0, 3)
    assert list(Article.objects.values_list("text", flat=True)) == [KIM_SON]
    assert not Figure.objects.filter(organisation=places["loc-ninh"]).exists()

    monkeypatch.setattr(import_jobs, "_item_record", record)
    extracted = []
    extraction = Draft.extraction
    monkeypatch.setattr(Draft, "extraction", lambda d: extracted.append(d.text) or extraction(d))
    with django_capture_on_commit_callbacks(execute=True):
        import_job_resume(job=job)
    job.refresh_from_db()
    assert extracted == [LOC_NINH]
    assert counters(job) == ("done", 2, 2, 2, 0, 0, 0, 4)
    assert sorted(Article.objects.values_list("text", flat=True)) == sorted([KIM_SON, LOC_NINH])


def test_running_a_finished_job_again_imports_nothing_twice(places, admin_user, run):
    job = run(user=admin_user, sources=files(KIM_SON, LOC_NINH), review=False)
    import_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert counters(job) == ("done", 2, 2, 2, 0, 0, 0, 4)
    assert Article.objects.count() == 2


def test_a_finished_job_cannot_be_resumed(places, admin_user, run):
    job = run(user=admin_user, sources=files(KIM_SON))
    with pytest.raises(ImportJobError, match="đã xong"):
        import_job_resume(job=job)


def test_an_error_outside_the_articles_stops_the_job_as_failed_and_resumable(
    places, admin_user, run, monkeypatch
):
    def database_gone(*, job, item_id):
        raise RuntimeError("máy chủ cơ sở dữ liệu không trả lời")

    monkeypatch.setattr(import_jobs, "_item_run", database_gone)
    job = run(user=admin_user, sources=files(KIM_SON))
    assert counters(job) == ("failed", 0, 1, 0, 0, 0, 0, 0)
    assert "máy chủ cơ sở dữ liệu không trả lời" in job.error
    assert job.resumable


def test_an_extractor_bug_on_one_article_fails_that_article_only(
    places, admin_user, run, monkeypatch
):
    extraction = Draft.extraction

    def trips_on_kim_son(draft):
        if "Kim Sơn" in draft.text:
            raise IndexError("list index out of range")
        return extraction(draft)

    monkeypatch.setattr(Draft, "extraction", trips_on_kim_son)
    job = run(user=admin_user, sources=files(KIM_SON, LOC_NINH))
    assert outcomes(job) == [
        (Item.FAILED, "Lỗi khi trích số liệu từ bài này (đã ghi vào nhật ký máy chủ).", 0, 0),
        (Item.NEW, "", 0, 1),
    ]


def test_a_job_needs_at_least_one_article(admin_user):
    with pytest.raises(ImportJobError):
        import_jobs.import_job_create(user=admin_user, sources=[])


def test_the_database_refuses_a_failed_item_without_a_reason(places, admin_user, run):
    job = run(user=admin_user, sources=files(BINARY))
    with pytest.raises(IntegrityError), transaction.atomic():
        job.items.update(reason="")


def test_the_database_refuses_counters_that_do_not_add_up(places, admin_user, run):
    job = run(user=admin_user, sources=files(KIM_SON))
    with pytest.raises(IntegrityError), transaction.atomic():
        ImportJob.objects.filter(pk=job.pk).update(articles_new=0)
