"""Build the territorial backbone of the organisation tree from `vietnamadminunits`.

Two trees are loaded side by side, because figures are reported against whichever one was in
force when an article was written:

* until 2025-06-30: 63 provinces, 696 districts and 10,035 communes (five island districts had
  no commune level), ``valid_until = 2025-06-30``;
* from 2025-07-01: 34 provinces and 3,321 communes directly under them (the district level was
  abolished), ``valid_from = 2025-07-01``.

Every old unit points at its ``successor`` in the new tree, so figures can be carried forward.
The mapping comes from the tables behind the package's converter (``converter_2025``) rather
than from calling ``convert_address`` once per commune: the converter itself only looks keys up
in those tables, and reading them directly is both 100x faster and lets us see which old
communes were split between several new ones (the converter picks the "default" new commune
for those, and so do we).

Units are keyed on their official code with an era prefix (``2020:P:01``, ``2020:D:001``,
``2020:C:00001``, ``2025:P:01``, ``2025:C:00004``) because the 2025 codes reuse old numbers.
Loading is idempotent and uses bulk writes so the whole country loads in seconds.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache

from django.db import transaction
from django.db.models import Q, Value
from django.db.models.functions import Concat, Substr
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from .extraction.folding import fold
from .models import REFORM_2025, Level, Organisation, OrganisationAlias, Succession

OLD_ERA = "2020"
NEW_ERA = "2025"
LAST_DAY_OLD = REFORM_2025 - dt.timedelta(days=1)
BATCH_SIZE = 1000

# Administrative type (as it starts the official name) → the form used in party names, and the
# name of the unit's party committee ("Huyện ủy Kim Sơn").
UNIT_TYPES: dict[str, str] = {
    "Thành phố": "thành phố",
    "Tỉnh": "tỉnh",
    "Huyện": "huyện",
    "Quận": "quận",
    "Thị xã": "thị xã",
    "Thị trấn": "thị trấn",
    "Xã": "xã",
    "Phường": "phường",
    "Đặc khu": "đặc khu",
}
PROVINCE_COMMITTEE = {"Tỉnh": "Tỉnh ủy", "Thành phố": "Thành ủy"}
DISTRICT_COMMITTEE = {
    "Huyện": "Huyện ủy",
    "Quận": "Quận ủy",
    "Thị xã": "Thị ủy",
    "Thành phố": "Thành ủy",
}
# Names articles use that the dataset does not spell out, keyed by official code. The legacy
# table already calls Huế "Thành phố Huế" (centrally run from 2025-01-01), but most pre-2025
# articles say "Thừa Thiên Huế".
EXTRA_PROVINCE_ALIASES: dict[str, tuple[str, ...]] = {
    "2020:P:79": ("TP.HCM", "TPHCM", "TP HCM"),
    "2025:P:79": ("TP.HCM", "TPHCM", "TP HCM"),
    "2020:P:46": ("Tỉnh Thừa Thiên Huế", "Tỉnh ủy Thừa Thiên Huế", "Thừa Thiên Huế"),
}

# Fields the loader owns; anything else (population, user-added aliases) is left alone.
SYNCED_FIELDS = (
    "name",
    "short_name",
    "level",
    "parent",
    "valid_from",
    "valid_until",
    "successor",
    "latitude",
    "longitude",
)


@dataclass(frozen=True)
class Unit:
    """One administrative unit as the dataset describes it, ready to become an Organisation."""

    code: str
    level: str
    name: str
    short_name: str
    parent_code: str | None
    successor_code: str | None
    valid_from: dt.date | None
    valid_until: dt.date | None
    latitude: float | None
    longitude: float | None
    aliases: tuple[str, ...]


@dataclass
class LoadReport:
    """What a load did, per level: created / updated / unchanged, plus new aliases."""

    counts: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    aliases_created: int = 0
    split_communes: int = 0
    successions: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        parts = []
        for level in (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE):
            c = self.counts.get(level.value, Counter())
            parts.append(
                f"{level.value} {c['created']} created / {c['updated']} updated / "
                f"{c['unchanged']} unchanged"
            )
        s = self.successions
        return (
            "; ".join(parts)
            + f"; aliases {self.aliases_created} created"
            + f"; successions {s['created']} created / {s['updated']} updated / "
            f"{s['deleted']} deleted / {s['unchanged']} unchanged"
        )


# --- names ------------------------------------------------------------------------------------
def split_type(admin_name: str) -> tuple[str, str]:
    """("Huyện Kim Sơn") → ("Huyện", "Kim Sơn").

    The type is read from the name, not from the dataset's type columns: those disagree with
    the name in a handful of rows ("Thị trấn Ngọc Lặc" typed "Xã"), and the name is what
    articles and party documents use.
    """
    for prefix in sorted(UNIT_TYPES, key=len, reverse=True):
        if admin_name.startswith(prefix + " "):
            return prefix, admin_name[len(prefix) + 1 :].strip()
    return "", admin_name


def _names(admin_name: str, committees: dict[str, str] | str) -> tuple[str, str, tuple[str, ...]]:
    """Party name, short name and aliases of a unit from its administrative name.

    "Huyện Kim Sơn" → "Đảng bộ huyện Kim Sơn", "Kim Sơn", ("Huyện Kim Sơn", "Huyện ủy Kim Sơn",
    "Kim Sơn"). Numbered units ("Quận 1", "Phường 5") keep the type in the short name and get no
    bare alias: "5" alone names nothing.
    """
    unit_type, bare = split_type(admin_name)
    lowered = UNIT_TYPES.get(unit_type, unit_type.lower())
    numbered = bare.isdigit()
    short = admin_name if numbered or not unit_type else bare
    name = f"Đảng bộ {lowered} {bare}".replace("  ", " ")
    if isinstance(committees, str):
        committee = f"{committees} {lowered} {bare}"
    else:
        committee = f"{committees.get(unit_type, 'Đảng ủy')} {admin_name if numbered else bare}"
    aliases = [admin_name, committee, name]
    if not numbered:
        aliases.append(bare)
    return name, short, tuple(aliases)


def province_names(admin_name: str, official_code: str) -> tuple[str, str, tuple[str, ...]]:
    name, short, aliases = _names(admin_name, PROVINCE_COMMITTEE)
    return name, short, aliases + EXTRA_PROVINCE_ALIASES.get(official_code, ())


def district_names(admin_name: str) -> tuple[str, str, tuple[str, ...]]:
    return _names(admin_name, DISTRICT_COMMITTEE)


def commune_names(admin_name: str) -> tuple[str, str, tuple[str, ...]]:
    return _names(admin_name, "Đảng ủy")


def code(era: str, kind: str, number: str) -> str:
    return f"{era}:{kind}:{number}"


# --- reading the dataset ----------------------------------------------------------------------
@lru_cache(maxsize=2)
def _dataset_rows(table: str) -> list[dict]:
    """All rows of a dataset table (cached: the file ships with the package; treat as read-only)."""
    from vietnamadminunits.database import query

    return query(f"SELECT * FROM [{table}] ORDER BY provinceCode, wardCode")


@lru_cache(maxsize=1)
def _converter_tables() -> tuple[dict, dict, dict]:
    """The converter's lookup tables: old → new province, undivided and divided communes.

    Read from the package's data file (the same one ``converter_2025`` loads at import) without
    importing the converter, which would also load the address parser for nothing.
    """
    from importlib.resources import files

    data = json.loads(
        files("vietnamadminunits").joinpath("data/converter_2025.json").read_text("utf-8")
    )
    return (
        data["DICT_PROVINCE"],
        data["DICT_PROVINCE_WARD_NO_DIVIDED"],
        data["DICT_PROVINCE_WARD_DIVIDED"],
    )


@lru_cache(maxsize=1)
def _new_wards_by_old_key() -> dict[str, tuple[str, ...]]:
    """Old commune key ("tinhdongnai_huyenxuanloc_xaxuantam") → new commune codes it went to.

    One code for a commune that went whole to one new commune; several for a commune split
    between new communes, the converter's default first. Five island districts without communes
    appear with an empty commune part ("…_huyenlyson_") and map to their special zone.
    """
    _, undivided, divided = _converter_tables()
    new_ward_code = {
        (r["provinceKey"], r["wardKey"]): r["wardCode"] for r in _dataset_rows("admin_units")
    }
    result: dict[str, tuple[str, ...]] = {}
    for new_pkey, wards in undivided.items():
        for new_wkey, old_keys in wards.items():
            for old_key in old_keys:
                result[old_key] = (new_ward_code[(new_pkey, new_wkey)],)
    for new_pkey, olds in divided.items():
        for old_key, candidates in olds.items():
            ordered = sorted(candidates, key=lambda c: not c["isDefaultNewWard"])
            codes = (new_ward_code[(new_pkey, c["newWardKey"])] for c in ordered)
            result[old_key] = tuple(dict.fromkeys(codes))
    return result


def province_catalogue() -> tuple[dict[str, str], dict[str, str], dict[str, set[str]]]:
    """Old provinces (code → name), new provinces (code → name) and old code → new codes."""
    legacy = _dataset_rows("admin_units_legacy")
    new = _dataset_rows("admin_units")
    old_names = {r["provinceCode"]: r["province"] for r in legacy}
    new_names = {r["provinceCode"]: r["province"] for r in new}
    old_by_key = {r["provinceKey"]: r["provinceCode"] for r in legacy}
    new_by_key = {r["provinceKey"]: r["provinceCode"] for r in new}
    provinces, _, _ = _converter_tables()
    merges: dict[str, set[str]] = defaultdict(set)
    for new_key, old_keys in provinces.items():
        for old_key in old_keys:
            merges[old_by_key[old_key]].add(new_by_key[new_key])
    return old_names, new_names, merges


def select_provinces(names: Sequence[str]) -> tuple[set[str], set[str]]:
    """Old and new province codes to load for the names given (accent-insensitive).

    A name may be old or new ("Bình Phước", "tỉnh Đồng Nai"); each old province brings the new
    province it merged into and each new province the old ones merged into it, so successor
    links stay inside the loaded set.
    """
    old_names, new_names, merges = province_catalogue()

    def keys(admin_name: str) -> set[str]:
        return {fold(admin_name), fold(split_type(admin_name)[1])}

    old_codes: set[str] = set()
    new_codes: set[str] = set()
    unknown = []
    for raw in names:
        wanted = fold(raw)
        hits_old = {c for c, n in old_names.items() if wanted in keys(n)}
        hits_new = {c for c, n in new_names.items() if wanted in keys(n)}
        if not hits_old and not hits_new:
            unknown.append(raw)
        old_codes |= hits_old
        new_codes |= hits_new
    if unknown:
        raise ValueError(f"Unknown province(s): {', '.join(unknown)}")
    named_old, named_new = set(old_codes), set(new_codes)
    for old in named_old:
        new_codes |= merges[old]
    for old, news in merges.items():
        if news & named_new:
            old_codes.add(old)
    return old_codes, new_codes


def read_units(
    old_provinces: set[str] | None = None, new_provinces: set[str] | None = None
) -> tuple[list[Unit], int]:
    """All units to load, parents before children and the new tree before the old one.

    Returns the units and how many old communes were split between several new communes.
    With no province filter, the whole country.
    """
    legacy = _dataset_rows("admin_units_legacy")
    new = _dataset_rows("admin_units")
    provinces_map, _, _ = _converter_tables()
    new_province_code = {r["provinceKey"]: r["provinceCode"] for r in new}
    new_wards = _new_wards_by_old_key()
    # The converter's "default" new commune of a split one stays the single successor.
    old_to_new_ward = {old_key: wards[0] for old_key, wards in new_wards.items()}
    split = sum(1 for wards in new_wards.values() if len(wards) > 1)
    old_to_new_province = {
        old_key: new_province_code[new_key]
        for new_key, old_keys in provinces_map.items()
        for old_key in old_keys
    }
    new_ward_province = {r["wardCode"]: r["provinceCode"] for r in new}

    units: list[Unit] = []
    # New tree: provinces, then communes directly under them.
    new = [r for r in new if new_provinces is None or r["provinceCode"] in new_provinces]
    seen: set[str] = set()
    for r in new:
        if r["provinceCode"] in seen:
            continue
        seen.add(r["provinceCode"])
        name, short, aliases = province_names(r["province"], code(NEW_ERA, "P", r["provinceCode"]))
        units.append(
            Unit(
                code(NEW_ERA, "P", r["provinceCode"]),
                Level.PROVINCE,
                name,
                short,
                None,
                None,
                REFORM_2025,
                None,
                r["provinceLat"],
                r["provinceLon"],
                aliases,
            )
        )
    for r in new:
        name, short, aliases = commune_names(r["ward"])
        units.append(
            Unit(
                code(NEW_ERA, "C", r["wardCode"]),
                Level.COMMUNE,
                name,
                short,
                code(NEW_ERA, "P", r["provinceCode"]),
                None,
                REFORM_2025,
                None,
                r["wardLat"],
                r["wardLon"],
                aliases,
            )
        )

    # Old tree: provinces, districts, communes.
    legacy = [r for r in legacy if old_provinces is None or r["provinceCode"] in old_provinces]
    commune_successor: dict[str, str] = {}  # old ward code → new ward code
    district_successors: dict[str, Counter] = defaultdict(Counter)
    island_successor: dict[str, str] = {}
    for r in legacy:
        key = f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey'] or ''}"
        new_ward = old_to_new_ward.get(key)
        if r["wardCode"] is None:
            # Island districts without communes became special zones (đặc khu) of their own.
            if new_ward:
                island_successor[r["districtCode"]] = code(NEW_ERA, "C", new_ward)
            continue
        if new_ward:
            commune_successor[r["wardCode"]] = new_ward
            district_successors[r["districtCode"]][new_ward_province[new_ward]] += 1

    seen = set()
    for r in legacy:
        if r["provinceCode"] in seen:
            continue
        seen.add(r["provinceCode"])
        name, short, aliases = province_names(r["province"], code(OLD_ERA, "P", r["provinceCode"]))
        new_code = old_to_new_province.get(r["provinceKey"])
        units.append(
            Unit(
                code(OLD_ERA, "P", r["provinceCode"]),
                Level.PROVINCE,
                name,
                short,
                None,
                code(NEW_ERA, "P", new_code) if new_code else None,
                None,
                LAST_DAY_OLD,
                r["provinceLat"],
                r["provinceLon"],
                aliases,
            )
        )
    seen = set()
    for r in legacy:
        if r["districtCode"] in seen:
            continue
        seen.add(r["districtCode"])
        name, short, aliases = district_names(r["district"])
        votes = district_successors.get(r["districtCode"])
        if votes:
            # Majority, ties broken by code so reruns agree.
            best = min(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0]
            successor = code(NEW_ERA, "P", best)
        else:
            successor = island_successor.get(r["districtCode"])
        units.append(
            Unit(
                code(OLD_ERA, "D", r["districtCode"]),
                Level.DISTRICT,
                name,
                short,
                code(OLD_ERA, "P", r["provinceCode"]),
                successor,
                None,
                LAST_DAY_OLD,
                r["districtLat"],
                r["districtLon"],
                aliases,
            )
        )
    for r in legacy:
        if r["wardCode"] is None:
            continue
        name, short, aliases = commune_names(r["ward"])
        new_ward = commune_successor.get(r["wardCode"])
        units.append(
            Unit(
                code(OLD_ERA, "C", r["wardCode"]),
                Level.COMMUNE,
                name,
                short,
                code(OLD_ERA, "D", r["districtCode"]),
                code(NEW_ERA, "C", new_ward) if new_ward else None,
                None,
                LAST_DAY_OLD,
                r["wardLat"],
                r["wardLon"],
                aliases,
            )
        )
    return units, split


# --- succession shares ------------------------------------------------------------------------
@dataclass(frozen=True)
class Share:
    """One row of the succession table before it is written: who carries how much of whom."""

    predecessor_code: str
    successor_code: str
    share: Fraction
    approximate: bool


def _spread(parts: Sequence[dict[str, Fraction]]) -> tuple[dict[str, Fraction], bool]:
    """Add up the successor shares of equally weighted parts (the communes of a district).

    The dataset gives no area or population for old units, so each part weighs the same; the
    result is exact only when everything went to a single successor. Fractions keep the sums
    exact, so a district's shares add up to exactly 1 and a rerun computes the same floats.
    """
    total: dict[str, Fraction] = defaultdict(Fraction)
    for part in parts:
        for successor, share in part.items():
            total[successor] += share / len(parts)
    return dict(total), len(total) > 1


def read_successions(*, old_provinces: set[str] | None = None) -> list[Share]:
    """Who carries each old unit from 2025-07-01, and with what share.

    Shares come from the converter's own tables (``converter_2025.json``):

    * an old commune that went whole to one new commune: share 1, exact;
    * a commune split between several new communes (471 in the country): one row per new
      commune, equal shares, approximate. The converter lists each piece with
      ``newWardAreaKm2``, but that is the area of the whole new commune, not of the piece it
      received, and the dataset has neither area nor population for old units, so there is
      nothing sounder to weight by than equal parts;
    * an island district without communes: its special zone, share 1, exact;
    * an old district: the new communes of its communes, each commune weighing the same
      (approximate as soon as they went to more than one new commune);
    * an old province: the new province(s) of its communes, weighted the same way. Every old
      province went whole to one new province, so this gives share 1, exact; the weighting
      would only matter if a province were ever split.

    With ``old_provinces``, only those provinces' units; otherwise the whole country.
    """
    new_wards = _new_wards_by_old_key()
    new_province_of = {r["wardCode"]: r["provinceCode"] for r in _dataset_rows("admin_units")}
    shares: list[Share] = []
    # Per old district and province: the successor shares of each of its communes.
    district_parts: dict[str, list[dict[str, Fraction]]] = defaultdict(list)
    province_parts: dict[str, list[dict[str, Fraction]]] = defaultdict(list)
    for r in _dataset_rows("admin_units_legacy"):
        if old_provinces is not None and r["provinceCode"] not in old_provinces:
            continue
        wards = new_wards.get(f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey'] or ''}")
        if not wards:
            continue
        part = {ward: Fraction(1, len(wards)) for ward in wards}
        district_parts[r["districtCode"]].append(part)
        by_province: dict[str, Fraction] = defaultdict(Fraction)
        for ward, share in part.items():
            by_province[new_province_of[ward]] += share
        province_parts[r["provinceCode"]].append(by_province)
        if r["wardCode"] is None:
            continue  # an island district: its row comes with the districts below
        old = code(OLD_ERA, "C", r["wardCode"])
        shares.extend(
            Share(old, code(NEW_ERA, "C", ward), share, len(wards) > 1)
            for ward, share in part.items()
        )
    for district, parts in district_parts.items():
        total, approximate = _spread(parts)
        old = code(OLD_ERA, "D", district)
        shares.extend(
            Share(old, code(NEW_ERA, "C", ward), share, approximate)
            for ward, share in sorted(total.items())
        )
    for province, parts in province_parts.items():
        total, approximate = _spread(parts)
        old = code(OLD_ERA, "P", province)
        shares.extend(
            Share(old, code(NEW_ERA, "P", new), share, approximate)
            for new, share in sorted(total.items())
        )
    return shares


def load_successions(
    *, shares: Iterable[Share], effective: dt.date = REFORM_2025, batch_size: int = BATCH_SIZE
) -> Counter:
    """Write the succession rows of the predecessors in ``shares``; count what was done.

    Idempotent like ``load_units``: rows already right are not touched, so a second run writes
    nothing. Rows of these predecessors that the data no longer gives are deleted; other
    predecessors' rows (another province, or rows with another ``effective`` date) are left
    alone. A successor that is not in the database is skipped and counted, not guessed.
    """
    counts: Counter = Counter()
    pk_by_code = dict(
        Organisation.objects.filter(_territorial()).values_list("official_code", "pk")
    )
    wanted: dict[tuple[int, int], Share] = {}
    predecessors: set[int] = set()
    for share in shares:
        predecessor = pk_by_code.get(share.predecessor_code)
        if predecessor is None:
            raise ValueError(f"{share.predecessor_code}: not loaded")
        predecessors.add(predecessor)
        successor = pk_by_code.get(share.successor_code)
        if successor is None:
            counts["skipped"] += 1
        else:
            wanted[(predecessor, successor)] = share

    to_update: list[Succession] = []
    to_delete: list[int] = []
    # Filtered through the join rather than ``predecessor__in``: the whole country has more
    # predecessors than SQLite accepts as query parameters.
    existing = Succession.objects.filter(
        effective=effective, predecessor__official_code__startswith=f"{OLD_ERA}:"
    ).values_list("pk", "predecessor_id", "successor_id", "share", "approximate")
    for pk, predecessor, successor, stored_share, stored_approximate in existing:
        if predecessor not in predecessors:
            continue
        share = wanted.pop((predecessor, successor), None)
        if share is None:
            to_delete.append(pk)
        elif (stored_share, stored_approximate) != (float(share.share), share.approximate):
            to_update.append(
                Succession(pk=pk, share=float(share.share), approximate=share.approximate)
            )
        else:
            counts["unchanged"] += 1
    to_create = [
        Succession(
            predecessor_id=predecessor,
            successor_id=successor,
            share=float(share.share),
            approximate=share.approximate,
            effective=effective,
        )
        for (predecessor, successor), share in wanted.items()
    ]
    Succession.objects.bulk_create(to_create, batch_size=batch_size)
    Succession.objects.bulk_update(to_update, ["share", "approximate"], batch_size=batch_size)
    for start in range(0, len(to_delete), batch_size):
        Succession.objects.filter(pk__in=to_delete[start : start + batch_size]).delete()
    counts.update(created=len(to_create), updated=len(to_update), deleted=len(to_delete))
    return counts


# --- writing ----------------------------------------------------------------------------------
def _territorial() -> Q:
    return Q(official_code__startswith=f"{OLD_ERA}:") | Q(official_code__startswith=f"{NEW_ERA}:")


def load_units(units: Iterable[Unit], batch_size: int = BATCH_SIZE) -> LoadReport:
    """Create or update the organisations for ``units``, in one transaction.

    Units must come parents first and successors before their predecessors (``read_units``
    orders them so), letting each row be written once with its links already set. Rows are
    bulk-created with ``bulk_create_with_history`` so the audit trail starts with the load;
    changed rows go through ``bulk_update_with_history``; unchanged rows are not touched, so a
    second run writes nothing. ``path`` is not tracked by history and is written with a plain
    ``bulk_update`` once primary keys are known.
    """
    report = LoadReport()
    groups: dict[tuple[str, str], list[Unit]] = defaultdict(list)
    order: list[tuple[str, str]] = []
    for unit in units:
        group = (unit.code.split(":")[0], unit.level)
        if group not in groups:
            order.append(group)
        groups[group].append(unit)

    with transaction.atomic():
        by_code: dict[str, Organisation] = {
            o.official_code: o for o in Organisation.objects.filter(_territorial())
        }
        moved: list[tuple[str, str]] = []  # (old path, new path) of territorial rows that moved
        touched: list[tuple[Organisation, Unit]] = []
        for group in order:
            level = group[1]
            to_create: list[Organisation] = []
            to_update: list[Organisation] = []
            changed_fields: set[str] = set()
            rows: list[tuple[Organisation, Unit]] = []
            for unit in groups[group]:
                parent = by_code.get(unit.parent_code) if unit.parent_code else None
                if unit.parent_code and parent is None:
                    raise ValueError(f"{unit.code}: parent {unit.parent_code} not loaded")
                values = {
                    "name": unit.name,
                    "short_name": unit.short_name,
                    "level": unit.level,
                    "parent_id": parent.pk if parent else None,
                    "valid_from": unit.valid_from,
                    "valid_until": unit.valid_until,
                    "latitude": unit.latitude,
                    "longitude": unit.longitude,
                }
                successor = by_code.get(unit.successor_code) if unit.successor_code else None
                org = by_code.get(unit.code)
                if successor is not None or unit.successor_code is None:
                    # A successor outside the loaded subset keeps whatever link is stored.
                    values["successor_id"] = successor.pk if successor else None
                if org is None:
                    org = Organisation(official_code=unit.code, **values)
                    to_create.append(org)
                    report.counts[level]["created"] += 1
                else:
                    diff = [k for k, v in values.items() if getattr(org, k) != v]
                    if diff:
                        for k in diff:
                            setattr(org, k, values[k])
                        changed_fields.update(k.removesuffix("_id") for k in diff)
                        to_update.append(org)
                        report.counts[level]["updated"] += 1
                    else:
                        report.counts[level]["unchanged"] += 1
                rows.append((org, unit))
            if to_create:
                bulk_create_with_history(to_create, Organisation, batch_size=batch_size)
            if to_update:
                bulk_update_with_history(
                    to_update, Organisation, sorted(changed_fields), batch_size=batch_size
                )
            # Paths need the primary keys, known only now.
            new_paths = []
            for org, unit in rows:
                by_code[unit.code] = org
                parent_path = by_code[unit.parent_code].path if unit.parent_code else ""
                wanted = f"{parent_path}{org.pk}/"
                if org.path != wanted:
                    if org.path:
                        moved.append((org.path, wanted))
                    org.path = wanted
                    new_paths.append(org)
            Organisation.objects.bulk_update(new_paths, ["path"], batch_size=batch_size)
            touched.extend(rows)

        # Non-territorial organisations under a unit that moved follow it; deepest first so a
        # double move (commune and its district) composes.
        for old_path, new_path in sorted(moved, key=lambda m: -len(m[0])):
            Organisation.objects.filter(
                path__startswith=old_path, official_code__isnull=True
            ).update(path=Concat(Value(new_path), Substr("path", len(old_path) + 1)))

        report.aliases_created = _load_aliases(touched, batch_size)
    return report


def _load_aliases(rows: list[tuple[Organisation, Unit]], batch_size: int) -> int:
    """Add the aliases that are missing; never delete (editors may have added their own)."""
    existing = set(
        OrganisationAlias.objects.filter(
            organisation__in=Organisation.objects.filter(_territorial())
        ).values_list("organisation_id", "key")
    )
    new: list[OrganisationAlias] = []
    for org, unit in rows:
        for alias in unit.aliases:
            key = fold(alias)
            if key and (org.pk, key) not in existing:
                existing.add((org.pk, key))
                new.append(OrganisationAlias(organisation_id=org.pk, name=alias, key=key))
    OrganisationAlias.objects.bulk_create(new, batch_size=batch_size)
    return len(new)


def load_admin_units(provinces: Sequence[str] | None = None) -> LoadReport:
    """Load the whole country, or the named provinces and what they merge with.

    The organisations and the succession table are written in one transaction, so the table
    never points at a tree it does not match.
    """
    old_codes: set[str] | None = None
    new_codes: set[str] | None = None
    if provinces:
        old_codes, new_codes = select_provinces(provinces)
    units, split = read_units(old_codes, new_codes)
    with transaction.atomic():
        report = load_units(units)
        report.successions = load_successions(shares=read_successions(old_provinces=old_codes))
    report.split_communes = split
    return report
