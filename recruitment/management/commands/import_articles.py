"""Import article files or folders, with a progress bar and a summary."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from tqdm import tqdm

from recruitment.management.acting import acting_user, add_acting_user_argument
from recruitment.services.imports import article_files, files_import


class Command(BaseCommand):
    help = "Nhập các tệp bài viết (.txt, .html) hoặc thư mục; --accept duyệt luôn số liệu."

    def add_arguments(self, parser) -> None:
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument(
            "--accept", action="store_true", help="Duyệt ngay các số liệu xác định được tổ chức."
        )
        add_acting_user_argument(parser)

    def handle(self, *args, paths: list[Path], accept: bool, **options) -> None:
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            raise CommandError(f"Không tìm thấy: {', '.join(missing)}")
        user = acting_user(options["acting_user"])
        files = article_files(paths)
        if not files:
            raise CommandError("Không có tệp .txt hoặc .html nào để nhập.")
        try:
            with tqdm(total=len(files), unit="bài", disable=options["verbosity"] == 0) as bar:
                summary = files_import(
                    files=files, accept=accept, user=user, progress=lambda _p: bar.update()
                )
        except DatabaseError as error:
            # The connection lost (a restart, a failover) or the database refusing: the batch in
            # progress is rolled back whole, the batches before it are committed, and running the
            # same command again skips what is stored (files_import is idempotent by content).
            raise CommandError(
                f"Lỗi cơ sở dữ liệu khi đang nhập: {str(error).strip()}. Các bài đã ghi trước đó "
                "được giữ nguyên, không bài nào bị ghi dở; chạy lại lệnh này để nhập tiếp "
                "(bài đã có sẽ được bỏ qua)."
            ) from error
        for path, reason in summary.failed:
            self.stderr.write(f"{path}: {reason}")
        self.stdout.write(summary.line())
        if summary.failed:
            raise CommandError(f"{len(summary.failed)} tệp không nhập được.")
