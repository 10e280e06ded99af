"""Top-level URLs: the admin, language switching, the load balancer's health check, and the
dashboard pages."""

from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

from .health import HealthView

urlpatterns = [
    # It answers only GET and HEAD: exempt from CSRF, so anything else gets 405, not 403.
    path("health/", csrf_exempt(HealthView.as_view()), name="health"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("dashboard.urls_dashboard")),
]
