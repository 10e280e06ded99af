from __future__ import annotations

import functools

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _remember_signatures() -> None:
    """django-tables2 reads the signature of a column's render method for every cell it draws
    (`django_tables2.utils.signature`, called by `call_with_appropriate`): with `inspect` that
    was a sixth of a 50-row page's time at national scale. A method's signature never changes,
    so it is read once per function. Bound methods are new objects on every access, so the key
    is the function under them; anything unhashable goes to the library as before."""
    from django_tables2 import utils

    read = utils.signature
    if getattr(read, "remembers", False):
        return

    @functools.lru_cache(maxsize=1024)
    def read_once(function, bound: bool):
        return read(function.__get__(object()) if bound else function)

    @functools.wraps(read)
    def signature(fn):
        function = getattr(fn, "__func__", None)
        if function is not None and getattr(fn, "__self__", None) is not None:
            return read_once(function, True)
        try:
            return read_once(fn, False)
        except TypeError:
            return read(fn)

    signature.remembers = True
    utils.signature = signature


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = _("Bảng điều khiển")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the deployment checks)

        _remember_signatures()
