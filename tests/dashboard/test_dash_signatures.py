"""Cells are drawn without reading a render method's signature for every cell
(`dashboard.apps._remember_signatures`), and with the same arguments as before."""

from __future__ import annotations

import inspect

from django_tables2 import utils

from dashboard.tables import ProgressTable


def _library_answer(fn) -> tuple[tuple[str, ...], str | None]:
    params = inspect.signature(fn).parameters.values()
    args = tuple(p.name for p in params if p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL))
    kwargs = next((p.name for p in params if p.kind == p.VAR_KEYWORD), None)
    return args, kwargs


def test_a_render_method_signature_is_the_librarys_answer():
    table = ProgressTable([], year=2024)
    assert utils.signature(table.render_status) == _library_answer(table.render_status)
    assert utils.signature(table.render_pct) == (("record",), None)


def test_a_render_method_signature_is_read_once_for_every_table():
    first, second = ProgressTable([], year=2024), ProgressTable([], year=2025)
    assert utils.signature(first.render_admitted) is utils.signature(second.render_admitted)


def test_plain_functions_and_callables_keep_their_own_signatures():
    def value_only(value):
        return value

    def catch_all(**kwargs):
        return kwargs

    assert utils.signature(value_only) == (("value",), None)
    assert utils.signature(catch_all) == ((), "kwargs")
