"""``plans.owners``: the owner of a plan register at a URL, the links to its pages and the words they use."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.template import Context, Template, TemplateSyntaxError
from django.utils import translation

from lokalagenda.plans.owners import owner_for, plan_url


@pytest.mark.django_db
def test_the_owner_of_a_fylke_register_is_its_fylkeskommune_and_links_stay_under_the_fylke():
    owner = owner_for("fylke", "46")
    assert owner.organisation is not None and owner.organisation.slug == "fylkeskommune-46"
    assert plan_url(owner, "plan", 7) == "/fylke/46/planer/7/"
    assert plan_url(owner_for("kommune", "4601"), "plan", 7) == "/kommune/4601/planer/7/"


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "number"), [("fylke", "03"), ("kommune", "46"), ("fylke", "4601"),
                                              ("kommune", "9999"), ("kommune", "460")])
def test_a_place_without_a_register_or_of_the_wrong_kind_is_404(kind, number):
    with pytest.raises(Http404):
        owner_for(kind, number)


@pytest.mark.django_db
def test_the_register_pages_say_fylkeskommune_for_a_fylke():
    template = Template('{% load plan_urls %}{% register_text owner "draft_note" %}')
    with translation.override("en"):
        assert template.render(Context({"owner": owner_for("fylke", "46")})) == \
            "Draft – only visible to the fylkeskommune"
        assert template.render(Context({"owner": owner_for("kommune", "4601")})) == \
            "Draft – only visible to the kommune"


@pytest.mark.django_db
def test_an_unknown_register_text_is_a_template_error_not_an_empty_tag():
    with pytest.raises(TemplateSyntaxError, match="unknown text 'draft'"):
        Template('{% load plan_urls %}{% register_text owner "draft" %}').render(
            Context({"owner": owner_for("kommune", "4601")}))
