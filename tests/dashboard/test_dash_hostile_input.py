"""Hostile query parameters on every dashboard page and export: never a 500, a clear message
when the request is refused, and the database unchanged.

Property-based (hypothesis): each example sends one page a set of its parameters with values
drawn from what attackers and broken links send — huge strings, control and NUL characters,
mixed scripts, SQL and HTML fragments, negative and enormous numbers, dates out of range.
"""

from __future__ import annotations

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recruitment.models import Article, Figure, Organisation, Target

# Every page and export with the parameters it reads (the organisation's page gets a real id).
PAGES = {
    "/": ["year", "level", "province", "everyone", "boundaries", "parent", "sort", "page"],
    "/org/": ["q", "level", "province", "page", "sort"],
    "/org/{kim_son}/": ["year", "term", "sort", "page"],
    "/years/": [
        "organisation",
        "only",
        "level",
        "province",
        "year_from",
        "year_to",
        "boundaries",
        "sort",
        "page",
    ],
    "/articles/": ["q", "page", "sort"],
    "/map/": ["year", "level", "province", "boundaries"],
    "/export/progress.csv": ["year", "level", "province", "everyone", "boundaries", "parent"],
    "/export/progress.xlsx": ["year", "level", "province", "boundaries"],
    "/export/report.csv": ["organisation", "level", "province", "year_from", "year_to"],
    "/export/articles.csv": ["q"],
    "/org/{kim_son}/figures.csv": ["year"],
}

HOSTILE = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=20),
    st.sampled_from(
        [
            "",
            "-1",
            "0",
            "-2147483649",
            "9" * 40,
            "1e309",
            "NaN",
            "2022.5",
            "0x7e6",
            "9999-99-99",
            "1900",
            "10000",
            "' OR 1=1 --",
            "1; DROP TABLE recruitment_figure",
            "<script>alert(1)</script>",
            '"><img src=x onerror=alert(1)>',
            "</script>",
            "\x00",
            "a\x00b",
            "%00",
            "ქართული 中文 العربية",
            "Đảng bộ huyện Kim Sơn",
            "x" * 5000,
        ]
    ),
)


def _table_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count() for model in (Organisation, Figure, Target, Article)
    }


def _cases():
    for path, names in PAGES.items():
        yield pytest.param(path, names, id=path.strip("/").replace("/", "-") or "overview")


@pytest.mark.parametrize(("path", "names"), list(_cases()))
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_hostile_parameters_are_refused_with_a_message_and_change_nothing(
    gold, viewer_client, path, names, data
):
    url = path.format(kim_son=gold["kim-son"].pk)
    chosen = data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=4, unique=True))
    params = {name: data.draw(HOSTILE, label=name) for name in chosen}
    before = _table_counts()
    response = viewer_client.get(url, params)
    assert response.status_code in (200, 400), (url, params, response.status_code)
    if response.status_code == 400 and response.get("Content-Type", "").startswith("text/html"):
        assert 'class="errors"' in response.content.decode()
    assert _table_counts() == before
    assert connection.connection is not None  # the connection survived the request
