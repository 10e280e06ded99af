"""The admin's "Nhập bài viết" pages: read an article, review its candidates, save what is kept.

The extractor runs once, when the form is submitted: `services.import_draft_create` stores its
result as an `ImportDraft` row, and the review page (one URL per draft) reads that row. Nothing
but the draft is written until staff press save; `services.import_draft_save` then writes the
article with its figures and marks the draft saved in one transaction.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.db import transaction
from django.forms import formset_factory
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .extraction import Candidate, DocumentError, read_document, vocabulary
from .extraction import confidence as reasons
from .fetching import FetchError, fetch_url
from .highlight import highlight_segments
from .models import Figure, FigureMetric, ImportDraft, Level, Organisation, Status, TargetMetric
from .services.imports import (
    NO_FIGURES,
    ArticleImportError,
    Decision,
    Draft,
    draft_decisions,
    import_draft_create,
    import_draft_discard,
    import_draft_extraction,
    import_draft_save,
    organisation_create,
)

# Every metric the extractor reports, in its order, with the label its model gives it.
METRIC_CHOICES = [
    (
        code,
        FigureMetric(code).label
        if code in FigureMetric.values
        else TargetMetric(vocabulary.TARGET_OF[code]).label,
    )
    for code in vocabulary.METRICS
]

# Where the extractor found a candidate's organisation and period, in the reviewers' words.
REASON_LABELS = {
    reasons.OWN_CLAUSE: gettext_lazy("Trong cùng mệnh đề"),
    reasons.SENTENCE: gettext_lazy("Trong cùng câu"),
    reasons.LIST_ITEM: gettext_lazy("Mục trong danh sách"),
    reasons.TABLE_ROW: gettext_lazy("Dòng trong bảng"),
    reasons.CARRIED: gettext_lazy("Mang từ câu trước"),
    reasons.HEADLINE: gettext_lazy("Từ tiêu đề, đoạn mở đầu"),
}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,.html,.htm"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class ImportForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Dán nội dung bài viết"),
        widget=forms.Textarea(attrs={"rows": 12, "cols": 100}),
        required=False,
    )
    files = MultipleFileField(label=gettext_lazy("Hoặc tải tệp .txt / .html"), required=False)
    url = forms.URLField(
        label=gettext_lazy("Hoặc địa chỉ trang (URL)"), required=False, assume_scheme="https"
    )
    title = forms.CharField(label=gettext_lazy("Tiêu đề"), required=False, max_length=500)
    published = forms.DateField(
        label=gettext_lazy("Ngày đăng"),
        required=False,
        help_text=gettext_lazy("dd/mm/yyyy; để trống để lấy ngày ghi trong bài."),
    )
    publisher = forms.CharField(label=gettext_lazy("Nơi đăng"), required=False, max_length=255)
    organisation = forms.CharField(
        label=gettext_lazy("Tổ chức chủ thể của bài"),
        required=False,
        max_length=255,
        help_text=gettext_lazy(
            "Khi bài chỉ nói “toàn tỉnh”, “toàn huyện”: ví dụ “tỉnh Khánh Hòa”."
        ),
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        sources = [
            bool(cleaned.get("text", "").strip()),
            bool(cleaned.get("files")),
            bool(cleaned.get("url")),
        ]
        if not any(sources) and not self.errors:
            raise forms.ValidationError(
                _("Hãy dán nội dung, chọn tệp hoặc nhập địa chỉ của bài viết.")
            )
        return cleaned

    def drafts(self) -> list[Draft]:
        """Read every source given; any unreadable one fails the whole form, nothing kept."""
        data = self.cleaned_data
        common = {
            "title": data["title"],
            "publisher": data["publisher"],
            "published": data["published"],
            "organisation_hint": data["organisation"] or None,
        }
        drafts: list[Draft] = []
        errors: list[str] = []
        if data["text"].strip():
            try:
                document = read_document(data["text"].encode("utf-8"), "pasted.txt")
            except DocumentError as error:
                errors.append(str(error))
            else:
                drafts.append(Draft(text=document.text, **common))
        for upload in data["files"]:
            try:
                document = read_document(
                    _read_capped(upload), upload.name, max_bytes=settings.IMPORT_MAX_BYTES
                )
            except DocumentError as error:
                errors.append(f"{upload.name}: {error}")
                continue
            drafts.append(_draft_from(document, common))
        if data["url"]:
            try:
                fetched = fetch_url(data["url"])
                document = read_document(
                    fetched.data, fetched.url, max_bytes=settings.IMPORT_MAX_BYTES
                )
            except (FetchError, DocumentError) as error:
                errors.append(f"{data['url']}: {error}")
            else:
                drafts.append(_draft_from(document, {**common, "url": data["url"]}))
        if errors:
            raise forms.ValidationError(errors)
        return drafts


def _read_capped(upload) -> bytes:
    if upload.size is not None and upload.size > settings.IMPORT_MAX_BYTES:
        raise DocumentError(
            _("Tệp quá lớn (tối đa %(mb)d MB).") % {"mb": settings.IMPORT_MAX_BYTES // 1048576}
        )
    return upload.read()


def _draft_from(document, common: dict) -> Draft:
    values = dict(common)
    values["title"] = values["title"] or (document.title or "")
    values["published"] = values["published"] or document.published
    return Draft(text=document.text, **values)


class CandidateForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Quyết định"),
        choices=[
            (Status.ACCEPTED, gettext_lazy("Nhận")),
            (Status.PROPOSED, gettext_lazy("Để duyệt sau")),
            (Status.REJECTED, gettext_lazy("Loại")),
        ],
        widget=forms.RadioSelect,
    )
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Tổ chức"),
        queryset=Organisation.objects.all(),
        required=False,
        widget=AutocompleteSelect(Figure._meta.get_field("organisation"), admin.site),
    )
    new_organisation = forms.CharField(
        label=gettext_lazy("hoặc tạo tổ chức mới"), required=False, max_length=255
    )
    new_level = forms.ChoiceField(
        label=gettext_lazy("Cấp"), choices=Level.choices, initial=Level.GRASSROOTS, required=False
    )
    new_parent = forms.ModelChoiceField(
        label=gettext_lazy("Trực thuộc"),
        queryset=Organisation.objects.all(),
        required=False,
        widget=AutocompleteSelect(Organisation._meta.get_field("parent"), admin.site),
    )
    metric = forms.ChoiceField(label=gettext_lazy("Số liệu"), choices=METRIC_CHOICES)
    period_start = forms.DateField(label=gettext_lazy("Từ ngày"))
    period_end = forms.DateField(label=gettext_lazy("Đến ngày"))
    value = forms.DecimalField(
        label=gettext_lazy("Giá trị"), min_value=0, max_digits=12, decimal_places=2
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("decision") == Status.REJECTED:
            return cleaned
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Ngày kết thúc kỳ phải sau hoặc bằng ngày bắt đầu."))
        if cleaned.get("organisation") is None and not cleaned.get("new_organisation"):
            self.add_error(
                "organisation",
                _("Chọn tổ chức, hoặc nhập tên tổ chức mới và cấp trên của nó, hoặc loại số liệu."),
            )
        metric, value = cleaned.get("metric", ""), cleaned.get("value")
        if value is not None and "pct" in metric and value > 100:
            self.add_error("value", _("Tỷ lệ so với dân số phải từ 0 đến 100%."))
        elif value is not None and "percent" in metric and value > 1000:
            self.add_error("value", _("Tỷ lệ phần trăm phải từ 0 đến 1000%."))
        return cleaned


CandidateFormSet = formset_factory(CandidateForm, extra=0)


class ArticleFieldsForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Tiêu đề"), required=False, max_length=500)
    published = forms.DateField(label=gettext_lazy("Ngày đăng"), required=False)
    publisher = forms.CharField(label=gettext_lazy("Nơi đăng"), required=False, max_length=255)


def import_view(model_admin: admin.ModelAdmin, request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            drafts = form.drafts()
        except forms.ValidationError as error:
            form.add_error(None, error)
        else:
            first = None
            for draft in drafts:
                existing = draft.existing_article()
                if existing is not None:
                    link = reverse("admin:recruitment_article_change", args=[existing.pk])
                    messages.info(
                        request,
                        _("Bài viết “%(title)s” đã được nhập trước đây: %(link)s")
                        % {"title": existing, "link": link},
                    )
                    if len(drafts) == 1:
                        return redirect(link)
                    continue
                try:
                    import_draft = import_draft_create(draft=draft, user=request.user)
                except ArticleImportError as error:  # the text is too long to read in time
                    messages.error(request, str(error))
                    continue
                if import_draft.status != ImportDraft.State.PENDING:
                    messages.error(request, NO_FIGURES)
                elif first is None:
                    first = import_draft
            if first is not None:
                return redirect("admin:recruitment_article_import_review", first.pk)
            return redirect(
                "admin:recruitment_article_import"
                if len(drafts) == 1
                else "admin:recruitment_article_changelist"
            )
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Nhập bài viết"),
        "form": form,
        "pending": _pending(request).order_by("-id"),
    }
    return TemplateResponse(request, "admin/recruitment/article/import_form.html", context)


def _pending(request: HttpRequest):
    """The user's own drafts waiting for review; other people's are not theirs to save."""
    return ImportDraft.objects.filter(
        created_by=request.user, status=ImportDraft.State.PENDING
    ).defer("text")


def _next_pending(request: HttpRequest, after: ImportDraft | None = None) -> HttpResponse | None:
    """On to the user's next pending draft: the one imported after this one, else the oldest."""
    pending = _pending(request)
    if after is not None:
        pending = pending.exclude(pk=after.pk)
    following = (
        pending.filter(pk__gt=after.pk).first() if after is not None else None
    ) or pending.first()
    if following is None:
        return None
    return redirect("admin:recruitment_article_import_review", following.pk)


def next_view(model_admin: admin.ModelAdmin, request: HttpRequest) -> HttpResponse:
    response = _next_pending(request)
    if response is None:
        messages.info(request, _("Không còn bài viết nào chờ duyệt."))
        return redirect("admin:recruitment_article_import")
    return response


def review_view(model_admin: admin.ModelAdmin, request: HttpRequest, pk: int) -> HttpResponse:
    import_draft = get_object_or_404(ImportDraft, pk=pk, created_by=request.user)
    if import_draft.status != ImportDraft.State.PENDING:
        messages.info(request, _("Bài viết này đã được lưu hoặc bỏ qua trước đó."))
        if import_draft.article_id:
            return redirect("admin:recruitment_article_change", import_draft.article_id)
        return redirect("admin:recruitment_article_import")
    if request.method == "POST" and "discard" in request.POST:
        import_draft_discard(import_draft=import_draft)
        messages.info(request, _("Đã bỏ qua bài viết; không có gì được lưu."))
        return _next_pending(request, import_draft) or redirect("admin:recruitment_article_import")
    draft = Draft.of(import_draft)
    extraction = import_draft_extraction(import_draft)
    defaults = draft_decisions(draft, extraction)
    initial = [_initial_for(d) for d in defaults]
    if request.method == "POST":
        formset = CandidateFormSet(request.POST, initial=initial)
        article_form = ArticleFieldsForm(request.POST)
        if formset.is_valid() and article_form.is_valid():
            response = _save_reviewed(request, import_draft, defaults, formset, article_form)
            if response is not None:
                return response
    else:
        formset = CandidateFormSet(initial=initial)
        article_form = ArticleFieldsForm(
            initial={
                "title": draft.title,
                "published": draft.published,
                "publisher": draft.publisher,
            }
        )
    rows = [
        {
            "candidate": candidate,
            "form": form,
            # A code the extractor added after this table shows as itself rather than nothing.
            "reason": REASON_LABELS.get(candidate.reason, candidate.reason),
            "percent": candidate.confidence * 100,
            "confident": reasons.is_confident(candidate.confidence),
        }
        for candidate, form in zip(extraction.candidates, formset.forms, strict=True)
    ]
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Duyệt số liệu trích từ bài viết"),
        "draft": draft,
        "remaining": _pending(request).exclude(pk=import_draft.pk).count(),
        "extraction": extraction,
        "segments": highlight_segments(
            extraction.text, [(c.start, c.end) for c in extraction.candidates]
        ),
        "rows": rows,
        "formset": formset,
        "article_form": article_form,
        "media": formset.media + model_admin.media,
    }
    return TemplateResponse(request, "admin/recruitment/article/import_review.html", context)


def _initial_for(decision: Decision) -> dict:
    c: Candidate = decision.candidate
    return {
        "decision": decision.status,
        "organisation": decision.organisation.pk if decision.organisation else None,
        "new_organisation": "" if decision.organisation else c.organisation,
        "metric": c.metric,
        "period_start": c.period_start,
        "period_end": c.period_end,
        "value": c.value,
    }


def _save_reviewed(request, import_draft, defaults, formset, article_form) -> HttpResponse | None:
    try:
        # New organisations and the article stand or fall together.
        with transaction.atomic():
            decisions = _decisions(defaults, formset)
            result = import_draft_save(
                import_draft=import_draft,
                decisions=decisions,
                user=request.user,
                title=article_form.cleaned_data["title"],
                publisher=article_form.cleaned_data["publisher"],
                published=article_form.cleaned_data["published"],
            )
    except ArticleImportError as error:
        messages.error(request, str(error))
        return None
    for note in result.skipped:
        messages.warning(request, note)
    messages.success(
        request,
        _("Đã lưu bài viết với %(figures)d số liệu và %(targets)d chỉ tiêu.")
        % {"figures": len(result.figures), "targets": len(result.targets)},
    )
    return _next_pending(request, import_draft) or redirect(
        "admin:recruitment_article_change", result.article.pk
    )


def _decisions(defaults, formset) -> list[Decision]:
    decisions = []
    created: dict[tuple, Organisation] = {}
    for default, form in zip(defaults, formset.forms, strict=True):
        data = form.cleaned_data
        organisation = data.get("organisation")
        if organisation is None and data.get("decision") != Status.REJECTED:
            key = (data["new_organisation"], data["new_level"], data.get("new_parent"))
            if key not in created:
                created[key] = organisation_create(
                    name=data["new_organisation"],
                    level=data["new_level"] or Level.GRASSROOTS,
                    parent=data.get("new_parent"),
                )
            organisation = created[key]
        decisions.append(
            Decision(
                candidate=default.candidate,
                organisation=organisation,
                status=data["decision"],
                metric=data.get("metric"),
                period_start=data.get("period_start"),
                period_end=data.get("period_end"),
                value=Decimal(data["value"]) if data.get("value") is not None else None,
                proposed=default.proposed,
                within=default.within,
            )
        )
    return decisions
