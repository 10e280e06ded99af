"""The pages' filter forms (django-filter): parse and validate the query string.

A bad value (year=abc, an unknown level, a deleted province) becomes a form error shown next to
the field, never a 500. The filtering itself is the selectors' job: the year decides which figures
the annotations read, so each FilterSet hands its cleaned values to one selector.
"""

from __future__ import annotations

from dataclasses import dataclass

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from recruitment import selectors
from recruitment.access import Reader, visible_organisations
from recruitment.models import Article, Level, Organisation, within

# The levels the dashboard compares; cells are too many and too small to chart.
DASHBOARD_LEVELS = [
    (Level.PROVINCE.value, _("Cấp tỉnh")),
    (Level.DISTRICT.value, _("Cấp huyện")),
    (Level.COMMUNE.value, _("Cấp xã")),
    (Level.GRASSROOTS.value, _("Cấp cơ sở")),
]
SUB_PROVINCE_LEVELS = [choice for choice in DASHBOARD_LEVELS if choice[0] != Level.PROVINCE]
YEAR_MIN, YEAR_MAX = 1990, 2100


def choosable(request=None) -> QuerySet[Organisation]:
    """The organisations a reader may choose: another subtree's id is "not a valid choice" (a
    400 with the message), never its data. Every page builds its filters with the request."""
    if request is None:
        return Organisation.objects.none()
    return visible_organisations(request.user)


def provinces(request=None) -> QuerySet[Organisation]:
    return choosable(request).filter(level=Level.PROVINCE).order_by("short_name", "pk")


class YearFilter(django_filters.NumberFilter):
    """A whole year within sane bounds: "2022.5" or "99999" is an error, not an empty page."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("min_value", YEAR_MIN)
        kwargs.setdefault("max_value", YEAR_MAX)
        kwargs.setdefault("method", "keep")
        super().__init__(*args, **kwargs)


class ParsedFilterSet(django_filters.FilterSet):
    """A FilterSet whose fields only parse; `qs` is built by a selector from the cleaned data."""

    def keep(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset

    @property
    def reader(self) -> Reader:
        return self.request.user

    @property
    def cleaned(self) -> dict:
        return self.form.cleaned_data if self.is_valid() else {}

    def params(self):
        """The cleaned choice with its defaults, worked out once: the view and `qs` both ask,
        and a default (the latest year with data) costs queries."""
        if not hasattr(self, "_params"):
            self._params = self.compute_params()
        return self._params

    def compute_params(self):
        raise NotImplementedError


BOUNDARIES = [
    (selectors.HISTORICAL, _("Theo địa giới lúc báo cáo")),
    (selectors.CURRENT, _("Theo địa giới hiện nay")),
]


def _default_boundaries(year: int | None, parent: Organisation | None) -> str:
    """One parent's children in the parent's tree; a level in the tree of the year's time."""
    if parent is not None:
        return selectors.children_boundaries(parent)
    return selectors.default_boundaries(year) if year else selectors.HISTORICAL


@dataclass(frozen=True)
class ProgressParams:
    year: int | None
    level: str
    province: Organisation | None
    parent: Organisation | None = None
    everyone: bool = False
    boundaries: str = selectors.HISTORICAL

    @property
    def boundaries_label(self) -> str:
        return dict(BOUNDARIES)[self.boundaries]


class ProgressFilter(ParsedFilterSet):
    """Overview and its CSV: a year, a level and optionally a province."""

    year = YearFilter(label=_("Năm"))
    level = django_filters.ChoiceFilter(
        label=_("Cấp"), choices=DASHBOARD_LEVELS, method="keep", empty_label=None
    )
    province = django_filters.ModelChoiceFilter(
        label=_("Tỉnh / thành phố"),
        queryset=provinces,
        method="keep",
        empty_label=_("Tất cả"),
    )
    everyone = django_filters.BooleanFilter(
        label=_("Hiện cả tổ chức chưa có số liệu"),
        method="keep",
        widget=forms.CheckboxInput,
    )
    # Unset: the tree in force at the time before the 2025 reform, today's from then on.
    boundaries = django_filters.ChoiceFilter(
        label=_("Địa giới"), choices=BOUNDARIES, method="keep", empty_label=_("Mặc định")
    )
    # The sub-organisations of one organisation (its page's table and CSV), instead of a level.
    parent = django_filters.ModelChoiceFilter(
        label=_("Cấp trên"),
        queryset=choosable,
        method="keep",
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Organisation
        fields: list[str] = []

    # Whether a missing level is filled with the level reporting most (so the form shows it).
    fills_default_level = True

    def __init__(self, data=None, *args, **kwargs) -> None:
        if self.fills_default_level and data is not None and not data.get("level"):
            reader = kwargs["request"].user
            data = data.copy()
            data["level"] = selectors.busiest_level(
                year=selectors.latest_year(visible_to=reader), visible_to=reader
            )
        super().__init__(data, *args, **kwargs)

    def compute_params(self) -> ProgressParams:
        """The cleaned choice, with the defaults: the busiest level, the latest year with data."""
        data = self.cleaned
        province = data.get("province")
        level = data.get("level")
        year = data.get("year") or selectors.latest_year(
            level=level, province=province, visible_to=self.reader
        )
        level = level or selectors.busiest_level(year=year, visible_to=self.reader)
        return ProgressParams(
            year=year,
            level=level,
            province=province,
            parent=data.get("parent"),
            everyone=bool(data.get("everyone")),
            boundaries=data.get("boundaries") or _default_boundaries(year, data.get("parent")),
        )

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        p = self.params()
        if p.year is None:
            return queryset.none()
        if p.parent is not None:
            return selectors.progress_queryset(
                year=p.year, parent=p.parent, boundaries=p.boundaries, visible_to=self.reader
            )
        return selectors.progress_queryset(
            year=p.year,
            level=p.level,
            province=p.province,
            with_data_only=not p.everyone,
            boundaries=p.boundaries,
            visible_to=self.reader,
        )


class MapFilter(ProgressFilter):
    """The map: provinces, or the districts or communes of one province."""

    fills_default_level = False

    level = django_filters.ChoiceFilter(
        label=_("Cấp (trong tỉnh)"),
        choices=SUB_PROVINCE_LEVELS,
        method="keep",
        empty_label=None,
        required=False,
    )

    def compute_params(self) -> ProgressParams:
        data = self.cleaned
        province = data.get("province")
        level = Level.PROVINCE if province is None else data.get("level") or Level.DISTRICT
        year = data.get("year") or selectors.latest_year(
            level=level, province=province, visible_to=self.reader
        )
        boundaries = data.get("boundaries") or _default_boundaries(year, None)
        if boundaries == selectors.CURRENT and level == Level.DISTRICT:
            level = Level.COMMUNE  # today's tree has no districts
        return ProgressParams(year=year, level=level, province=province, boundaries=boundaries)


class OrganisationYearFilter(ParsedFilterSet):
    """The organisation page: the year of the sub-organisations' table and the term shown."""

    year = YearFilter(label=_("Năm"))
    term = django_filters.ChoiceFilter(
        label=_("Nhiệm kỳ"),
        choices=lambda: [(t.start.year, t.label) for t in selectors.terms()],
        method="keep",
        empty_label=_("Tự chọn"),
    )

    class Meta:
        model = Organisation
        fields: list[str] = []


@dataclass(frozen=True)
class YearsParams:
    organisation: Organisation | None
    level: str
    province: Organisation | None
    only: Organisation | None
    year_from: int | None
    year_to: int | None
    boundaries: str = selectors.HISTORICAL

    @property
    def carried(self) -> bool:
        """Rows carry the figures of the units they replaced (a level in today's tree)."""
        subject = self.only or self.organisation
        return subject is None and selectors.carries(boundaries=self.boundaries, level=self.level)


class YearsFilter(ParsedFilterSet):
    """The years page and the organisation × year report: a scope and a range of years."""

    organisation = django_filters.ModelChoiceFilter(
        label=_("Tổ chức đảng"),
        queryset=choosable,
        method="keep",
        widget=forms.HiddenInput,
    )
    only = django_filters.ModelChoiceFilter(
        label=_("Chỉ tổ chức"),
        queryset=choosable,
        method="keep",
        widget=forms.HiddenInput,
    )
    level = django_filters.ChoiceFilter(
        label=_("Cấp"), choices=DASHBOARD_LEVELS, method="keep", empty_label=None
    )
    province = django_filters.ModelChoiceFilter(
        label=_("Tỉnh / thành phố"), queryset=provinces, method="keep", empty_label=_("Tất cả")
    )
    year_from = YearFilter(label=_("Từ năm"))
    year_to = YearFilter(label=_("Đến năm"))
    # Years on both sides of the 2025 reform: the tree of the time unless today's is asked for.
    boundaries = django_filters.ChoiceFilter(
        label=_("Địa giới"), choices=BOUNDARIES, method="keep", empty_label=None, required=False
    )

    class Meta:
        model = Organisation
        fields: list[str] = []

    def compute_params(self) -> YearsParams:
        data = self.cleaned
        return YearsParams(
            organisation=data.get("organisation"),
            level=data.get("level") or Level.PROVINCE,
            province=data.get("province"),
            only=data.get("only"),
            year_from=data.get("year_from"),
            year_to=data.get("year_to"),
            boundaries=data.get("boundaries") or selectors.HISTORICAL,
        )

    def scope(self) -> QuerySet[Organisation]:
        p = self.params()
        if p.only is not None:
            return Organisation.objects.filter(pk=p.only.pk)  # chosen among the visible
        return selectors.years_scope(
            organisation=p.organisation,
            level=p.level,
            province=p.province,
            boundaries=p.boundaries,
            visible_to=self.reader,
        )

    def years(self, available: list[int], limit: int = 12) -> list[int]:
        """The chosen range (at most `limit` years), else the latest `limit` years with data."""
        p = self.params()
        if not (p.year_from or p.year_to):
            return available[-limit:]
        lo = p.year_from or (available[0] if available else p.year_to)
        hi = p.year_to or (available[-1] if available else p.year_from)
        lo, hi = min(lo, hi), max(lo, hi)
        return list(range(lo, hi + 1))[-limit:]


class OrganisationSearchFilter(ParsedFilterSet):
    """The organisation index: search by name within a level."""

    q = django_filters.CharFilter(label=_("Tìm theo tên"), method="search")
    level = django_filters.ChoiceFilter(
        label=_("Cấp"), choices=DASHBOARD_LEVELS, field_name="level", empty_label=_("Tất cả")
    )
    province = django_filters.ModelChoiceFilter(
        label=_("Tỉnh / thành phố"),
        queryset=provinces,
        method="within",
        empty_label=_("Tất cả"),
    )

    class Meta:
        model = Organisation
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(name__icontains=value.strip())

    def within(self, queryset: QuerySet, name: str, value: Organisation) -> QuerySet:
        return queryset.filter(within(value))


class ArticleFilter(ParsedFilterSet):
    q = django_filters.CharFilter(label=_("Tìm theo tiêu đề"), method="search")

    class Meta:
        model = Article
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(title__icontains=value.strip())
