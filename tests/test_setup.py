"""`make run` set-up steps can run again and again without duplicating anything."""

from io import StringIO

from django.conf import settings
from django.core.management import call_command

from recruitment.models import Article, Figure, Organisation, OrganisationAlias, Target


def demo_setup(provinces: list[str]) -> None:
    quiet = {"stdout": StringIO(), "stderr": StringIO(), "verbosity": 0}
    call_command("load_admin_units", province=provinces, **quiet)
    call_command(
        "load_organisations", str(settings.BASE_DIR / "fixtures" / "organisations.json"), **quiet
    )
    call_command("import_seed_corpus", **quiet)
    call_command("ensure_admin", **quiet)


def counts() -> dict[str, int]:
    models = (Organisation, OrganisationAlias, Article, Figure, Target)
    return {m.__name__: m.objects.count() for m in models}


def test_running_the_demo_set_up_twice_changes_nothing(db, corpus_seeds, seed_provinces):
    demo_setup(seed_provinces)
    first = counts()
    demo_setup(seed_provinces)
    assert counts() == first
    assert first["Article"] == 5 and first["Figure"] > 0
