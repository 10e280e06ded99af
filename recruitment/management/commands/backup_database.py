"""``manage.py backup_database``: the whole database to a timestamped file (`make backup`)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS

from recruitment.services.backup import BackupError, backup_create, database_label


def default_directory() -> Path:
    """BACKUP_DIR, or backups/ in the checkout (ignored by git)."""
    return Path(os.environ.get("BACKUP_DIR") or settings.BASE_DIR / "backups")


class Command(BaseCommand):
    help = (
        "Sao lưu toàn bộ cơ sở dữ liệu vào một tệp có dấu thời gian trong BACKUP_DIR "
        "(mặc định backups/): SQLite bằng API sao lưu, PostgreSQL bằng pg_dump --format=custom."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dir",
            dest="directory",
            type=Path,
            default=None,
            help="thư mục chứa bản sao lưu (mặc định BACKUP_DIR, nếu không: backups/)",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, directory: Path | None, database: str, **options) -> None:
        started = time.monotonic()
        try:
            path = backup_create(directory=directory or default_directory(), using=database)
        except (BackupError, OSError) as exc:
            raise CommandError(f"Không sao lưu được: {exc}") from exc
        size = path.stat().st_size / 1_000_000
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã sao lưu {database_label(using=database)} vào {path} "
                f"({size:.1f} MB, {time.monotonic() - started:.1f} s)."
            )
        )
