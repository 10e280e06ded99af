"""The dashboard's pages and exports, under the "dashboard" namespace."""

from django.urls import path

from . import views
from .exports import FORMATS

app_name = "dashboard"

# (route without the extension, view, name): each export answers as `<route>.csv` and
# `<route>.xlsx`, named `<name>_csv` and `<name>_xlsx`; the view gets the format as `fmt`.
EXPORTS = [
    ("export/progress", views.progress_export, "progress"),
    ("export/report", views.report_export, "report"),
    ("export/articles", views.articles_export, "articles"),
    ("org/<int:pk>/figures", views.figures_export, "figures"),
]

urlpatterns = [
    path("", views.overview, name="overview"),
    path("org/", views.organisations, name="organisations"),
    path("org/<int:pk>/", views.organisation, name="organisation"),
    path("years/", views.years, name="years"),
    path("articles/", views.articles, name="articles"),
    path("articles/<int:pk>/", views.article, name="article"),
    path("map/", views.map_view, name="map"),
] + [
    path(f"{route}.{fmt}", view, {"fmt": fmt}, name=f"{name}_{fmt}")
    for route, view, name in EXPORTS
    for fmt in FORMATS
]
