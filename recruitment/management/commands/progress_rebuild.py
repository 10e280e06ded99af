"""``manage.py progress_rebuild``: recompute the progress table from the accepted figures.

The services keep the table current on every change; this is for after a bulk load that
bypassed them (a restore, generated benchmark data) and for checking nothing drifted.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from recruitment.services.progress import progress_rebuild


class Command(BaseCommand):
    help = "Tính lại toàn bộ bảng tiến độ từ các số liệu đã duyệt."

    def handle(self, *args, **options) -> None:
        started = time.monotonic()
        rows = progress_rebuild()
        self.stdout.write(f"{rows} progress rows ({time.monotonic() - started:.1f} s)")
