"""Articles per second of the importer with database writes (goal: ≥ 100/s on SQLite).

Runs in a throwaway SQLite database: migrates, loads the units of the seed articles' provinces,
then imports the seed corpus many times. Each copy gets a distinct trailing line so the content
hash treats it as a new article, exactly as a new article would be written.
Usage: .venv/bin/python bench/import_speed.py [--copies N]
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEED_PROVINCES = ["Ninh Bình", "Bình Phước", "Khánh Hòa", "Đồng Tháp", "Thanh Hóa"]


GOAL = 100.0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=60)
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="bench-import-")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dashboard.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from recruitment.extraction import read_document
    from recruitment.services import Draft, article_import

    seeds = settings.CORPUS_DIR / "seeds"
    if not seeds.is_dir():
        print(f"skipped: no corpus at {seeds} (set CORPUS_DIR)")
        return 1
    call_command("migrate", verbosity=0)
    call_command("load_admin_units", province=SEED_PROVINCES, verbosity=0)
    call_command("load_organisations", str(ROOT / "fixtures" / "organisations.json"), verbosity=0)
    documents = [read_document(p.read_bytes(), p.name) for p in sorted(seeds.glob("*.txt"))]
    started = time.perf_counter()
    count = figures = 0
    for copy in range(args.copies):
        for document in documents:
            result = article_import(
                draft=Draft(
                    text=f"{document.text}\n\n(bản lưu {copy})",
                    title=document.title or "",
                    published=document.published,
                ),
                accept=True,
            )
            count += 1
            figures += len(result.figures) + len(result.targets)
    elapsed = time.perf_counter() - started
    rate = count / elapsed
    print(
        f"import with database writes: {count} articles, {figures} rows in {elapsed:.2f} s "
        f"= {rate:.0f} articles/s (goal ≥ {GOAL:.0f}/s on SQLite)"
    )
    return 0 if rate >= GOAL else 2


if __name__ == "__main__":
    raise SystemExit(main())
