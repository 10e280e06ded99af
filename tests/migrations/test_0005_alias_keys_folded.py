"""Migration 0005: alias keys written by the old folding are recomputed, duplicates go."""

import importlib

from django.apps import apps

from recruitment.models import OrganisationAlias

refold = importlib.import_module("recruitment.migrations.0005_alias_keys_folded").refold


def test_old_keys_are_refolded_and_a_name_written_two_ways_is_kept_once(province):
    OrganisationAlias.objects.filter(organisation=province).delete()
    OrganisationAlias.objects.bulk_create(
        [
            OrganisationAlias(organisation=province, name="Bà Rịa - Vũng Tàu", key="ba ria - vung tau"),
            OrganisationAlias(organisation=province, name="Bà Rịa–Vũng Tàu", key="ba ria–vung tau"),
        ]
    )
    refold(apps, None)
    assert list(
        OrganisationAlias.objects.filter(organisation=province).values_list("name", "key")
    ) == [("Bà Rịa - Vũng Tàu", "ba ria vung tau")]
