"""The admin's "Nhập nhiều bài" pages: upload files, zips or a list of URLs as one background
job, follow its progress, review its articles, resume it.

The form only reads the upload into `ImportSource`s (each article's bytes, or its URL) and
refuses what it cannot take, in a sentence; everything else is `services.import_jobs`, run by a
Celery worker (or in this process when no broker is configured).
"""

from __future__ import annotations

import datetime as dt
import zipfile
import zlib
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .importer import MultipleFileField, MultipleFileInput
from .models import ImportDraft, ImportJob
from .services.import_jobs import (
    ImportJobError,
    ImportSource,
    import_job_create,
    import_job_resume,
)
from .services.imports import ARTICLE_SUFFIXES

ZIP_SUFFIX = ".zip"
# A zip's table of contents is read whole before any member: bound it before trusting it.
ZIP_MAX_MEMBERS = 10_000


class _Budget:
    """What one job may still take: articles and bytes (uploaded, or unpacked from a zip)."""

    def __init__(self) -> None:
        self.items = settings.IMPORT_JOB_MAX_ITEMS
        self.bytes = settings.IMPORT_JOB_MAX_BYTES

    def take(self, size: int) -> None:
        self.items -= 1
        self.bytes -= size
        if self.items < 0:
            raise forms.ValidationError(
                _("Mỗi lần nhập tối đa %(n)d bài; hãy chia thành nhiều lần.")
                % {"n": settings.IMPORT_JOB_MAX_ITEMS}
            )
        if self.bytes < 0:
            raise forms.ValidationError(
                _(
                    "Mỗi lần nhập tối đa %(mb)d MB (kể cả nội dung giải nén); "
                    "hãy chia thành nhiều lần."
                )
                % {"mb": settings.IMPORT_JOB_MAX_BYTES // 1048576}
            )


def _too_large(name: str) -> forms.ValidationError:
    return forms.ValidationError(
        _("%(name)s: tệp quá lớn (mỗi bài tối đa %(mb)d MB).")
        % {"name": name, "mb": settings.IMPORT_MAX_BYTES // 1048576}
    )


def _member_name(filename: str) -> str | None:
    """A zip member's path for display, or None for what is not an article. Members are never
    written to disk, so a "../" name cannot escape anywhere; it is still shown without one."""
    parts = [p for p in filename.replace("\\", "/").split("/") if p not in ("", ".", "..")]
    if not parts or any(p.startswith(".") or p == "__MACOSX" for p in parts):
        return None
    if PurePosixPath(parts[-1]).suffix.lower() not in ARTICLE_SUFFIXES:
        return None
    return "/".join(parts)


def zip_sources(*, name: str, upload, budget: _Budget) -> tuple[list[ImportSource], int]:
    """The articles (.txt, .html, .htm) of an uploaded zip and how many other members it
    skipped. Each member is read through a cap, since the sizes a zip declares can lie (a zip
    bomb): a member past IMPORT_MAX_BYTES, or a zip unpacking past the job's budget, is refused.
    """
    try:
        archive = zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise forms.ValidationError(
            _("%(name)s: không phải tệp .zip hoặc tệp đã hỏng.") % {"name": name}
        ) from error
    with archive:
        members = archive.infolist()
        if len(members) > ZIP_MAX_MEMBERS:
            raise forms.ValidationError(
                _("%(name)s: tệp nén có quá nhiều tệp (tối đa %(n)d).")
                % {"name": name, "n": ZIP_MAX_MEMBERS}
            )
        sources: list[ImportSource] = []
        skipped = 0
        for member in members:
            if member.is_dir():
                continue
            inner = _member_name(member.filename)
            if inner is None:
                skipped += 1
                continue
            shown = f"{name}/{inner}"
            if member.flag_bits & 0x1:
                raise forms.ValidationError(
                    _("%(name)s: tệp có mật khẩu; hãy nén lại không đặt mật khẩu.")
                    % {"name": shown}
                )
            if member.file_size > settings.IMPORT_MAX_BYTES:
                raise _too_large(shown)
            try:
                with archive.open(member) as stream:
                    data = stream.read(settings.IMPORT_MAX_BYTES + 1)
            except (zipfile.BadZipFile, zlib.error, NotImplementedError, OSError, EOFError) as e:
                raise forms.ValidationError(
                    _("%(name)s: không giải nén được (tệp hỏng hoặc kiểu nén không hỗ trợ).")
                    % {"name": shown}
                ) from e
            if len(data) > settings.IMPORT_MAX_BYTES:
                raise _too_large(shown)
            budget.take(len(data))
            sources.append(ImportSource(name=shown, data=data))
    return sources, skipped


class BulkImportForm(forms.Form):
    files = MultipleFileField(
        label=gettext_lazy("Tệp .txt / .html hoặc .zip"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ".txt,.html,.htm,.zip"}),
        help_text=gettext_lazy("Chọn nhiều tệp cùng lúc, hoặc một tệp .zip chứa các bài viết."),
    )
    urls = forms.CharField(
        label=gettext_lazy("Hoặc danh sách địa chỉ (URL), mỗi dòng một địa chỉ"),
        widget=forms.Textarea(attrs={"rows": 8, "cols": 100}),
        required=False,
    )
    review = forms.BooleanField(
        label=gettext_lazy("Duyệt từng bài trước khi lưu"),
        required=False,
        initial=True,
        help_text=gettext_lazy(
            "Bỏ chọn để lưu ngay: số liệu chắc chắn được nhận nếu bạn có quyền duyệt, các số "
            "liệu khác chờ duyệt trong mục “Chờ duyệt”."
        ),
    )
    publisher = forms.CharField(label=gettext_lazy("Nơi đăng"), required=False, max_length=255)
    organisation = forms.CharField(
        label=gettext_lazy("Tổ chức chủ thể của các bài"),
        required=False,
        max_length=255,
        help_text=gettext_lazy(
            "Khi các bài chỉ nói “toàn tỉnh”, “toàn huyện”: ví dụ “tỉnh Khánh Hòa”."
        ),
    )

    skipped = 0

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.errors:
            return cleaned
        budget = _Budget()
        errors: list[forms.ValidationError] = []
        sources: list[ImportSource] = []
        for upload in cleaned.get("files") or []:
            try:
                sources.extend(self._upload_sources(upload, budget))
            except forms.ValidationError as error:
                errors.append(error)
        try:
            sources.extend(_url_sources(cleaned.get("urls", ""), budget))
        except forms.ValidationError as error:
            errors.append(error)
        if errors:
            raise forms.ValidationError(errors)
        if not sources:
            raise forms.ValidationError(
                _("Hãy chọn tệp bài viết (.txt, .html, hoặc .zip chứa chúng) hoặc nhập địa chỉ.")
            )
        cleaned["sources"] = sources
        return cleaned

    def _upload_sources(self, upload, budget: _Budget) -> list[ImportSource]:
        name = PurePosixPath(upload.name.replace("\\", "/")).name
        suffix = PurePosixPath(name).suffix.lower()
        if suffix == ZIP_SUFFIX:
            if upload.size is not None and upload.size > settings.IMPORT_JOB_MAX_BYTES:
                raise forms.ValidationError(
                    _("%(name)s: tệp nén quá lớn (tối đa %(mb)d MB).")
                    % {"name": name, "mb": settings.IMPORT_JOB_MAX_BYTES // 1048576}
                )
            sources, skipped = zip_sources(name=name, upload=upload, budget=budget)
            self.skipped += skipped
            if not sources:
                raise forms.ValidationError(
                    _("%(name)s: không có tệp .txt hoặc .html nào trong tệp nén.") % {"name": name}
                )
            return sources
        if suffix not in ARTICLE_SUFFIXES:
            raise forms.ValidationError(
                _("%(name)s: chỉ nhận tệp .txt, .html, .htm hoặc .zip.") % {"name": name}
            )
        if upload.size is not None and upload.size > settings.IMPORT_MAX_BYTES:
            raise _too_large(name)
        data = upload.read(settings.IMPORT_MAX_BYTES + 1)
        if len(data) > settings.IMPORT_MAX_BYTES:
            raise _too_large(name)
        budget.take(len(data))
        return [ImportSource(name=name, data=data)]


def _url_sources(text: str, budget: _Budget) -> list[ImportSource]:
    """One URL per line (blank lines and repeats dropped); every bad line is named."""
    field = forms.URLField(max_length=1000, assume_scheme="https")
    sources: list[ImportSource] = []
    seen: set[str] = set()
    errors: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        try:
            url = field.clean(line)
        except forms.ValidationError:
            errors.append(
                _("Dòng %(n)d: “%(line)s” không phải địa chỉ trang hợp lệ.")
                % {"n": number, "line": line[:200]}
            )
            continue
        if url in seen:
            continue
        seen.add(url)
        budget.take(0)
        sources.append(ImportSource(name=url, url=url))
    if errors:
        raise forms.ValidationError(errors)
    return sources


def upload_view(model_admin: admin.ModelAdmin, request: HttpRequest) -> HttpResponse:
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    # More files than DATA_UPLOAD_MAX_NUMBER_FILES (= IMPORT_JOB_MAX_ITEMS) are refused by Django
    # with a 400 before this view runs (the CSRF check reads the upload); the page says to zip.
    form = BulkImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        job = import_job_create(
            user=request.user,
            sources=data["sources"],
            review=data["review"],
            publisher=data["publisher"],
            organisation_hint=data["organisation"],
        )
        if form.skipped:
            messages.info(
                request,
                ngettext(
                    "%(n)d tệp trong tệp nén không phải bài viết (.txt, .html) nên được bỏ qua.",
                    "%(n)d tệp trong tệp nén không phải bài viết (.txt, .html) nên được bỏ qua.",
                    form.skipped,
                )
                % {"n": form.skipped},
            )
        messages.success(
            request,
            _("Đã tạo %(job)s với %(n)d bài; trang này cập nhật khi các bài được nhập.")
            % {"job": job, "n": job.total},
        )
        return redirect("admin:recruitment_importjob_change", job.pk)
    return _upload_page(model_admin, request, form)


def _upload_page(model_admin, request, form) -> HttpResponse:
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Nhập nhiều bài viết"),
        "form": form,
        "max_items": settings.IMPORT_JOB_MAX_ITEMS,
        "max_mb": settings.IMPORT_JOB_MAX_BYTES // 1048576,
    }
    return TemplateResponse(request, "admin/recruitment/importjob/upload.html", context)


def _job(model_admin: admin.ModelAdmin, request: HttpRequest, pk) -> ImportJob:
    """The job if it is the user's (a superuser's: anyone's), else 404; a malformed id too."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    job = model_admin.get_object(request, str(pk))
    if job is None:
        raise Http404
    return job


def job_view(model_admin: admin.ModelAdmin, request: HttpRequest, pk) -> HttpResponse:
    job = _job(model_admin, request, pk)
    items = job.items.select_related("draft__article", "article").defer(
        "data", "draft__text", "draft__candidates", "draft__article__text", "article__text"
    )
    rows = [
        {
            "item": item,
            # The review page is its creator's only (importer.review_view); others see the
            # article once it is saved.
            "review": item.draft_id is not None
            and item.draft.status == ImportDraft.State.PENDING
            and item.draft.created_by_id == request.user.pk,
            "article": item.article or (item.draft.article if item.draft_id else None),
        }
        for item in items
    ]
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": str(job),
        "job": job,
        "rows": rows,
        "percent": round(100 * job.done / job.total) if job.total else 100,
        "refresh_seconds": 3,
        "stalled_since": job.stalled_since(
            now=timezone.now(), quiet=dt.timedelta(minutes=settings.IMPORT_JOB_QUIET_MINUTES)
        ),
    }
    return TemplateResponse(request, "admin/recruitment/importjob/job.html", context)


def resume_view(model_admin: admin.ModelAdmin, request: HttpRequest, pk) -> HttpResponse:
    job = _job(model_admin, request, pk)
    if request.method != "POST":
        return redirect("admin:recruitment_importjob_change", job.pk)
    try:
        import_job_resume(job=job)
    except ImportJobError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Đã cho chạy tiếp các bài chưa nhập của %(job)s.") % {"job": job}
        )
    return redirect("admin:recruitment_importjob_change", job.pk)
