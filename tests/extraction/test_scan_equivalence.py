"""The speed rewrites of the scanners find exactly what the plain patterns find.

Some patterns are written for the regex engine's fast paths (a leading digit, a reversed
anchored match, a search through an anchor word); these compare each with the plain
pattern it replaces, over the seed articles and generated strings.
"""

import random
import re
from pathlib import Path

import pytest

from recruitment.extraction import noise, numbers, organisations, periods

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT.parent / "shared" / "corpus" / "seeds").glob("*.txt"))

_DMY = r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})"
PLAIN_FULL_DATE = re.compile(r"\b" + _DMY + r"(?![\d/])")
PLAIN_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?![\d/])")
PLAIN_NOT_SUBJECT = re.compile(
    r"(?:\d|\b(?:các|những|mỗi|từng|nhiều|cấp|thuộc|trực\s+thuộc|giữa|ngoài|một\s+số))\s*$",
    re.IGNORECASE,
)


def _strings(atoms, n, seed):
    rng = random.Random(seed)
    return ["".join(rng.choice(atoms) for _ in range(rng.randint(0, 12))) for _ in range(n)]


def _texts():
    return [p.read_text(encoding="utf-8") for p in SEEDS]


def _spans(rx, text):
    return [(m.span(), m.groups()) for m in rx.finditer(text)]


DATE_ATOMS = [*"0123456789/.- a_ệ\n٣", "2023", "12", "x1", " 5/3/2023", "2024-01-15"]


@pytest.mark.parametrize(
    ("fast", "plain"),
    [(periods.FULL_DATE_RE, PLAIN_FULL_DATE), (periods.ISO_DATE_RE, PLAIN_ISO_DATE)],
)
def test_digit_led_date_patterns_match_the_plain_ones(fast, plain):
    for text in _texts() + _strings(DATE_ATOMS, 3000, 1):
        assert _spans(fast, text) == _spans(plain, text)
        mid = len(text) // 2
        got, want = fast.search(text, mid), plain.search(text, mid)
        assert (got and got.span()) == (want and want.span())


def test_reversed_not_subject_check_matches_the_plain_pattern():
    atoms = ["các", "CÁC", "Những", "mỗi", "trực", "Trực thuộc", "một", "số", "Một  số"]
    atoms += ["xcác", " ", "\n", "1", "٣", "a", "_", "ı", "İ", "huyện", ",", "("]
    for text in _strings(atoms, 5000, 2):
        want = bool(PLAIN_NOT_SUBJECT.search(text[-20:]))
        assert organisations._not_subject_before(text, len(text)) == want, text


def test_period_scan_through_an_anchor_matches_finditer():
    atoms = [*"0123456789", " ", "  ", "\n", "tháng", " đầu", " cuối", " năm", " nay", " 2023"]
    atoms += ["năm", " (", "(", "2021", "-", "2023", ")", "x"]
    texts = [t.lower() for t in _texts()] + _strings(atoms, 3000, 3)
    anchored = [(rx, a) for _, _, rx, a in periods._COMPILED if a is not None]
    assert len(anchored) == 2
    for rx, anchor in anchored:
        for text in texts:
            assert _spans(rx, text) == [
                (m.span(), m.groups()) for m in periods._scan(rx, anchor, text)
            ]


PLAIN_SO_BEFORE = re.compile(
    r"(?<!tổng)(?<!tổng )(?<!con )\b(?:số|khóa|khoá|lần\s+thứ|thứ)\s*$", re.I
)


def test_reversed_rank_and_hedge_checks_match_the_plain_patterns():
    atoms = ["số", "Số", "khóa", "khoá", "lần", " thứ", "thứ", "tổng", "Tổng ", " ", "\n", "con"]
    atoms += ["hơn", "gần", "xấp xỉ", "ước", " tính", "trên", " dưới", "như", "(", ",", "x"]
    for text in _strings(atoms, 5000, 4):
        window = text[-12:]
        assert (numbers.SO_BEFORE_REV_RE.match(window[::-1]) is not None) == bool(
            PLAIN_SO_BEFORE.search(window)
        ), text
        want = bool(numbers.APPROX_BEFORE_RE.search(text[-20:]))
        assert numbers.is_approximate(text, len(text)) == want, text


PLAIN_SPAM = re.compile(
    r"soi\s+kèo|nhà\s+cái|cá\s+cược|casino|nổ\s+hũ|xổ\s+số|tài\s+xỉu|bắn\s+cá|\bkèo\b|"
    r"game\s+bài|\bslot"
)


def test_spam_pattern_matches_the_plain_one():
    atoms = ["kèo", "slot", "s", "lot", "k", "èo", " ", "x", "_", "1", "\n", "soi ", "casino"]
    for text in _strings(atoms, 5000, 5):
        assert bool(noise._SPAM_RE.search(text)) == bool(PLAIN_SPAM.search(text)), text
