"""`manage.py grant_access USERNAME ORGANISATION_ID --role viewer|entry|approver`."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from recruitment.management.acting import acting_user, add_acting_user_argument
from recruitment.models import Organisation, Role
from recruitment.services.access import membership_grant

NATIONAL = "toan-quoc"


class Command(BaseCommand):
    help = (
        "Cho người dùng xem (và theo vai trò: nhập, duyệt) số liệu của một tổ chức và các tổ chức "
        f"trực thuộc; ORGANISATION_ID là mã tổ chức, hoặc '{NATIONAL}' cho toàn quốc."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument("organisation")
        parser.add_argument("--role", choices=Role.values, default=Role.VIEWER)
        add_acting_user_argument(parser)

    def handle(self, *args, username: str, organisation: str, role: str, **options) -> None:
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"Không có người dùng '{username}'.") from exc
        if organisation == NATIONAL:
            org = None
        else:
            try:
                org = Organisation.objects.get(pk=int(organisation))
            except (ValueError, Organisation.DoesNotExist) as exc:
                raise CommandError(f"Không có tổ chức mã '{organisation}'.") from exc
        membership = membership_grant(
            user=user, organisation=org, role=role, by=acting_user(options["acting_user"])
        )
        self.stdout.write(self.style.SUCCESS(f"Đã cấp: {membership}"))
