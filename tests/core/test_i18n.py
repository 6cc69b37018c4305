"""Language matters of the core: the Norwegian alphabet's order."""

from lokalagenda.core.i18n import alphabetical


def test_norwegian_alphabetical_order_puts_ae_oe_aa_after_z_ignoring_case():
    assert sorted(["Åpenhet", "Økonomi", "ærlighet", "zebra", "Avfall", "Ål"], key=alphabetical) == [
        "Avfall", "zebra", "ærlighet", "Økonomi", "Ål", "Åpenhet"]
