"""The kommune pickers' choices: every kommune, labelled by its official names and number, in the Norwegian
alphabet's order."""

import pytest

from lokalagenda.core.i18n import alphabetical
from lokalagenda.places.choice_fields import KommuneChoiceField, OneKommuneChoiceField

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("field", [KommuneChoiceField, OneKommuneChoiceField])
def test_a_kommune_picker_lists_every_kommune_in_the_norwegian_alphabet(field):
    labels = [str(label) for value, label in field().choices if value != ""]
    names = [label.split(" (")[0].split(" – ")[0] for label in labels]
    assert len(names) == 357 and names == sorted(names, key=alphabetical)
    assert names.index("Vågå") < names.index("Ørland") < names.index("Ål") < names.index("Åsnes")
    assert "Kåfjord – Gáivuotna – Kaivuono (5540)" in labels
