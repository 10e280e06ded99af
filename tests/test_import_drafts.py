"""Import drafts: the extractor runs once per import, the review reads the stored row."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from import_support import IMPORT, SENTENCE, at, form, review_post, review_url

from recruitment.extraction import Candidate
from recruitment.models import Article, Figure, ImportDraft
from recruitment.services import imports as services
from recruitment.services.imports import (
    Draft,
    candidate_from_json,
    candidate_to_json,
    import_draft_create,
)

OTHER = SENTENCE.replace("215", "216")


@pytest.fixture
def staff(client, admin_user, seed_organisations):
    client.force_login(admin_user)
    return client


def candidate(**fields) -> Candidate:
    values = {
        "organisation": "Đảng bộ huyện Kim Sơn",
        "org_level": "district",
        "metric": "admitted",
        "period_start": dt.date(2023, 1, 1),
        "period_end": dt.date(2023, 12, 31),
        "period_label": "năm 2023",
        "value": Decimal("215"),
        "quote": SENTENCE,
        "start": 0,
        "end": len(SENTENCE),
        "value_start": 46,
        "value_end": 49,
        **fields,
    }
    return Candidate(**values)


def test_a_candidate_survives_its_json_form_unchanged():
    original = candidate(value=Decimal("85.6"), derived=True, confidence=0.55, reason="carried")
    assert candidate_from_json(candidate_to_json(original)) == original


def test_a_candidate_is_stored_with_iso_dates_and_decimal_strings():
    stored = candidate_to_json(candidate(value=Decimal("85.6")))
    assert (stored["period_start"], stored["period_end"], stored["value"]) == (
        "2023-01-01",
        "2023-12-31",
        "85.6",
    )


def test_import_draft_create_stores_the_extraction_pending(seed_organisations, admin_user):
    draft = import_draft_create(
        draft=Draft(text=SENTENCE, publisher="Báo Ninh Bình", published=dt.date(2024, 1, 5)),
        user=admin_user,
    )
    stored = ImportDraft.objects.get()
    expected = services.extract(SENTENCE, published=dt.date(2024, 1, 5), organisation=None)
    assert stored == draft
    assert (stored.status, stored.created_by, stored.publisher, stored.published) == (
        ImportDraft.State.PENDING,
        admin_user,
        "Báo Ninh Bình",
        dt.date(2024, 1, 5),
    )
    assert stored.candidates == [candidate_to_json(c) for c in expected.candidates]
    assert services.import_draft_extraction(stored) == expected


def test_a_text_without_figures_is_stored_as_discarded(db, admin_user):
    draft = import_draft_create(draft=Draft(text="Hội nghị bàn về dân vận."), user=admin_user)
    assert (draft.status, draft.candidates) == (ImportDraft.State.DISCARDED, [])


def test_the_extractor_runs_once_across_the_review_get_and_posts(staff, monkeypatch):
    calls = []
    real = services.extract

    def counting(text, **kwargs):
        calls.append(text)
        return real(text, **kwargs)

    monkeypatch.setattr(services, "extract", counting)
    review = staff.post(IMPORT, form(text=SENTENCE), follow=True)
    assert staff.get(at(review)).status_code == 200
    invalid = staff.post(at(review), review_post(review, **{"form-0-value": "-1"}))
    assert invalid.status_code == 200
    assert staff.post(at(review), review_post(review)).status_code == 302
    assert calls == [ImportDraft.objects.get().text]


def test_submitting_the_form_creates_a_pending_draft_and_no_article(staff):
    staff.post(IMPORT, form(text=SENTENCE, published="05/01/2024", publisher="Báo Ninh Bình"))
    draft = ImportDraft.objects.get()
    assert (draft.status, draft.publisher, draft.published, draft.created_by.username) == (
        ImportDraft.State.PENDING,
        "Báo Ninh Bình",
        dt.date(2024, 1, 5),
        "admin",
    )
    assert not Article.objects.exists()


def test_saving_marks_the_draft_saved_with_its_article(staff):
    review = staff.post(IMPORT, form(text=SENTENCE), follow=True)
    staff.post(at(review), review_post(review))
    draft = ImportDraft.objects.get()
    assert (draft.status, draft.article) == (ImportDraft.State.SAVED, Article.objects.get())


def test_a_refused_save_leaves_the_draft_pending(staff):
    url = "https://baodang.example.vn/tin/1"
    Article.objects.create(text="Một bài khác.", url=url)
    review = staff.post(IMPORT, form(text=SENTENCE, url=""), follow=True)
    ImportDraft.objects.update(url=url)
    response = staff.post(at(review), review_post(review))
    assert "URL" in response.content.decode()
    assert ImportDraft.objects.get().status == ImportDraft.State.PENDING
    assert Article.objects.count() == 1


def test_a_saved_draft_is_not_saved_again(staff):
    review = staff.post(IMPORT, form(text=SENTENCE), follow=True)
    staff.post(at(review), review_post(review))
    figures = Figure.objects.count()
    again = staff.post(at(review), review_post(review))
    article = Article.objects.get()
    assert again["Location"] == reverse("admin:recruitment_article_change", args=[article.pk])
    assert Figure.objects.count() == figures


def test_several_files_become_several_pending_drafts(staff):
    files = [
        SimpleUploadedFile("a.txt", SENTENCE.encode()),
        SimpleUploadedFile("b.txt", OTHER.encode()),
    ]
    staff.post(IMPORT, {**form(), "files": files})
    assert list(ImportDraft.objects.values_list("text", "status")) == [
        (SENTENCE, ImportDraft.State.PENDING),
        (OTHER, ImportDraft.State.PENDING),
    ]


def test_saving_moves_on_to_the_next_pending_draft_of_the_same_user(staff):
    files = [
        SimpleUploadedFile("a.txt", SENTENCE.encode()),
        SimpleUploadedFile("b.txt", OTHER.encode()),
    ]
    review = staff.post(IMPORT, {**form(), "files": files}, follow=True)
    response = staff.post(at(review), review_post(review))
    assert response["Location"] == review_url(ImportDraft.objects.get(text=OTHER))


def test_the_next_pending_draft_is_never_another_users(staff, django_user_model):
    other = django_user_model.objects.create_superuser("khac", password="x")
    import_draft_create(draft=Draft(text=OTHER), user=other)
    review = staff.post(IMPORT, form(text=SENTENCE), follow=True)
    response = staff.post(at(review), review_post(review))
    article = Article.objects.get()
    assert response["Location"] == reverse("admin:recruitment_article_change", args=[article.pk])


def test_a_draft_of_another_user_is_not_found(staff, django_user_model):
    other = django_user_model.objects.create_superuser("khac", password="x")
    draft = import_draft_create(draft=Draft(text=SENTENCE), user=other)
    assert staff.get(review_url(draft)).status_code == 404


def test_the_import_page_lists_the_users_pending_drafts(staff, admin_user, django_user_model):
    mine = import_draft_create(draft=Draft(text=SENTENCE, title="Tin Kim Sơn"), user=admin_user)
    other = django_user_model.objects.create_superuser("khac", password="x")
    import_draft_create(draft=Draft(text=OTHER, title="Tin của người khác"), user=other)
    page = staff.get(IMPORT).content.decode()
    assert "Bài viết chờ duyệt" in page
    assert f'href="{review_url(mine)}">Tin Kim Sơn</a>' in page
    assert "Tin của người khác" not in page


def test_discarding_a_draft_saves_nothing(staff):
    review = staff.post(IMPORT, form(text=SENTENCE), follow=True)
    response = staff.post(at(review), {"discard": "1"})
    assert response["Location"] == IMPORT
    assert ImportDraft.objects.get().status == ImportDraft.State.DISCARDED
    assert not Article.objects.exists()


def test_the_review_queue_address_leads_to_the_oldest_pending_draft(staff, admin_user):
    first = import_draft_create(draft=Draft(text=SENTENCE), user=admin_user)
    import_draft_create(draft=Draft(text=OTHER), user=admin_user)
    response = staff.get(reverse("admin:recruitment_article_import_next"))
    assert response["Location"] == review_url(first)


def test_a_draft_fetched_from_a_provincial_paper_reads_toan_tinh_as_its_province():
    draft = Draft(
        text="Năm 2019, toàn tỉnh kết nạp được 1.855 đảng viên mới.",
        url="http://baohaiduong.vn/chinh-tri/so-dang-vien-moi-129163",
        published=dt.date(2020, 2, 25),
    )
    found = [(c.organisation, c.metric, c.value) for c in draft.extraction().candidates]
    assert found == [("tỉnh Hải Dương", "admitted", Decimal(1855))]
