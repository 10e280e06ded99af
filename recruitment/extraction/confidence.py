"""How sure the extractor is of a candidate, and why: the review page pre-selects the sure ones.

A figure whose organisation and period stand in its own clause is read as the article states it;
one that borrows them from the sentence, an earlier sentence or the headline, or that is an item
of a list whose head names the metric, is more often wrong, so staff are asked to look.
"""

from __future__ import annotations

# Reason codes, strongest first. The Django side shows them with its own (translated) labels.
OWN_CLAUSE = "own_clause"
SENTENCE = "sentence"
LIST_ITEM = "list_item"
TABLE_ROW = "table_row"
CARRIED = "carried"
HEADLINE = "headline"

REASONS = (OWN_CLAUSE, SENTENCE, LIST_ITEM, TABLE_ROW, CARRIED, HEADLINE)

# Below this the review page leaves a candidate unticked.
CONFIDENT = 0.7

# How often a figure attributed this way is right, roughly: a list item or a table row
# is read from its head, a carried period may have changed, and an article's subject is
# only a guess when the sentence names no one.
SCORES = {
    OWN_CLAUSE: 0.95,
    SENTENCE: 0.8,
    LIST_ITEM: 0.75,
    TABLE_ROW: 0.75,
    CARRIED: 0.6,
    HEADLINE: 0.5,
}


def weakest(*reasons: str) -> str:
    """The reason that makes a candidate least sure (the later in ``REASONS``)."""
    return max(reasons, key=REASONS.index)


def is_confident(confidence: float) -> bool:
    return confidence >= CONFIDENT
