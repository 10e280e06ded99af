"""Vietnam's official administrative units, to tell a place name from a person's name.

After a level word, news text puts either the unit's name ("xã Lộc Hiệp") or a person's
("Bí thư Đảng ủy xã Trần Thị Mai cho biết"); both are capitalised words. The names of
all official units are known: the ``vietnamadminunits`` package ships them in an SQLite
file (63 provinces, their districts and communes until 2025-06-30; 34 provinces and
their communes from 2025-07-01). They are loaded once per process, lazily, into sets of
tone- and case-folded short names by level, so each look-up is one set membership.

Where the dataset cannot be loaded every function says so (``None``) and callers keep
their own rules. Plain Python: no Django.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from .folding import fold

__all__ = [
    "LEVEL_SETS",
    "available",
    "district_from_domain",
    "official_prefix",
    "on_reload",
    "province_from_domain",
    "province_name",
    "provinces_of",
    "reload",
]

# Level words and the unit sets a name after them is checked against. "thành phố" is a
# city under a province or one of the centrally-run cities.
LEVEL_SETS: dict[str, tuple[str, ...]] = {
    "tỉnh": ("province",),
    "thành phố": ("district", "province"),
    "huyện": ("district",),
    "quận": ("district",),
    "thị xã": ("district",),
    "xã": ("commune",),
    "phường": ("commune",),
    "thị trấn": ("commune",),
    "đặc khu": ("commune",),
    "any": ("province", "district", "commune"),
}
# Numbered units ("Quận 1", "Phường 5", "Phường IV") are official wherever numbers are used.
_NUMBERED_RE = re.compile(r"(?:\d{1,2}[A-Za-z]?|[IVX]{1,4})")
_NUMBERED_WORDS = frozenset({"quận", "phường", "thành phố"})
_PAREN_RE = re.compile(r"\s*\([^)]*\)")
_TYPE_PREFIX_RE = re.compile(r"^(?:quận|phường|huyện|xã|thị\s+xã|thị\s+trấn)\s+(?=\d)", re.I)
# Common forms the dataset's short names do not spell out.
_PROVINCE_ALIASES = ("Thừa Thiên Huế", "Bà Rịa Vũng Tàu", "Bà Rịa", "HCM", "Sài Gòn")

_PATH_OVERRIDE: list[Path | None] = [None]
_ON_RELOAD: list = []  # cache_clear of callers' caches that depend on the sets
_STATE: dict[str, object] = {}


def _dataset_path() -> Path | None:
    if _PATH_OVERRIDE[0] is not None:
        return _PATH_OVERRIDE[0]
    try:
        # The package's location without importing it (its import loads pandas: slow).
        spec = importlib.util.find_spec("vietnamadminunits")
        if spec is None or not spec.submodule_search_locations:
            return None
        return Path(list(spec.submodule_search_locations)[0]) / "data" / "dataset.db"
    except (ImportError, ValueError):
        return None


def _add(target: set[str], name: str | None) -> None:
    if not name:
        return
    name = _PAREN_RE.sub("", name).strip()
    name = _TYPE_PREFIX_RE.sub("", name)
    if not name:
        return
    target.add(fold(name))
    if " - " in name:  # "Cam Ly - Đà Lạt": also the part before the dash
        target.add(fold(name.split(" - ")[0]))


def _dataset_rows(*queries: str) -> list[list[tuple]]:
    """Each query's rows from the package's dataset, opened read-only; OSError without it."""
    path = _dataset_path()
    if path is None or not path.is_file():
        raise OSError("no dataset")
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [con.execute(sql).fetchall() for sql in queries]
    finally:
        con.close()


def _load() -> dict[str, object] | None:
    if "sets" in _STATE:
        return _STATE["sets"]  # type: ignore[return-value]
    sets: dict[str, object] | None = None
    try:
        provinces, districts, communes = _dataset_rows(
            "SELECT DISTINCT provinceShort FROM admin_units_legacy "
            "UNION SELECT DISTINCT provinceShort FROM admin_units",
            "SELECT DISTINCT districtShort FROM admin_units_legacy",
            "SELECT DISTINCT wardShort FROM admin_units_legacy "
            "UNION SELECT DISTINCT wardShort FROM admin_units",
        )
        province: set[str] = set()
        district: set[str] = set()
        commune: set[str] = set()
        names: dict[str, str] = {}
        for (p,) in provinces:
            _add(province, p)
            if p:
                names.setdefault(_domain_key(p), p)
        for (d,) in districts:
            _add(district, d)
        for (w,) in communes:
            _add(commune, w)
        for alias in _PROVINCE_ALIASES:
            _add(province, alias)
        names.setdefault("thuathienhue", "Thừa Thiên Huế")
        names.setdefault("bariavungtau", "Bà Rịa - Vũng Tàu")
        names.setdefault("hochiminh", "Hồ Chí Minh")
        if not (province and district and commune):
            raise ValueError("empty dataset")
        sets = {
            "province": frozenset(province),
            "district": frozenset(district),
            "commune": frozenset(commune),
            "province_names": names,
        }
    except (OSError, sqlite3.Error, ValueError):
        sets = None
    _STATE["sets"] = sets
    return sets


def reload(path: str | Path | None = None) -> None:
    """Forget the loaded sets (tests: ``reload("/missing")`` exercises the fallback)."""
    _PATH_OVERRIDE[0] = Path(path) if path is not None else None
    _STATE.clear()
    _prefix_len.cache_clear()
    for clear in _ON_RELOAD:
        clear()


def on_reload(clear) -> None:
    """Register a cache to be cleared when the sets are reloaded."""
    _ON_RELOAD.append(clear)


def available() -> bool:
    return _load() is not None


@functools.lru_cache(maxsize=8192)
def _prefix_len(word: str, name: str) -> int | None:
    sets = _load()
    if sets is None:
        return None
    tokens = name.split()
    levels = LEVEL_SETS.get(word)
    if levels is None or not tokens:
        return 0
    if word in _NUMBERED_WORDS and _NUMBERED_RE.fullmatch(tokens[0]):
        return 1
    for n in range(min(len(tokens), 5), 0, -1):
        key = fold(" ".join(tokens[:n]))
        if any(key in sets[level] for level in levels):  # type: ignore[operator]
            return n
    return 0


def official_prefix(word: str, tokens: Sequence[str]) -> int | None:
    """How many of ``tokens`` (capitalised words after the level word ``word``) form the
    longest official name of a unit of that level: 0 for none, None without the dataset."""
    return _prefix_len(word, " ".join(tokens))


def province_name(name: str) -> str | None:
    """``name`` when it is (or starts with) a province's official name; None otherwise or
    without the dataset. The text's own spelling is kept."""
    tokens = name.split()
    n = official_prefix("tỉnh", tokens)
    return " ".join(tokens[:n]) if n else None


def province_from_domain(label: str) -> str | None:
    """The province a newspaper's domain names ("baoquangngai" → "Quảng Ngãi"), or None."""
    sets = _load()
    if sets is None:
        return None
    key = _domain_key(label)
    if key.startswith("bao"):
        key = key[3:]
    return sets["province_names"].get(key)  # type: ignore[union-attr]


def district_from_domain(label: str, province: str) -> tuple[str, str] | None:
    """The district of ``province`` (before 2025) a portal's host label names ("tanyen" in
    "tanyen.bacgiang.gov.vn" → ("huyện", "Tân Yên"), "quan11" → ("quận", "11")), or None."""
    table = _domain_districts()
    if table is None:
        return None
    return table.get((_domain_key(province), _domain_key(label)))


def district_from_slug(slug: str, province: str) -> tuple[str, str] | None:
    """The district of ``province`` (before 2025) a headline's address opens with, its level
    word or not ("chu-pah-ket-nap-32-…", "huyen-tan-yen-…", "quan-11-…"), or None."""
    table = _domain_districts()
    if not table:
        return None
    tokens = slug.lower().split("-")[:6]
    skip = next((len(w) for w in _SLUG_LEVEL_WORDS if tokens[: len(w)] == w), 0)
    for start in dict.fromkeys((0, skip)):
        for n in range(4, 0, -1):
            key = "".join(tokens[start : start + n])
            if len(key) >= 4 and (found := table.get((_domain_key(province), key))):
                return found
    return None


_SLUG_LEVEL_WORDS = (["huyen"], ["quan"], ["thi", "xa"], ["thanh", "pho"], ["tp"])


def _domain_key(name: str) -> str:
    """A name as a web address writes it: folded, without spaces ("Tân Yên" → "tanyen")."""
    return fold(name).replace(" ", "")


def _domain_districts() -> dict[tuple[str, str], tuple[str, str]] | None:
    """(folded province, folded district name without spaces) → (level word, name). Loaded
    on first use: only pages from a province's or a district's site ask."""
    if "domain_districts" in _STATE:
        return _STATE["domain_districts"]  # type: ignore[return-value]
    table: dict[tuple[str, str], tuple[str, str]] | None = {}
    try:
        (rows,) = _dataset_rows(
            "SELECT DISTINCT provinceShort, district, districtShort FROM admin_units_legacy"
        )
        for province, district, short in rows:
            if not (province and district and short):
                continue
            word = _DISTRICT_WORD_RE.match(district)
            if word is None:
                continue
            level_word = " ".join(word.group(0).lower().split())
            name = short[len(word.group(0)) :].strip() if _TYPE_PREFIX_RE.match(short) else short
            key = (_domain_key(province), _domain_key(short))
            table[key] = (level_word, name)  # type: ignore[index]
    except (OSError, sqlite3.Error):
        table = None
    _STATE["domain_districts"] = table
    return table


_DISTRICT_WORD_RE = re.compile(r"(?:Huyện|Quận|Thị\s+xã|Thành\s+phố)\s+", re.IGNORECASE)


def _parents() -> dict[tuple[str, str], frozenset[str]] | None:
    """(level, folded name) → the provinces a district or commune of that name lies in, in
    either era. Loaded on first use: only articles that never name their province ask."""
    if "parents" in _STATE:
        return _STATE["parents"]  # type: ignore[return-value]
    parents: dict[tuple[str, str], set[str]] = {}
    queries = (
        ("district", "SELECT DISTINCT provinceShort, districtShort FROM admin_units_legacy"),
        ("commune", "SELECT DISTINCT provinceShort, wardShort FROM admin_units_legacy"),
        ("commune", "SELECT DISTINCT provinceShort, wardShort FROM admin_units"),
    )
    try:
        results = _dataset_rows(*(sql for _, sql in queries))
        for (level, _), rows in zip(queries, results, strict=True):
            for province, name in rows:
                if province and name:
                    key = fold(_TYPE_PREFIX_RE.sub("", _PAREN_RE.sub("", name).strip()))
                    parents.setdefault((level, key), set()).add(province)
        result = {k: frozenset(v) for k, v in parents.items()}
    except (OSError, sqlite3.Error):
        result = None
    _STATE["parents"] = result
    return result


def provinces_of(level: str, name: str) -> frozenset[str]:
    """The provinces a district or commune called ``name`` lies in (empty when unknown)."""
    parents = _parents()
    if parents is None:
        return frozenset()
    return parents.get((level, fold(name)), frozenset())
