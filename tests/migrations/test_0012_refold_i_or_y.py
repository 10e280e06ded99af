"""Migration 0012: keys folded before "Quý" and "Quí" were one name are recomputed."""

import importlib

from django.apps import apps

from recruitment.models import LearnedMention, OrganisationAlias

migration = importlib.import_module("recruitment.migrations.0012_refold_i_or_y")


def test_alias_keys_spelled_with_y_are_refolded_and_the_two_spellings_kept_once(district):
    OrganisationAlias.objects.filter(organisation=district).delete()
    OrganisationAlias.objects.bulk_create(
        [
            OrganisationAlias(organisation=district, name="Phú Quí", key="phu qui"),
            OrganisationAlias(organisation=district, name="Phú Quý", key="phu quy"),
        ]
    )
    migration.refold_aliases(apps, None)
    assert list(
        OrganisationAlias.objects.filter(organisation=district).values_list("name", "key")
    ) == [("Phú Quí", "phu qui")]


def test_learned_mentions_are_rekeyed_and_the_later_of_two_spellings_stays(district):
    common = {"organisation": district, "scope": "1/"}
    LearnedMention.objects.create(mention="huyện Phú Quí", key="huyen phu qui", **common)
    LearnedMention.objects.create(mention="huyện Phú Quý", key="huyen phu quy", **common)
    migration.refold_learned(apps, None)
    assert list(LearnedMention.objects.values_list("mention", "key")) == [
        ("huyện Phú Quý", "huyen phu qui")
    ]
