"""Precision/recall bookkeeping of extracted figures against hand-made gold files.

A prediction counts when it states the same fact as a gold figure: same metric, period,
value and level, and the same organisation once level words and tone marks are set
aside (gold writes "huyện Kim Sơn", the page may say "Huyện ủy Kim Sơn"). Derived
figures are the extractor's arithmetic, not the article's words, so neither side scores
them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .organisations import distinctive_name


def _figures(extraction_or_dict: Any) -> list[dict]:
    if isinstance(extraction_or_dict, dict):
        return list(extraction_or_dict.get("figures", []))
    return extraction_or_dict.to_gold_dict("")["figures"]


def figure_key(fig: dict) -> tuple:
    """What must agree for two figures to be the same fact."""
    return (
        fig["metric"],
        str(fig["period_start"]),
        str(fig["period_end"]),
        Decimal(str(fig["value"])).normalize(),
        fig["org_level"],
        distinctive_name(fig["organisation"]),
    )


def match_figures(predicted: list[dict], gold: list[dict]) -> tuple[list[dict], list[dict]]:
    """(unmatched predictions, unmatched gold) among the scored (non-derived) figures."""
    pred = [f for f in predicted if not f.get("derived")]
    remaining = [f for f in gold if not f.get("derived")]
    remaining_keys = [figure_key(f) for f in remaining]
    false_pos = []
    for f in pred:
        key = figure_key(f)
        try:
            i = remaining_keys.index(key)
        except ValueError:
            false_pos.append(f)
            continue
        del remaining_keys[i]
        del remaining[i]
    return false_pos, remaining


def score_against_gold(extraction_or_dict: Any, gold: dict) -> tuple[int, int, int]:
    """(true positives, scored predictions, scored gold figures); each gold matches once."""
    predicted = [f for f in _figures(extraction_or_dict) if not f.get("derived")]
    gold_figs = [f for f in gold.get("figures", []) if not f.get("derived")]
    false_pos, _missed = match_figures(predicted, gold_figs)
    return len(predicted) - len(false_pos), len(predicted), len(gold_figs)
