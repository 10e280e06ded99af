"""The one way names are folded for comparison: accents, case, dashes and spacing set aside.

Articles write the same name many ways ("Bà Rịa - Vũng Tàu", "Bà Rịa–Vũng Tàu", "BÀ RỊA VŨNG
TÀU", "Ðông Hòa" with an Icelandic Ð); the gazetteer, the scoring, the matcher's alias keys and
the export file names all compare names through this function, so they agree.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Letters NFD does not decompose, and look-alikes of Đ/đ some sites use.
_LETTERS = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})
_GONE = str.maketrans({"-": " ", "–": " ", "—": " ", "'": None, "’": None})
# A syllable that is consonants and a final "y" is spelled with "i" as well: "Phú Quý" and the
# official "Phú Quí", "Tứ Kỳ" and "Tứ Kì", "Mỹ" and "Mĩ". ("uy" in "Thủy" is another sound.)
_I_OR_Y_RE = re.compile(r"\b(qu|[bcdghklmnprstvx]+)y\b")


@functools.lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Lower case, no tones or dashes, single-spaced, "i" for a final "y" after consonants:
    "Bà Rịa - Vũng Tàu" → "ba ria vung tau", "Phú Quý" → "phu qui".

    Cached: articles fold the same few names again and again."""
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTERS))
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    folded = " ".join(base.lower().translate(_GONE).split())
    return _I_OR_Y_RE.sub(r"\1i", folded) if "y" in folded else folded
