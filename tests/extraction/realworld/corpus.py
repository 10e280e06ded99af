"""The real development set: committed gold facts, texts kept outside git.

Each article is ``gold/<id>.json`` (URL, first line, SHA-256 of the text, publication date,
province and figures without quotes) and, when present, ``texts/<id>.txt``: the page as the
search tool's ``pages`` corpus stores it. Texts are third-party, so they are ignored by git
and rebuilt (README.md beside this file); a text whose hash differs from the gold's is a
different version of the page and is not scored.

A fifth of the articles, chosen by the hash of their URL so that nobody picks them, is the
validation split: measured, never tuned on.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD_DIR = HERE / "gold"
TEXT_DIR = Path(os.environ.get("REALWORLD_TEXTS", HERE / "texts"))

DEV = "dev"
VALIDATION = "validation"


def split_of(url: str) -> str:
    return VALIDATION if int(hashlib.sha256(url.encode()).hexdigest(), 16) % 5 == 0 else DEV


@dataclass(frozen=True)
class RealArticle:
    id: str
    gold: dict
    text_path: Path

    @property
    def split(self) -> str:
        return split_of(self.gold["url"])

    def text(self) -> str | None:
        """The text, or None when it is absent or another version than the one annotated."""
        try:
            raw = self.text_path.read_bytes()
        except FileNotFoundError:
            return None
        if hashlib.sha256(raw).hexdigest() != self.gold["text_sha256"]:
            return None
        return raw.decode("utf-8")


def articles(*, split: str | None = None) -> list[RealArticle]:
    found = []
    for path in sorted(GOLD_DIR.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        article = RealArticle(gold["id"], gold, TEXT_DIR / f"{gold['id']}.txt")
        if split is None or article.split == split:
            found.append(article)
    return found
