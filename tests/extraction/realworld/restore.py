"""Save one rebuilt text: ``restore.py ID FILE`` where FILE holds the search result's excerpt as
the JSON string literal it was returned in (quotes and escapes included).

Decoding the literal, rather than retyping the text, keeps every byte, and the text is written
only when its SHA-256 is the gold's, so a different version of the page is never scored.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import GOLD_DIR, TEXT_DIR  # noqa: E402


def main(article_id: str, literal_path: str) -> int:
    gold = json.loads((GOLD_DIR / f"{article_id}.json").read_text(encoding="utf-8"))
    try:
        text = json.loads(Path(literal_path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        print(f"{article_id}: not a JSON string literal ({error})")
        return 1
    if not isinstance(text, str):
        print(f"{article_id}: the file holds JSON, but not one string")
        return 1
    raw = text.encode("utf-8")
    if hashlib.sha256(raw).hexdigest() != gold["text_sha256"]:
        print(f"{article_id}: SHA-256 is not the gold's (another version of the page): not saved")
        return 1
    TEXT_DIR.mkdir(parents=True, exist_ok=True)
    (TEXT_DIR / f"{article_id}.txt").write_bytes(raw)
    print(f"{article_id}: saved")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
