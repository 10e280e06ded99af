"""``manage.py load_organisations FILE``: non-territorial organisations from a JSON file."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from recruitment.fixtures_loader import load_organisation_fixtures
from recruitment.services.progress import progress_rebuild


class Command(BaseCommand):
    help = "Tạo/cập nhật các tổ chức đảng không theo địa giới (trường học, doanh nghiệp...)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="JSON list, e.g. fixtures/organisations.json")

    def handle(self, *args, **options) -> None:
        try:
            counts = load_organisation_fixtures(options["file"])
        except (OSError, ValueError, KeyError) as exc:
            raise CommandError(str(exc)) from exc
        progress_rebuild()
        self.stdout.write(
            f"{counts['created']} created / {counts['updated']} updated / "
            f"{counts['unchanged']} unchanged"
        )
