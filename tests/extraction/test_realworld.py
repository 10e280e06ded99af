"""The real development set: its gold is well formed and current, and the extractor's score on it.

The texts are third-party and live outside git; the score tests skip, saying why, without them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import json
import os
from collections import Counter
from pathlib import Path

import pytest
from realworld import restore
from realworld import score as score_real
from realworld.corpus import TEXT_DIR, VALIDATION, articles
from realworld.sources import SOURCES, render

from recruitment.extraction.vocabulary import LEVELS, METRICS, REFORM_DATE

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("CORPUS_DIR", ROOT.parent / "shared" / "corpus"))
FIGURE_KEYS = {"organisation", "org_level", "metric", "period_start", "period_end", "value"}
OPTIONAL_KEYS = {"period_label", "approximate", "derived", "evidence"}


def test_each_gold_file_follows_the_schema_without_quotes():
    problems = []
    for a in articles():
        g = a.gold
        if not {"id", "url", "title", "text_sha256", "published", "figures"} <= set(g):
            problems.append(f"{a.id}: missing keys")
        if g["published"] is not None:
            dt.date.fromisoformat(g["published"])
        for f in g["figures"]:
            keys = set(f)
            if not keys >= FIGURE_KEYS or keys - FIGURE_KEYS - OPTIONAL_KEYS:
                problems.append(f"{a.id}: figure keys {sorted(keys)}")
                continue
            start, end = (
                dt.date.fromisoformat(f["period_start"]),
                dt.date.fromisoformat(f["period_end"]),
            )
            if start > end or f["metric"] not in METRICS or f["org_level"] not in LEVELS:
                problems.append(f"{a.id}: {f['metric']} {f['org_level']} {start}…{end}")
            if not isinstance(f["value"], int | float) or f["value"] < 0:
                problems.append(f"{a.id}: value {f['value']!r}")
    assert problems == []


def test_each_page_appears_once():
    urls = Counter(a.gold["url"].rstrip("/").lower() for a in articles())
    assert [u for u, n in urls.items() if n > 1] == []


def test_no_page_of_the_held_out_set_is_in_the_development_set():
    script = CORPUS / "is_heldout.py"
    if not script.exists():
        pytest.skip(f"no {script}: cannot check the held-out list (set CORPUS_DIR)")
    spec = importlib.util.spec_from_file_location("is_heldout", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert [a.id for a in articles() if module.held_out(a.gold["url"])] == []


def test_sources_list_is_current():
    assert SOURCES.read_text(encoding="utf-8") == render()


def test_development_set_covers_provinces_and_the_years_after_the_reform():
    found = articles()
    provinces = {a.gold["province"] for a in found}
    after = [a for a in found if a.gold["published"] and a.gold["published"] >= str(REFORM_DATE)]
    assert (len(found) >= 80, len(provinces) >= 30, len(after) >= 25) == (True, True, True)


def test_validation_split_is_a_fifth_of_the_set():
    found = articles()
    share = sum(a.split == VALIDATION for a in found) / len(found)
    assert 0.12 <= share <= 0.28


# The floors were measured on the whole set; a few pages have left the search tool's store since
# (SOURCES.md keeps their gold: 33 of 275 by the end of 2026-12-01), but with more than this share
# absent they would measure a different set.
MOST_ABSENT = 0.12


def _scored(split):
    report, absent = score_real.score(split=split)
    expected = len(articles(split=split))
    if len(absent) > MOST_ABSENT * expected:
        pytest.skip(
            f"{len(absent)} of {expected} real-world texts absent under {TEXT_DIR}: "
            "rebuild them as tests/extraction/realworld/README.md says"
        )
    return report.total


def test_the_extractor_keeps_its_measured_level_on_the_whole_development_set():
    total = _scored(None)
    # Measured 0.898 / 0.829 when t001-t016 joined (12 / 24 / 16 untouched, 12 / 24 / 15 after
    # the rules written for them). 0.901 / 0.838 when s001-s016 joined, after the rules written
    # for them (they
    # measured 7 / 23 / 13 untouched; 0.907 / 0.848 after the rules written for the r pages;
    # 0.899 / 0.837 when
    # r001-r016 joined, untouched; 0.908 / 0.852 after the rules
    # written for the q pages; 0.894 / 0.838 when
    # q001-q016 joined, untouched). Before: 0.911 / 0.855 after the
    # rules written for the p pages; 0.897 / 0.826 when p joined after the rules written for o;
    # 0.881 / 0.817 when o joined and six more pages had left the search tool's store; 0.890 /
    # 0.837 with n; 0.902 / 0.857 after the rules for l and m; 0.910 / 0.856 when l joined.
    assert (total.precision >= 0.89, total.f1 >= 0.82) == (True, True)


def test_the_extractor_keeps_its_measured_level_on_the_validation_split():
    total = _scored(VALIDATION)
    # Measured 0.747 / 0.674 when t001, t004 and t009 joined the split (0.728 / 0.656 when
    # s004, s005 and s006 joined; 0.740 / 0.671 after
    # the rules written for the s pages, before they joined; 0.737 / 0.663 when r004, r006,
    # r010 and r014 joined; 0.736 / 0.663 when q003 joined). Before: 0.729 / 0.654 when three p
    # pages joined it after the rules written for the o pages; 0.682 / 0.608 once c003, c016,
    # c028 and three more had left the search tool's store; 0.691 / 0.618 with the n pages;
    # 0.712 / 0.662 with m; 0.754 / 0.692 when l joined; 0.780 / 0.713 after the rules for k.
    # Each batch brings pages the rules have not seen.
    assert (total.precision >= 0.74, total.f1 >= 0.67) == (True, True)


def _restore_into(tmp_path, monkeypatch, *, literal: str, sha_of: str) -> tuple[int, Path]:
    gold_dir, text_dir = tmp_path / "gold", tmp_path / "texts"
    gold_dir.mkdir()
    sha = hashlib.sha256(sha_of.encode()).hexdigest()
    (gold_dir / "x001.json").write_text(json.dumps({"text_sha256": sha}), encoding="utf-8")
    (tmp_path / "literal.json").write_text(literal, encoding="utf-8")
    monkeypatch.setattr(restore, "GOLD_DIR", gold_dir)
    monkeypatch.setattr(restore, "TEXT_DIR", text_dir)
    return restore.main("x001", str(tmp_path / "literal.json")), text_dir / "x001.txt"


def test_restore_saves_the_decoded_excerpt_when_its_hash_is_the_golds(tmp_path, monkeypatch):
    literal, text = '"Kết nạp 12 ĐV\\n\\n\\"mới\\""', 'Kết nạp 12 ĐV\n\n"mới"'
    status, saved = _restore_into(tmp_path, monkeypatch, literal=literal, sha_of=text)
    assert (status, saved.read_text(encoding="utf-8")) == (0, text)


def test_restore_refuses_another_version_of_the_page(tmp_path, monkeypatch):
    status, saved = _restore_into(
        tmp_path, monkeypatch, literal='"Kết nạp 13 ĐV"', sha_of="Kết nạp 12 ĐV"
    )
    assert (status, saved.exists()) == (1, False)
