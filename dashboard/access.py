"""Who may see the dashboard: everyone logged in, or everyone when it is published.

Figures can be internal until the party committee publishes them, so a login is the default;
`DASHBOARD_PUBLIC=True` opens the pages to anonymous readers. Either way the dashboard only
reads: anything but GET/HEAD is refused, so public mode cannot change data. A page's reads of the
figures go to the read replica when one is configured (`db_router`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.utils.cache import patch_cache_control

from .db_router import dashboard_reads

View = Callable[..., HttpResponse]


def dashboard_view(view: View) -> View:
    """Guard a dashboard page. The setting is read per request so `override_settings` works."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        if not settings.DASHBOARD_PUBLIC and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        with dashboard_reads():
            response = view(request, *args, **kwargs)
        # Figures are internal until published: no shared cache or browser history keeps a copy.
        if not settings.DASHBOARD_PUBLIC:
            patch_cache_control(response, private=True, no_store=True)
        return response

    return wrapped
