from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "lokalagenda.accounts"
    label = "accounts"
