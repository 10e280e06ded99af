"""Print the figures the extractor finds in article files, in the gold files' JSON schema."""

import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from recruitment.extraction import DocumentError, ExtractionTimeout, extract, read_document


def iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Ngày không hợp lệ: {value!r} (cần YYYY-MM-DD).") from error


class Command(BaseCommand):
    help = "Trích số liệu từ các tệp bài viết và in ra JSON (cùng dạng với *.gold.json)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--json", action="store_true", help="In JSON (mặc định: bảng).")
        parser.add_argument("--published", help="Ngày đăng YYYY-MM-DD, thay cho ngày tìm thấy.")
        parser.add_argument("--organisation", help="Tổ chức chủ thể khi bài chỉ nói “toàn tỉnh”.")

    def handle(self, *args, files: list[Path], **options) -> None:
        published = iso_date(options["published"]) if options["published"] else None
        results = []
        for path in files:
            try:
                document = read_document(path.read_bytes(), path.name)
            except OSError as error:
                raise CommandError(f"{path}: không đọc được tệp ({error.strerror}).") from error
            except DocumentError as error:
                raise CommandError(f"{path}: {error}") from error
            try:
                extraction = extract(
                    document.text,
                    published=published or document.published,
                    organisation=options["organisation"],
                )
            except ExtractionTimeout as error:
                raise CommandError(f"{path}: {error}") from error
            results.append(extraction.to_gold_dict(path.name))
        if options["json"]:
            self.stdout.write(json.dumps(results, ensure_ascii=False, indent=2))
            return
        for result in results:
            self.stdout.write(f"{result['article']} (ngày đăng: {result['published'] or '?'})")
            for f in result["figures"]:
                self.stdout.write(
                    f"  {f['organisation']:<28} {f['metric']:<30} {f['period_start']}…"
                    f"{f['period_end']} {f['value']}{' (suy ra)' if f['derived'] else ''}"
                )
