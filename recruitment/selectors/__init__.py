"""Selectors: everything the pages read, one module per concern.

- `progress`: how far organisations are towards their targets, per year, over the tree and
  across the 2025 reform (read from the maintained `Progress` table);
- `organisations`: one organisation's page (term, pipeline, members, figures with sources);
- `articles`: the article list and one article's highlighted figures;
- `approval`: the proposed figures and targets waiting for a reviewer.

The names below are the package's public surface, so a view reads `selectors.progress_queryset`
without knowing which module holds it.
"""

from .approval import ApprovalQueue, approval_queue, approval_rows
from .articles import (
    HighlightPiece,
    article_detail,
    article_highlights,
    articles_list,
    quote_span,
)
from .organisations import (
    MembersPoint,
    PipelineRow,
    SourcedValue,
    TermPoint,
    TermProgress,
    conflicting_figures,
    figures_with_sources,
    members_series,
    organisation_detail,
    organisations_index,
    pipeline,
    term_progress,
    terms,
)
from .progress import (
    CURRENT,
    HISTORICAL,
    SUCCEEDED_LEVELS,
    Number,
    ProgressRow,
    as_number,
    busiest_level,
    carries,
    children_boundaries,
    data_years,
    default_boundaries,
    latest_year,
    map_points,
    organisation_yearly_series,
    progress_by_organisation,
    progress_queryset,
    progress_report,
    progress_rows,
    stream_progress_rows,
    with_predecessors,
    with_year_progress,
    with_years,
    year_rows,
    years_comparison,
    years_scope,
)

__all__ = [
    "ApprovalQueue",
    "approval_queue",
    "approval_rows",
    "CURRENT",
    "HISTORICAL",
    "SUCCEEDED_LEVELS",
    "HighlightPiece",
    "MembersPoint",
    "Number",
    "PipelineRow",
    "ProgressRow",
    "SourcedValue",
    "TermPoint",
    "TermProgress",
    "article_detail",
    "article_highlights",
    "articles_list",
    "as_number",
    "busiest_level",
    "carries",
    "children_boundaries",
    "conflicting_figures",
    "data_years",
    "default_boundaries",
    "figures_with_sources",
    "latest_year",
    "map_points",
    "members_series",
    "organisation_detail",
    "organisations_index",
    "organisation_yearly_series",
    "pipeline",
    "progress_by_organisation",
    "progress_queryset",
    "progress_report",
    "progress_rows",
    "quote_span",
    "stream_progress_rows",
    "term_progress",
    "terms",
    "with_predecessors",
    "with_year_progress",
    "with_years",
    "year_rows",
    "years_comparison",
    "years_scope",
]
