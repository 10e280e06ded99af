"""Alias keys are now made by ``extraction.folding.fold``, which also sets dashes aside.

Keys written by the old folding ("ba ria - vung tau") are recomputed ("ba ria vung tau"); two
aliases of one organisation that now share a key are the same name written two ways, so the
later one goes.
"""

from django.db import migrations

from recruitment.extraction.folding import fold


def refold(apps, schema_editor) -> None:
    alias_model = apps.get_model("recruitment", "OrganisationAlias")
    seen: set[tuple[int, str]] = set()
    changed, duplicates = [], []
    for alias in alias_model.objects.order_by("pk").only("pk", "organisation_id", "name", "key"):
        key = fold(alias.name)
        if (alias.organisation_id, key) in seen:
            duplicates.append(alias.pk)
            continue
        seen.add((alias.organisation_id, key))
        if alias.key != key:
            alias.key = key
            changed.append(alias)
    alias_model.objects.filter(pk__in=duplicates).delete()
    alias_model.objects.bulk_update(changed, ["key"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("recruitment", "0004_learned_mention")]

    operations = [migrations.RunPython(refold, migrations.RunPython.noop)]
