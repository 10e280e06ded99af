"""Hostile values in the admin's forms: a form with errors, never a 500, and nothing stored.

Property-based (hypothesis): each example posts an add form with every field filled from what a
broken client or an attacker sends — huge and binary strings, SQL and HTML fragments, negative
and enormous numbers, impossible dates. A value the form accepts may be stored (it is valid);
one it refuses leaves every table as it was.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recruitment.models import Article, Figure, Organisation, Target

HOSTILE = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            "-1",
            "0",
            "-99999999999999999999",
            "9" * 40,
            "1e309",
            "NaN",
            "Infinity",
            "12,5",
            "31/02/2024",
            "2024-13-45",
            "0001-01-01",
            "9999-12-31",
            "99999-01-01",
            "' OR 1=1 --",
            "<script>alert(1)</script>",
            '"><img src=x onerror=alert(1)>',
            "\x00",
            "a\x00b",
            "x" * 3000,
            "ქართული 中文",
        ]
    ),
)

FORMS = {
    "figure": (
        "/admin/recruitment/figure/add/",
        ["organisation", "metric", "value", "year", "period_start", "period_end", "quote"],
    ),
    "target": (
        "/admin/recruitment/target/add/",
        ["organisation", "metric", "value", "year", "period_start", "period_end"],
    ),
    "organisation": (
        "/admin/recruitment/organisation/add/",
        ["name", "short_name", "level", "parent", "valid_from", "valid_until", "latitude"],
    ),
}


def _counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in (Organisation, Figure, Target, Article)}


@pytest.mark.parametrize("form", list(FORMS))
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_hostile_form_values_give_form_errors_and_store_nothing(admin_client, form, data):
    url, fields = FORMS[form]
    post = {name: data.draw(HOSTILE, label=name) for name in fields}
    before = _counts()
    response = admin_client.post(url, post)
    assert response.status_code in (200, 302), (post, response.status_code)
    if response.status_code == 200:
        assert "errornote" in response.content.decode() or "errorlist" in response.content.decode()
        assert _counts() == before
