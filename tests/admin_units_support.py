"""What the admin-unit test modules share: loading some provinces' units as the command does."""

import io

from django.core.management import call_command


def load(*provinces: str) -> str:
    """Run ``load_admin_units`` for the given provinces and return what it printed."""
    out = io.StringIO()
    args = [a for p in provinces for a in ("--province", p)]
    call_command("load_admin_units", *args, stdout=out)
    return out.getvalue()
