"""The national overview counts published partnerships per partner kind and goal, from the stored rows."""

import pytest
from django.urls import reverse

from lokalagenda.partnerships.models import Partner, Partnership
from lokalagenda.partnerships.overview import national_overview

pytestmark = pytest.mark.django_db


def _expected() -> dict[tuple[str, int], int]:
    """Counted the slow way: every published partnership, each (kind, goal) pair once."""
    counts: dict[tuple[str, int], int] = {}
    for partnership in Partnership.objects.filter(published=True):
        kinds = {partner.kind for partner in partnership.partners.all()}
        goals = {target.goal_id for target in partnership.targets.all()}
        for pair in {(kind, goal) for kind in kinds for goal in goals}:
            counts[pair] = counts.get(pair, 0) + 1
    return counts


def test_counts_equal_the_stored_rows(oslo_published, bergen_published, oslo_draft):
    overview = national_overview()
    expected = _expected()
    kinds = [kind for kind, _ in overview.kinds]
    assert kinds == list(Partner.Kind.values)
    assert len(overview.rows) == 17
    for row in overview.rows:
        assert row.counts == [expected.get((kind, row.goal.number), 0) for kind in kinds]
    assert sum(sum(row.counts) for row in overview.rows) == sum(expected.values()) > 0
    assert overview.partnerships == Partnership.objects.filter(published=True).count() == 2


def test_academia_on_goal_14_and_the_draft_is_left_out(oslo_published, bergen_published, oslo_draft):
    rows = {row.goal.number: row for row in national_overview().rows}
    kinds = [kind for kind, _ in national_overview().kinds]
    assert rows[14].counts[kinds.index("academia")] == 1
    assert rows[11].counts[kinds.index("residents_group")] == 0  # only the draft has a residents' group on 11
    assert rows[13].total == 1 and rows[14].total == 1


def test_the_page_shows_the_table_with_numbers_and_words(client, oslo_published, bergen_published):
    client.cookies["lokalagenda_language"] = "en"
    html = client.get(reverse("partnerships:national")).content.decode()
    assert "<caption" in html and 'scope="col"' in html and "Academia" in html
    rows = {row.goal.number: row for row in national_overview().rows}
    assert f'<td class="numeric" data-total>{rows[14].total}</td>' in html
    assert oslo_published.title in html and bergen_published.title in html
