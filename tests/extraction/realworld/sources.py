"""Write SOURCES.md (URL, first line, split of each article) from the gold files.

Run after adding gold files: ``python tests/extraction/realworld/sources.py``; a test checks it
is current.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import HERE, articles  # noqa: E402

SOURCES = HERE / "SOURCES.md"

HEADER = """# Sources of the real development set

Third-party pages, kept out of git: only their gold facts are committed (`gold/`). To rebuild
`texts/<id>.txt`, search the `pages` corpus of the search tool for the first line below and save
the excerpt of the result with this URL, as returned; `make score-real` skips a text whose
SHA-256 differs from the gold's `text_sha256`.

| id | split | published | province | URL | first line |
| --- | --- | --- | --- | --- | --- |
"""


def render() -> str:
    rows = []
    for a in articles():
        g = a.gold
        title = g["title"].replace("|", "\\|")
        rows.append(
            f"| {a.id} | {a.split} | {g.get('published') or '—'} | {g.get('province', '')} "
            f"| {g['url']} | {title} |"
        )
    return HEADER + "\n".join(rows) + "\n"


if __name__ == "__main__":
    SOURCES.write_text(render(), encoding="utf-8")
    print(f"wrote {SOURCES}")
