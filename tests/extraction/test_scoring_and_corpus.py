"""Scoring against gold files, and the seed-corpus bar (precision and recall ≥ 0.95)."""

import json
import os
from datetime import date
from pathlib import Path

import pytest

from recruitment.extraction import extract, score_against_gold
from recruitment.extraction.scoring import match_figures

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("CORPUS_DIR", ROOT.parent / "shared" / "corpus"))


def _fig(**kw):
    base = {
        "organisation": "huyện Kim Sơn",
        "org_level": "district",
        "metric": "admitted",
        "period_start": "2022-01-01",
        "period_end": "2022-12-31",
        "value": 207,
    }
    return {**base, **kw}


def test_match_ignores_level_words_and_tone_marks():
    gold = {"figures": [_fig()]}
    pred = {"figures": [_fig(organisation="Huyện ủy Kim Son", value=207.0)]}
    assert score_against_gold(pred, gold) == (1, 1, 1)


def test_school_is_not_the_district_of_the_same_name():
    gold = {"figures": [_fig(organisation="Trường THPT Lộc Ninh")]}
    pred = {"figures": [_fig(organisation="huyện Lộc Ninh")]}
    assert score_against_gold(pred, gold) == (0, 1, 1)


def test_derived_figures_are_not_scored_and_gold_matches_once():
    gold = {"figures": [_fig(), _fig(metric="target", value=201, derived=True)]}
    pred = {"figures": [_fig(), _fig(), _fig(metric="target", value=201, derived=True)]}
    assert score_against_gold(pred, gold) == (1, 2, 1)


def test_icelandic_eth_matches_vietnamese_d():
    gold = {"figures": [_fig(organisation="xã Đông Hòa", org_level="commune")]}
    pred = {"figures": [_fig(organisation="xã Ðông Hoà", org_level="commune")]}
    assert score_against_gold(pred, gold)[0] == 1


def test_extraction_object_can_be_scored():
    ex = extract("Năm 2022, huyện Kim Sơn kết nạp 207 đảng viên.", published=date(2023, 1, 1))
    assert score_against_gold(ex, {"figures": [_fig()]}) == (1, 1, 1)


def _seeds():
    seeds = CORPUS / "seeds"
    if not seeds.is_dir():
        return []
    return sorted(seeds.glob("*.gold.json"))


def _load(gold_path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = (gold_path.parent / gold["article"]).read_text(encoding="utf-8")
    return gold, text


@pytest.fixture(scope="module")
def seeds():
    found = _seeds()
    if not found:
        pytest.skip(f"no corpus seeds under {CORPUS / 'seeds'} (set CORPUS_DIR)")
    return found


def test_seed_corpus_precision_and_recall_at_least_95_percent(seeds):
    tp = n_pred = n_gold = 0
    report = []
    for path in seeds:
        gold, text = _load(path)
        ex = extract(text)
        t, p, g = score_against_gold(ex, gold)
        tp, n_pred, n_gold = tp + t, n_pred + p, n_gold + g
        false_pos, missed = match_figures(
            ex.to_gold_dict(gold["article"])["figures"], gold["figures"]
        )
        report.append(f"{gold['article']}: tp={t} predicted={p} gold={g}")
        report += [
            f"  extra  {f['metric']} {f['value']} {f['organisation']} "
            f"{f['period_start']}..{f['period_end']}"
            for f in false_pos
        ]
        report += [
            f"  missed {f['metric']} {f['value']} {f['organisation']} "
            f"{f['period_start']}..{f['period_end']}"
            for f in missed
        ]
    precision, recall = tp / max(n_pred, 1), tp / max(n_gold, 1)
    print("\n".join(report))
    print(f"precision={precision:.3f} recall={recall:.3f}")
    assert precision >= 0.95 and recall >= 0.95, "\n".join(report)


def test_seed_published_dates_are_detected(seeds):
    for path in seeds:
        gold, text = _load(path)
        found = extract(text).published
        assert (found.isoformat() if found else None) == gold["published"], gold["article"]


def test_seed_quotes_are_exact_substrings(seeds):
    for path in seeds:
        _gold, text = _load(path)
        for c in extract(text).candidates:
            assert text[c.start : c.end] == c.quote
            assert c.start <= c.value_start < c.value_end <= c.end


def test_a_schools_type_written_out_or_abbreviated_is_one_name():
    from recruitment.extraction.organisations import distinctive_name

    assert distinctive_name("chi bộ trường mầm non Đô thị Sài Đồng") == distinctive_name(
        "Chi bộ Trường MN Đô thị Sài Đồng"
    )
    assert distinctive_name("Trường Trung học phổ thông Lộc Ninh") == "thpt loc ninh"
    assert distinctive_name("huyện Lộc Ninh") == "loc ninh"
