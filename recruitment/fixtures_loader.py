"""Load non-territorial organisations (schools, enterprises...) from a small JSON file.

Django's ``loaddata`` needs primary keys or ``get_by_natural_key`` on the model; territorial
organisations get their primary keys from ``load_admin_units`` and differ between databases,
so these entries name their parent by official code instead::

    [{"name": "Đảng bộ Trường THPT Lộc Ninh", "short_name": "Trường THPT Lộc Ninh",
      "level": "grassroots", "parent_code": "2020:D:692",
      "valid_from": null, "valid_until": "2025-06-30", "aliases": ["THPT Lộc Ninh"]}]

An entry is identified by (name, parent), so loading the file again updates rather than
duplicates. Rows are saved one by one: there are few, and ``save()`` keeps ``path`` and history.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

from django.db import transaction

from .models import Level, Organisation

FIELDS = ("short_name", "level", "valid_from", "valid_until")


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _entry_values(entry: dict[str, Any]) -> dict[str, Any]:
    level = entry.get("level", Level.GRASSROOTS)
    if level not in Level.values:
        raise ValueError(f"{entry.get('name')!r}: unknown level {level!r}")
    return {
        "short_name": entry.get("short_name") or entry["name"],
        "level": level,
        "valid_from": _date(entry.get("valid_from")),
        "valid_until": _date(entry.get("valid_until")),
    }


def load_organisation_entries(entries: list[dict[str, Any]]) -> Counter:
    """Create or update the organisations described; returns created/updated/unchanged counts.

    Fails (and writes nothing) if a parent code is unknown: load the territory first.
    """
    counts: Counter = Counter()
    with transaction.atomic():
        for entry in entries:
            name = entry["name"]
            parent = None
            if entry.get("parent_code"):
                parent = Organisation.objects.filter(official_code=entry["parent_code"]).first()
                if parent is None:
                    raise ValueError(
                        f"{name!r}: parent {entry['parent_code']} not found "
                        "(run load_admin_units first)"
                    )
            values = _entry_values(entry)
            org = Organisation.objects.filter(name=name, parent=parent).first()
            if org is None:
                org = Organisation(name=name, parent=parent, **values)
                org.save()
                counts["created"] += 1
            elif any(getattr(org, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(org, k, v)
                org.save()
                counts["updated"] += 1
            else:
                counts["unchanged"] += 1
            org.add_aliases([name, values["short_name"], *entry.get("aliases", [])])
    return counts


def load_organisation_fixtures(path: str | Path) -> Counter:
    """Load a JSON file of organisation entries (see the module docstring for the format)."""
    entries = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(entries, list):
        raise ValueError(f"{path}: expected a JSON list of organisations")
    return load_organisation_entries(entries)
