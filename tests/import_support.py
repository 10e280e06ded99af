"""What the import tests share: the admin's import form and review form as a browser posts them."""

from django.urls import reverse

from recruitment.models import ImportDraft

IMPORT = reverse("admin:recruitment_article_import")
SENTENCE = "Năm 2023, Đảng bộ huyện Kim Sơn kết nạp được 215 đảng viên mới, đạt 105% chỉ tiêu."


def form(**fields):
    return {
        "text": "",
        "url": "",
        "title": "",
        "published": "",
        "publisher": "",
        "organisation": "",
        **fields,
    }


def review_url(draft: ImportDraft) -> str:
    return reverse("admin:recruitment_article_import_review", args=[draft.pk])


def at(response) -> str:
    """The page a followed response ended on: post the review form back there."""
    return response.request["PATH_INFO"]


def review_post(response, **overrides):
    """The review form as the browser would submit it, defaults untouched unless overridden."""
    formset = response.context["formset"]
    data = {k: v for k, v in formset.management_form.initial.items()}
    data = {f"form-{k}": v for k, v in data.items()}
    for index, sub in enumerate(formset.forms):
        for name, field in sub.fields.items():
            value = sub.initial.get(name, field.initial)
            data[f"form-{index}-{name}"] = "" if value is None else value
    data.update({"title": "", "published": "", "publisher": ""})
    data.update(overrides)
    return data
