"""What the probe-article test modules share: gold rows, reading a page, exact scoring.

A probe is a page written for the tests with the figures a reader would annotate by the
corpus README; it must score every gold figure and nothing else.
"""

from recruitment.extraction import Extraction, extract, read_document
from recruitment.extraction.scoring import match_figures


def gold_figure(org: str, level: str, metric: str, start: str, end: str, value) -> dict:
    return {
        "organisation": org,
        "org_level": level,
        "metric": metric,
        "period_start": start,
        "period_end": end,
        "value": value,
    }


def extract_page(src: str) -> Extraction:
    """A probe written as HTML goes through `read_document` as an upload would."""
    if src.lstrip().startswith("<!DOCTYPE"):
        doc = read_document(src.encode(), "page.html")
        return extract(doc.text, published=doc.published)
    return extract(src)


def assert_scores_exactly(name: str, page: str, published: str, gold: list[dict]) -> None:
    result = extract_page(page).to_gold_dict(name)
    false_pos, missed = match_figures(result["figures"], gold)
    assert (false_pos, missed) == ([], [])
    assert result["published"] == published


def stated_facts(text: str) -> set[tuple]:
    """(organisation, metric, value, start, end) of the stated figures, for set comparisons."""
    return {
        (c.organisation, c.metric, c.value, c.period_start.isoformat(), c.period_end.isoformat())
        for c in extract(text).candidates
        if not c.derived
    }


def candidate_facts(text: str, published, **kw) -> set[tuple]:
    """(metric, value, organisation, level, start, end) of the stated figures."""
    ex = extract(text, published=published, **kw)
    return {
        (c.metric, c.value, c.organisation, c.org_level, c.period_start, c.period_end)
        for c in ex.candidates
        if not c.derived
    }


def candidate_values(text: str, published, **kw) -> set[tuple]:
    ex = extract(text, published=published, **kw)
    return {(c.metric, c.value) for c in ex.candidates if not c.derived}
