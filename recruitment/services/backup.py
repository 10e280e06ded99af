"""The whole database to one file, and back: `make backup` / `make restore`.

SQLite goes through its online backup API, a consistent copy taken while the site keeps reading
and writing; PostgreSQL through `pg_dump --format=custom` and `pg_restore`. Either way the file
holds every table, the progress table and the history included, so a restored database needs no
`progress_rebuild` unless the file was made some other way without it.

A backup holds password hashes and sessions: files are created readable by their owner only.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.postgresql.client import DatabaseClient
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from ..models import Article, Figure, Organisation, Progress, Status, Target

# Rows `migrate` writes by itself: a database that was only migrated still counts as empty.
MIGRATE_FILLS = frozenset({"django_migrations", "django_content_type", "auth_permission"})
SUFFIX = {"sqlite": ".sqlite3", "postgresql": ".dump"}
# Where Debian and Ubuntu put the PostgreSQL binaries of each installed major version.
POSTGRES_LIB = Path("/usr/lib/postgresql")


class BackupError(Exception):
    """A backup or restore that could not be done; the message says why, for the operator."""


@dataclass
class RestoreOutcome:
    """What a restore did, for the command to report."""

    database: str
    replaced: list[str]  # tables that had rows before the restore (empty: nothing overwritten)
    tables: int
    counts: dict[str, int]  # rows of the main tables, keyed by the model's verbose name
    pending_migrations: list[str] = field(default_factory=list)
    progress_stale: bool = False


def database_label(*, using: str = DEFAULT_DB_ALIAS) -> str:
    """The database as an operator knows it (file, or name on host), never its password."""
    connection = connections[using]
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        return str(settings_dict["NAME"])
    host = settings_dict.get("HOST") or "localhost"
    port = settings_dict.get("PORT") or 5432
    return f"{settings_dict['NAME']} ({host}:{port})"


def database_tables_with_rows(*, using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """The tables holding data a restore would overwrite; empty for a new or only migrated
    database. Read by introspection, so a database at any migration (or none) can be asked."""
    connection = connections[using]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        filled = []
        for table in connection.introspection.table_names(cursor):
            if table in MIGRATE_FILLS:
                continue
            cursor.execute(f"SELECT 1 FROM {quote(table)} LIMIT 1")
            if cursor.fetchone() is not None:
                filled.append(table)
    return filled


def backup_create(*, directory: Path, using: str = DEFAULT_DB_ALIAS) -> Path:
    """Write a backup of the database `using` to a new timestamped file in `directory`.

    The file appears under its final name only once complete (written beside it, then renamed),
    so a backup interrupted half-way never passes for a good one.
    """
    connection = connections[using]
    if connection.vendor not in SUFFIX:
        raise BackupError(
            f"Chỉ sao lưu được SQLite và PostgreSQL, không phải {connection.display_name}."
        )
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = _free_name(directory=directory, suffix=SUFFIX[connection.vendor])
    partial = target.with_name(target.name + ".partial")
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    try:
        if connection.vendor == "sqlite":
            _sqlite_backup(connection=connection, target=partial)
        else:
            _postgres_backup(connection=connection, target=partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def backup_restore(
    *, path: Path, using: str = DEFAULT_DB_ALIAS, replace: bool = False
) -> RestoreOutcome:
    """Put the backup at `path` in place of the database `using`.

    Refused, with nothing changed, when the database holds data and `replace` is not given: a
    restore into the wrong database would otherwise silently lose everything entered since. The
    file is checked before anything is written, and the restore is one transaction, so a
    damaged file leaves the database as it was.
    """
    connection = connections[using]
    if connection.vendor not in SUFFIX:
        raise BackupError(
            f"Chỉ khôi phục được SQLite và PostgreSQL, không phải {connection.display_name}."
        )
    if not path.is_file():
        raise BackupError(f"Không tìm thấy tệp sao lưu {path}.")
    # SQLite's backup API cannot write into a connection with an open transaction, and on
    # PostgreSQL the locks that transaction holds would leave pg_restore waiting on us for ever.
    if connection.in_atomic_block:
        raise BackupError("Không khôi phục được bên trong một giao dịch đang mở.")
    label = database_label(using=using)
    if connection.vendor == "sqlite":
        _sqlite_check(path=path)
    else:
        _postgres_check(path=path)
    filled = database_tables_with_rows(using=using)
    if filled and not replace:
        shown = ", ".join(filled[:5]) + (
            f" và {len(filled) - 5} bảng khác" if len(filled) > 5 else ""
        )
        raise BackupError(
            f"Cơ sở dữ liệu {label} đang có dữ liệu ({shown}); khôi phục sẽ thay toàn bộ. "
            "Chưa thay đổi gì. Nếu chắc chắn, chạy lại với --replace "
            "(make restore FILE=... REPLACE=1)."
        )
    if connection.vendor == "sqlite":
        _sqlite_restore(connection=connection, path=path)
    else:
        _postgres_restore(connection=connection, path=path)
    pending = pending_migrations(using=using)
    return RestoreOutcome(
        database=label,
        replaced=filled,
        tables=len(connection.introspection.table_names()),
        counts=_main_counts(connection=connection),
        pending_migrations=pending,
        progress_stale=not pending and _progress_stale(connection=connection),
    )


def pending_migrations(*, using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Migrations of this code not applied in the database: a backup older than the code
    needs `migrate` (which `make migrate` follows with a progress rebuild)."""
    executor = MigrationExecutor(connections[using])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def _free_name(*, directory: Path, suffix: str) -> Path:
    """tdkn-YYYYmmdd-HHMMSS with the suffix of the engine; a second backup within the same second
    gets -2, -3… rather than overwriting the first."""
    stem = f"tdkn-{timezone.localtime():%Y%m%d-%H%M%S}"
    candidate, n = directory / f"{stem}{suffix}", 1
    while candidate.exists() or candidate.with_name(candidate.name + ".partial").exists():
        n += 1
        candidate = directory / f"{stem}-{n}{suffix}"
    return candidate


def _sqlite_backup(*, connection: BaseDatabaseWrapper, target: Path) -> None:
    # Django's own connection is the source so an in-memory database (the tests') can be copied
    # too; inside a transaction it would also copy writes not yet committed.
    if connection.in_atomic_block:
        raise BackupError("Không sao lưu được bên trong một giao dịch đang mở.")
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
    except sqlite3.Error as exc:
        raise BackupError(f"SQLite không sao lưu được: {exc}.") from exc
    finally:
        destination.close()


def _sqlite_open(path: Path) -> sqlite3.Connection:
    # immutable: reading a backup must never create -wal/-shm files beside it or take locks.
    return sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)


def _sqlite_size_matches(path: Path) -> bool:
    """Whether the file holds every page its header counts. A copy cut short loses pages
    that `quick_check` may never read (free pages at the end), so the size is checked."""
    with path.open("rb") as file:
        header = file.read(100)
    if len(header) < 100 or not header.startswith(b"SQLite format 3\0"):
        return True  # not SQLite at all: quick_check says so in its own words
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    return pages == 0 or path.stat().st_size >= page_size * pages


def _sqlite_check(*, path: Path) -> None:
    if not _sqlite_size_matches(path):
        raise BackupError(
            f"Tệp {path} bị hỏng: bị cắt ngắn, thiếu trang so với phần đầu tệp. Chưa thay đổi gì."
        )
    try:
        source = _sqlite_open(path)
        try:
            problems = [row[0] for row in source.execute("PRAGMA quick_check").fetchmany(3)]
            migrations = source.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'django_migrations'"
            ).fetchone()
        finally:
            source.close()
    except sqlite3.Error as exc:
        raise BackupError(
            f"Tệp {path} không phải bản sao lưu SQLite đọc được ({exc}). Chưa thay đổi gì."
        ) from exc
    if problems != ["ok"]:
        found = "; ".join(problems).replace("\n", " ")
        raise BackupError(f"Tệp {path} bị hỏng ({found}). Chưa thay đổi gì.")
    if migrations is None:
        raise BackupError(
            f"Tệp {path} là cơ sở dữ liệu SQLite nhưng không phải bản sao lưu của ứng dụng này "
            "(không có bảng django_migrations). Chưa thay đổi gì."
        )


def _sqlite_restore(*, connection: BaseDatabaseWrapper, path: Path) -> None:
    # The backup API replaces the destination page by page in one write transaction: other
    # connections see the old database or the restored one, never a mixture.
    connection.ensure_connection()
    source = _sqlite_open(path)
    try:
        source.backup(connection.connection)
    except sqlite3.Error as exc:
        raise BackupError(f"SQLite không khôi phục được từ {path}: {exc}.") from exc
    finally:
        source.close()


def _postgres_binary(name: str) -> str:
    """pg_dump or pg_restore from PATH, else the newest under /usr/lib/postgresql/*/bin (Debian
    installs them there without putting them on PATH for every user)."""
    found = shutil.which(name)
    if found:
        return found

    def major(binary: Path) -> tuple[int, ...]:
        return tuple(int(part) for part in binary.parent.parent.name.split(".") if part.isdigit())

    installed = sorted(POSTGRES_LIB.glob(f"*/bin/{name}"), key=major)
    if installed:
        return str(installed[-1])
    raise BackupError(
        f"Không tìm thấy {name} (trên PATH hay trong {POSTGRES_LIB}/*/bin): cài gói "
        "postgresql-client cùng phiên bản chính với máy chủ, hoặc thêm thư mục chứa nó vào PATH."
    )


def _postgres_command(
    *, connection: BaseDatabaseWrapper, binary: str, arguments: list[str]
) -> subprocess.CompletedProcess:
    """Run a PostgreSQL client against the connection's database. The password goes in the
    environment, not the command line, where any user could read it in the process list."""
    settings_dict = connection.settings_dict
    if not settings_dict.get("NAME"):
        raise BackupError("Cấu hình cơ sở dữ liệu thiếu tên (NAME) của cơ sở dữ liệu.")
    _args, extra = DatabaseClient.settings_to_cmd_args_env(settings_dict, [])
    env = {**os.environ, **(extra or {})}
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    command = [
        _postgres_binary(binary),
        "--no-password",
        f"--dbname={settings_dict['NAME']}",
        *arguments,
    ]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False)


def _tail(stderr: str) -> str:
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    return " / ".join(lines[-3:]) or "không rõ lỗi"


def _postgres_backup(*, connection: BaseDatabaseWrapper, target: Path) -> None:
    # One snapshot, taken without blocking the site's reads or writes.
    done = _postgres_command(
        connection=connection,
        binary="pg_dump",
        arguments=["--format=custom", f"--file={target}"],
    )
    if done.returncode != 0:
        raise BackupError(f"pg_dump thất bại: {_tail(done.stderr)}")


def _postgres_check(*, path: Path) -> None:
    try:
        listed = subprocess.run(
            [_postgres_binary("pg_restore"), "--list", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError as exc:
        raise BackupError(f"Không chạy được pg_restore: {exc}.") from exc
    if listed.returncode != 0:
        raise BackupError(
            f"Tệp {path} không phải bản sao lưu PostgreSQL đọc được ({_tail(listed.stderr)}). "
            "Chưa thay đổi gì."
        )
    if " TABLE " not in listed.stdout or "django_migrations" not in listed.stdout:
        raise BackupError(
            f"Tệp {path} là tệp pg_dump nhưng không phải bản sao lưu của ứng dụng này "
            "(không có bảng django_migrations). Chưa thay đổi gì."
        )


def _postgres_restore(*, connection: BaseDatabaseWrapper, path: Path) -> None:
    # --clean drops what the dump recreates; --single-transaction with --exit-on-error makes a
    # file damaged past its table of contents roll back to the database as it was.
    done = _postgres_command(
        connection=connection,
        binary="pg_restore",
        arguments=[
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            str(path),
        ],
    )
    if done.returncode != 0:
        raise BackupError(
            f"pg_restore thất bại, cơ sở dữ liệu giữ nguyên như trước: {_tail(done.stderr)}"
        )


def _count(*, connection: BaseDatabaseWrapper, table: str, where: str = "") -> int | None:
    """Rows of `table`, or None when the restored schema has no such table."""
    if table not in connection.introspection.table_names():
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)} {where}")
        return cursor.fetchone()[0]


def _main_counts(*, connection: BaseDatabaseWrapper) -> dict[str, int]:
    counts = {}
    for model in (Organisation, Article, Figure, Target):
        rows = _count(connection=connection, table=model._meta.db_table)
        if rows is not None:
            counts[str(model._meta.verbose_name_plural)] = rows
    return counts


def _progress_stale(*, connection: BaseDatabaseWrapper) -> bool:
    """An empty progress table beside accepted figures or targets: the file was made without
    the progress table (pg_dump --exclude-table, say), so the pages would show nothing."""
    if _count(connection=connection, table=Progress._meta.db_table):
        return False
    accepted = f"WHERE status = '{Status.ACCEPTED.value}'"
    return any(
        _count(connection=connection, table=model._meta.db_table, where=accepted)
        for model in (Figure, Target)
    )
