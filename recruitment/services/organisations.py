"""Organisations saved or deleted by hand: the tree changes, and so do the sums over it.

A move, a new end date or a new child changes what the old and new parents add up and how many
children they count, so both chains are refreshed in the same transaction.
"""

from __future__ import annotations

from django.db import transaction

from ..models import Organisation
from .progress import organisation_keys, progress_refresh


@transaction.atomic
def organisation_save(*, organisation: Organisation) -> Organisation:
    before = organisation_keys(organisation_ids=[organisation.pk]) if organisation.pk else set()
    organisation.save()
    progress_refresh(keys=before | organisation_keys(organisation_ids=[organisation.pk]))
    return organisation


@transaction.atomic
def organisation_delete(*, organisation: Organisation) -> None:
    keys = organisation_keys(organisation_ids=[organisation.pk])
    gone = organisation.pk
    organisation.delete()
    progress_refresh(keys={(org, year) for org, year in keys if org != gone})
