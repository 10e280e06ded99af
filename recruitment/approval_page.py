"""The admin page "Chờ duyệt": an approver's queue of proposed figures and targets.

Reads the queue from `selectors.approval`, acts through `services.reported` (each row accepted
or rejected on its own, refusals told in words), and redirects after a POST so a reload never
repeats the action.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from .access import is_approver
from .models import Status
from .selectors.approval import approval_queue, approval_rows
from .services.reported import reported_set_status

ACTIONS = {"accept": Status.ACCEPTED, "reject": Status.REJECTED}


def _ids(request: HttpRequest, name: str) -> list[int]:
    return [int(v) for v in request.POST.getlist(name) if v.isdigit()]


def approval_queue_view(model_admin, request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _act(request)
    queue = approval_queue(reviewer=request.user)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Chờ duyệt"),
        "queue": queue,
        "approver": is_approver(request.user),
        "figures_url": reverse("admin:recruitment_figure_changelist") + "?status__exact=proposed",
        "targets_url": reverse("admin:recruitment_target_changelist") + "?status__exact=proposed",
    }
    return render(request, "admin/recruitment/approval_queue.html", context)


def _act(request: HttpRequest) -> HttpResponse:
    back = HttpResponseRedirect(reverse("admin:recruitment_approval_queue"))
    status = ACTIONS.get(request.POST.get("action", ""))
    if status is None:
        messages.error(request, _("Hãy chọn Duyệt hoặc Loại."))
        return back
    rows = approval_rows(
        reviewer=request.user,
        figure_ids=_ids(request, "figure"),
        target_ids=_ids(request, "target"),
    )
    if not rows:
        messages.warning(request, _("Chưa chọn mục nào đang chờ duyệt."))
        return back
    outcome = reported_set_status(rows=rows, status=status, user=request.user)
    done = _("Đã duyệt %(n)d mục.") if status == Status.ACCEPTED else _("Đã loại %(n)d mục.")
    messages.success(request, done % {"n": outcome.changed})
    for reason in dict.fromkeys(outcome.refused):
        messages.warning(request, reason)
    return back
