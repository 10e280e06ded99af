"""The command-line tools: JSON in the gold schema, summaries, one-line reasons on bad input."""

import json

import pytest
from django.core.management import CommandError, call_command

from recruitment.models import Article


def run(*args, **kwargs) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO(), **kwargs)
    return out.getvalue()


def test_extract_figures_prints_one_object_per_file_in_the_gold_schema(corpus_seeds):
    files = sorted(str(p) for p in corpus_seeds.glob("*.txt"))
    result = json.loads(run("extract_figures", *files, "--json"))
    assert [r["article"] for r in result] == [p.rsplit("/", 1)[1] for p in files]
    figure = result[0]["figures"][0]
    assert set(figure) >= {
        "organisation",
        "org_level",
        "metric",
        "period_start",
        "period_end",
        "value",
        "quote",
        "derived",
    }


def test_extract_figures_published_option_overrides_the_detected_date(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Từ đầu năm đến nay, huyện Kim Sơn kết nạp 50 đảng viên.", encoding="utf-8")
    result = json.loads(run("extract_figures", str(article), "--json", "--published", "2023-06-15"))
    assert result[0]["published"] == "2023-06-15"
    assert result[0]["figures"][0]["period_end"] == "2023-06-15"


def test_extract_figures_rejects_a_bad_date_in_one_line():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("extract_figures", "x.txt", "--published", "15/06/2023")


def test_extract_figures_on_a_binary_file_fails_with_a_reason(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(bytes(range(256)) * 10)
    with pytest.raises(CommandError, match="bad.txt"):
        run("extract_figures", str(bad), "--json")


def test_extract_figures_on_an_unknown_encoding_fails_with_a_reason(tmp_path):
    odd = tmp_path / "odd.txt"
    odd.write_bytes(b"\xef\xbb\xbf\xff\xfe\xfa\xc0")
    with pytest.raises(CommandError, match="bảng mã"):
        run("extract_figures", str(odd))


def test_extract_figures_on_an_empty_file_fails_with_a_reason(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="empty.txt"):
        run("extract_figures", str(empty))


def test_extract_figures_on_a_missing_file_fails_with_a_reason(tmp_path):
    with pytest.raises(CommandError, match="không đọc được"):
        run("extract_figures", str(tmp_path / "missing.txt"))


def test_import_articles_prints_a_summary(seed_organisations, corpus_seeds):
    output = run("import_articles", str(corpus_seeds), "--accept", verbosity=0)
    assert "Bài viết: 5 mới, 0 đã có, 0 lỗi." in output


def test_import_articles_leaves_the_progress_table_as_a_rebuild_would(
    seed_organisations, corpus_seeds
):
    from recruitment.services.progress import progress_rebuild, progress_snapshot

    run("import_articles", str(corpus_seeds), "--accept", verbosity=0)
    maintained = progress_snapshot()
    progress_rebuild()
    assert (len(maintained) > 0, maintained) == (True, progress_snapshot())


def test_import_articles_twice_reports_the_articles_as_known(seed_organisations, corpus_seeds):
    run("import_articles", str(corpus_seeds), verbosity=0)
    output = run("import_articles", str(corpus_seeds), verbosity=0)
    assert "0 mới, 5 đã có" in output
    assert Article.objects.count() == 5


def test_import_articles_exits_non_zero_when_a_file_fails(seed_organisations, tmp_path):
    (tmp_path / "rong.txt").write_bytes(b"")
    with pytest.raises(CommandError, match="1 tệp không nhập được"):
        run("import_articles", str(tmp_path), verbosity=0)
    assert not Article.objects.exists()


def test_import_articles_on_a_missing_path_fails_with_a_reason(db, tmp_path):
    with pytest.raises(CommandError, match="Không tìm thấy"):
        run("import_articles", str(tmp_path / "none"))


def test_ensure_admin_creates_the_account_once(db, django_user_model):
    first = run("ensure_admin")
    second = run("ensure_admin")
    assert "mật khẩu" in first
    assert "đã có" in second
    assert django_user_model.objects.filter(username="admin").count() == 1


def test_import_seed_corpus_explains_a_missing_corpus(db, settings, tmp_path):
    settings.CORPUS_DIR = tmp_path
    assert "chỉ có tổ chức" in run("import_seed_corpus")


def test_import_articles_records_the_acting_user_in_history(
    seed_organisations, corpus_seeds, django_user_model
):
    from recruitment.models import Figure

    clerk = django_user_model.objects.create_user("clerk")
    run("import_articles", str(corpus_seeds), "--accept", "--user", "clerk", verbosity=0)
    history_users = {
        *Article.history.values_list("history_user", flat=True),
        *Figure.history.values_list("history_user", flat=True),
    }
    assert history_users == {clerk.pk}


def test_import_articles_refuses_an_unknown_acting_user_before_importing(
    seed_organisations, corpus_seeds
):
    with pytest.raises(CommandError, match="Không có người dùng 'nobody' \\(--user\\)"):
        run("import_articles", str(corpus_seeds), "--user", "nobody", verbosity=0)
    assert not Article.objects.exists()


def test_grant_access_records_who_granted_it(district, django_user_model):
    from recruitment.models import Membership

    django_user_model.objects.create_user("clerk")
    chief = django_user_model.objects.create_user("chief")
    run("grant_access", "clerk", str(district.pk), "--role", "entry", "--user", "chief")
    assert list(Membership.history.values_list("history_user", "role")) == [(chief.pk, "entry")]
