"""``lokalagenda create-token``: an API token for a user in an organisation; prints the secret once."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lokalagenda.accounts.models import ApiToken, Organisation
from lokalagenda.accounts.tokens import issue_token


class Command(BaseCommand):
    help = ("Make an API token for a user in an organisation (e.g. kommune-0301) with scopes "
            f"({', '.join(ApiToken.Scope.values)}). The secret is printed once and stored only as a hash.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True)
        parser.add_argument("--organisation", required=True, help="organisation slug, e.g. kommune-0301")
        parser.add_argument("--scope", action="append", required=True, choices=ApiToken.Scope.values)
        parser.add_argument("--name", default="script")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["user"]).first()
        organisation = Organisation.objects.filter(slug=options["organisation"]).first()
        if user is None or organisation is None:
            raise CommandError("No such user or organisation.")
        try:
            token, secret = issue_token(user, organisation, options["name"], options["scope"])
        except PermissionDenied as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Token {token.prefix} for {user} in {organisation} ({', '.join(token.scopes)}):")
        self.stdout.write(secret)
        self.stdout.write("Send it as the header `Authorization: Bearer <token>`. It is not shown again.")
