"""A text too long to extract in time gets a sentence wherever extraction runs, never a 500."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from recruitment.extraction import ExtractionTimeout

TEXT = "Năm 2023, Đảng bộ huyện Kim Sơn kết nạp được 215 đảng viên mới, đạt 105% chỉ tiêu."


def _too_slow(*args, **kwargs):
    raise ExtractionTimeout(seconds=20, size=5_000_000)


MESSAGE = str(ExtractionTimeout(seconds=20, size=5_000_000))


def test_the_admin_import_shows_the_message(client, admin_user, seed_organisations, monkeypatch):
    monkeypatch.setattr("recruitment.services.imports.extract", _too_slow)
    client.force_login(admin_user)
    form = {"text": TEXT, "url": "", "title": "", "published": "", "publisher": ""}
    response = client.post(
        reverse("admin:recruitment_article_import"), {**form, "organisation": ""}, follow=True
    )
    assert response.status_code == 200
    assert "Bài viết quá dài để trích số liệu" in response.content.decode()


def test_extract_figures_fails_with_the_message(tmp_path, monkeypatch):
    monkeypatch.setattr("recruitment.management.commands.extract_figures.extract", _too_slow)
    path = tmp_path / "long.txt"
    path.write_text(TEXT, encoding="utf-8")
    with pytest.raises(CommandError, match="Bài viết quá dài để trích số liệu"):
        call_command("extract_figures", str(path), stdout=StringIO())


def test_import_articles_reports_the_file_with_the_message(
    seed_organisations, tmp_path, monkeypatch
):
    monkeypatch.setattr("recruitment.services.imports.extract", _too_slow)
    (tmp_path / "long.txt").write_text(TEXT, encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_articles", str(tmp_path), stdout=StringIO(), stderr=err, verbosity=0)
    assert MESSAGE in err.getvalue()
