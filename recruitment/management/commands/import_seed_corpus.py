"""Import the seed articles of the shared corpus with their figures accepted (the demo data)."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Nhập các bài viết mẫu trong CORPUS_DIR/seeds và duyệt số liệu (dữ liệu minh họa)."

    def handle(self, *args, **options) -> None:
        seeds = settings.CORPUS_DIR / "seeds"
        if not seeds.is_dir():
            self.stdout.write(
                f"Không có kho bài viết tại {seeds} (đặt CORPUS_DIR): bản demo chỉ có tổ chức."
            )
            return
        call_command("import_articles", str(seeds), accept=True, verbosity=options["verbosity"])
