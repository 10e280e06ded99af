"""Saving an article with the figures staff keep: all or nothing, never twice."""

import datetime as dt

import pytest

from recruitment.models import Article, Figure, Status, Target
from recruitment.services.imports import (
    NO_FIGURES,
    ArticleImportError,
    Draft,
    article_files,
    article_import,
    files_import,
)

SENTENCE = "Năm 2023, Đảng bộ huyện Kim Sơn kết nạp được 215 đảng viên mới, đạt 105% chỉ tiêu."


def test_an_accepted_import_saves_the_article_with_its_figures(seed_organisations):
    result = article_import(draft=Draft(text=SENTENCE, published=dt.date(2024, 1, 5)), accept=True)
    admitted = Figure.objects.get(metric="admitted")
    assert result.created
    assert admitted.value == 215
    assert admitted.organisation.short_name == "Kim Sơn"
    assert admitted.status == Status.ACCEPTED
    assert admitted.source == result.article
    assert SENTENCE[admitted.quote_start : admitted.quote_end] == admitted.quote


def test_an_import_without_accept_proposes_the_figures(seed_organisations):
    article_import(draft=Draft(text=SENTENCE, published=dt.date(2024, 1, 5)), accept=False)
    assert set(Figure.objects.values_list("status", flat=True)) == {Status.PROPOSED}


def test_the_same_text_imported_twice_creates_nothing_new(seed_organisations):
    first = article_import(draft=Draft(text=SENTENCE), accept=True)
    second = article_import(draft=Draft(text=SENTENCE + "  \n"), accept=True)
    assert not second.created and second.article == first.article
    assert Article.objects.count() == 1
    assert Figure.objects.count() == len(first.figures)


def test_a_text_without_figures_is_refused_and_nothing_is_saved(db):
    with pytest.raises(ArticleImportError, match=NO_FIGURES):
        article_import(draft=Draft(text="Hội nghị bàn về công tác dân vận."), accept=True)
    assert not Article.objects.exists()


def test_an_empty_text_is_refused(db):
    with pytest.raises(ArticleImportError):
        article_import(draft=Draft(text="   "), accept=True)


def test_the_seed_corpus_imports_with_every_figure_placed(seed_organisations, corpus_seeds):
    summary = files_import(files=article_files([corpus_seeds]), accept=True)
    assert (summary.new, summary.failed, summary.unmatched) == (5, [], 0)
    assert summary.accepted == Figure.objects.count() + Target.objects.count()


def test_kim_son_2022_is_imported_with_its_derived_target(seed_organisations, corpus_seeds):
    files_import(files=article_files([corpus_seeds]), accept=True)
    admitted = Figure.objects.get(organisation__short_name="Kim Sơn", metric="admitted")
    target = Target.objects.get(organisation__short_name="Kim Sơn", metric="admitted")
    assert (admitted.value, admitted.period_end) == (207, dt.date(2022, 9, 20))
    assert target.derived and target.value == 201


def test_a_second_import_of_the_corpus_reports_every_article_as_known(
    seed_organisations, corpus_seeds
):
    files_import(files=article_files([corpus_seeds]), accept=True)
    again = files_import(files=article_files([corpus_seeds]), accept=True)
    assert (again.new, again.known) == (0, 5)


def test_one_unreadable_file_does_not_stop_the_others(seed_organisations, tmp_path):
    (tmp_path / "a_good.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "b_binary.txt").write_bytes(bytes(range(256)) * 20)
    summary = files_import(files=article_files([tmp_path]), accept=True)
    assert summary.new == 1
    assert [p.endswith("b_binary.txt") for p, _ in summary.failed] == [True]


def test_imported_figures_have_a_history_entry_naming_who_imported(seed_organisations, admin_user):
    article_import(draft=Draft(text=SENTENCE), accept=True, user=admin_user)
    figure = Figure.objects.get(metric="admitted")
    assert [h.history_user for h in figure.history.all()] == [admin_user]


def test_a_different_text_at_an_already_imported_url_is_refused(seed_organisations):
    url = "https://baodang.example.vn/tin/1"
    article_import(draft=Draft(text=SENTENCE, url=url), accept=True)
    changed = SENTENCE.replace("215", "216")
    with pytest.raises(ArticleImportError, match="URL"):
        article_import(draft=Draft(text=changed, url=url), accept=True)
    assert Article.objects.count() == 1
    assert list(Figure.objects.filter(metric="admitted").values_list("value", flat=True)) == [215]


def test_a_concurrent_duplicate_save_is_refused_in_words(seed_organisations, monkeypatch):
    draft = Draft(text=SENTENCE)
    article_import(draft=Draft(text=SENTENCE), accept=True)
    # The other person's save landed after this one checked for an existing article.
    monkeypatch.setattr(Draft, "existing_article", lambda self: None)
    with pytest.raises(ArticleImportError, match="vừa được lưu bởi người khác"):
        article_import(draft=draft, accept=True)
    assert Article.objects.count() == 1


def test_a_failing_file_in_a_committed_batch_leaves_the_others_saved(seed_organisations, tmp_path):
    (tmp_path / "a.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Không có số liệu nào.", encoding="utf-8")
    (tmp_path / "c.txt").write_text(SENTENCE.replace("215", "216"), encoding="utf-8")
    summary = files_import(files=article_files([tmp_path]), accept=True, commit_every=2)
    assert (summary.new, len(summary.failed)) == (2, 1)
    assert sorted(Figure.objects.filter(metric="admitted").values_list("value", flat=True)) == [
        215,
        216,
    ]
