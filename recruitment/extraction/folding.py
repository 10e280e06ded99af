"""The one way names are folded for comparison: accents, case, dashes and spacing set aside.

Articles write the same name many ways ("Bà Rịa - Vũng Tàu", "Bà Rịa–Vũng Tàu", "BÀ RỊA VŨNG
TÀU", "Ðông Hòa" with an Icelandic Ð); the gazetteer, the scoring, the matcher's alias keys and
the export file names all compare names through this function, so they agree.
"""

from __future__ import annotations

import functools
import unicodedata

# Letters NFD does not decompose, and look-alikes of Đ/đ some sites use.
_LETTERS = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})
_GONE = str.maketrans({"-": " ", "–": " ", "—": " ", "'": None, "’": None})


@functools.lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Lower case, no tones or dashes, single-spaced: "Bà Rịa - Vũng Tàu" → "ba ria vung tau".

    Cached: articles fold the same few names again and again."""
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTERS))
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(base.lower().translate(_GONE).split())
