"""``manage.py load_admin_units``: the territorial organisation tree, old and new."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from recruitment.admin_units import load_admin_units
from recruitment.services.progress import progress_rebuild


class Command(BaseCommand):
    help = (
        "Tạo/cập nhật đảng bộ tỉnh, huyện, xã trước và sau 01/07/2025 từ vietnamadminunits "
        "(idempotent)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--province",
            action="append",
            metavar="NAME",
            help=(
                "Only this province (old or new name, accents optional) and the provinces it "
                "merges with; repeatable."
            ),
        )

    def handle(self, *args, **options) -> None:
        started = time.monotonic()
        try:
            report = load_admin_units(options.get("province"))
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        # Units written in bulk change how many children each parent counts in a year.
        progress_rebuild()
        elapsed = time.monotonic() - started
        self.stdout.write(f"{report.summary()} ({elapsed:.1f} s)")
