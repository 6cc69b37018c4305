"""``lokalagenda create-demo-accounts``: demo users for the national level, Oslo and Bergen, printed once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from lokalagenda.accounts.services import DEMO_ACCOUNTS, create_demo_accounts


class Command(BaseCommand):
    help = "Create (or reset) the demo accounts with fresh random passwords and print them. Never use in production."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            accounts = create_demo_accounts()
        except LookupError as error:
            raise CommandError(f"{error} Run `lokalagenda load-reference` first.") from error
        self.stdout.write("Demo accounts (username / password — role):")
        for (username, password), spec in zip(accounts, DEMO_ACCOUNTS, strict=True):
            self.stdout.write(f"  {username:<18} {password}  — {spec.description}")
