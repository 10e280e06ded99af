"""Top-level URLs: the admin, language switching, and the dashboard pages."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("dashboard.urls_dashboard")),
]
