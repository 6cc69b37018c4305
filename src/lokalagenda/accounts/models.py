"""Organisations, memberships with roles, and the audit log of every write."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lokalagenda.accounts.querysets import MembershipQuerySet


class Organisation(models.Model):
    """A body whose people edit in Lokalagenda: a kommune, a fylkeskommune, the national level or a partner."""

    class Kind(models.TextChoices):
        KOMMUNE = "kommune", _("kommune")
        FYLKESKOMMUNE = "fylkeskommune", _("fylkeskommune")
        NATIONAL = "national", _("national level")
        PARTNER = "partner", _("partner")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    kommune = models.OneToOneField(
        "places.Kommune", on_delete=models.PROTECT, null=True, blank=True, related_name="organisation"
    )
    fylke = models.OneToOneField(
        "places.Fylke", on_delete=models.PROTECT, null=True, blank=True, related_name="organisation"
    )

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="kommune") | models.Q(kommune__isnull=False),
                name="kommune_organisation_has_kommune",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="fylkeskommune") | models.Q(fylke__isnull=False),
                name="fylkeskommune_organisation_has_fylke",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's role in an organisation. Admins manage members, editors edit, viewers read unpublished data."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("admin")
        EDITOR = "editor", _("editor")
        VIEWER = "viewer", _("viewer")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.role})"


class AuditEntry(models.Model):
    """One write: who did it, when, to what, and the values before and after."""

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        DELETE = "delete", _("deleted")

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True, blank=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    model = models.CharField(max_length=100, help_text="app_label.ModelName")
    object_pk = models.CharField(max_length=100)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["model", "object_pk"])]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.action} {self.model} {self.object_pk}"


class ApiToken(models.Model):
    """A secret that lets a script act for a user in one organisation through the API, within its scopes.

    Only a hash of the secret is stored; the secret is shown once, when the token is made.
    """

    class Scope(models.TextChoices):
        READ = "read", _("read unpublished data")
        WRITE_OBSERVATIONS = "observations:write", _("import indicator values")
        WRITE_MATERIALITY = "materiality:write", _("change and publish the materiality assessment")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, unique=True)
    secret_hash = models.CharField(max_length=64)
    scopes = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user}, {self.organisation})"
