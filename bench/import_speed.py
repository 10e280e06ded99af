"""Articles per second of the importer with database writes (goal: ≥ 100/s on SQLite).

Runs in a throwaway SQLite database: migrates, loads the units of the seed articles' provinces,
then imports copies of the seed files as `import_articles --accept` does. Each copy gets a
distinct trailing line so the content hash treats it as a new article.
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

    from recruitment.services.imports import article_files, files_import

    seeds = settings.CORPUS_DIR / "seeds"
    if not seeds.is_dir():
        print(f"skipped: no corpus at {seeds} (set CORPUS_DIR)")
        return 1
    call_command("migrate", verbosity=0)
    call_command("load_admin_units", province=SEED_PROVINCES, verbosity=0)
    call_command("load_organisations", str(ROOT / "fixtures" / "organisations.json"), verbosity=0)
    # Copies of the seed files, each with a distinct last line, imported the way
    # `import_articles --accept` does (read, decode, extract, resolve, write).
    copies = Path(workdir) / "articles"
    copies.mkdir()
    seed_texts = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(seeds.glob("*.txt"))]
    for copy in range(args.copies):
        for stem, text in seed_texts:
            (copies / f"{copy:04d}_{stem}.txt").write_text(
                f"{text}\n\n(bản lưu {copy})", encoding="utf-8"
            )
    files = article_files([copies])
    started = time.perf_counter()
    summary = files_import(files=files, accept=True)
    elapsed = time.perf_counter() - started
    count, figures = summary.new, summary.accepted
    if summary.failed or count != len(files):
        print(f"unexpected: {summary.line()}")
        return 1
    rate = count / elapsed
    print(
        f"import with database writes: {count} articles, {figures} rows in {elapsed:.2f} s "
        f"= {rate:.0f} articles/s (goal ≥ {GOAL:.0f}/s on SQLite)"
    )
    return 0 if rate >= GOAL else 2


if __name__ == "__main__":
    raise SystemExit(main())
