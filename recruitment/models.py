"""The domain: party organisations over time, articles, targets and reported figures.

The database guards the invariants (CHECK and UNIQUE constraints), so a figure entered through
the admin, the importer or a bulk script obeys the same rules.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .extraction import vocabulary
from .extraction.folding import fold
from .periods import Period

# The day the 2025 reform took effect: provinces merged, the district level was abolished.
REFORM_2025 = vocabulary.REFORM_DATE


class Level(models.TextChoices):
    PROVINCE = vocabulary.PROVINCE, _("Đảng bộ tỉnh / thành phố trực thuộc Trung ương")
    DISTRICT = vocabulary.DISTRICT, _("Đảng bộ huyện / quận / thị xã / thành phố thuộc tỉnh")
    COMMUNE = vocabulary.COMMUNE, _("Đảng bộ xã / phường / thị trấn")
    GRASSROOTS = vocabulary.GRASSROOTS, _("Đảng bộ cơ sở, chi bộ cơ sở")
    CELL = vocabulary.CELL, _("Chi bộ")


def within(root: Organisation, *, through: str = "") -> Q:
    """Rows whose organisation (reached `through` a relation, e.g. "organisation__") is `root`
    or below it: the one place the materialised path's prefix rule is written."""
    return Q(**{f"{through}path__startswith": root.path})


class OrganisationQuerySet(models.QuerySet):
    def in_force(self, on: dt.date) -> OrganisationQuerySet:
        """Organisations that existed on a given day."""
        return self.in_force_during(on, on)

    def in_force_during(self, first: dt.date, last: dt.date) -> OrganisationQuerySet:
        """Organisations that existed on some day between `first` and `last` (the 2025 reform
        ends some in the middle of a year)."""
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=last),
            Q(valid_until__isnull=True) | Q(valid_until__gte=first),
        )

    def in_force_in_year(self, year: int) -> OrganisationQuerySet:
        """Organisations that existed at some point of the calendar year (the 2025 reform ends
        some in the middle of it)."""
        period = Period.year(year)
        return self.in_force_during(period.start, period.end)

    def subtree(self, root: Organisation) -> OrganisationQuerySet:
        """The root and everything below it, in one indexed range scan of the path."""
        return self.filter(within(root))


class Organisation(models.Model):
    name = models.CharField(_("tên"), max_length=255, help_text=_("Ví dụ: Đảng bộ huyện Kim Sơn"))
    short_name = models.CharField(_("tên ngắn"), max_length=120, help_text=_("Ví dụ: Kim Sơn"))
    level = models.CharField(_("cấp"), max_length=16, choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path of primary keys ("12/340/5012/"): subtree queries and roll-ups over
    # 50,000 organisations become one indexed prefix scan instead of a recursive walk.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    official_code = models.CharField(
        _("mã đơn vị hành chính"),
        max_length=32,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Mã chính thức kèm thời kỳ, ví dụ 2025:P:01 hoặc 2020:D:001."),
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_until = models.DateField(
        _("hiệu lực đến"), null=True, blank=True, help_text=_("Ngày cuối cùng tồn tại.")
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị kế thừa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
        help_text=_("Nơi số liệu được cộng dồn sau khi tổ chức này giải thể hoặc sáp nhập."),
    )
    population = models.PositiveIntegerField(_("dân số"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(_("năm dân số"), null=True, blank=True)
    latitude = models.FloatField(_("vĩ độ"), null=True, blank=True)
    longitude = models.FloatField(_("kinh độ"), null=True, blank=True)

    objects = OrganisationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["path"])

    class Meta:
        verbose_name = _("tổ chức đảng")
        verbose_name_plural = _("tổ chức đảng")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="organisation_valid_range",
                violation_error_message=_("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."),
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")),
                name="organisation_not_own_parent",
            ),
            models.CheckConstraint(
                condition=Q(population_year__isnull=True)
                | Q(population_year__gte=1900, population_year__lte=2100),
                name="organisation_population_year_sane",
            ),
        ]
        indexes = [
            models.Index(fields=["level", "valid_until"]),
            # The dashboards list a level by name: read in index order, a page of 50 costs 50
            # rows' progress lookups instead of every organisation's plus a sort.
            models.Index(fields=["level", "short_name", "id"], name="organisation_level_name_idx"),
            # Counting a level's organisations in force reads the index alone (PostgreSQL).
            models.Index(
                fields=["level", "id"],
                include=["valid_from", "valid_until"],
                name="organisation_level_dates_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    # --- tree ---------------------------------------------------------------------------------
    def save(self, *args, **kwargs) -> None:
        old_path = self.path
        super().save(*args, **kwargs)
        new_path = (self.parent.path if self.parent_id else "") + f"{self.pk}/"
        if new_path != old_path:
            Organisation.objects.filter(pk=self.pk).update(path=new_path)
            self.path = new_path
            if old_path:
                # A move carries the whole subtree with it.
                for child in Organisation.objects.filter(path__startswith=old_path).exclude(
                    pk=self.pk
                ):
                    child.path = new_path + child.path[len(old_path) :]
                    Organisation.objects.filter(pk=child.pk).update(path=child.path)

    def get_absolute_url(self) -> str:
        return reverse("dashboard:organisation", args=[self.pk])

    def is_within(self, root: Organisation) -> bool:
        """Whether this organisation is `root` or below it: `within` for one loaded row."""
        return self.path.startswith(root.path)

    @property
    def ancestor_ids(self) -> list[int]:
        return [int(p) for p in self.path.strip("/").split("/") if p][:-1]

    def ancestors(self) -> list[Organisation]:
        """From the root down to the parent, in one query."""
        by_id = Organisation.objects.in_bulk(self.ancestor_ids)
        return [by_id[i] for i in self.ancestor_ids if i in by_id]

    def descendants(self) -> OrganisationQuerySet:
        return Organisation.objects.subtree(self).exclude(pk=self.pk)

    @property
    def succeeded_on(self) -> dt.date | None:
        """The first day the successor carries the figures (valid_until is the last own day)."""
        if self.successor_id is None or self.valid_until is None:
            return None
        return self.valid_until + dt.timedelta(days=1)

    @property
    def created_by_reform(self) -> bool:
        """A unit of today's tree that did not exist before the 2025 reform: its years before
        then are those of the units it replaced."""
        return self.valid_from is not None and self.valid_from >= REFORM_2025

    def is_in_force(self, on: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_until is None or on <= self.valid_until
        )

    def as_of(self, on: dt.date) -> Organisation:
        """The organisation that carries this one's figures on a day: itself, or its successor.

        Follows the successor chain (a commune merged in 2025 into a new commune of a merged
        province); stops at a cycle or a missing successor rather than looping.
        """
        current: Organisation = self
        seen = {current.pk}
        while not current.is_in_force(on) and current.successor_id and on > current.valid_until:
            current = current.successor
            if current.pk in seen:
                break
            seen.add(current.pk)
        return current

    def add_aliases(self, names: Iterable[str]) -> None:
        existing = set(self.aliases.values_list("key", flat=True))
        new = []
        for alias in names:
            key = fold(alias)
            if key and key not in existing:
                existing.add(key)
                new.append(OrganisationAlias(organisation=self, name=alias, key=key))
        OrganisationAlias.objects.bulk_create(new)


class OrganisationAlias(models.Model):
    """Another way articles name an organisation ("Huyện ủy Kim Sơn", "huyện Kim Sơn")."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("tổ chức")
    )
    name = models.CharField(_("tên gọi khác"), max_length=255)
    key = models.CharField(max_length=255, db_index=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tên gọi khác")
        verbose_name_plural = _("tên gọi khác")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "key"], name="alias_unique_per_org")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.key = fold(self.name)
        super().save(*args, **kwargs)


class Succession(models.Model):
    """How much of an old unit a unit of the new tree carries from a given day.

    ``Organisation.successor`` names one successor, which is wrong for a commune split between
    several new communes and for a district, whose communes went to many. This table keeps every
    successor with the share of the predecessor it took, so figures can be carried across the
    2025 reform by share. ``approximate`` marks shares the official data does not give and were
    estimated (equal parts of a split commune; a district or province weighted by commune count).
    """

    predecessor = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="successions",
        verbose_name=_("đơn vị cũ"),
    )
    successor = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="inherited_successions",
        verbose_name=_("đơn vị kế thừa"),
    )
    share = models.FloatField(
        _("tỷ lệ"), help_text=_("Phần của đơn vị cũ mà đơn vị kế thừa nhận: lớn hơn 0, tối đa 1.")
    )
    effective = models.DateField(_("hiệu lực từ"))
    approximate = models.BooleanField(
        _("ước tính"),
        default=False,
        help_text=_("Tỷ lệ không có trong dữ liệu chính thức, được ước tính."),
    )

    class Meta:
        verbose_name = _("kế thừa địa giới")
        verbose_name_plural = _("kế thừa địa giới")
        constraints = [
            models.CheckConstraint(
                condition=Q(share__gt=0, share__lte=1),
                name="succession_share_in_unit_interval",
                violation_error_message=_("Tỷ lệ phải lớn hơn 0 và không quá 1."),
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("successor")),
                name="succession_not_own_successor",
            ),
            models.UniqueConstraint(
                fields=["predecessor", "successor", "effective"], name="succession_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.share:.0%})"


def staff_member_field(*, verbose_name: str = _("người nhập")) -> models.ForeignKey:
    """Who entered (or reviewed) a row; kept optional so deleting a staff account never deletes
    figures."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


def content_hash(text: str) -> str:
    """Hash of the text with whitespace folded, so a re-pasted article is recognised."""
    folded = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


class Article(models.Model):
    title = models.CharField(_("tiêu đề"), max_length=500, blank=True)
    url = models.URLField(_("địa chỉ"), max_length=1000, null=True, blank=True, unique=True)
    publisher = models.CharField(_("nơi đăng"), max_length=255, blank=True)
    published = models.DateField(_("ngày đăng"), null=True, blank=True, db_index=True)
    text = models.TextField(_("nội dung"))
    content_hash = models.CharField(max_length=64, unique=True, editable=False)
    imported_by = staff_member_field()
    imported_at = models.DateTimeField(_("thời điểm nhập"), auto_now_add=True)
    # Who changed what and when; the text itself is kept once (an edit of it shows as a new
    # content_hash), not copied into every history row.
    history = HistoricalRecords(excluded_fields=["text"])

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")
        ordering = ["-published", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="article_text_not_empty"),
            models.CheckConstraint(condition=~Q(url=""), name="article_url_null_not_blank"),
        ]

    def __str__(self) -> str:
        return self.title or _("Bài viết #%(id)s") % {"id": self.pk}

    def save(self, *args, **kwargs) -> None:
        self.content_hash = content_hash(self.text)
        if self.url == "":
            self.url = None
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("dashboard:article", args=[self.pk])


class Status(models.TextChoices):
    PROPOSED = "proposed", _("Đề xuất")
    ACCEPTED = "accepted", _("Đã duyệt")
    REJECTED = "rejected", _("Bị loại")


class TargetMetric(models.TextChoices):
    """What a target is for: the metric it sets a goal on (``vocabulary.TARGET_OF``)."""

    ADMITTED = vocabulary.ADMITTED, _("Chỉ tiêu kết nạp")
    TRAINED = vocabulary.TRAINED, _("Chỉ tiêu bồi dưỡng nhận thức về Đảng")
    MEMBERS_POPULATION_PCT = (
        vocabulary.MEMBERS_POPULATION_PCT,
        _("Chỉ tiêu tỷ lệ đảng viên so với dân số"),
    )


class FigureMetric(models.TextChoices):
    ADMITTED = vocabulary.ADMITTED, _("Đã kết nạp")
    TRAINED = vocabulary.TRAINED, _("Quần chúng ưu tú đã học lớp bồi dưỡng nhận thức về Đảng")
    MEMBERS_TOTAL = vocabulary.MEMBERS_TOTAL, _("Tổng số đảng viên")
    MEMBERS_POPULATION_PCT = vocabulary.MEMBERS_POPULATION_PCT, _("Tỷ lệ đảng viên so với dân số")
    PERCENT_OF_TARGET = vocabulary.PERCENT_OF_TARGET, _("Tỷ lệ đạt (% chỉ tiêu)")
    TRAINED_PERCENT_OF_TARGET = (
        vocabulary.TRAINED_PERCENT_OF_TARGET,
        _("Tỷ lệ bồi dưỡng đạt (% kế hoạch)"),
    )


PERCENT_FIGURE_METRICS = (
    FigureMetric.MEMBERS_POPULATION_PCT,
    FigureMetric.PERCENT_OF_TARGET,
    FigureMetric.TRAINED_PERCENT_OF_TARGET,
)


class Reported(models.Model):
    """What a target and a figure share: a value for an organisation over a period, sourced."""

    # "%(class)ss" gives organisation.targets and organisation.figures.
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("tổ chức"),
        on_delete=models.PROTECT,
        related_name="%(class)ss",
    )
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    value = models.DecimalField(_("giá trị"), max_digits=12, decimal_places=2)
    source = models.ForeignKey(
        Article,
        verbose_name=_("nguồn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="%(class)ss",
    )
    quote = models.TextField(_("trích dẫn"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.ACCEPTED
    )
    entered_by = staff_member_field()
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    # Who accepted or rejected the row and when: figures count only once an approver of the
    # organisation (or above) has accepted them (`services.reported.reported_review`).
    reviewed_by = staff_member_field(verbose_name=_("người duyệt"))
    reviewed_at = models.DateTimeField(_("thời điểm duyệt"), null=True, blank=True)
    # Raised by every save: an edit made on a page read before another person's save is
    # refused rather than written over it (`services.reported.reported_check_fresh`).
    version = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)

    class Meta:
        abstract = True

    @property
    def period(self) -> Period:
        return Period(self.period_start, self.period_end)

    @property
    def period_label(self) -> str:
        return self.period.label

    @classmethod
    def base_constraints(cls, prefix: str) -> list[models.BaseConstraint]:
        return [
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name=f"{prefix}_value_not_negative",
                violation_error_message=_("Giá trị không được âm."),
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name=f"{prefix}_period_ordered",
                violation_error_message=_("Ngày kết thúc kỳ phải sau hoặc bằng ngày bắt đầu."),
            ),
            models.UniqueConstraint(
                fields=["organisation", "metric", "period_start", "period_end", "source"],
                condition=Q(status="accepted"),
                name=f"{prefix}_one_accepted_per_source",
                violation_error_message=_(
                    "Đã có một số liệu được duyệt cho tổ chức, chỉ tiêu và kỳ này từ cùng nguồn."
                ),
            ),
        ]


class Target(Reported):
    metric = models.CharField(
        _("loại chỉ tiêu"), max_length=32, choices=TargetMetric.choices, db_index=True
    )
    derived = models.BooleanField(
        _("suy ra"),
        default=False,
        help_text=_("Tính từ số liệu khác (ví dụ 207 đảng viên đạt 103% → chỉ tiêu ≈ 201)."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["organisation", "-period_end", "metric"]
        constraints = [
            *Reported.base_constraints("target"),
            models.CheckConstraint(
                condition=~Q(metric="members_population_pct") | Q(value__lte=100),
                name="target_population_pct_at_most_100",
                violation_error_message=_("Tỷ lệ so với dân số phải từ 0 đến 100%."),
            ),
        ]
        indexes = [
            models.Index(fields=["metric", "period_end", "organisation"]),
            # The per-organisation lookup of a year's target, in the order it is picked.
            models.Index(
                fields=["organisation", "metric", "period_start", "period_end", "derived", "-id"],
                condition=Q(status="accepted"),
                name="target_accepted_lookup_idx",
            ),
            # The latest year with data: one end of an index rather than every row.
            models.Index(fields=["status", "period_start", "metric"], name="target_start_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.get_metric_display()} · {self.period_label}"


class Figure(Reported):
    metric = models.CharField(
        _("số liệu"), max_length=32, choices=FigureMetric.choices, db_index=True
    )
    approximate = models.BooleanField(
        _("xấp xỉ"), default=False, help_text=_("Bài viết nói “hơn”, “gần”, “khoảng”.")
    )
    # Where the quote sits in the article's text, for highlighting; null for manual entries.
    quote_start = models.PositiveIntegerField(null=True, blank=True, editable=False)
    quote_end = models.PositiveIntegerField(null=True, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("số liệu")
        verbose_name_plural = _("số liệu")
        ordering = ["organisation", "-period_end", "metric"]
        constraints = [
            *Reported.base_constraints("figure"),
            models.CheckConstraint(
                condition=~Q(metric__in=[m.value for m in PERCENT_FIGURE_METRICS])
                | Q(value__lte=1000),
                name="figure_percent_at_most_1000",
                violation_error_message=_("Tỷ lệ phần trăm phải từ 0 đến 1000%."),
            ),
            models.CheckConstraint(
                condition=Q(quote_start__isnull=True)
                | Q(quote_end__isnull=True)
                | Q(quote_end__gte=models.F("quote_start")),
                name="figure_quote_span_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["metric", "status", "period_end", "organisation"]),
            # The per-organisation lookup of "admitted so far" / "% of target" in a year, in the
            # order it is picked (latest end, then latest entry): no sort per lookup.
            models.Index(
                fields=["organisation", "metric", "period_start", "period_end", "id"],
                condition=Q(status="accepted"),
                name="figure_accepted_lookup_idx",
            ),
            # The latest year with data, the busiest level in a year: an index range, not a scan.
            models.Index(fields=["status", "period_start", "metric"], name="figure_start_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.get_metric_display()} · {self.period_label}"


def progress_worth_showing(prefix: str = "") -> Q:
    """Progress rows with something to show: the organisation's own report, or a count summed
    from below (a sum of targets alone, with no count against it, says nothing about progress).
    `prefix` names the same fields under a relation or an annotation (`progress__`)."""
    return (
        Q(**{f"{prefix}admitted__isnull": False})
        | Q(**{f"{prefix}target__isnull": False})
        | Q(**{f"{prefix}pct__isnull": False})
        | Q(**{f"{prefix}sum_admitted__isnull": False})
    )


class Progress(models.Model):
    """One organisation's progress in one calendar year, maintained from its accepted figures.

    Written only by `recruitment.services.progress` in the transaction that changes a figure, a
    target or the tree, so every page reads a row instead of recomputing it. Two sets of measures:
    what the organisation itself reported, and the sum over its sub-organisations (each child's
    reported value where it has one, its own sum otherwise, so nothing counts twice).
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="progress", verbose_name=_("tổ chức")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    # Reported by the organisation itself.
    target = models.DecimalField(max_digits=12, decimal_places=2, null=True)
    target_derived = models.BooleanField(default=False)
    admitted = models.DecimalField(max_digits=12, decimal_places=2, null=True)
    admitted_end = models.DateField(null=True)
    admitted_source = models.ForeignKey(
        Article, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    stated_pct = models.DecimalField(max_digits=12, decimal_places=2, null=True)
    stated_pct_end = models.DateField(null=True)
    pct_source = models.ForeignKey(Article, on_delete=models.SET_NULL, null=True, related_name="+")
    pct = models.FloatField(null=True)
    as_of = models.DateField(null=True)
    # Summed over the sub-organisations.
    sum_admitted = models.DecimalField(max_digits=14, decimal_places=2, null=True)
    sum_target = models.DecimalField(max_digits=14, decimal_places=2, null=True)
    sum_pct = models.FloatField(null=True)
    sum_as_of = models.DateField(null=True)
    children_reporting = models.PositiveIntegerField(default=0)
    children = models.PositiveIntegerField(default=0)
    # The % the pages show and sort by: the reported one, else the one of the sum.
    shown_pct = models.FloatField(null=True)

    class Meta:
        verbose_name = _("tiến độ")
        verbose_name_plural = _("tiến độ")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="progress_one_per_year"),
            models.CheckConstraint(
                condition=Q(children_reporting__lte=models.F("children")),
                name="progress_reporting_within_children",
            ),
        ]
        indexes = [
            models.Index(fields=["year", "shown_pct"], name="progress_year_shown_pct_idx"),
            # A page's row count ("N tổ chức") reads this index alone instead of the year's rows.
            models.Index(
                fields=["year", "organisation"],
                condition=progress_worth_showing(),
                name="progress_year_showing_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} · {self.year}"


class ImportDraft(models.Model):
    """An article read and extracted once, waiting for staff to review it.

    The extraction is stored with the text so the review page never runs the extractor again:
    a page reload or a form with errors costs a query, not an extraction, and what staff review
    is what was extracted when they imported (a newer extractor does not change it under them).
    Background imports write the same rows.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Chờ duyệt")
        SAVED = "saved", _("Đã lưu")
        DISCARDED = "discarded", _("Đã bỏ")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="import_drafts",
    )
    created_at = models.DateTimeField(_("thời điểm nhập"), auto_now_add=True)
    text = models.TextField(_("nội dung"))
    title = models.CharField(_("tiêu đề"), max_length=500, blank=True)
    url = models.URLField(_("địa chỉ"), max_length=1000, blank=True)
    publisher = models.CharField(_("nơi đăng"), max_length=255, blank=True)
    published = models.DateField(_("ngày đăng"), null=True, blank=True)
    organisation_hint = models.CharField(_("tổ chức chủ thể (gợi ý)"), max_length=255, blank=True)
    # Not unique: two people may import the same text; the first save wins (see article_save).
    content_hash = models.CharField(max_length=64, db_index=True, editable=False)
    # Every Candidate field; dates as ISO strings, Decimals as strings (exact, unlike floats).
    candidates = models.JSONField(default=list)
    extracted_title = models.CharField(max_length=500, blank=True)
    extracted_published = models.DateField(null=True, blank=True)
    extracted_organisation = models.CharField(max_length=255, blank=True)
    extracted_organisation_level = models.CharField(max_length=16, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=State.choices, default=State.PENDING
    )
    article = models.ForeignKey(
        Article,
        verbose_name=_("bài viết"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("bài viết chờ duyệt")
        verbose_name_plural = _("bài viết chờ duyệt")
        ordering = ["id"]
        indexes = [
            # "My pending drafts, oldest first": the import page's list and the review's queue.
            models.Index(fields=["created_by", "status", "id"], name="import_draft_queue_idx"),
        ]

    def __str__(self) -> str:
        return self.title or self.extracted_title or _("Bài viết #%(id)s") % {"id": self.pk}

    def save(self, *args, **kwargs) -> None:
        self.content_hash = content_hash(self.text)
        super().save(*args, **kwargs)


class LearnedMention(models.Model):
    """A mention staff resolved by hand on the review page, and where: the matcher's memory.

    An alias alone cannot tell "xã Tân Hòa" in an article about Đồng Tháp (two communes of that
    name) from the same words elsewhere, nor reach an organisation of another level than the
    extractor guessed; the matcher ranks the organisation named here first for this key in this
    province. One row per key and province: a later correction replaces the earlier one, and
    the history keeps both.
    """

    mention = models.CharField(_("cách bài viết gọi"), max_length=255)
    # matching.normalise(mention): the key the matcher looks the mention up by.
    key = models.CharField(max_length=255, editable=False)
    # Root of the path of the article's main organisation (its province), "" when it had none.
    scope = models.CharField(max_length=32, blank=True, editable=False)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("tổ chức"),
        on_delete=models.CASCADE,
        related_name="learned_mentions",
    )
    proposed = models.ForeignKey(
        Organisation,
        verbose_name=_("tổ chức được đề xuất"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    article = models.ForeignKey(
        Article,
        verbose_name=_("bài viết"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = staff_member_field()
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tên gọi đã học")
        verbose_name_plural = _("tên gọi đã học")
        constraints = [
            models.UniqueConstraint(fields=["key", "scope"], name="learned_mention_one_per_scope")
        ]

    def __str__(self) -> str:
        return f"{self.mention} → {self.organisation}"


class Role(models.TextChoices):
    VIEWER = "viewer", _("Xem")
    ENTRY = "entry", _("Nhập liệu")
    APPROVER = "approver", _("Duyệt")


class Membership(models.Model):
    """A staff member's place in the tree: they read (and, by role, enter or approve) the
    organisation's figures and those of everything below it. Without an organisation the
    membership is national (the central office). The rule that reads it is
    `recruitment.access.visible`."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("người dùng"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("tổ chức"),
        help_text=_("Để trống: toàn quốc."),
    )
    role = models.CharField(_("vai trò"), max_length=16, choices=Role.choices, default=Role.VIEWER)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phạm vi truy cập")
        verbose_name_plural = _("phạm vi truy cập")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="membership_once_per_organisation"
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(organisation__isnull=True),
                name="membership_national_once",
            ),
        ]

    def __str__(self) -> str:
        where = self.organisation or _("toàn quốc")
        return f"{self.user} · {where} · {self.get_role_display()}"


class ImportJob(models.Model):
    """Many articles imported in the background (`services.import_jobs`): one row per upload,
    its progress counted as each article is done.

    The counters move in the same transaction as the article they count, so they never disagree
    with the items; the constraints say so to the database too.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("Chờ chạy")
        RUNNING = "running", _("Đang chạy")
        DONE = "done", _("Xong")
        FAILED = "failed", _("Dừng vì lỗi")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        on_delete=models.CASCADE,
        related_name="import_jobs",
    )
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    started_at = models.DateTimeField(_("bắt đầu chạy"), null=True, blank=True)
    finished_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=State.choices, default=State.QUEUED
    )
    # True: each article becomes a draft staff review on the importer's page. False: saved at
    # once with the review page's defaults (confident figures accepted where the creator may
    # approve them, the rest proposed for the approval queue).
    review = models.BooleanField(_("duyệt từng bài trước khi lưu"), default=True)
    publisher = models.CharField(_("nơi đăng"), max_length=255, blank=True)
    organisation_hint = models.CharField(_("tổ chức chủ thể (gợi ý)"), max_length=255, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    total = models.PositiveIntegerField(_("tổng số bài"), default=0)
    done = models.PositiveIntegerField(_("đã xử lý"), default=0)
    articles_new = models.PositiveIntegerField(_("bài mới"), default=0)
    articles_known = models.PositiveIntegerField(_("bài đã có"), default=0)
    articles_failed = models.PositiveIntegerField(_("bài lỗi"), default=0)
    figures_proposed = models.PositiveIntegerField(_("số liệu đề xuất"), default=0)
    figures_accepted = models.PositiveIntegerField(_("số liệu đã nhận"), default=0)

    class Meta:
        verbose_name = _("lần nhập nhiều bài")
        verbose_name_plural = _("lần nhập nhiều bài")
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(done__lte=models.F("total")), name="import_job_done_within_total"
            ),
            models.CheckConstraint(
                condition=Q(
                    done=models.F("articles_new")
                    + models.F("articles_known")
                    + models.F("articles_failed")
                ),
                name="import_job_done_is_outcomes",
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(done=models.F("total")),
                name="import_job_done_when_all_done",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["done", "failed"], finished_at__isnull=False)
                | Q(status__in=["queued", "running"], finished_at__isnull=True),
                name="import_job_finished_when_ended",
            ),
            models.CheckConstraint(
                condition=~Q(status="running") | Q(started_at__isnull=False),
                name="import_job_running_since",
            ),
            models.CheckConstraint(
                condition=(Q(status="failed") & ~Q(error="")) | (~Q(status="failed") & Q(error="")),
                name="import_job_error_iff_failed",
            ),
        ]

    def __str__(self) -> str:
        return _("Lần nhập #%(id)s") % {"id": self.pk}

    def get_absolute_url(self) -> str:
        return reverse("admin:recruitment_importjob_change", args=[self.pk])

    @property
    def is_active(self) -> bool:
        """Still to run or running: its page refreshes itself."""
        return self.status in (self.State.QUEUED, self.State.RUNNING)

    def stalled_since(self, *, now: dt.datetime, quiet: dt.timedelta) -> dt.datetime | None:
        """When a queued or running job last showed progress (started, or finished an
        article), if that is longer ago than `quiet`: no worker is on it, most likely (one was
        killed and the broker has not handed the task on yet), and resuming takes it up."""
        if not self.is_active:
            return None
        last = max(
            filter(
                None,
                (
                    self.created_at,
                    self.started_at,
                    self.items.aggregate(last=models.Max("finished_at"))["last"],
                ),
            )
        )
        return last if now - last > quiet else None

    @property
    def resumable(self) -> bool:
        """Stopped (a worker killed, an error) with articles left; a job that is queued or
        running is resumable too, since a killed worker leaves it so until someone looks."""
        return self.done < self.total


class ImportJobItem(models.Model):
    """One article of an import job: an uploaded file (its bytes kept until it is read) or a
    URL (fetched by the worker), and what became of it."""

    class State(models.TextChoices):
        PENDING = "pending", _("Chờ xử lý")
        NEW = "new", _("Mới")
        KNOWN = "known", _("Đã có")
        FAILED = "failed", _("Lỗi")

    job = models.ForeignKey(
        ImportJob, verbose_name=_("lần nhập"), on_delete=models.CASCADE, related_name="items"
    )
    position = models.PositiveIntegerField(_("thứ tự"))
    name = models.CharField(_("tệp hoặc địa chỉ"), max_length=1000)
    url = models.URLField(_("địa chỉ"), max_length=1000, blank=True)
    data = models.BinaryField(null=True, blank=True, editable=False)
    status = models.CharField(
        _("kết quả"), max_length=10, choices=State.choices, default=State.PENDING
    )
    reason = models.TextField(_("lý do"), blank=True)
    figures_proposed = models.PositiveIntegerField(_("số liệu đề xuất"), default=0)
    figures_accepted = models.PositiveIntegerField(_("số liệu đã nhận"), default=0)
    finished_at = models.DateTimeField(_("xử lý lúc"), null=True, blank=True)
    draft = models.ForeignKey(
        ImportDraft,
        verbose_name=_("bài viết chờ duyệt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    article = models.ForeignKey(
        Article,
        verbose_name=_("bài viết"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("bài trong lần nhập")
        verbose_name_plural = _("bài trong lần nhập")
        ordering = ["job", "position"]
        constraints = [
            models.UniqueConstraint(fields=["job", "position"], name="import_item_position"),
            models.CheckConstraint(
                condition=(Q(status="failed") & ~Q(reason=""))
                | (~Q(status="failed") & Q(reason="")),
                name="import_item_reason_iff_failed",
            ),
            # A pending item has exactly one source; a processed one keeps no bytes.
            models.CheckConstraint(
                condition=Q(status="pending", url="", data__isnull=False)
                | (Q(status="pending", data__isnull=True) & ~Q(url=""))
                | (~Q(status="pending") & Q(data__isnull=True)),
                name="import_item_one_source",
            ),
            models.CheckConstraint(
                condition=Q(status="pending", finished_at__isnull=True)
                | (~Q(status="pending") & Q(finished_at__isnull=False)),
                name="import_item_finished_when_processed",
            ),
            models.CheckConstraint(
                condition=Q(status="new") | Q(figures_proposed=0, figures_accepted=0),
                name="import_item_figures_only_when_new",
            ),
        ]

    def __str__(self) -> str:
        return self.name
