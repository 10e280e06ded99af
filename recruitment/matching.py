"""Resolve how an article names an organisation ("Huyện ủy Tháp Mười") to an Organisation.

Lookups go through ``OrganisationAlias.key`` (indexed, accent- and case-insensitive), so a
mention costs a couple of indexed queries whatever the size of the tree. Candidates are then
ranked in Python, and there are only ever a few: the organisations sharing that exact name.

Ranking, most important first:

1. in force on the article's date (before 2025-07-01 the old tree, after it the new one);
2. related to ``within`` (the article's main organisation or province): inside it, an ancestor
   of it, in the same province, or in the province that took it over in 2025;
3. spelled with the same accents as the mention (keys fold "Tân Hòa" and "Tân Hoa" together).

Above the last two sits what staff taught: a mention they resolved by hand on the review page
(``LearnedMention``) ranks its organisation first for that key in the same province, whatever
level the extractor guessed.

``resolve_organisation`` only answers when the best candidate beats the runner-up: with
several "xã Tân Hòa" and nothing to tell them apart, None is safer than a guess.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from django.db.models import Exists, OuterRef
from django.utils import timezone

from .extraction.folding import fold
from .models import LearnedMention, Level, Organisation, OrganisationAlias

# Party forms → the administrative name the aliases hold. Applied to fold()ed text.
_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"^(ban thuong vu|ban chap hanh|bch|btv)\s+", ""),
        (r"^dang bo\s+", ""),
        (r"^dang uy\s+", ""),
        (r"^tinh uy\s+", "tinh "),
        (r"^thanh uy\s+", "thanh pho "),
        (r"^huyen uy\s+", "huyen "),
        (r"^quan uy\s+", "quan "),
        (r"^thi uy\s+", "thi xa "),
        (r"^tp\.?\s*", "thanh pho "),
        (r"^tx\.?\s*", "thi xa "),
        (r"^tt\.?\s*", "thi tran "),
    )
)
_STRIP = " \t\"'“”‘’.,;:()[]"

# Type words and the levels they can name.
_TYPE_LEVELS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("thanh pho ", (Level.PROVINCE, Level.DISTRICT)),
    ("tinh ", (Level.PROVINCE,)),
    ("huyen ", (Level.DISTRICT,)),
    ("quan ", (Level.DISTRICT,)),
    ("thi xa ", (Level.DISTRICT,)),
    ("thi tran ", (Level.COMMUNE,)),
    ("xa ", (Level.COMMUNE,)),
    ("phuong ", (Level.COMMUNE,)),
    ("dac khu ", (Level.COMMUNE,)),
)


def normalise(mention: str) -> str:
    """Key of the administrative name a mention stands for.

    "Huyện ủy Tháp Mười" → "huyen thap muoi"; "Ðảng bộ huyện Lộc Ninh" → "huyen loc ninh";
    "Đảng ủy xã Lộc Hiệp" → "xa loc hiep"; "Thành ủy Hà Nội" → "thanh pho ha noi".
    """
    key = fold(mention).strip(_STRIP)
    for _ in range(3):  # "Ban Thường vụ Đảng ủy xã X" needs more than one pass
        before = key
        for pattern, replacement in _REWRITES:
            key = pattern.sub(replacement, key)
        if key == before:
            break
    return key.strip(_STRIP)


def _accented(text: str) -> str:
    """Case- and space-folded text that keeps accents (Icelandic Ð read as Đ)."""
    text = text.replace("Ð", "Đ").replace("ð", "đ")
    return " ".join(unicodedata.normalize("NFC", text).casefold().split()).strip(_STRIP)


def _split_type(key: str) -> tuple[str, tuple[str, ...]]:
    """("huyen duc trong") → ("duc trong", (district,)); no type word → (key, ())."""
    for prefix, levels in _TYPE_LEVELS:
        if key.startswith(prefix) and len(key) > len(prefix):
            return key[len(prefix) :], levels
    return key, ()


def _root(path: str) -> str:
    return path.split("/", 1)[0]


def scope_of(within: Organisation | None) -> str:
    """The province a lesson is taught in: the root of ``within``'s path, "" without one."""
    return _root(within.path) if within is not None else ""


def mention_name(mention: str) -> str:
    """A mention as an alias's name: spaces folded and the quotes and brackets around it
    dropped, so that the alias's key is the key the matcher looks the mention up by."""
    return " ".join(mention.split()).strip(_STRIP)


def _scopes(within: Organisation | None) -> tuple[str, set[str]]:
    """The path of ``within`` and the provinces (root ids) it belongs to, before and after 2025."""
    if within is None:
        return "", set()
    roots = {_root(within.path)}
    successor = within.successor
    seen = {within.pk}
    while successor is not None and successor.pk not in seen:
        seen.add(successor.pk)
        roots.add(_root(successor.path))
        successor = successor.successor
    return within.path, roots


def _rank(
    candidate: Organisation,
    on: dt.date,
    within_path: str,
    within_roots: set[str],
    same_accents: bool,
    taught: bool,
) -> tuple[int, int, int, int]:
    in_force = int(candidate.is_in_force(on))
    closeness = 0
    if within_path:
        if candidate.path.startswith(within_path) or within_path.startswith(candidate.path):
            closeness = 3
        elif _root(candidate.path) in within_roots:
            closeness = 2
        elif candidate.successor_id and _root(candidate.successor.path) in within_roots:
            closeness = 1
    # In force first: a lesson taught before the 2025 reform must not bring back a dissolved unit.
    return in_force, int(taught), closeness, int(same_accents)


def _ranked(
    mention: str, level: str | None, on: dt.date | None, within: Organisation | None
) -> list[tuple[tuple[int, int, int, int], Organisation]]:
    raw = fold(mention).strip(_STRIP)
    key = normalise(mention)
    if not key:
        return []
    within_path, within_roots = _scopes(within)
    # Lessons are few: an EXISTS in the alias query itself costs no extra round trip.
    lessons = LearnedMention.objects.filter(
        organisation=OuterRef("organisation_id"),
        key__in={raw, key},
        scope__in=within_roots or {""},
    )
    aliases = OrganisationAlias.objects.select_related("organisation__successor").annotate(
        taught=Exists(lessons)
    )
    hits = list(aliases.filter(key__in={raw, key}))
    if level:
        # Staff may have placed the mention at another level than the extractor guessed. The
        # level is checked here rather than in SQL: an OR with the EXISTS made every lookup of
        # an import slower (bench/import_speed.py), and namesakes at other levels are few.
        hits = [a for a in hits if a.taught or a.organisation.level == level]
    if not hits:
        # The type word may be out of date ("thị trấn" became "xã"): try the bare name, but
        # only among levels the type word can name.
        bare, levels = _split_type(key)
        if levels and (level is None or level in levels):
            hits = list(
                aliases.filter(key=bare, organisation__level__in=[level] if level else levels)
            )
    if not hits:
        return []
    spelled = _accented(mention)
    found: dict[int, Organisation] = {}
    accents: dict[int, bool] = {}
    taught: dict[int, bool] = {}
    for alias in hits:
        found[alias.organisation_id] = alias.organisation
        name = _accented(alias.name)
        same = spelled == name or spelled.endswith(" " + name)
        accents[alias.organisation_id] = accents.get(alias.organisation_id, False) or same
        taught[alias.organisation_id] = alias.taught
    on = on or timezone.localdate()
    ranked = [
        (_rank(o, on, within_path, within_roots, accents[pk], taught[pk]), o)
        for pk, o in found.items()
    ]
    ranked.sort(key=lambda item: (item[0], -item[1].pk), reverse=True)
    return ranked


def match_candidates(
    mention: str,
    level: str | None,
    on: dt.date | None,
    within: Organisation | None = None,
    limit: int = 5,
) -> list[Organisation]:
    """Organisations the mention may name, best first (for a reviewer to choose from)."""
    return [org for _, org in _ranked(mention, level, on, within)[:limit]]


def resolve_organisation(
    mention: str,
    level: str | None,
    on: dt.date | None,
    within: Organisation | None = None,
) -> Organisation | None:
    """The organisation the mention names on that day, or None if unknown or ambiguous."""
    ranked = _ranked(mention, level, on, within)
    if not ranked:
        return None
    if len(ranked) > 1 and ranked[0][0] == ranked[1][0]:
        return None
    return ranked[0][1]
