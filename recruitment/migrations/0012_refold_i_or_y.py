"""``fold`` now writes a final "y" after consonants as "i" ("Phú Quý" = the official "Phú
Quí"): alias keys and the keys of learned mentions are recomputed with it.

Alias keys go through 0005's ``refold`` (two aliases of one organisation that now share a key
are one name written two ways: the later goes). A learned mention whose new key another row of
the same province already holds is the same correction twice: the later one stays, as a later
correction replaces an earlier one.
"""

import importlib

from django.db import migrations

from recruitment.matching import normalise

refold_aliases = importlib.import_module("recruitment.migrations.0005_alias_keys_folded").refold


def refold_learned(apps, schema_editor) -> None:
    learned_model = apps.get_model("recruitment", "LearnedMention")
    latest: dict[tuple[str, str], object] = {}
    for row in learned_model.objects.order_by("pk").only("pk", "mention", "key", "scope"):
        latest[(normalise(row.mention), row.scope)] = row
    keep = {row.pk for row in latest.values()}
    learned_model.objects.exclude(pk__in=keep).delete()
    changed = []
    for (key, _), row in latest.items():
        if row.key != key:
            row.key = key
            changed.append(row)
    learned_model.objects.bulk_update(changed, ["key"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("recruitment", "0011_reported_reviewer")]

    operations = [
        migrations.RunPython(refold_aliases, migrations.RunPython.noop),
        migrations.RunPython(refold_learned, migrations.RunPython.noop),
    ]
