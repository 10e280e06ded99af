"""The CSV the database writes (`dashboard.csv_sql`) is the CSV Python writes, byte for byte.

Each export moved to the database is requested twice: as served, and with its rows written in
Python (`csv_export.csv_lines`, the path before). The data tries to break the SQL twin: names,
titles and URLs that start like formulas or hold quotes, commas, newlines and tone marks;
decimals; percentages that Python and SQL round differently (1.45 is stored just below, 0.25
exactly on the half); dates on the first and last day of the year and in a leap year; rows shown
from their own report, from their sub-organisations' sum, or carried by share from the units
they replaced (4.5 rounds to 5, not to 4). Both databases run it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse
from django.utils.translation import override
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard import csv_sql, exports
from dashboard.csv_sql import Dialect, _crlf
from recruitment.extraction.vocabulary import REFORM_DATE
from recruitment.models import (
    Article,
    FigureMetric,
    Level,
    Membership,
    Organisation,
    Succession,
    TargetMetric,
)
from recruitment.periods import Period
from recruitment.progress import PaceStatus, pace_status
from recruitment.selectors.progress import _whole
from recruitment.services.organisations import organisation_save
from recruitment.services.reported import figure_create, target_create

LAST_OLD_DAY = REFORM_DATE - dt.timedelta(days=1)
HOSTILE = [
    '=HYPERLINK("http://evil")',
    "+1",
    "-1",
    "@SUM(A1)",
    "\tTab",
    "\rCR",
    'Tỉnh "Ngoặc", có phẩy',
    "Xuống\ndòng",
    "Xuống\r\ndòng CRLF",
    "Đắk Lắk; Bà Rịa – Vũng Tàu",
    '""',
    "'đã có nháy",
]


def _org(name: str, level: str, parent=None, *, short=None, old=False, new=False):
    return organisation_save(
        organisation=Organisation(
            name=name,
            short_name=short or name,
            level=level,
            parent=parent,
            valid_until=LAST_OLD_DAY if old else None,
            valid_from=REFORM_DATE if new else None,
        )
    )


def _year(year: int, end: dt.date | None = None) -> dict:
    return {
        "period_start": dt.date(year, 1, 1),
        "period_end": end or dt.date(year, 12, 31),
    }


def _figure(org, value, year, *, end=None, source=None, metric=FigureMetric.ADMITTED):
    figure_create(organisation=org, metric=metric, value=value, source=source, **_year(year, end))


def _admitted(org, value, year, *, end=None, source=None):
    _figure(org, value, year, end=end, source=source)


def _percent(org, value, year, *, end=None, source=None):
    _figure(org, value, year, end=end, source=source, metric=FigureMetric.PERCENT_OF_TARGET)


def _target(org, value, year, *, derived=False, source=None):
    target_create(
        organisation=org,
        metric=TargetMetric.ADMITTED,
        value=value,
        derived=derived,
        source=source,
        **_year(year),
    )


@pytest.fixture
def hostile(db):
    """Provinces named like formulas, districts of every kind of row in 2022-2024, communes
    whose sums their district shows, and a reformed province carrying split communes."""
    articles = [
        Article.objects.create(title=title, text=f"bài {i}", url=None)
        for i, title in enumerate(HOSTILE)
    ]
    articles.append(Article.objects.create(title="", text="không tiêu đề", url=None))
    articles.append(
        Article.objects.create(
            title="Có địa chỉ", text="có url", url='https://báo.vn/bài-viết?a=1,2&b="x"'
        )
    )
    provinces = [
        _org(f"Đảng bộ {name}", Level.PROVINCE, short=name, old=True) for name in HOSTILE[:8]
    ]
    first = provinces[0]
    # (admitted, end, stated %, target, derived): each district a different kind of row.
    cases = [
        (207, dt.date(2022, 9, 20), None, 201, True),
        (Decimal("12.5"), dt.date(2022, 6, 30), Decimal("1.45"), Decimal("862.07"), False),
        (3, dt.date(2022, 12, 31), Decimal("0.25"), 1200, False),
        (5, dt.date(2022, 1, 1), Decimal("0.15"), None, False),
        (None, None, Decimal("99.95"), 40, False),
        (None, None, None, Decimal("300.50"), True),
        (29, dt.date(2022, 7, 2), None, 20, False),
        (1, dt.date(2022, 3, 31), None, 3, False),
        (2, dt.date(2022, 11, 30), None, 3, False),
        (50, dt.date(2022, 12, 31), Decimal("100.05"), 50, False),
        (10, dt.date(2022, 6, 30), Decimal("0.05"), 9000, False),
        (0, dt.date(2022, 6, 30), None, 10, False),
    ]
    for i, (admitted, end, stated, target, derived) in enumerate(cases):
        parent = provinces[i % len(provinces)]
        district = _org(
            f"Đảng bộ huyện {HOSTILE[i % len(HOSTILE)]} {i}", Level.DISTRICT, parent, old=True
        )
        source = articles[i % len(articles)]
        other = articles[(i + 3) % len(articles)]
        if admitted is not None:
            _admitted(district, admitted, 2022, end=end, source=source)
        if stated is not None:
            _percent(district, stated, 2022, end=end or dt.date(2022, 6, 30), source=other)
        if target is not None:
            _target(district, target, 2022, derived=derived)
        _admitted(district, 10 + i, 2024, end=dt.date(2024, 2, 29), source=other)
        _target(district, 40, 2024)
    # A district that reported nothing itself: its communes' sum is shown.
    summed = _org("Đảng bộ huyện Cộng", Level.DISTRICT, first, old=True)
    for i, (count, target) in enumerate([(9, 20), (Decimal("4.25"), None), (7, 7)]):
        commune = _org(f"Xã {HOSTILE[i]} {i}", Level.COMMUNE, summed, old=True)
        _admitted(commune, count, 2022, end=dt.date(2022, 8, 31), source=articles[i])
        if target is not None:
            _target(commune, target, 2022)
    _target(summed, 50, 2023)
    # The reform: two old communes split by share into two new ones.
    new_province = _org("Đảng bộ tỉnh =Mới", Level.PROVINCE, short="=Mới", new=True)
    split = _org("Xã Tách", Level.COMMUNE, first, old=True)
    whole = _org("Xã Nguyên", Level.COMMUNE, first, old=True)
    third = _org("Xã Ba phần", Level.COMMUNE, first, old=True)
    north = _org('Xã "Bắc", mới', Level.COMMUNE, new_province, new=True)
    south = _org("-Xã Nam", Level.COMMUNE, new_province, new=True)
    for old, new, share in [
        (split, north, 0.5),
        (split, south, 0.5),
        (whole, north, 1.0),
        (third, south, 1 / 3),
        (first, new_province, 1.0),
    ]:
        Succession.objects.create(
            predecessor=old,
            successor=new,
            share=share,
            effective=REFORM_DATE,
            approximate=share < 1,
        )
    for year in (2022, 2023):
        _admitted(split, 9, year, end=dt.date(year, 10, 15), source=articles[-1])
        _target(split, 9, year)
        _admitted(whole, 5, year, end=dt.date(year, 12, 31), source=articles[1])
        _target(whole, 7, year)
        _admitted(third, 10, year, end=dt.date(year, 5, 1))
    # A level the choices do not know, shown as stored (and neutralised).
    odd = _org("Tổ chức lạ", Level.CELL, first, old=True)
    Organisation.objects.filter(pk=odd.pk).update(level="=lạ")
    _admitted(odd, 3, 2022)
    return {"first": first, "new": new_province, "odd": odd, "summed": summed}


def _body(client, url: str, params: dict) -> bytes:
    response = client.get(url, params)
    assert response.status_code == 200, response.content[:500]
    return b"".join(response.streaming_content)


@pytest.fixture
def both_paths(monkeypatch):
    """The export as served, and as the Python rows would write it, for the same request."""
    statements = []
    statement = csv_sql.SqlRows.statement

    def counted(self):
        statements.append(self)
        return statement(self)

    monkeypatch.setattr(csv_sql.SqlRows, "statement", counted)

    def get(client, name: str, **params) -> tuple[bytes, bytes]:
        url = reverse(f"dashboard:{name}_csv")
        before = len(statements)
        served = _body(client, url, params)
        assert len(statements) > before, "not written by the database"
        original = exports.export_response
        with monkeypatch.context() as m:
            m.setattr(exports, "export_response", lambda **kw: original(**{**kw, "sql": None}))
            python = _body(client, url, params)
        return served, python

    return get


PROGRESS_REQUESTS = [
    {"year": 2022, "level": "district"},
    {"year": 2022, "level": "district", "everyone": "on", "sort": "-pct"},
    {"year": 2022, "level": "district", "sort": "status"},
    {"year": 2022, "level": "district", "sort": "-target"},
    {"year": 2022, "level": "district", "sort": "as_of"},
    {"year": 2022, "level": "district", "sort": "-parent_name"},
    {"year": 2022, "level": "commune", "everyone": "on"},
    {"year": 2022, "level": "province", "everyone": "on"},
    {"year": 2024, "level": "district"},
    {"year": 2023, "level": "commune", "boundaries": "current"},
    {"year": 2022, "level": "province", "boundaries": "current", "everyone": "on"},
]
REPORT_REQUESTS = [
    {"level": "district"},
    {"level": "commune"},
    {"level": "district", "year_from": 2021, "year_to": 2024},
    {"level": "commune", "boundaries": "current"},
    {"level": "province", "boundaries": "current"},
]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_progress_csv_written_by_the_database_is_the_python_one(
    hostile, admin_client, both_paths, language
):
    admin_client.cookies["django_language"] = language
    requests = [
        *PROGRESS_REQUESTS,
        {"year": 2022, "parent": hostile["first"].pk},
        {"year": 2023, "parent": hostile["new"].pk},
        {"year": 2022, "parent": hostile["summed"].pk},
    ]
    for params in requests:
        served, python = both_paths(admin_client, "progress", **params)
        assert served == python, params
        assert served.count(b"\r\n") > 1, params  # some rows, not only the header


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_report_csv_written_by_the_database_is_the_python_one(
    hostile, admin_client, both_paths, language
):
    admin_client.cookies["django_language"] = language
    requests = [
        *REPORT_REQUESTS,
        {"only": hostile["odd"].pk},
        {"organisation": hostile["first"].pk},
        {"organisation": hostile["summed"].pk},
    ]
    for params in requests:
        served, python = both_paths(admin_client, "report", **params)
        assert served == python, params
        assert served.count(b"\r\n") > 1, params


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_articles_csv_written_by_the_database_is_the_python_one(
    hostile, admin_client, both_paths, language
):
    admin_client.cookies["django_language"] = language
    for params in ({}, {"q": "ngoặc"}, {"q": "không có bài nào"}):
        served, python = both_paths(admin_client, "articles", **params)
        assert served == python, params


def _rows(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def test_the_file_is_what_the_cells_say(hostile, admin_client, both_paths):
    """Not only equal: right. A formula start is neutralised, a newline inside a quoted name
    kept as it is, halves rounded as Python rounds the float, carried counts as people do."""
    served, _ = both_paths(admin_client, "progress", year=2022, level="district", everyone="on")
    text = served.decode("utf-8")
    assert text.startswith("\ufeffTổ chức đảng,Cấp,Cấp trên,Năm,")
    assert '\r\n"Đảng bộ huyện Xuống\ndòng 7",' in text
    assert '\r\n"Đảng bộ huyện Xuống\r\ndòng CRLF 8",' in text
    header, *rows = _rows(served)
    assert len(rows) == 13 and all(len(row) == len(header) for row in rows)
    assert not any(value.startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows for value in r)
    shown = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    percent = header[7]
    assert shown["Đảng bộ huyện +1 1"][percent] == "1.4"  # 1.45 is 1.4499999999999999556
    assert shown["Đảng bộ huyện -1 2"][percent] == "0.2"  # 0.25 exactly: to even
    assert shown["Đảng bộ huyện \tTab 4"][percent] == "100"  # 99.95 is just above
    assert shown["Đảng bộ huyện +1 1"][header[4]] == "862.07"
    assert shown["Đảng bộ huyện Cộng"][header[6]] == "20.25"
    assert shown['Đảng bộ huyện =HYPERLINK("http://evil") 0'][header[2]] == (
        '\'=HYPERLINK("http://evil")'
    )
    served, _ = both_paths(
        admin_client, "progress", year=2023, level="commune", boundaries="current"
    )
    header, *rows = _rows(served)
    carried = {row[0]: row for row in rows}
    # Half of 9 and a third of 10 (7.83), of 9 half the target (4.5 → 5, not to even 4).
    assert carried["'-Xã Nam"][4:8] == ["5", "0", "8", "174.1"]
    assert carried['Xã "Bắc", mới'][4:8] == ["12", "0", "10", "82.6"]
    assert carried["'-Xã Nam"][-3:] == ["2", "2", "1"]


def test_a_reader_of_one_subtree_gets_only_it_and_is_refused_others(
    hostile, client, django_user_model, both_paths
):
    user = django_user_model.objects.create_user("doc-gia", password="secret-pass-123")
    Membership.objects.create(user=user, organisation=hostile["first"])
    client.force_login(user)
    served, python = both_paths(client, "progress", year=2022, level="district", everyone="on")
    assert served == python
    rows = _rows(served)[1:]
    own = Organisation.objects.filter(parent=hostile["first"], level=Level.DISTRICT)
    assert {row[0] for row in rows} == set(own.values_list("name", flat=True))
    other = Organisation.objects.get(short_name="+1")
    assert client.get(reverse("dashboard:progress_csv"), {"parent": other.pk}).status_code == 400
    assert client.get(reverse("dashboard:report_csv"), {"only": other.pk}).status_code == 400
    assert client.get(reverse("dashboard:figures_csv", args=[other.pk])).status_code == 404


def test_a_client_leaving_early_leaves_the_connection_usable(transactional_db):
    """The client went away after two chunks: the rest is cancelled, the next query runs.
    (Autocommit, as a served request: a cancel inside a transaction aborts it.)"""
    rows = (
        "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000) "
        "SELECT i, 'Tổ chức thử' FROM n"
    )
    read = csv_sql._copy_blocks if connection.vendor == "postgresql" else csv_sql._fetched_lines
    chunks = read("default", rows, [])
    next(chunks)
    next(chunks)
    chunks.close()
    assert Organisation.objects.count() == 0
    # Gone while the last chunk was on its way: every row read, the end not yet.
    chunks = read("default", "SELECT 1, 'một'", [])
    chunk = next(chunks)
    assert "một" in (chunk.decode() if isinstance(chunk, bytes) else chunk)
    chunks.close()
    assert Organisation.objects.count() == 0


# --- the cell rules in SQL, against Python's, on many values ----------------------------------


def _select(expressions: list[str]) -> list:
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(expressions), [])
        return list(cursor.fetchone())


def _float(value: float) -> str:
    return f"CAST({value!r} AS double precision)"


TIES = [1.45, 0.25, 0.35, 0.75, 2.675, 0.05, 0.15, 99.95, 100.05, 85.65, 0.04999, 0.03125]
TIES += [0.0312499, 1e-9, 123456.75, 1e10 + 0.05, 4.5, 2.5, 0.5, 9.5, 0.49999999999999994]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.one_of(
            st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
            st.sampled_from(TIES),
            st.integers(-100_000, 100_000).map(lambda n: n / 20),
        ),
        min_size=1,
        max_size=25,
    )
)
def test_tenths_and_whole_are_pythons_rounding(db, values):
    d = Dialect(connection.vendor)
    values = [*values, *(-v for v in values)]
    expressions = []
    for value in values:
        expressions += [d.tenths(_float(value)), d.whole(_float(value))]
    got = _select(expressions)
    for i, value in enumerate(values):
        tenths, whole = got[2 * i], got[2 * i + 1]
        assert tenths == round(round(value, 1) * 10), value
        assert whole == _whole(value), value


def test_tenths_written_as_cell_writes_round(db):
    from dashboard.csv_export import cell

    d = Dialect(connection.vendor)
    values = [*TIES, 0.0, 103.0, 85.6, -0.5, -12.25, 7.0, 1e-300]
    got = _select([d.tenths_text(d.tenths(_float(v))) for v in values])
    assert got == [str(cell(round(v, 1))) for v in values]


def test_the_pace_status_in_sql_is_the_rule(db):
    d = Dialect(connection.vendor)
    rng = random.Random(9)
    labels = {status: status.value for status in PaceStatus}
    period = Period.year(2024)
    days = [None, dt.date(2024, 1, 1), dt.date(2024, 2, 29), dt.date(2024, 12, 31)]
    days += [dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(366)) for _ in range(20)]
    percents = [None, 0.0, 49.9, 50.0, 99.9, 100.0, 100.1, 1.45, 16.4, 16.5]
    percents += [round(rng.uniform(0, 120), 1) for _ in range(20)]
    cases = [(p, day) for p in percents for day in days]
    day_sql = (lambda day: f"DATE '{day}'") if d.postgres else (lambda day: f"'{day}'")
    expressions = []
    for percent, day in cases:
        tenths = "NULL" if percent is None else str(round(percent * 10))
        on = "NULL" if day is None else day_sql(day)
        if d.postgres and day is None:
            on = "CAST(NULL AS date)"
        expressions.append(
            d.pace_status(tenths, elapsed=d.elapsed_share(on, period=period), labels=labels)
        )
    got = _select(expressions)
    for (percent, day), status in zip(cases, got, strict=True):
        share = period.elapsed_share(day) if day else None
        expected = pace_status(percent_of_target=percent, elapsed_share=share)
        assert status == expected.value, (percent, day)


def test_crlf_ends_records_and_keeps_newlines_inside_quotes():
    csv_bytes = b'a,"x\ny",b\n"q""\n",c\nplain,,\n'
    expected = b'a,"x\ny",b\r\n"q""\n",c\r\nplain,,\r\n'
    for cut in range(len(csv_bytes) + 1):
        blocks = [csv_bytes[:cut], csv_bytes[cut:]]
        assert b"".join(_crlf(blocks)) == expected, cut
    pieces = [csv_bytes[i : i + 1] for i in range(len(csv_bytes))]
    assert b"".join(_crlf(pieces)) == expected


def test_headers_and_labels_follow_the_language(hostile, admin_client, both_paths):
    admin_client.cookies["django_language"] = "en"
    served, _ = both_paths(admin_client, "progress", year=2022, level="district")
    text = served.decode("utf-8")
    assert text.startswith("\ufeffParty organisation,Level,Parent,Year,")
    with override("en"):
        assert str(PaceStatus.ACHIEVED.label) in text
