import datetime as dt

import pytest
from django.urls import reverse

from recruitment.models import (
    Article,
    Figure,
    Organisation,
    OrganisationAlias,
    Progress,
    Role,
    Target,
)
from recruitment.services.access import membership_grant

MODELS = [Organisation, Article, Target, Figure]


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def filled(district):
    article = Article.objects.create(title="Bài thử", text="Câu viết cho kiểm thử.")
    Figure.objects.create(
        organisation=district,
        metric="admitted",
        value=207,
        period_start=dt.date(2022, 1, 1),
        period_end=dt.date(2022, 9, 20),
        source=article,
    )
    Target.objects.create(
        organisation=district,
        metric="admitted",
        value=201,
        period_start=dt.date(2022, 1, 1),
        period_end=dt.date(2022, 12, 31),
        derived=True,
    )
    OrganisationAlias.objects.create(organisation=district, name="Huyện ủy Kim Sơn")
    return district, article


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_loads_for_a_superuser(staff_client, filled, model):
    url = reverse(f"admin:recruitment_{model._meta.model_name}_changelist")
    assert staff_client.get(url).status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_add_form_loads_for_a_superuser(staff_client, db, model):
    url = reverse(f"admin:recruitment_{model._meta.model_name}_add")
    assert staff_client.get(url).status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_change_and_history_pages_load(staff_client, filled, model):
    obj = model.objects.first()
    name = model._meta.model_name
    assert (
        staff_client.get(reverse(f"admin:recruitment_{name}_change", args=[obj.pk])).status_code
        == 200
    )
    assert (
        staff_client.get(reverse(f"admin:recruitment_{name}_history", args=[obj.pk])).status_code
        == 200
    )


@pytest.mark.parametrize(
    "query", ["level=district", "province=1", "in_force=now", "in_force=ended", "q=Kim"]
)
def test_organisation_filters_respond(staff_client, filled, query):
    url = reverse("admin:recruitment_organisation_changelist") + "?" + query
    assert staff_client.get(url).status_code == 200


@pytest.mark.parametrize("query", ["year=2022", "metric=admitted", "status=accepted", "year=x"])
def test_figure_filters_respond(staff_client, filled, query):
    url = reverse("admin:recruitment_figure_changelist") + "?" + query
    assert staff_client.get(url).status_code == 200


def test_organisation_autocomplete_finds_by_name(staff_client, filled):
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Kim",
            "app_label": "recruitment",
            "model_name": "figure",
            "field_name": "organisation",
        },
    )
    assert [r["text"] for r in response.json()["results"]] == ["Đảng bộ huyện Kim Sơn"]


def figure_form(organisation, **overrides):
    data = {
        "organisation": organisation.pk,
        "metric": "admitted",
        "value": "207",
        "year": "",
        "period_start": "",
        "period_end": "",
        "source": "",
        "quote": "",
        "status": "accepted",
    }
    data.update(overrides)
    return data


def test_a_figure_entered_with_only_a_year_covers_that_year(staff_client, district, admin_user):
    response = staff_client.post(
        reverse("admin:recruitment_figure_add"), figure_form(district, year="2023")
    )
    assert response.status_code == 302
    figure = Figure.objects.get()
    assert (figure.period_start, figure.period_end) == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert figure.entered_by == admin_user
    assert figure.history.count() == 1


def test_a_figure_without_year_or_dates_gets_a_vietnamese_message(staff_client, district):
    response = staff_client.post(reverse("admin:recruitment_figure_add"), figure_form(district))
    assert response.status_code == 200
    assert "Hãy chọn năm, hoặc nhập đủ ngày bắt đầu và ngày kết thúc" in response.content.decode()
    assert not Figure.objects.exists()


def test_a_negative_figure_gets_a_vietnamese_message(staff_client, district):
    response = staff_client.post(
        reverse("admin:recruitment_figure_add"), figure_form(district, value="-3", year="2023")
    )
    assert "Giá trị không được âm." in response.content.decode()
    assert not Figure.objects.exists()


def test_a_period_ending_before_it_starts_gets_a_vietnamese_message(staff_client, district):
    response = staff_client.post(
        reverse("admin:recruitment_figure_add"),
        figure_form(district, period_start="31/12/2023", period_end="01/01/2023"),
    )
    assert "Ngày kết thúc kỳ phải sau hoặc bằng ngày bắt đầu." in response.content.decode()
    assert not Figure.objects.exists()


def view_on_site_target(client, obj) -> str:
    """Follow the admin's "Xem trên trang web" link of an object's change page."""
    from django.contrib.contenttypes.models import ContentType

    name = f"admin:recruitment_{obj._meta.model_name}_change"
    shortcut = reverse(
        "admin:view_on_site", args=[ContentType.objects.get_for_model(obj).pk, obj.pk]
    )
    assert shortcut in client.get(reverse(name, args=[obj.pk])).content.decode()
    return client.get(shortcut)["Location"]


def test_the_organisation_admin_links_to_its_dashboard_page(staff_client, district):
    target = view_on_site_target(staff_client, district)
    assert target.endswith(reverse("dashboard:organisation", args=[district.pk]))


def test_the_article_admin_links_to_its_dashboard_page(staff_client, filled):
    _district, article = filled
    target = view_on_site_target(staff_client, article)
    assert target.endswith(reverse("dashboard:article", args=[article.pk]))


def _edit(client, figure, *, value, seen_version):
    form = figure_form(
        figure.organisation,
        value=str(value),
        period_start="2022-01-01",
        period_end="2022-09-20",
        seen_version=str(seen_version),
    )
    return client.post(reverse("admin:recruitment_figure_change", args=[figure.pk]), form)


def test_a_second_stale_edit_of_a_figure_is_refused_showing_the_newer_value(staff_client, filled):
    figure = Figure.objects.get()
    read_by_both = figure.version

    first = _edit(staff_client, figure, value=208, seen_version=read_by_both)
    second = _edit(staff_client, figure, value=209, seen_version=read_by_both)

    assert (first.status_code, second.status_code) == (302, 200)
    assert "vừa được người khác sửa" in second.content.decode()
    assert "giá trị hiện tại: 208" in second.content.decode()
    assert list(Figure.objects.values_list("value", "version")) == [(208, read_by_both + 1)]


def test_an_edit_of_the_version_shown_is_saved(staff_client, filled):
    figure = Figure.objects.get()

    response = _edit(staff_client, figure, value=208, seen_version=figure.version)

    assert response.status_code == 302
    assert list(Figure.objects.values_list("value", flat=True)) == [208]


def _page_data(response) -> dict:
    """What the change page would post back untouched: its form and every inline's rows."""
    data = {}

    def add(form) -> None:
        for name in form.fields:
            value = form[name].value()
            if value is True:
                data[form.add_prefix(name)] = "on"
            elif value is not None and value is not False:
                data[form.add_prefix(name)] = str(value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        add(inline.formset.management_form)
        for form in inline.formset.initial_forms:
            add(form)
    return data


def _inline_figure_edit(client, district, data, *, value):
    data = dict(data, **{"figures-0-value": str(value)})
    url = reverse("admin:recruitment_organisation_change", args=[district.pk])
    return client.post(url, data)


def test_a_stale_edit_in_the_organisations_figures_table_is_refused(staff_client, filled):
    district, _article = filled
    figure = Figure.objects.get()
    url = reverse("admin:recruitment_organisation_change", args=[district.pk])
    read_by_both = _page_data(staff_client.get(url))

    first = _inline_figure_edit(staff_client, district, read_by_both, value=208)
    second = _inline_figure_edit(staff_client, district, read_by_both, value=209)

    assert (first.status_code, second.status_code) == (302, 200)
    assert "giá trị hiện tại: 208" in second.content.decode()
    assert list(Figure.objects.values_list("value", "version")) == [(208, figure.version + 1)]


def test_an_edit_in_the_organisations_figures_table_counts_a_version_and_keeps_history(
    staff_client, filled
):
    district, _article = filled
    figure = Figure.objects.get()
    url = reverse("admin:recruitment_organisation_change", args=[district.pk])
    data = dict(_page_data(staff_client.get(url)), change_reason="Sửa theo báo cáo quý")

    response = _inline_figure_edit(staff_client, district, data, value=210)

    assert response.status_code == 302
    assert list(Figure.objects.values_list("value", "version")) == [(210, figure.version + 1)]
    latest = figure.history.latest()
    assert (latest.value, latest.history_change_reason) == (210, "Sửa theo báo cáo quý")


def test_an_edit_in_the_articles_figures_table_by_data_entry_staff_waits_for_approval_again(
    client, filled, django_user_model
):
    district, article = filled
    Figure.objects.update(status="accepted")
    clerk = django_user_model.objects.create_user("clerk", password="pw-123-long!", is_staff=True)
    membership_grant(user=clerk, organisation=district, role=Role.ENTRY)
    client.force_login(clerk)
    url = reverse("admin:recruitment_article_change", args=[article.pk])
    data = dict(_page_data(client.get(url)), **{"figures-0-value": "211"})

    response = client.post(url, data)

    assert response.status_code == 302
    assert list(Figure.objects.values_list("value", "status")) == [(211, "proposed")]


def _admitted_2022(district):
    return list(Progress.objects.filter(organisation=district, year=2022).values_list("admitted"))


def test_an_edit_in_the_organisations_figures_table_is_on_the_progress_table(staff_client, filled):
    district, _article = filled
    Figure.objects.update(status="accepted")
    url = reverse("admin:recruitment_organisation_change", args=[district.pk])

    _inline_figure_edit(staff_client, district, _page_data(staff_client.get(url)), value=212)

    assert _admitted_2022(district) == [(212,)]


def test_a_figure_deleted_from_the_organisations_table_leaves_the_progress_table(
    staff_client, filled
):
    district, _article = filled
    Figure.objects.update(status="accepted")
    url = reverse("admin:recruitment_organisation_change", args=[district.pk])
    data = dict(_page_data(staff_client.get(url)), **{"figures-0-DELETE": "on"})

    response = staff_client.post(url, data)

    assert (response.status_code, Figure.objects.count()) == (302, 0)
    assert _admitted_2022(district) == [(None,)]
