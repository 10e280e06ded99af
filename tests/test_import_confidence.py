"""Confidence on the review page: only confident candidates are pre-selected, each shows why."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from import_support import SENTENCE, review_url

from recruitment.extraction import Candidate, Extraction
from recruitment.models import Figure, ImportDraft, Status
from recruitment.services.imports import Draft, article_import, candidate_to_json, draft_decisions

PUBLISHED = dt.date(2024, 1, 5)


def candidate(confidence: float, reason: str, organisation: str = "huyện Kim Sơn") -> Candidate:
    return Candidate(
        organisation=organisation,
        org_level="district",
        metric="admitted",
        period_start=dt.date(2023, 1, 1),
        period_end=dt.date(2023, 12, 31),
        period_label="năm 2023",
        value=Decimal("215"),
        quote=SENTENCE,
        start=0,
        end=len(SENTENCE),
        value_start=46,
        value_end=49,
        confidence=confidence,
        reason=reason,
    )


def extraction(*candidates: Candidate) -> Extraction:
    return Extraction(
        text=SENTENCE,
        title=None,
        published=PUBLISHED,
        organisation=None,
        organisation_level=None,
        candidates=list(candidates),
    )


def statuses(*candidates: Candidate, **options) -> list[str]:
    decisions = draft_decisions(Draft(text=SENTENCE), extraction(*candidates), **options)
    return [d.status for d in decisions]


def test_a_confident_candidate_is_accepted_by_default(seed_organisations):
    assert statuses(candidate(0.9, "own_clause")) == [Status.ACCEPTED]


def test_a_candidate_at_the_threshold_counts_as_confident(seed_organisations):
    assert statuses(candidate(0.7, "sentence")) == [Status.ACCEPTED]


def test_an_unsure_candidate_is_left_for_later(seed_organisations):
    assert statuses(candidate(0.4, "carried")) == [Status.PROPOSED]


def test_a_confident_candidate_of_an_unknown_organisation_is_left_for_later(seed_organisations):
    assert statuses(candidate(1.0, "own_clause", "xã Không Có Thật")) == [Status.PROPOSED]


def test_an_import_without_review_that_accepts_takes_unsure_candidates_too(seed_organisations):
    assert statuses(candidate(0.4, "headline"), accept_unsure=True) == [Status.ACCEPTED]


def test_article_import_with_accept_accepts_every_resolvable_candidate(
    seed_organisations, monkeypatch
):
    unsure = extraction(candidate(0.3, "list_item"))
    monkeypatch.setattr(Draft, "extraction", lambda self: unsure)
    article_import(draft=Draft(text=SENTENCE), accept=True)
    assert list(Figure.objects.values_list("status", flat=True)) == [Status.ACCEPTED]


@pytest.fixture
def review(admin_client, admin_user, seed_organisations):
    """The review page of a stored draft with a confident and an unsure candidate."""
    draft = ImportDraft.objects.create(
        created_by=admin_user,
        text=SENTENCE,
        published=PUBLISHED,
        candidates=[
            candidate_to_json(candidate(0.95, "own_clause")),
            candidate_to_json(candidate(0.4, "carried")),
        ],
    )
    return lambda **headers: admin_client.get(review_url(draft), **headers)


def test_the_review_preselects_only_the_confident_candidate(review):
    forms = review().context["formset"].forms
    assert [f.initial["decision"] for f in forms] == [Status.ACCEPTED, Status.PROPOSED]


def test_the_review_shows_each_reason_and_confidence_in_vietnamese(review):
    page = review().content.decode()
    assert "Căn cứ: Trong cùng mệnh đề · độ tin cậy 95 %" in page
    assert "Căn cứ: Mang từ câu trước · độ tin cậy 40 % · <strong>cần xem lại</strong>" in page


def test_the_review_shows_each_reason_and_confidence_in_english(review, admin_client):
    admin_client.post(reverse("set_language"), {"language": "en", "next": "/admin/"})
    page = review().content.decode()
    assert "Grounds: Own clause · confidence 95%" in page
    assert (
        "Grounds: Carried from an earlier sentence · confidence 40% · <strong>check</strong>"
        in page
    )


def test_every_reason_code_has_a_label():
    from recruitment.extraction.confidence import REASONS
    from recruitment.importer import REASON_LABELS

    assert set(REASON_LABELS) == set(REASONS)
