"""Who a command acts for: history names them, as it names the user of an admin page."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError, CommandParser


def add_acting_user_argument(parser: CommandParser) -> None:
    parser.add_argument(
        "--user",
        dest="acting_user",
        metavar="USERNAME",
        help="Người thực hiện, ghi vào lịch sử thay đổi (bỏ trống: không ghi tên).",
    )


def acting_user(username: str | None):
    """The account named by ``--user``, or None when the command is run without one."""
    if not username:
        return None
    try:
        return get_user_model().objects.get(username=username)
    except get_user_model().DoesNotExist as exc:
        raise CommandError(f"Không có người dùng '{username}' (--user).") from exc
