"""The map page's chart: a chartjs-chart-geo bubbleMap on Vietnam's vendored outline."""

import json
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from tests.dashboard.test_dash_pages import chart_data

ARCHIPELAGOS = [
    {"name": "Quần đảo Hoàng Sa", "longitude": 112.0, "latitude": 16.5},
    {"name": "Quần đảo Trường Sa", "longitude": 114.0, "latitude": 10.0},
]


def map_chart(client, **params):
    response = client.get(reverse("dashboard:map"), params)
    assert response.status_code == 200
    return chart_data(response, "map-chart-data")


def test_map_is_a_bubble_map_on_vietnams_outline(gold, viewer_client):
    config = map_chart(viewer_client, year=2021)
    assert config["type"] == "bubbleMap"
    assert config["options"]["scales"]["projection"]["projection"] == "mercator"
    assert config["options"]["scales"]["size"]["range"] == [4, 30]
    geo = config["options"]["plugins"]["vietnamMap"]
    assert geo["outline"] == settings.STATIC_URL + "vendor/world-atlas/vietnam-50m.json"
    assert geo["object"] == "vietnam"
    assert geo["fit"] is None  # provinces: the whole country
    # The archipelagos are labelled points of the map, not data bubbles.
    assert geo["islands"] == ARCHIPELAGOS
    names = {p["name"] for d in config["data"]["datasets"] for p in d["data"]}
    assert not names & {i["name"] for i in ARCHIPELAGOS}
    # One dataset per status, named in the legend; each bubble sized by what was admitted.
    khanh_hoa = next(
        (d["label"], p)
        for d in config["data"]["datasets"]
        for p in d["data"]
        if p["name"] == "Khánh Hòa"
    )
    assert khanh_hoa[0] == "▲ Chậm tiến độ"  # 85,6 % in 2021, its status there
    assert (khanh_hoa[1]["x"], khanh_hoa[1]["y"], khanh_hoa[1]["value"]) == (109.19, 12.25, 1455)
    assert khanh_hoa[1]["pct"] is not None


def test_map_of_one_province_zooms_to_its_units(gold, viewer_client):
    config = map_chart(viewer_client, year=2023, province=gold["binh-phuoc"].pk, level="commune")
    [point] = [p for d in config["data"]["datasets"] for p in d["data"]]
    (west, south), (east, north) = config["options"]["plugins"]["vietnamMap"]["fit"]
    assert west < point["x"] < east and south < point["y"] < north
    assert east - west > 0.59 and north - south > 0.59  # at least 0.6° around one commune
    assert config["options"]["plugins"]["vietnamMap"]["islands"] == ARCHIPELAGOS


def test_vendored_outline_is_vietnam_from_world_atlas():
    vendor = Path(settings.BASE_DIR) / "static" / "vendor"
    topology = json.loads((vendor / "world-atlas" / "vietnam-50m.json").read_text())
    [vietnam] = topology["objects"]["vietnam"]["geometries"]
    assert (vietnam["id"], vietnam["properties"]["name"]) == ("704", "Vietnam")
    assert topology["type"] == "Topology" and topology["arcs"]
    for package in ("chartjs-chart-geo", "world-atlas"):
        assert (vendor / package / "LICENSE").exists()
        assert (vendor / package / "VERSION").exists()
    umd = (vendor / "chartjs-chart-geo" / "index.umd.min.js").read_text()
    assert "bubbleMap" in umd and "ChartGeo" in umd
