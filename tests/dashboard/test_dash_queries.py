"""Every page costs a fixed number of SQL queries, however many organisations there are."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from recruitment.models import Article, Level, Organisation
from recruitment.services.organisations import organisation_save
from recruitment.services.reported import figure_create, target_create

# Upper bounds per page (the session, the user and the reader's memberships included). The
# years page reads the page's rows for each year it shows in a query of its own: at most twelve.
MAX_QUERIES = {
    "overview": 9,
    "organisations": 6,
    "organisation": 14,
    "years": 6 + 12,
    "articles": 5,
    "article": 5,
    "map": 7,
    "progress_csv": 7,
    "report_csv": 9,
    "figures_csv": 6,
    "articles_csv": 4,
}


def page_urls(gold):
    kim_son = gold["kim-son"]
    article = Article.objects.get(figures__value=207)
    return {
        "overview": reverse("dashboard:overview") + "?level=district",
        "organisations": reverse("dashboard:organisations") + "?level=district",
        "organisation": reverse("dashboard:organisation", args=[gold["ninh-binh"].pk]),
        "years": reverse("dashboard:years") + "?level=district",
        "articles": reverse("dashboard:articles"),
        "article": reverse("dashboard:article", args=[article.pk]),
        "map": reverse("dashboard:map") + f"?province={gold['ninh-binh'].pk}",
        "progress_csv": reverse("dashboard:progress_csv") + "?level=district",
        "report_csv": reverse("dashboard:report_csv") + "?level=district",
        "figures_csv": reverse("dashboard:figures_csv", args=[kim_son.pk]),
        "articles_csv": reverse("dashboard:articles_csv"),
    }


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def add_districts(province: Organisation, article: Article, n: int = 50) -> None:
    """Fifty more districts of Ninh Bình, each with figures and a target in 2021 and 2022."""
    for i in range(n):
        org = organisation_save(
            organisation=Organisation(
                name=f"Đảng bộ huyện Thử {i}",
                short_name=f"Thử {i}",
                level=Level.DISTRICT,
                parent=province,
                latitude=20 + i / 100,
                longitude=105 + i / 100,
            )
        )
        for year in (2021, 2022):
            figure_create(
                organisation=org,
                metric="admitted",
                period_start=dt.date(year, 1, 1),
                period_end=dt.date(year, 12, 31),
                value=100 + i,
                source=article,
            )
            target_create(
                organisation=org,
                metric="admitted",
                period_start=dt.date(year, 1, 1),
                period_end=dt.date(year, 12, 31),
                value=120,
            )


@pytest.mark.parametrize("page", sorted(MAX_QUERIES))
def test_page_query_count_is_bounded(gold, viewer_client, django_assert_max_num_queries, page):
    url = page_urls(gold)[page]
    with django_assert_max_num_queries(MAX_QUERIES[page]):
        response = viewer_client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)


@pytest.mark.parametrize("page", sorted(MAX_QUERIES))
def test_query_count_does_not_grow_with_50_more_organisations(gold, viewer_client, page):
    url = page_urls(gold)[page]
    before = count_queries(viewer_client, url)
    add_districts(gold["ninh-binh"], Article.objects.get(figures__value=207))
    assert count_queries(viewer_client, url) == before
