"""Formatting shared by templates, tables and charts: numbers through Django's localisation
(`1.455`, `85,6 %` in Vietnamese; `1,455`, `85.6%` in English), never by hand."""

from __future__ import annotations

from django import template
from django.template.defaultfilters import floatformat
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from recruitment.progress import PaceStatus
from recruitment.selectors import as_number

register = template.Library()

MISSING = "–"


@register.filter
def number(value: float | int | None) -> str:
    """A count or measure, grouped, with decimals only when it has them (1.455; 3,45)."""
    if value is None or value == "":
        return MISSING
    # Decimal("85.60") from the database is 85,6, not 85,60.
    return floatformat(as_number(value), "-2g")


@register.filter
def percent(value: float | int | None, digits: int = 1) -> str:
    """A percentage with `digits` decimals when it has any (85,6 %; 103 %); members as a share
    of population need two (3,45 %). The sign's spacing is the language's."""
    if value is None or value == "":
        return MISSING
    return _("%(number)s %%") % {"number": floatformat(value, f"-{int(digits)}g")}


@register.filter
def approx_number(value: float | int | None, approximate: bool = False) -> str:
    """A number marked ≈ when it was derived or the article said "about"."""
    text = number(value)
    return f"≈ {text}" if approximate and value is not None else text


@register.filter
def status_badge(status: PaceStatus) -> SafeString:
    """The status as word, colour and icon together, so colour is never the only signal."""
    return format_html(
        '<span class="status status-{}"><span class="status-icon" aria-hidden="true">{}</span> '
        "{}</span>",
        status.colour,
        status.icon,
        status.label,
    )


@register.simple_tag
def pace_statuses() -> list[PaceStatus]:
    """Every status, best first, for legends."""
    return list(PaceStatus)
