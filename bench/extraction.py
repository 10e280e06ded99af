"""The importer's speed goals, on one core: `extract` over the seed corpus (≥ 500 articles/s),
`extract` time per text size from 10 KB to 5 MB (linear: a 5 MB text in seconds) and import
with database writes on SQLite (≥ 100 articles/s).

Each part runs in its own process (the import part sets up Django and a throwaway database);
both are pinned to one core so the figures compare across machines of different sizes.
Run: `.venv/bin/python bench/extraction.py` (or `make bench`). Exit status 0 when all goals hold.
"""

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    status = 0
    for script in ("extraction_speed.py", "extraction_scale.py", "import_speed.py"):
        status |= subprocess.run([sys.executable, str(HERE / script)], check=False).returncode
    return status


if __name__ == "__main__":
    raise SystemExit(main())
