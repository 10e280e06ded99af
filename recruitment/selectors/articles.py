"""Articles: the list, and one article's text with its accepted figures highlighted."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import (
    Count,
    Q,
    QuerySet,
)

from ..access import Reader, sees_everything, visible
from ..highlight import highlight_segments
from ..models import (
    Article,
    Figure,
    Status,
)
from .progress import as_number

# --- articles -------------------------------------------------------------------------------------


def _shown_figures(visible_to: Reader, through: str = "") -> Q:
    """Accepted figures of organisations the reader may see."""
    return Q(**{f"{through}status": Status.ACCEPTED}) & visible(
        visible_to, through=f"{through}organisation__"
    )


def articles_list(*, visible_to: Reader) -> QuerySet[Article]:
    """Articles with how many accepted figures each gave the reader's organisations, newest
    first; a reader who does not see the whole country sees the articles that gave some."""
    qs = Article.objects.annotate(
        n_figures=Count("figures", filter=_shown_figures(visible_to, "figures__"), distinct=True)
    ).order_by("-published", "-pk")
    return qs if sees_everything(visible_to) else qs.filter(n_figures__gt=0)


def article_detail(*, pk: int, visible_to: Reader) -> Article:
    """One article; one that gave the reader's organisations no figure does not exist for a
    reader who does not see the whole country (`Article.DoesNotExist`)."""
    qs = Article.objects.all()
    if not sees_everything(visible_to):
        qs = qs.filter(pk__in=Figure.objects.filter(_shown_figures(visible_to)).values("source"))
    return qs.get(pk=pk)


@dataclass
class HighlightPiece:
    text: str
    figures: list[Figure] = field(default_factory=list)

    @property
    def organisation_id(self) -> int | None:
        return self.figures[0].organisation_id if self.figures else None

    @property
    def title(self) -> str:
        return "; ".join(
            f"{f.organisation.short_name}: {f.get_metric_display()} {as_number(f.value)} "
            f"({f.period_label})"
            for f in self.figures
        )


def quote_span(text: str, figure: Figure) -> tuple[int | None, int | None]:
    """Where a figure's quote sits in the text: its stored offsets when they still match,
    else the first place the quote occurs (the text may have been re-imported)."""
    s, e = figure.quote_start, figure.quote_end
    if s is not None and e is not None and 0 <= s < e <= len(text):
        return s, e
    if figure.quote:
        at = text.find(figure.quote)
        if at >= 0:
            return at, at + len(figure.quote)
    return None, None


def article_highlights(
    *, article: Article, visible_to: Reader
) -> tuple[list[HighlightPiece], list[Figure]]:
    """The article's text cut into plain and highlighted pieces, each highlight carrying the
    accepted figures it quotes for organisations the reader may see; and the figures themselves
    (one query)."""
    figures = list(
        article.figures.filter(_shown_figures(visible_to))
        .select_related("organisation")
        .order_by("quote_start", "pk")
    )
    spans = [quote_span(article.text, f) for f in figures]
    pieces = [
        HighlightPiece(seg.text, [figures[i] for i in seg.marks])
        for seg in highlight_segments(article.text, spans)
    ]
    return pieces, figures
