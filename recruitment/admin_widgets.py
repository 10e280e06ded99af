"""The admin's organisation and article pickers, safe against posted values that are no id.

Django's `AutocompleteSelect` looks up the posted value when it redraws a form with errors;
a value that is not an id ("abc", "1; DROP …") raised a ValueError there, so a hand-made POST
got a 500 instead of the form's "Select a valid choice" (Django's own widget, 5.2).
"""

from __future__ import annotations

from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.db import connection


class SafeAutocompleteSelect(AutocompleteSelect):
    def optgroups(self, name, value, attr=None):
        field = self.field.remote_field
        target = field.model._meta.get_field(getattr(field, "field_name", None) or "pk")
        return super().optgroups(name, [v for v in value if _is_key(target, v)], attr)


def _is_key(field, value) -> bool:
    """Whether ``value`` can be looked up as ``field``: of its type, and for an integer key
    within the database's range (SQLite raises on a larger one)."""
    try:
        key = field.to_python(value)
    except ValidationError:
        return False
    if isinstance(key, int):
        low, high = connection.ops.integer_field_range(field.get_internal_type())
        return (low is None or key >= low) and (high is None or key <= high)
    return True


class SafeAutocomplete:
    """Admin mixin: its autocomplete fields use `SafeAutocompleteSelect`."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
