"""Page sizes asked for in the query string stay within bounds (`tables.paginate`): a negative
size was a 500, a huge one rendered every organisation in one response."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dashboard.tables import MAX_PER_PAGE

PAGES = {
    "overview": (
        reverse("dashboard:overview"),
        {"level": "district", "year": 2022, "everyone": "on"},
    ),
    "organisations": (reverse("dashboard:organisations"), {}),
    "years": (reverse("dashboard:years"), {"level": "district"}),
    "articles": (reverse("dashboard:articles"), {}),
    "map": (reverse("dashboard:map"), {"year": 2022}),
}


def _page_size(response) -> int:
    return response.context["table"].paginator.per_page


@pytest.mark.parametrize("page", sorted(PAGES))
@pytest.mark.parametrize(
    ("asked", "size"),
    [("-1", 1), ("0", 1), ("3", 3), (str(10**12), MAX_PER_PAGE), ("abc", None)],
)
def test_a_page_size_asked_for_is_kept_within_bounds(gold, viewer_client, page, asked, size):
    url, query = PAGES[page]
    response = viewer_client.get(url, {**query, "per_page": asked})
    assert response.status_code == 200
    default = _page_size(viewer_client.get(url, query))
    assert _page_size(response) == (size or default)


@pytest.mark.parametrize("asked", ["-5", "0", "999999", "x"])
def test_a_page_number_out_of_range_shows_a_page_that_exists(gold, viewer_client, asked):
    url, query = PAGES["organisations"]
    response = viewer_client.get(url, {**query, "page": asked, "per_page": "2"})
    assert response.status_code == 200
    table = response.context["table"]
    expected = 1 if asked in ("0", "x") else table.paginator.num_pages
    assert table.page.number == expected
