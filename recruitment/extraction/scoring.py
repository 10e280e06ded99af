"""Precision/recall bookkeeping of extracted figures against hand-made gold files.

A prediction counts when it states the same fact as a gold figure: same metric, period and
value, and the same organisation once level words and tone marks are set aside (gold writes
"huyện Kim Sơn", the page may say "Huyện ủy Kim Sơn"). The level is not compared: the
distinctive name already tells a school from the district of the same name, and this is the
rule the product is judged by. Derived figures are the extractor's arithmetic, not the
article's words, so neither side scores them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
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


@dataclass
class Tally:
    """Counts of one slice (all, a metric, a level, an article).

    ``right`` counts predictions that match and ``found`` gold figures that are matched: the
    same in total, but a figure predicted at one level can match gold annotated at another.
    """

    right: int = 0
    predicted: int = 0
    found: int = 0
    gold: int = 0

    def add(self, other: Tally) -> None:
        self.right += other.right
        self.predicted += other.predicted
        self.found += other.found
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class ArticleScore:
    name: str
    tally: Tally
    false_positives: list[dict]
    missed: list[dict]


@dataclass
class Report:
    """Scores over many articles: overall, by metric, by level and by article."""

    total: Tally = field(default_factory=Tally)
    by_metric: defaultdict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_level: defaultdict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    articles: list[ArticleScore] = field(default_factory=list)

    def add_article(self, *, name: str, predicted: list[dict], gold: list[dict]) -> ArticleScore:
        predicted = [f for f in predicted if not f.get("derived")]
        gold = [f for f in gold if not f.get("derived")]
        false_pos, missed = match_figures(predicted, gold)
        wrong = {id(f) for f in false_pos}
        lost = {id(f) for f in missed}
        for f in predicted:
            for tally in (self.by_metric[f["metric"]], self.by_level[f["org_level"]]):
                tally.predicted += 1
                tally.right += id(f) not in wrong
        for f in gold:
            for tally in (self.by_metric[f["metric"]], self.by_level[f["org_level"]]):
                tally.gold += 1
                tally.found += id(f) not in lost
        right = len(predicted) - len(false_pos)
        found = len(gold) - len(missed)
        article = ArticleScore(
            name, Tally(right, len(predicted), found, len(gold)), false_pos, missed
        )
        self.total.add(article.tally)
        self.articles.append(article)
        return article
