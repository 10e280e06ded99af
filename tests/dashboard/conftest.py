"""Dashboard test data: the organisations, articles and figures of the real seed corpus.

`load_gold_seed()` is the one place that turns the hand-checked gold files into rows, so it can be
swapped for the real importer later without touching a test.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from recruitment.extraction.vocabulary import TARGET_OF
from recruitment.models import (
    Article,
    FigureMetric,
    Level,
    Membership,
    Organisation,
    Status,
    Target,
    TargetMetric,
)
from recruitment.periods import Period
from recruitment.services.organisations import organisation_save
from recruitment.services.reported import figure_create, target_create

# (key, name, short name, level, parent key, latitude, longitude)
ORGANISATIONS = [
    ("ninh-binh", "Đảng bộ tỉnh Ninh Bình", "Ninh Bình", Level.PROVINCE, None, 20.25, 105.97),
    ("binh-phuoc", "Đảng bộ tỉnh Bình Phước", "Bình Phước", Level.PROVINCE, None, 11.75, 106.72),
    ("dong-thap", "Đảng bộ tỉnh Đồng Tháp", "Đồng Tháp", Level.PROVINCE, None, 10.49, 105.69),
    ("thanh-hoa", "Đảng bộ tỉnh Thanh Hóa", "Thanh Hóa", Level.PROVINCE, None, 19.81, 105.78),
    ("khanh-hoa", "Đảng bộ tỉnh Khánh Hòa", "Khánh Hòa", Level.PROVINCE, None, 12.25, 109.19),
    ("kim-son", "Đảng bộ huyện Kim Sơn", "Kim Sơn", Level.DISTRICT, "ninh-binh", 20.04, 106.09),
    ("loc-ninh", "Đảng bộ huyện Lộc Ninh", "Lộc Ninh", Level.DISTRICT, "binh-phuoc", 11.84, 106.6),
    (
        "thap-muoi",
        "Đảng bộ huyện Tháp Mười",
        "Tháp Mười",
        Level.DISTRICT,
        "dong-thap",
        10.55,
        105.82,
    ),
    (
        "tp-thanh-hoa",
        "Đảng bộ thành phố Thanh Hóa",
        "Thành phố Thanh Hóa",
        Level.DISTRICT,
        "thanh-hoa",
        19.8,
        105.77,
    ),
    (
        "thpt-loc-ninh",
        "Đảng bộ Trường THPT Lộc Ninh",
        "Trường THPT Lộc Ninh",
        Level.GRASSROOTS,
        "loc-ninh",
        None,
        None,
    ),
    ("loc-hiep", "Đảng bộ xã Lộc Hiệp", "Lộc Hiệp", Level.COMMUNE, "loc-ninh", 11.9, 106.55),
]

# How each gold file names the organisation → our key.
GOLD_NAMES = {
    "huyện Kim Sơn": "kim-son",
    "Trường THPT Lộc Ninh": "thpt-loc-ninh",
    "xã Lộc Hiệp": "loc-hiep",
    "huyện Lộc Ninh": "loc-ninh",
    "tỉnh Khánh Hòa": "khanh-hoa",
    "huyện Tháp Mười": "thap-muoi",
    "thành phố Thanh Hóa": "tp-thanh-hoa",
}


def corpus_seeds() -> Path:
    return Path(os.environ.get("CORPUS_DIR") or settings.CORPUS_DIR) / "seeds"


# Headlines by seed (the pages open with site chrome and, in 001, spam); files not listed fall
# back to their name.
TITLES = {
    "000": "Kim Sơn hoàn thành vượt mức chỉ tiêu kết nạp đảng năm 2022",
    "001": "Nâng cao chất lượng phát triển đảng viên",
    "002": "Tăng cường lãnh đạo, chỉ đạo công tác phát triển đảng viên",
    "003": "Hội nghị trực tuyến chuyên đề công tác phát triển đảng viên đến năm 2025",
    "004": "Trong 2 tháng đầu năm thành phố kết nạp được 231 đảng viên mới",
}


def _title(stem: str) -> str:
    return TITLES.get(stem[:3], stem)


def _derived_period(period: Period) -> Period | None:
    """The plan a stated % refers to: the calendar year for a year-to-date figure, the term for a
    figure counted from the start of a term."""
    if period.start.month == 1 and period.start.day == 1:
        if period.start.year == period.end.year:
            return Period.year(period.start.year)
        return Period.term_containing(period.start)
    return None


def load_gold_seed() -> dict[str, Organisation]:
    """Build the organisations, one Article per seed, and its accepted figures and targets.

    Also derives the admission target where a count and a % of target are stated for the same
    period (207 at 103 % → ≈ 201, derived=True), as the importer does; never over a stated one.
    """
    seeds = corpus_seeds()
    gold_files = sorted(seeds.glob("*.gold.json")) if seeds.is_dir() else []
    if not gold_files:
        print(f"SKIP: no gold files under {seeds} (set CORPUS_DIR)")
        pytest.skip(f"seed corpus not found at {seeds}; set CORPUS_DIR")

    orgs: dict[str, Organisation] = {}
    for key, name, short, level, parent, lat, lon in ORGANISATIONS:
        orgs[key] = organisation_save(
            organisation=Organisation(
                name=name,
                short_name=short,
                level=level,
                parent=orgs[parent] if parent else None,
                latitude=lat,
                longitude=lon,
            )
        )

    for gold_path in gold_files:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (seeds / gold["article"]).read_text(encoding="utf-8")
        published = dt.date.fromisoformat(gold["published"]) if gold.get("published") else None
        article = Article.objects.create(
            title=_title(gold_path.stem), text=text, published=published
        )
        stated: dict[tuple, dict[str, Decimal]] = {}
        for item in gold["figures"]:
            org = orgs[GOLD_NAMES[item["organisation"]]]
            common = dict(
                organisation=org,
                period_start=dt.date.fromisoformat(item["period_start"]),
                period_end=dt.date.fromisoformat(item["period_end"]),
                value=Decimal(str(item["value"])),
                source=article,
                quote=item["quote"],
                status=Status.ACCEPTED,
            )
            if item["metric"] in TARGET_OF:
                target_create(metric=TARGET_OF[item["metric"]], **common)
                continue
            at = text.find(item["quote"])
            figure_create(
                metric=item["metric"],
                quote_start=at if at >= 0 else None,
                quote_end=at + len(item["quote"]) if at >= 0 else None,
                **common,
            )
            key = (org.pk, common["period_start"], common["period_end"])
            stated.setdefault(key, {})[item["metric"]] = common["value"]

        for (org_pk, start, end), values in stated.items():
            admitted = values.get(FigureMetric.ADMITTED)
            pct = values.get(FigureMetric.PERCENT_OF_TARGET)
            plan = _derived_period(Period(start, end))
            if admitted is None or not pct or plan is None:
                continue
            exists = Target.objects.filter(
                organisation_id=org_pk,
                metric=TargetMetric.ADMITTED,
                period_start=plan.start,
                period_end=plan.end,
                status=Status.ACCEPTED,
            ).exists()
            if not exists:
                target_create(
                    organisation=Organisation.objects.get(pk=org_pk),
                    metric=TargetMetric.ADMITTED,
                    period_start=plan.start,
                    period_end=plan.end,
                    value=(admitted * 100 / pct).quantize(Decimal(1)),
                    derived=True,
                    source=article,
                    status=Status.ACCEPTED,
                )
    return orgs


@pytest.fixture
def gold(db) -> dict[str, Organisation]:
    return load_gold_seed()


@pytest.fixture
def gold_live(transactional_db) -> dict[str, Organisation]:
    """The same data for the live server, which reads it from another connection."""
    return load_gold_seed()


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def viewer(django_user_model):
    """A logged-in reader who is not staff, of the central office (a national membership)."""
    user = django_user_model.objects.create_user("reader", password="secret-pass-123")
    Membership.objects.create(user=user, organisation=None)
    return user


@pytest.fixture
def viewer_client(client, viewer):
    client.force_login(viewer)
    return client
