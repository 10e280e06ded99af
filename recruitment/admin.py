"""Staff enter and correct organisations, targets and figures here; history comes with it."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import path
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .access import approves, is_approver, visible, visible_organisations
from .admin_widgets import SafeAutocomplete
from .models import (
    Article,
    Figure,
    ImportJob,
    LearnedMention,
    Level,
    Membership,
    Organisation,
    OrganisationAlias,
    Status,
    Succession,
    Target,
    within,
)
from .periods import Period
from .services.organisations import organisation_delete, organisation_save
from .services.reported import (
    StaleEdit,
    reported_check_fresh,
    reported_delete,
    reported_save,
    reported_set_status,
)

admin.site.site_header = _("Tiến độ kết nạp — Quản trị")
admin.site.site_title = _("Tiến độ kết nạp")
admin.site.index_title = _("Quản trị")
admin.site.site_url = "/"


class ProvinceFilter(admin.SimpleListFilter):
    """Filter anything attached to an organisation by the province it lies in (via the path)."""

    title = _("tỉnh / thành phố")
    parameter_name = "province"
    through = ""

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        provinces = Organisation.objects.filter(level=Level.PROVINCE).order_by(
            "-valid_from", "short_name"
        )
        return [
            (p.pk, f"{p.short_name} ({_('từ 2025') if p.valid_from else _('trước 2025')})")
            for p in provinces
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if not self.value():
            return queryset
        province = Organisation.objects.filter(pk=self.value()).first()
        if province is None:
            return queryset.none()
        return queryset.filter(within(province, through=self.through))


class OrganisationProvinceFilter(ProvinceFilter):
    through = "organisation__"


class YearFilter(admin.SimpleListFilter):
    title = _("năm")
    parameter_name = "year"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        years = (
            model_admin.get_queryset(request)
            .order_by()
            .values_list("period_end__year", flat=True)
            .distinct()
        )
        return [(y, str(y)) for y in sorted(set(years), reverse=True)]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if not self.value():
            return queryset
        try:
            year = int(self.value())
        except ValueError:
            return queryset.none()
        return queryset.filter(period_start__year__lte=year, period_end__year__gte=year)


class ReasonForm(forms.ModelForm):
    """A form whose save is recorded in the history with the reason staff give for it."""

    change_reason = forms.CharField(
        label=_("Lý do thay đổi"),
        required=False,
        max_length=100,
        help_text=_("Ghi vào lịch sử cùng người sửa và thời điểm (ví dụ: theo báo cáo quý)."),
    )


def with_reason(obj, form) -> None:
    """Hand the reason typed in `form` to the history row `obj`'s save writes."""
    obj._change_reason = (form.cleaned_data.get("change_reason") or "").strip() or None


class OrganisationForm(ReasonForm):
    class Meta:
        model = Organisation
        fields = (
            *("name", "short_name", "level", "parent", "official_code"),
            *("valid_from", "valid_until", "successor"),
            *("population", "population_year", "latitude", "longitude"),
        )


class ReportedForm(ReasonForm):
    """Entering a figure by hand: pick a year and the period fills itself in."""

    editor = None  # who fills the form in (set by the admin): approving needs the right
    # The version of the row the page showed: saving over a newer one is refused.
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    year = forms.IntegerField(
        label=_("Năm"),
        required=False,
        min_value=1930,
        max_value=2100,
        help_text=_("Điền năm để lấy cả năm làm kỳ; để trống nếu nhập ngày bắt đầu và kết thúc."),
    )

    class Meta:
        fields = (
            "organisation",
            "metric",
            "value",
            "period_start",
            "period_end",
            "source",
            "quote",
            "status",
        )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("period_start", "period_end"):
            if name in self.fields:
                self.fields[name].required = False
        if not self.instance.pk and "year" in self.fields:
            self.fields["year"].initial = dt.date.today().year
        if not self.instance.pk and "status" in self.fields and not is_approver(self.editor):
            self.fields["status"].initial = Status.PROPOSED
        if self.instance.pk:
            # The stored version, not the instance's: reverting shows an older row.
            current = type(self.instance).objects.filter(pk=self.instance.pk)
            self.fields["seen_version"].initial = current.values_list("version", flat=True).first()

    def clean(self) -> dict:
        cleaned = super().clean()
        seen = cleaned.get("seen_version")
        if self.instance.pk and seen is not None:
            # The admin saves in the transaction this runs in: the row stays locked until then.
            try:
                reported_check_fresh(row=self.instance, seen_version=seen)
            except StaleEdit as stale:
                raise forms.ValidationError(str(stale)) from stale
        year = cleaned.get("year")
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if year and not start and not end:
            period = Period.year(year)
            cleaned["period_start"], cleaned["period_end"] = period.start, period.end
            self.instance.period_start, self.instance.period_end = period.start, period.end
        elif not start or not end:
            raise forms.ValidationError(
                _("Hãy chọn năm, hoặc nhập đủ ngày bắt đầu và ngày kết thúc của kỳ.")
            )
        elif end < start:
            self.add_error("period_end", _("Ngày kết thúc kỳ phải sau hoặc bằng ngày bắt đầu."))
        organisation, status = cleaned.get("organisation"), cleaned.get("status")
        chosen = "status" in self.changed_data or not self.instance.pk
        approving = organisation and status and status != Status.PROPOSED and chosen
        if approving and not approves(self.editor, organisation):
            self.add_error(
                "status",
                _(
                    "Chỉ người duyệt của %(organisation)s hoặc cấp trên mới duyệt hay loại "
                    "được số liệu; hãy để trạng thái “Đề xuất” để chờ duyệt."
                )
                % {"organisation": organisation},
            )
        return cleaned


class FigureForm(ReportedForm):
    class Meta(ReportedForm.Meta):
        model = Figure
        fields = (*ReportedForm.Meta.fields, "approximate")


class TargetForm(ReportedForm):
    class Meta(ReportedForm.Meta):
        model = Target
        fields = (*ReportedForm.Meta.fields, "derived")


class Scoped(SafeAutocomplete):
    """Staff see and change only their memberships' subtrees (`recruitment.access.visible`):
    lists, change pages, the organisation autocomplete (it asks `OrganisationAdmin`) and the
    organisation choices of forms. Another subtree's row is not there for them: its change page
    answers as for a deleted row."""

    scope_through = ""  # how the admin's rows reach their organisation

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        scope = visible(request.user, through=self.scope_through)
        return super().get_queryset(request).filter(scope)

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.related_model is Organisation:
            kwargs["queryset"] = visible_organisations(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ReportedInlines:
    """Figures and targets edited in inline tables are saved as on their own change page: the
    stale-edit check (each row carries the version it showed), the approval rule, the version
    count, history with the page's reason and the progress table all go through the services."""

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        if formset.model not in (Figure, Target):
            super().save_formset(request, form, formset, change)
            return
        rows = formset.save(commit=False)
        reported_delete(rows=formset.deleted_objects, user=request.user)
        sent_back = []
        for row in rows:
            if row.pk is None and row.entered_by_id is None:
                row.entered_by = request.user
            asked = row.status
            with_reason(row, form)
            reported_save(row=row, user=request.user)
            if row.status != asked:
                sent_back.append(row)
        formset.save_m2m()
        if sent_back:
            self.message_user(
                request,
                _("Đã lưu; %(count)d số liệu đã sửa chờ người duyệt duyệt lại.")
                % {"count": len(sent_back)},
                level=messages.WARNING,
            )


class ReportedAdmin(Scoped, SimpleHistoryAdmin):
    scope_through = "organisation__"
    list_display = (
        "organisation",
        "metric",
        "period_display",
        "value",
        "status",
        "source",
    )
    list_filter = ("metric", "status", YearFilter, OrganisationProvinceFilter)
    search_fields = ("organisation__name", "organisation__short_name", "quote", "source__title")
    autocomplete_fields = ("organisation", "source")
    list_select_related = ("organisation", "source")
    readonly_fields = ("entered_by", "created_at", "reviewed_by", "reviewed_at")
    date_hierarchy = "period_end"
    actions = ("mark_accepted", "mark_rejected")
    fieldsets = (
        (None, {"fields": ("organisation", "metric", "value")}),
        (_("Kỳ"), {"fields": ("year", ("period_start", "period_end"), "seen_version")}),
        (None, {"fields": ("change_reason",)}),
        (_("Nguồn"), {"fields": ("source", "quote", "status")}),
        (
            _("Nhập liệu và duyệt"),
            {
                "fields": ("entered_by", "created_at", "reviewed_by", "reviewed_at"),
                "classes": ("collapse",),
            },
        ),
    )

    @admin.display(description=_("Kỳ"), ordering="period_end")
    def period_display(self, obj: Figure | Target) -> str:
        return obj.period_label

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        if not change and obj.entered_by_id is None:
            obj.entered_by = request.user
        asked = obj.status
        with_reason(obj, form)
        reported_save(row=obj, user=request.user)
        if obj.status != asked:
            self.message_user(
                request,
                _("Đã lưu; số liệu đã sửa chờ người duyệt của %(organisation)s duyệt lại.")
                % {"organisation": obj.organisation},
                level=messages.WARNING,
            )

    def delete_model(self, request: HttpRequest, obj) -> None:
        reported_delete(rows=[obj], user=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        reported_delete(rows=queryset, user=request.user)

    # Approving changes a figure: staff who may only view never see these actions, and a POST
    # naming one anyway is refused by the admin ("no action selected"), the rows untouched.
    @admin.action(description=_("Duyệt các mục đã chọn"), permissions=["change"])
    def mark_accepted(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._set_status(request, queryset, Status.ACCEPTED)

    @admin.action(description=_("Loại các mục đã chọn"), permissions=["change"])
    def mark_rejected(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._set_status(request, queryset, Status.REJECTED)

    def _set_status(self, request: HttpRequest, queryset: QuerySet, status: str) -> None:
        outcome = reported_set_status(rows=queryset, status=status, user=request.user)
        self.message_user(request, _("Đã cập nhật %(n)d mục.") % {"n": outcome.changed})
        for reason in dict.fromkeys(outcome.refused):
            self.message_user(request, reason, level=messages.WARNING)

    def get_form(self, request: HttpRequest, obj=None, change: bool = False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.editor = request.user
        return form


@admin.register(Figure)
class FigureAdmin(ReportedAdmin):
    form = FigureForm

    def get_urls(self) -> list:
        from .approval_page import approval_queue_view

        def view(request, *args, **kwargs):
            return approval_queue_view(self, request)

        return [
            path(
                "cho-duyet/",
                self.admin_site.admin_view(view),
                name="recruitment_approval_queue",
            ),
            *super().get_urls(),
        ]

    list_display = (*ReportedAdmin.list_display[:4], "approximate", *ReportedAdmin.list_display[4:])
    fieldsets = (
        (None, {"fields": ("organisation", "metric", "value", "approximate")}),
        *ReportedAdmin.fieldsets[1:],
    )


@admin.register(Target)
class TargetAdmin(ReportedAdmin):
    form = TargetForm
    list_display = (*ReportedAdmin.list_display, "derived")
    list_filter = (*ReportedAdmin.list_filter, "derived")
    fieldsets = (
        (None, {"fields": ("organisation", "metric", "value", "derived")}),
        *ReportedAdmin.fieldsets[1:],
    )


class FigureInline(Scoped, admin.TabularInline):
    scope_through = "organisation__"
    model = Figure
    form = FigureForm
    fields = (
        *("metric", "period_start", "period_end", "value", "status", "source", "quote"),
        "seen_version",
    )
    autocomplete_fields = ("source",)
    extra = 0
    show_change_link = True
    # Quotes are a sentence: a short box keeps a row of the table on one screen line.
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2})}}


class TargetInline(FigureInline):
    model = Target
    form = TargetForm
    fields = (
        *("metric", "period_start", "period_end", "value", "derived", "source", "quote"),
        "seen_version",
    )


class ArticleFigureInline(FigureInline):
    fields = (
        *("organisation", "metric", "period_start", "period_end", "value", "status", "quote"),
        "seen_version",
    )
    autocomplete_fields = ("organisation",)


class ArticleTargetInline(TargetInline):
    fields = (
        *("organisation", "metric", "period_start", "period_end", "value", "derived", "quote"),
        "seen_version",
    )
    autocomplete_fields = ("organisation",)


class AliasInline(admin.TabularInline):
    model = OrganisationAlias
    fields = ("name",)
    extra = 1


class ValidityFilter(admin.SimpleListFilter):
    title = _("hiệu lực")
    parameter_name = "in_force"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        return [("now", _("Đang hoạt động")), ("ended", _("Đã giải thể / sáp nhập"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        today = dt.date.today()
        if self.value() == "now":
            return queryset.in_force(today)
        if self.value() == "ended":
            return queryset.filter(valid_until__lt=today)
        return queryset


@admin.register(Organisation)
class OrganisationAdmin(Scoped, ReportedInlines, SimpleHistoryAdmin):
    form = OrganisationForm
    list_display = ("name", "level", "parent", "valid_from", "valid_until", "successor")
    list_filter = ("level", ValidityFilter, ProvinceFilter)
    search_fields = ("name", "short_name", "aliases__name", "official_code")
    autocomplete_fields = ("parent", "successor")
    list_select_related = ("parent", "successor")
    readonly_fields = ("path",)
    inlines = (AliasInline, TargetInline, FigureInline)
    fieldsets = (
        (None, {"fields": ("name", "short_name", "level", "parent", "official_code")}),
        (_("Hiệu lực"), {"fields": (("valid_from", "valid_until"), "successor")}),
        (
            _("Địa bàn"),
            {"fields": (("population", "population_year"), ("latitude", "longitude"))},
        ),
        (None, {"fields": ("change_reason",)}),
    )

    def save_model(self, request: HttpRequest, obj: Organisation, form, change: bool) -> None:
        with_reason(obj, form)
        organisation_save(organisation=obj)

    def delete_model(self, request: HttpRequest, obj: Organisation) -> None:
        organisation_delete(organisation=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for organisation in queryset:
            organisation_delete(organisation=organisation)


class PredecessorProvinceFilter(ProvinceFilter):
    through = "predecessor__"


@admin.register(Succession)
class SuccessionAdmin(admin.ModelAdmin):
    """Read-only: ``load_admin_units`` owns the table and would overwrite any edit."""

    list_display = ("predecessor", "successor", "share_percent", "approximate", "effective")
    list_filter = ("predecessor__level", "approximate", "effective", PredecessorProvinceFilter)
    search_fields = ("predecessor__name", "successor__name", "predecessor__official_code")
    list_select_related = ("predecessor", "successor")
    ordering = ("predecessor__path", "successor__path")

    @admin.display(description=_("tỷ lệ"), ordering="share")
    def share_percent(self, obj: Succession) -> str:
        return f"{obj.share:.1%}"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Succession | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Succession | None = None) -> bool:
        return False


@admin.register(Membership)
class MembershipAdmin(SafeAutocomplete, SimpleHistoryAdmin):
    """Who reads which part of the tree (`recruitment.access`); also on each user's page."""

    list_display = ("user", "organisation", "role")
    list_filter = ("role",)
    search_fields = ("user__username", "organisation__name")
    list_select_related = ("user", "organisation")
    autocomplete_fields = ("organisation",)


class MembershipInline(SafeAutocomplete, admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("organisation",)
    verbose_name_plural = _("Phạm vi truy cập (để trống tổ chức: toàn quốc)")


@admin.register(LearnedMention)
class LearnedMentionAdmin(Scoped, SimpleHistoryAdmin):
    """What the matcher learnt from the review page: open to correct or delete a wrong lesson.
    Lessons are only taught there, so there is no add form."""

    scope_through = "organisation__"

    list_display = ("mention", "organisation", "proposed", "created_by", "created_at")
    search_fields = ("mention", "organisation__name")
    list_select_related = ("organisation", "proposed", "created_by")
    autocomplete_fields = ("organisation",)
    fields = ("mention", "organisation", "proposed", "article", "created_by", "created_at")
    readonly_fields = ("mention", "proposed", "article", "created_by", "created_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Article)
class ArticleAdmin(ReportedInlines, SimpleHistoryAdmin):
    list_display = ("__str__", "publisher", "published", "imported_by", "imported_at")
    list_filter = ("publisher", ("published", admin.DateFieldListFilter))
    search_fields = ("title", "url", "text", "publisher")
    readonly_fields = ("content_hash", "imported_by", "imported_at")
    date_hierarchy = "published"
    inlines = (ArticleFigureInline, ArticleTargetInline)
    fields = ("title", "url", "publisher", "published", "text", "content_hash", "imported_by")
    # Addresses pasted by staff rarely state a scheme; https is the safe guess.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def revert_disabled(self, request: HttpRequest, obj: Article | None = None) -> bool:
        return True  # the history keeps no copy of the text to go back to

    def history_form_view(self, request: HttpRequest, object_id, version_id, extra_context=None):
        # simple_history only hides the revert button; a POST would still save the old row.
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request: HttpRequest, obj: Article, form, change: bool) -> None:
        if not change and obj.imported_by_id is None:
            obj.imported_by = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self) -> list:
        from . import importer

        def guarded(view):
            def wrapped(request, *args, **kwargs):
                return view(self, request, *args, **kwargs)

            return self.admin_site.admin_view(
                permission_required_view(wrapped, "recruitment.add_article")
            )

        return [
            path(
                "import/",
                guarded(importer.import_view),
                name="recruitment_article_import",
            ),
            path(
                "import/review/",
                guarded(importer.next_view),
                name="recruitment_article_import_next",
            ),
            path(
                "import/review/<int:pk>/",
                guarded(importer.review_view),
                name="recruitment_article_import_review",
            ),
            *super().get_urls(),
        ]


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    """Background imports (`bulk_import`): each importer sees their own jobs, a superuser all.
    Whoever may import an article (add_article) may start one; the page itself is read-only."""

    list_display = (
        *("__str__", "created_at", "created_by", "status", "progress"),
        *("articles_new", "articles_known", "articles_failed"),
        *("figures_proposed", "figures_accepted"),
    )
    list_filter = ("status", "review")
    list_select_related = ("created_by",)
    actions = ("resume",)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        jobs = super().get_queryset(request)
        return jobs if request.user.is_superuser else jobs.filter(created_by=request.user)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.has_perm("recruitment.add_article")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("recruitment.add_article")

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    @admin.display(description=_("tiến độ"))
    def progress(self, job: ImportJob) -> str:
        return f"{job.done} / {job.total}"

    @admin.action(description=_("Chạy tiếp các lần nhập bị dừng"))
    def resume(self, request: HttpRequest, queryset: QuerySet) -> None:
        from .services.import_jobs import ImportJobError, import_job_resume

        for job in queryset:
            try:
                import_job_resume(job=job)
            except ImportJobError as error:
                self.message_user(request, f"{job}: {error}", messages.WARNING)
            else:
                self.message_user(request, _("%(job)s: chạy tiếp.") % {"job": job})

    def add_view(self, request: HttpRequest, form_url: str = "", extra_context=None):
        from .bulk_import import upload_view

        return upload_view(self, request)

    def change_view(self, request: HttpRequest, object_id, form_url="", extra_context=None):
        from .bulk_import import job_view

        return job_view(self, request, object_id)

    def get_urls(self) -> list:
        from .bulk_import import resume_view

        def resume(request, pk):
            return resume_view(self, request, pk)

        return [
            path(
                "<int:pk>/resume/",
                self.admin_site.admin_view(resume),
                name="recruitment_importjob_resume",
            ),
            *super().get_urls(),
        ]


def permission_required_view(view, permission: str):
    """Admin pages of our own still honour model permissions (import = add an article)."""

    def wrapped(request, *args, **kwargs):
        if not request.user.has_perm(permission):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


# The user page lists the user's memberships: access is granted where the account is managed.
admin.site.unregister(User)


@admin.register(User)
class UserWithMembershipsAdmin(UserAdmin):
    inlines = (*UserAdmin.inlines, MembershipInline)
