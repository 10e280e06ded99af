"""``manage.py restore_database FILE [--replace]``: a backup in place of the database
(`make restore FILE=...`)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS

from recruitment.services.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Khôi phục cơ sở dữ liệu từ một bản sao lưu của backup_database. Từ chối nếu cơ sở dữ "
        "liệu đang có dữ liệu, trừ khi có --replace."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="tệp .sqlite3 hoặc .dump trong backups/")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="thay toàn bộ dữ liệu hiện có bằng dữ liệu trong bản sao lưu",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, file: Path, replace: bool, database: str, **options) -> None:
        try:
            outcome = backup_restore(path=file, using=database, replace=replace)
        except (BackupError, OSError) as exc:
            raise CommandError(f"Không khôi phục được: {exc}") from exc
        counts = ", ".join(f"{name}: {rows}" for name, rows in outcome.counts.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã khôi phục {file} vào {outcome.database}: {outcome.tables} bảng ({counts})."
            )
        )
        if outcome.replaced:
            self.stdout.write(
                f"Dữ liệu có trước đó ({len(outcome.replaced)} bảng) đã được thay bằng bản sao lưu."
            )
        if outcome.pending_migrations:
            self.stdout.write(
                self.style.WARNING(
                    f"Bản sao lưu cũ hơn mã nguồn: {len(outcome.pending_migrations)} migration "
                    "chưa chạy. Chạy make migrate (migrate rồi progress_rebuild)."
                )
            )
        elif outcome.progress_stale:
            self.stdout.write(
                self.style.WARNING(
                    "Bản sao lưu không có bảng tiến độ: chạy python manage.py progress_rebuild."
                )
            )
        else:
            self.stdout.write("Bảng tiến độ có trong bản sao lưu: không cần progress_rebuild.")
