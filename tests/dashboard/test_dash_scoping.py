"""Readers see only their organisations' subtrees (`recruitment.access.visible`): every page,
chart and export, generated from one table. Another subtree's object gives 404 (a page of it) or
400 (a filter naming it: "not a valid choice"), never its data; an organisation above one's own
is another subtree too."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from recruitment.models import Article, Membership, Role

# (what, URL of an organisation's own page or export, or of a page filtered by it)
ORGANISATION_URLS = {
    "organisation page": lambda o: reverse("dashboard:organisation", args=[o.pk]),
    "its figures CSV": lambda o: reverse("dashboard:figures_csv", args=[o.pk]),
    "its years": lambda o: reverse("dashboard:years") + f"?organisation={o.pk}",
    "its years report CSV": lambda o: reverse("dashboard:report_csv") + f"?only={o.pk}",
    "its sub-organisations CSV": lambda o: (
        reverse("dashboard:progress_csv") + f"?parent={o.pk}&year=2022"
    ),
    "the overview within it": lambda o: reverse("dashboard:overview") + f"?province={o.pk}",
    "the map of it": lambda o: reverse("dashboard:map") + f"?province={o.pk}",
}
REFUSED = {
    "organisation page": 404,
    "its figures CSV": 404,
}  # the others are filters: 400, "not a valid choice"


def _reader(django_user_model, client, *organisations, role=Role.VIEWER):
    user = django_user_model.objects.create_user("can-bo-tinh", password="secret-pass-123")
    for organisation in organisations:
        Membership.objects.create(user=user, organisation=organisation, role=role)
    client.force_login(user)
    return client


def _names(response) -> set[str]:
    return {row.record.short_name for row in response.context["table"].rows}


def _csv_names(response) -> set[str]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return {line[0] for line in list(csv.reader(io.StringIO(body)))[1:]}


PROVINCE_FILTERS = {"the overview within it", "the map of it"}  # they take provinces only
CASES = [
    ("binh-phuoc", "binh-phuoc", 200),  # its own organisation
    ("binh-phuoc", "loc-ninh", 200),  # below it
    ("binh-phuoc", "ninh-binh", None),  # another subtree
    ("loc-ninh", "binh-phuoc", None),  # above it
]
MATRIX = [
    (page, member_of, target, expected)
    for page in sorted(ORGANISATION_URLS)
    for member_of, target, expected in CASES
    if not (page in PROVINCE_FILTERS and target == "loc-ninh")
]


@pytest.mark.parametrize(("page", "member_of", "target", "expected"), MATRIX)
def test_each_page_of_an_organisation_answers_only_within_the_readers_subtree(
    gold, client, django_user_model, page, member_of, target, expected
):
    reader = _reader(django_user_model, client, gold[member_of])
    response = reader.get(ORGANISATION_URLS[page](gold[target]))
    assert response.status_code == (expected or REFUSED.get(page, 400))


def test_the_overview_lists_only_the_readers_subtree(gold, client, django_user_model):
    reader = _reader(django_user_model, client, gold["binh-phuoc"])
    assert _names(reader.get(reverse("dashboard:overview"), {"level": "district"})) == {"Lộc Ninh"}
    assert _names(reader.get(reverse("dashboard:overview"), {"level": "province"})) == {
        "Bình Phước"
    }


def test_the_progress_csv_holds_only_the_readers_subtree(gold, client, django_user_model):
    reader = _reader(django_user_model, client, gold["binh-phuoc"], gold["ninh-binh"])
    response = reader.get(reverse("dashboard:progress_csv"), {"level": "district", "year": 2022})
    assert _csv_names(response) == {"Đảng bộ huyện Kim Sơn", "Đảng bộ huyện Lộc Ninh"}


def test_the_organisation_index_lists_only_the_readers_subtree(gold, client, django_user_model):
    reader = _reader(django_user_model, client, gold["loc-ninh"])
    response = reader.get(reverse("dashboard:organisations"))
    assert _names(response) == {"Lộc Ninh", "Trường THPT Lộc Ninh", "Lộc Hiệp"}


def test_the_map_shows_only_the_readers_provinces(gold, client, django_user_model):
    reader = _reader(django_user_model, client, gold["binh-phuoc"])
    response = reader.get(reverse("dashboard:map"), {"year": 2022})
    assert _names(response) == {"Bình Phước"}


def test_the_years_page_compares_only_the_readers_organisations(gold, client, django_user_model):
    reader = _reader(django_user_model, client, gold["ninh-binh"])
    response = reader.get(reverse("dashboard:years"), {"level": "district"})
    assert _names(response) == {"Kim Sơn"}


def test_articles_are_those_that_gave_the_readers_organisations_figures(
    gold, client, django_user_model
):
    reader = _reader(django_user_model, client, gold["binh-phuoc"])
    listed = {
        row.record.title for row in reader.get(reverse("dashboard:articles")).context["table"].rows
    }
    assert listed == {"Nâng cao chất lượng phát triển đảng viên"}
    other = Article.objects.get(title="Kim Sơn hoàn thành vượt mức chỉ tiêu kết nạp đảng năm 2022")
    assert reader.get(reverse("dashboard:article", args=[other.pk])).status_code == 404


def test_a_reader_without_membership_sees_nothing(gold, client, django_user_model):
    reader = _reader(django_user_model, client)
    assert _names(reader.get(reverse("dashboard:overview"), {"level": "district"})) == set()
    organisation = reverse("dashboard:organisation", args=[gold["kim-son"].pk])
    assert reader.get(organisation).status_code == 404


def test_a_national_membership_and_a_superuser_see_the_whole_country(
    gold, client, django_user_model, admin_client
):
    reader = _reader(django_user_model, client)
    Membership.objects.create(user=django_user_model.objects.get(username="can-bo-tinh"))
    for each in (reader, admin_client):
        response = each.get(reverse("dashboard:overview"), {"level": "district", "year": 2022})
        assert _names(response) == {"Kim Sơn", "Lộc Ninh"}
