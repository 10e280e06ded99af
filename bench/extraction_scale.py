"""Seconds of ``extract`` per text size, 10 KB to 5 MB (doubling), on one core.

An upload of a whole newspaper archive is one "article" of megabytes: extraction must grow
linearly with the text, or one request holds a server thread for an hour. Five shapes of
text, built from the seed articles: paragraphs (the seeds repeated), lines of figures (a
long list of units), one line (no newline at all), one sentence (no sentence end either),
and one sentence that lists thousands of units with their figures.
Run: ``.venv/bin/python bench/extraction_scale.py [--max-kb 5120] [--shapes lines,...]``.
Exit status 0 when the largest size of every shape ran at no worse than 3 × the per-byte
time of its 160 KB size (a quadratic stage gives 32 × at 5 MB).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from recruitment.extraction import extract, noise  # noqa: E402

SIZES_KB = [10 * 2**i for i in range(10)]  # 10 KB … 5120 KB
# A size that takes longer than this ends the shape's run: the next would take 4 × as long
# when the stage is quadratic (the "before" measurements of a slow extractor).
GIVE_UP_S = 60.0

_UNITS = ["Tân Mộc", "Phú Nhuận", "Yên Lạc", "Kim Sơn", "Đông Hải", "Tam Đảo", "Lục Nam"]


def _seeds() -> list[str]:
    corpus = Path(os.environ.get("CORPUS_DIR", ROOT.parent / "shared" / "corpus"))
    return [p.read_text(encoding="utf-8") for p in sorted((corpus / "seeds").glob("*.txt"))]


def _figure_lines(n: int) -> str:
    """A report listing many units, one line each, under a head line."""
    head = "Năm 2023, toàn tỉnh kết nạp 1.455 đảng viên mới, cụ thể như sau:\n"
    rows = [
        f"- Xã {_UNITS[i % len(_UNITS)]} {i}: kết nạp {i % 90 + 10} đảng viên, đạt {i % 50 + 60}%"
        f" chỉ tiêu; huyện {_UNITS[(i + 3) % len(_UNITS)]} có {i % 900 + 100} đảng viên.\n"
        for i in range(n)
    ]
    return head + "".join(rows)


def _figure_sentence(n: int) -> str:
    """One sentence listing many units with their counts and shares (no line break)."""
    items = ", ".join(
        f"xã {_UNITS[i % len(_UNITS)]} {i} kết nạp {i % 90 + 10} đảng viên, đạt {i % 50 + 60}%"
        for i in range(n)
    )
    return f"6 tháng đầu năm 2023, toàn tỉnh kết nạp 1.455 đảng viên mới, như: {items}; "


def build(shape: str, size: int, seeds: list[str]) -> str:
    """A text of about ``size`` characters of the given shape."""
    if shape == "lines":
        unit = _figure_lines(200)
    elif shape == "list_sentence":
        unit = _figure_sentence(size // 40 + 1)
    else:
        unit = "\n\n".join(seeds) + "\n\n"
        if shape in ("one_line", "one_sentence"):
            # Without the seeds' spam lines, which would make the one line spam as a whole.
            kept = [line for line in unit.splitlines() if not noise.is_spam_line(line)]
            unit = " ".join(" ".join(kept).split())
            if shape == "one_sentence":
                unit = unit.replace(". ", ", ").replace("! ", ", ").replace("? ", ", ")
            unit += " "
    text = unit * (size // len(unit) + 1)
    return text[:size]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-kb", type=int, default=SIZES_KB[-1])
    parser.add_argument("--shapes", default="paragraphs,lines,one_line,one_sentence,list_sentence")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    seeds = _seeds()
    if not seeds:
        print("no seed articles; set CORPUS_DIR")
        return 1
    extract(seeds[0])  # warm up regex caches
    status = 0
    for shape in args.shapes.split(","):
        print(f"{shape}:")
        per_byte: dict[int, float] = {}
        for kb in (k for k in SIZES_KB if k <= args.max_kb):
            text = build(shape, kb * 1024, seeds)
            start = time.perf_counter()
            found = len(extract(text, deadline=None).candidates)
            elapsed = time.perf_counter() - start
            per_byte[kb] = elapsed / len(text)
            print(f"  {kb:>5} KB  {elapsed:8.3f} s  {found:>7} candidates", flush=True)
            if elapsed > GIVE_UP_S:
                print("  (larger sizes skipped)")
                status = 2
                break
        largest = max(per_byte)
        if 160 in per_byte and largest > 160 and per_byte[largest] > 3 * per_byte[160]:
            status = 2
    return status


if __name__ == "__main__":
    raise SystemExit(main())
