"""`make backup` / `make restore`: a backup restored into a fresh database equals the original,
table for table and row for row; a restore never overwrites data unasked, and a bad file is
refused with a message, the database untouched.

Runs on whichever database the suite runs on: on SQLite the fresh database is a new file, on
PostgreSQL a new database on the same server, dropped afterwards. Both are reached through a
second connection alias, registered for the test only.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import re
import stat
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader
from django.db.utils import load_backend

from recruitment.models import (
    Article,
    FigureMetric,
    Level,
    Organisation,
    OrganisationAlias,
    Progress,
    Role,
    TargetMetric,
)
from recruitment.services import backup as backup_service
from recruitment.services.access import membership_grant
from recruitment.services.organisations import organisation_save
from recruitment.services.reported import figure_create, target_create

FRESH = "restored"


def run(*args, **kwargs) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO(), **kwargs)
    return out.getvalue()


@pytest.fixture
def fresh(transactional_db, tmp_path) -> BaseDatabaseWrapper:
    """An empty database beside the test database, reached as the connection alias FRESH."""
    default = connections["default"]
    settings_dict = copy.deepcopy(default.settings_dict)
    if default.vendor == "sqlite":
        settings_dict["NAME"] = str(tmp_path / "restored.sqlite3")
    else:
        settings_dict["NAME"] = f"{default.settings_dict['NAME']}_restored_{os.getpid()}"[:63]
        name = default.ops.quote_name(settings_dict["NAME"])
        with default.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {name}")
            cursor.execute(f"CREATE DATABASE {name}")
    # Set as a connection but not in the settings: Django's test case then allows it (as it
    # does any connection made at run time) and leaves it out of its own set-up and flush.
    connection = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, FRESH)
    connections[FRESH] = connection
    try:
        yield connection
    finally:
        connection.close()
        del connections[FRESH]
        if default.vendor == "postgresql":
            with default.cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def data(transactional_db) -> None:
    """A little of everything the application keeps: users, organisations moved and renamed
    (history), an alias, an article, accepted and proposed figures, a target, memberships and the
    progress rows the services maintain from them."""
    users = get_user_model()
    admin = users.objects.create_superuser(username="admin", password="x-Backup-2025")
    viewer = users.objects.create_user(username="xem", password="x-Backup-2025")
    province = Organisation.objects.create(
        name="Đảng bộ tỉnh Ninh Bình", short_name="Ninh Bình", level=Level.PROVINCE
    )
    district = Organisation.objects.create(
        name="Đảng bộ huyện Kim Sơn", short_name="Kim Sơn", level=Level.DISTRICT, parent=province
    )
    district.population = 180_000
    organisation_save(organisation=district)
    OrganisationAlias.objects.create(organisation=district, name="huyện Kim Sơn")
    article = Article.objects.create(
        title="Kim Sơn kết nạp 120 đảng viên",
        url="https://baoninhbinh.org.vn/kim-son-ket-nap",
        published=dt.date(2024, 7, 2),
        text="Sáu tháng đầu năm 2024, Đảng bộ huyện Kim Sơn kết nạp 120 đảng viên, đạt 60%.",
    )
    year = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    half = (dt.date(2024, 1, 1), dt.date(2024, 6, 30))
    target_create(
        organisation=district,
        metric=TargetMetric.ADMITTED,
        period_start=year[0],
        period_end=year[1],
        value=200,
        source=article,
        user=admin,
    )
    figure_create(
        organisation=district,
        metric=FigureMetric.ADMITTED,
        period_start=half[0],
        period_end=half[1],
        value=120,
        source=article,
        quote="kết nạp 120 đảng viên",
        user=admin,
    )
    figure_create(
        organisation=district,
        metric=FigureMetric.PERCENT_OF_TARGET,
        period_start=half[0],
        period_end=half[1],
        value="60.5",
        source=article,
        status="proposed",
        user=viewer,
    )
    membership_grant(user=viewer, organisation=province, role=Role.VIEWER)
    membership_grant(user=admin, organisation=None, role=Role.APPROVER)
    assert Progress.objects.exists()


def contents(connection: BaseDatabaseWrapper) -> dict[str, tuple[list[str], list[tuple]]]:
    """Every table of the database, found by introspection: its columns and all its rows."""
    quote = connection.ops.quote_name
    tables = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = sorted(
                column.name
                for column in connection.introspection.get_table_description(cursor, table)
            )
            cursor.execute(f"SELECT {', '.join(map(quote, columns))} FROM {quote(table)}")
            tables[table] = (columns, sorted(cursor.fetchall(), key=repr))
    return tables


def sequences(connection: BaseDatabaseWrapper) -> list[tuple]:
    """Where each table's ids continue from: restored too, or the next insert would collide."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name, seq FROM sqlite_sequence")
        else:
            cursor.execute(
                "SELECT sequencename, last_value FROM pg_sequences "
                "WHERE schemaname = current_schema()"
            )
        return sorted(cursor.fetchall())


def model_tables() -> set[str]:
    return {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def backup(tmp_path: Path, database: str = "default") -> Path:
    output = run("backup_database", "--dir", str(tmp_path / "backups"), database=database)
    found = re.search(r" vào (\S+) \(", output)
    assert found, output
    return Path(found.group(1))


def test_a_backup_restored_into_a_fresh_database_equals_the_original_row_for_row(
    data, fresh, tmp_path
):
    path = backup(tmp_path)
    assert re.fullmatch(r"tdkn-\d{8}-\d{6}\.(sqlite3|dump)", path.name)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert list(path.parent.iterdir()) == [path]  # no .partial left beside it

    output = run("restore_database", str(path), database=FRESH)

    original, restored = contents(connections["default"]), contents(fresh)
    assert model_tables() <= set(original)
    assert set(restored) == set(original)
    for table in original:
        assert restored[table] == original[table], table
    assert sequences(fresh) == sequences(connections["default"])
    filled = {table for table, (_columns, rows) in original.items() if rows}
    assert {
        model._meta.db_table
        for model in (Organisation, Organisation.history.model, OrganisationAlias, Article)
    } <= filled
    assert {"recruitment_figure", "recruitment_historicalfigure", "recruitment_target"} <= filled
    assert {"recruitment_membership", "recruitment_progress", "auth_user"} <= filled
    assert "không cần progress_rebuild" in output
    assert "tổ chức đảng: 2" in output
    assert "đã được thay" not in output  # nothing was there to be replaced
    # The ids continue after the restored ones.
    Article.objects.using(FRESH).create(text="Bài viết mới sau khi khôi phục.")


def test_a_database_that_was_only_migrated_counts_as_empty(data, fresh, tmp_path):
    path = backup(tmp_path)
    call_command("migrate", database=FRESH, verbosity=0)

    run("restore_database", str(path), database=FRESH)

    assert contents(fresh) == contents(connections["default"])


def test_restore_refuses_a_database_with_data_unless_told_to_replace_it(data, tmp_path):
    path = backup(tmp_path)
    at_backup = contents(connections["default"])
    Article.objects.create(title="Nhập sau khi sao lưu", text="Một bài viết nhập sau.")
    before = contents(connections["default"])

    with pytest.raises(CommandError, match=r"đang có dữ liệu.*--replace") as refused:
        run("restore_database", str(path))
    assert "Chưa thay đổi gì" in str(refused.value)
    assert contents(connections["default"]) == before

    output = run("restore_database", str(path), "--replace")
    assert "đã được thay bằng bản sao lưu" in output
    assert contents(connections["default"]) == at_backup


def test_a_missing_backup_file_is_named_in_the_message(db, tmp_path):
    with pytest.raises(CommandError, match="Không tìm thấy tệp sao lưu .*missing.dump"):
        run("restore_database", str(tmp_path / "missing.dump"))


# Ways a file stops being a good backup: not one at all, copied half-way, overwritten inside.
DAMAGES = {
    "garbage": lambda good: b"not a backup at all\n" * 100,
    "empty": lambda good: b"",
    "truncated": lambda good: good[: len(good) // 2],
    "zeroed": lambda good: good[:4096] + b"\0" * (len(good) - 4096),
    # Past pg_dump's table of contents: only the restore itself finds it, and rolls back.
    "end-cut": lambda good: good[:-300],
}


def test_a_damaged_backup_is_refused_with_a_message_and_the_database_kept(data, fresh, tmp_path):
    path = backup(tmp_path)
    run("restore_database", str(path), database=FRESH)
    before = contents(fresh)

    for name, damage in DAMAGES.items():
        damaged = tmp_path / name
        damaged.write_bytes(damage(path.read_bytes()))
        with pytest.raises(CommandError) as refused:
            run("restore_database", str(damaged), "--replace", database=FRESH)
        assert re.match(
            r"Không khôi phục được: .*(hỏng|đọc được|thất bại|ứng dụng này)", str(refused.value)
        ), (name, str(refused.value))
        assert contents(fresh) == before, name


def test_a_backup_of_another_database_is_refused(data, fresh, tmp_path):
    with fresh.cursor() as cursor:
        cursor.execute("CREATE TABLE notes (text VARCHAR(100))")
        cursor.execute("INSERT INTO notes VALUES ('không phải của ứng dụng')")
    foreign = backup(tmp_path, database=FRESH)
    before = contents(connections["default"])

    with pytest.raises(CommandError, match="không phải bản sao lưu của ứng dụng này"):
        run("restore_database", str(foreign), "--replace")

    assert contents(connections["default"]) == before


def test_a_backup_older_than_the_code_or_without_progress_says_what_to_run(data, fresh, tmp_path):
    run("restore_database", str(backup(tmp_path)), database=FRESH)
    with fresh.cursor() as cursor:
        cursor.execute("DELETE FROM recruitment_progress")
    emptied = backup(tmp_path, database=FRESH)
    output = run("restore_database", str(emptied), "--replace", database=FRESH)
    assert "progress_rebuild" in output and "không cần" not in output

    (_app, latest), *_others = MigrationLoader(fresh).graph.leaf_nodes("recruitment")
    with fresh.cursor() as cursor:
        cursor.execute(
            "DELETE FROM django_migrations WHERE app = 'recruitment' AND name = %s", [latest]
        )
    older = backup(tmp_path, database=FRESH)
    output = run("restore_database", str(older), "--replace", database=FRESH)
    assert "1 migration chưa chạy" in output and "make migrate" in output


def test_without_the_postgresql_client_the_message_says_what_to_install(
    transactional_db, tmp_path, monkeypatch
):
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    monkeypatch.setattr(backup_service, "POSTGRES_LIB", tmp_path / "lib")
    if connections["default"].vendor == "sqlite":
        assert backup(tmp_path).is_file()  # SQLite's backup needs no program
        return
    with pytest.raises(CommandError, match="Không tìm thấy pg_dump .*postgresql-client"):
        run("backup_database", "--dir", str(tmp_path / "backups"))
    assert list((tmp_path / "backups").iterdir()) == []  # nothing half-written left behind
