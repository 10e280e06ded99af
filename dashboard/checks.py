"""Deployment checks of our own, run by `manage.py check --deploy`."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def secret_key_is_set(app_configs, **kwargs) -> list[Error]:
    """The development key is public (it is in this repository): a server using it can have
    its sessions and password-reset links forged. Django's own check accepts it (it is long)."""
    if settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY:
        return [
            Error(
                "SECRET_KEY is the public development key.",
                hint="Set SECRET_KEY in the environment to a long random string (docs/deploy.md).",
                id="dashboard.E001",
            )
        ]
    return []
