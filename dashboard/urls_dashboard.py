"""The dashboard's pages and CSV exports, under the "dashboard" namespace."""

from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("org/", views.organisations, name="organisations"),
    path("org/<int:pk>/", views.organisation, name="organisation"),
    path("years/", views.years, name="years"),
    path("articles/", views.articles, name="articles"),
    path("articles/<int:pk>/", views.article, name="article"),
    path("map/", views.map_view, name="map"),
    path("export/progress.csv", views.progress_csv, name="progress_csv"),
    path("export/report.csv", views.report_csv, name="report_csv"),
    path("export/articles.csv", views.articles_csv, name="articles_csv"),
    path("org/<int:pk>/figures.csv", views.figures_csv, name="figures_csv"),
]
