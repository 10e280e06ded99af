"""Create the `admin` superuser once, printing its password a single time."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Tạo tài khoản quản trị 'admin' nếu chưa có và in mật khẩu một lần."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username: str, **options) -> None:
        users = get_user_model()
        if users.objects.filter(username=username).exists():
            self.stdout.write(f"Tài khoản '{username}' đã có; giữ nguyên mật khẩu.")
            return
        password = secrets.token_urlsafe(12)
        users.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã tạo tài khoản quản trị '{username}' với mật khẩu: {password}\n"
                "Mật khẩu chỉ in một lần; đổi bằng: python manage.py changepassword admin"
            )
        )
