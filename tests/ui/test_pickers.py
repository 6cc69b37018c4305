"""The picker widget: one searchable select for targets, kommuner, partners and actions on every form, rendered
as plain HTML that works without JavaScript, with picker.js and its texts on the pages that can use it."""

from __future__ import annotations

import json
import re

import pytest
from django import forms
from django.utils import translation

from lokalagenda.framework.choice_fields import target_label
from lokalagenda.framework.models import Target
from lokalagenda.partnerships.forms import PartnershipForm
from lokalagenda.places.choice_fields import KommuneChoiceField, kommune_label
from lokalagenda.places.models import Kommune
from lokalagenda.plans.forms import PrioritiesForm, TargetLinkForm
from lokalagenda.practices.forms import PracticeForm
from lokalagenda.ui.widgets import PickerSelect, PickerSelectMultiple

pytestmark = pytest.mark.django_db


class _ExampleForm(forms.Form):
    kommuner = KommuneChoiceField(label="Kommuner", help_text="Those taking part.", required=False)


def test_a_multiple_picker_is_a_tall_select_with_a_hint_both_described_by_it():
    html = str(_ExampleForm(initial={"kommuner": ["5540"]})["kommuner"])
    select = re.search(r"<select[^>]*>", html).group(0)
    assert 'name="kommuner"' in select and "multiple" in select and "data-picker" in select
    assert 'size="10"' in select and 'class="ds-input"' in select
    assert 'aria-describedby="id_kommuner_helptext id_kommuner_pickerhint"' in select
    assert re.search(r'<p [^>]*class="[^"]*picker-hint[^"]*"[^>]*id="id_kommuner_pickerhint"', html)
    assert re.search(r'<option value="5540" selected>Kåfjord – Gáivuotna – Kaivuono \(5540\)</option>', html)


def test_the_maximum_and_the_rows_of_a_multiple_picker_are_attributes_of_the_select():
    html = PickerSelectMultiple(rows=4, max_chosen=5).render("kommune", [], attrs={"id": "k"})
    assert 'size="4"' in html and 'data-picker-max="5"' in html and 'aria-describedby="k_pickerhint"' in html


def test_a_single_picker_is_a_plain_select_marked_for_the_script_without_a_hint():
    html = PickerSelect(choices=[("", "–"), ("a", "A")]).render("one", "a", attrs={"id": "one"})
    assert re.match(r'<select name="one" class="ds-input" data-picker id="one">', html)
    assert "multiple" not in html and "pickerhint" not in html


def test_a_kommune_is_labelled_with_every_official_name_and_its_number():
    assert kommune_label(Kommune.objects.get(number="5610")) == "Karasjok – Kárášjohka (5610)"
    assert kommune_label(Kommune.objects.get(number="4601")) == "Bergen (4601)"


def test_a_target_label_is_its_code_and_title_cut_at_ninety_characters():
    target = max(Target.objects.all(), key=lambda t: len(t.title_in("nb")))
    label = target_label(target)
    assert label.startswith(f"{target.code} ") and label.endswith("…")
    assert len(label) == len(target.code) + 1 + 90 + 1


@pytest.mark.parametrize(("form", "names"), [
    (lambda: PrioritiesForm(), ["targets"]),
    (lambda: PracticeForm(), ["kommuner", "targets", "partners"]),
    (lambda: PartnershipForm(organisation=None), ["partners", "kommuner", "targets", "actions"]),
])
def test_every_choice_among_many_uses_the_one_picker(form, names):
    made = form()
    for name in names:
        assert type(made.fields[name].widget) is PickerSelectMultiple, name
        assert "data-picker" in str(made[name])


def test_one_target_of_a_plan_link_is_chosen_with_the_single_picker():
    form = TargetLinkForm()
    assert type(form.fields["target"].widget) is PickerSelect
    assert form.fields["target"].label_from_instance(Target.objects.get(code="3.4")).startswith("3.4 ")


def test_the_kommuner_of_a_partnership_keep_the_models_label_and_are_optional():
    with translation.override("en"):
        field = PartnershipForm(organisation=None).fields["kommuner"]
        assert isinstance(field, KommuneChoiceField) and not field.required
        assert str(field.label) == "Other kommuner taking part"


def test_pages_load_the_picker_deferred_with_its_texts_in_the_active_language(client):
    client.cookies["lokalagenda_language"] = "en"
    html = client.get("/sammenlign/").content.decode()
    assert re.search(r'<script src="/static/lokalagenda/picker\.js" defer>', html)
    texts = json.loads(re.search(r'<script id="picker-texts" type="application/json">(.*?)</script>', html).group(1))
    assert texts["remove"] == "Remove {label}"
    assert texts["results_one"] == "{count} match" and texts["results_other"] == "{count} matches"

