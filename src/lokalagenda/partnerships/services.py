"""Writes of partners and partnerships. Every write checks the editor's right and lands in the audit log."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from lokalagenda.accounts.models import Organisation
from lokalagenda.accounts.permissions import require_editor, require_partner_editor
from lokalagenda.accounts.services import save_audited
from lokalagenda.partnerships.models import Partner, Partnership

PARTNER_FIELDS = ["name", "kind", "organisation_number", "website", "description", "owner"]
PARTNERSHIP_FIELDS = ["organisation", "title", "description", "kommuner", "partners", "targets", "actions",
                      "start_year", "end_year", "status", "published"]
PARTNERSHIP_RELATIONS = ("kommuner", "partners", "targets", "actions")


@transaction.atomic
def save_partner(user: Any, owner: Organisation, partner: Partner | None, **values: Any) -> Partner:
    """Create a partner for ``owner`` (``partner`` None) or change one; refuses anyone without the right."""
    if partner is None:
        require_editor(user, owner, _("Only editors of this organisation can add partners for it."))
    else:
        require_partner_editor(user, partner)
    partner = Partner(owner=owner) if partner is None else Partner.objects.select_for_update().get(pk=partner.pk)
    return save_audited(user, partner, PARTNER_FIELDS, partner.owner, values=values)


@transaction.atomic
def save_partnership(user: Any, organisation: Organisation, partnership: Partnership | None,
                     **values: Any) -> Partnership:
    """Create a partnership owned by ``organisation`` or change one; only that organisation's editors may."""
    owner = organisation if partnership is None else partnership.organisation
    require_editor(user, owner, _("Only editors of the owning organisation can change this partnership."))
    if partnership is None:
        partnership = Partnership(organisation=owner)
    else:
        partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
    fields = {name: value for name, value in values.items() if name not in PARTNERSHIP_RELATIONS}
    relations = {name: values[name] for name in PARTNERSHIP_RELATIONS if name in values}
    return save_audited(user, partnership, PARTNERSHIP_FIELDS, owner, values={**fields, "updated_by": user},
                        relations=relations)
