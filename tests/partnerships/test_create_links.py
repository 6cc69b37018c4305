"""Pages link to creating a partnership, but only for those who may create one: editors of the kommune."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

CREATE_OSLO = reverse("partnerships:partnership-create", args=["0301"])


@pytest.mark.parametrize("page", ["/partnerskap/", "/kommune/0301/partnerskap/", "/kommune/0301/"])
def test_an_editor_of_the_kommune_gets_the_link(client: Any, oslo_editor: Any, page: str) -> None:
    client.force_login(oslo_editor)
    assert f'href="{CREATE_OSLO}"' in client.get(page).content.decode()


@pytest.mark.parametrize("page", ["/partnerskap/", "/kommune/0301/partnerskap/", "/kommune/0301/"])
def test_visitors_viewers_and_other_kommuners_editors_do_not(client: Any, oslo_viewer: Any, bergen_editor: Any,
                                                           page: str) -> None:
    assert CREATE_OSLO not in client.get(page).content.decode()
    for user in (oslo_viewer, bergen_editor):
        client.force_login(user)
        assert CREATE_OSLO not in client.get(page).content.decode()


def test_the_national_list_links_to_the_editors_own_kommune(client: Any, bergen_editor: Any) -> None:
    client.force_login(bergen_editor)
    html = client.get("/partnerskap/").content.decode()
    assert f'href="{reverse("partnerships:partnership-create", args=["4601"])}"' in html


def test_the_kommune_page_links_to_its_partnerships_for_everyone(client: Any) -> None:
    assert f'href="{reverse("partnerships:kommune", args=["0301"])}"' in client.get("/kommune/0301/").content.decode()
