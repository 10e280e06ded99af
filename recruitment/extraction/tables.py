"""Tables flattened into tab-separated lines: a head line names the columns, rows follow.

"STT\tĐơn vị\tChỉ tiêu\tĐã kết nạp\tTỷ lệ" then "1\tHuyện A\t120\t126\t105%": each row
gives its unit's plan, admissions and share, for the period the text above the table names.
"""

from __future__ import annotations

import datetime
import re

from . import confidence, numbers, organisations, periods
from .candidates import Candidate
from .text import Text

# Column heads of an admissions table, lower-cased: the plan, the admitted, the share.
_TABLE_HEADS = (
    (re.compile(r"(?:tên\s+)?đơn\s+vị|địa\s+phương|đảng\s+bộ(?:\s+trực\s+thuộc)?"), "unit"),
    (re.compile(r"(?:chỉ\s+tiêu|kế\s+hoạch)(?:\s+(?:giao|kết\s+nạp|năm(?:\s+\d{4})?))?"), "target"),
    (re.compile(r"(?:đã\s+|số\s+(?:đảng\s+viên\s+)?)?kết\s+nạp|kết\s+quả"), "admitted"),
    (re.compile(r"(?:tỷ\s+lệ|tỉ\s+lệ)(?:\s+đạt)?(?:\s*\(%\))?|%|đạt\s*\(?%\)?"), "percent"),
)


def table_columns(line: str) -> dict | None:
    """Column map of a table head line ("STT\tĐơn vị\tChỉ tiêu\tĐã kết nạp\tTỷ lệ"):
    a unit column and an admitted column at least; any other head is ignored."""
    cells = [c.strip().lower() for c in line.split("\t")]
    if len(cells) < 3:
        return None
    cols: dict = {"n": len(cells)}
    for i, cell in enumerate(cells):
        for rx, name in _TABLE_HEADS:
            if rx.fullmatch(cell):
                if name == "unit":
                    cols.setdefault("unit", i)
                elif name not in cols.values():
                    cols[i] = name
                break
    if "unit" not in cols or "admitted" not in cols.values():
        return None
    return cols


def table_row(
    cols: dict,
    a: int,
    b: int,
    *,
    text: Text,
    carried: periods.PeriodMention | None,
    context: periods.PeriodContext,
) -> list[Candidate] | None:
    """Figures of one row under a table head ("1\tHuyện A\t120\t126\t105%"), read with
    the period the text above the table names; None when the line is no such row.

    ``context`` holds the article's publication date, as-of date and term."""
    cells = text.work[a:b].split("\t")
    if len(cells) != cols["n"]:
        return None
    org = organisations.parse_org(cells[cols["unit"]])
    if org is None or not org.level or carried is None or context.published is None:
        return [] if org is not None else None
    rng = periods.resolve(carried, context)
    if rng is None:
        return []
    if carried.kind in periods.MOMENT_KINDS:
        rng = (datetime.date(rng[1].year, 1, 1), rng[1])
    out = []
    pos = a
    for i, cell in enumerate(cells):
        metric = cols.get(i)
        m = numbers.TABLE_NUMBER_RE.fullmatch(cell.strip())
        cell_start = pos
        pos += len(cell) + 1
        if not isinstance(metric, str) or m is None or (metric == "percent") != bool(m[2]):
            continue
        if metric == "percent":
            metric = "percent_of_target"
        vs = cell_start + cell.index(m[1])
        oa, ob = text.span(a, b)
        va, vb = text.span(vs, vs + len(m[1]))
        out.append(
            Candidate(
                organisation=org.display,
                org_level=org.level,
                metric=metric,
                period_start=rng[0],
                period_end=rng[1],
                period_label=carried.label,
                value=numbers.parse_number(m[1]),
                quote=text.original[oa:ob],
                start=oa,
                end=ob,
                value_start=va,
                value_end=vb,
                confidence=confidence.SCORES[confidence.TABLE_ROW],
                reason=confidence.TABLE_ROW,
            )
        )
    return out
