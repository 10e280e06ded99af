"""Cut Vietnam (feature id "704") out of world-atlas's countries-50m.json, as a small TopoJSON.

The map page draws only Vietnam's outline, so it ships this file (a few kB) rather than the whole
world (756 kB). The geometry is kept as world-atlas built it: same quantisation (transform), same
delta-encoded arcs, only the arcs Vietnam uses, renumbered. Nothing is simplified or moved.

Regenerate (the npm registry is the only source; no other download):

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python static/vendor/world-atlas/make_vietnam.py package/countries-50m.json \
        > static/vendor/world-atlas/vietnam-50m.json

Natural Earth's Vietnam has the mainland and near-shore islands (Phú Quốc, Côn Đảo, ...) but not
the Hoàng Sa (Paracel) and Trường Sa (Spratly) archipelagos; the page marks those separately.
"""

from __future__ import annotations

import json
import sys

VIETNAM = "704"


def vietnam_topology(world: dict) -> dict:
    countries = world["objects"]["countries"]["geometries"]
    geometry = next(g for g in countries if g.get("id") == VIETNAM)
    renumber: dict[int, int] = {}
    arcs: list = []

    def remap(index: int) -> int:
        # TopoJSON writes a reversed arc i as ~i (= -i - 1).
        original = index if index >= 0 else ~index
        if original not in renumber:
            renumber[original] = len(arcs)
            arcs.append(world["arcs"][original])
        new = renumber[original]
        return new if index >= 0 else ~new

    def walk(node):
        return [walk(n) for n in node] if isinstance(node, list) else remap(node)

    kept = {**geometry, "arcs": walk(geometry["arcs"])}
    return {
        "type": "Topology",
        "transform": world["transform"],
        "objects": {"vietnam": {"type": "GeometryCollection", "geometries": [kept]}},
        "arcs": arcs,
    }


def main(path: str) -> None:
    with open(path, encoding="utf-8") as f:
        world = json.load(f)
    json.dump(vietnam_topology(world), sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
