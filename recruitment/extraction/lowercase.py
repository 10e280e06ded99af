"""Lower-casing that keeps offsets.

Patterns run on lower-cased text (``re.IGNORECASE`` is slow) and report offsets into the
original, so the lower-cased text must be as long as the original: the few letters whose
lower case is longer ("İ") are left as they are. An article is lower-cased once and the
result passed to every scan (speed: ``str.lower`` on a whole article is not free).
"""

from __future__ import annotations


def lower_same_length(text: str) -> str:
    """``text.lower()``, except letters whose lower case is not one character."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low
