"""``make score-real``: the extractor on the real development set, as `extract_figures` runs it.

Prints precision, recall and F1 overall, per metric, per level and per article, for the whole
set and for the validation split. ``--details`` lists each article's extra and missed figures
(for the dev split only unless ``--show-validation``: the validation split is not for tuning).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[3]), str(Path(__file__).resolve().parent)]

from corpus import DEV, VALIDATION, articles  # noqa: E402

from recruitment.extraction import extract, read_document  # noqa: E402
from recruitment.extraction.scoring import Report, Tally  # noqa: E402


def score(*, split: str | None) -> tuple[Report, list[str]]:
    """The report over the articles whose text is present, and the ids of those absent."""
    report = Report()
    absent = []
    for article in articles(split=split):
        text = article.text()
        if text is None:
            absent.append(article.id)
            continue
        doc = read_document(text.encode("utf-8"), f"{article.id}.txt")
        # As the importer reads a page fetched from its address.
        extraction = extract(doc.text, published=doc.published, url=article.gold["url"])
        predicted = extraction.to_gold_dict(article.id)
        report.add_article(
            name=article.id, predicted=predicted["figures"], gold=article.gold["figures"]
        )
    return report, absent


def _row(name: str, t: Tally) -> str:
    return (
        f"| {name} | {t.precision:.2f} | {t.recall:.2f} | {t.f1:.2f} "
        f"| {t.right} / {t.gold} / {t.predicted} |"
    )


def _table(title: str, rows: dict[str, Tally]) -> list[str]:
    out = [f"| {title} | precision | recall | F1 | right / gold / proposed |"]
    out.append("| --- | --- | --- | --- | --- |")
    out += [_row(name, tally) for name, tally in sorted(rows.items())]
    return out


def _fig(f: dict) -> str:
    return (
        f"{f['metric']} {f['value']} · {f['organisation']} ({f['org_level']}) · "
        f"{f['period_start']}…{f['period_end']}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--details", action="store_true")
    parser.add_argument("--show-validation", action="store_true")
    parser.add_argument("--article", action="append", default=[])
    args = parser.parse_args(argv)
    splits = {"whole set": None, "dev split": DEV, "validation split": VALIDATION}
    reports = {}
    for name, split in splits.items():
        report, absent = score(split=split)
        reports[name] = report
        if split is None and absent:
            print(f"texts absent or changed, not scored: {len(absent)} ({', '.join(absent)})")
    if not reports["whole set"].articles:
        print("no text to score: rebuild texts/ as tests/extraction/realworld/README.md says")
        return 1
    print("\n".join(_table("set", {})))
    print("\n".join(_row(name, report.total) for name, report in reports.items()))
    whole = reports["whole set"]
    for title, rows in (("metric", whole.by_metric), ("level", whole.by_level)):
        print()
        print("\n".join(_table(title, rows)))
    print()
    split_of = {a.id: a.split for a in articles()}
    print(
        "\n".join(
            _table("article", {f"{a.name} ({split_of[a.name]})": a.tally for a in whole.articles})
        )
    )
    if args.details or args.article:
        for a in whole.articles:
            if args.article and a.name not in args.article:
                continue
            if split_of[a.name] == VALIDATION and not args.show_validation:
                continue
            if not (a.false_positives or a.missed):
                continue
            print(f"\n## {a.name}")
            print("\n".join(f"  extra  {_fig(f)}" for f in a.false_positives))
            print("\n".join(f"  missed {_fig(f)}" for f in a.missed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
