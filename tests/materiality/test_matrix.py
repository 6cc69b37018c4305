"""The matrix places every entry in its situation × influence cell and suggests material targets with a large
challenge and direct influence first."""

from lokalagenda.materiality.matrix import INFLUENCES, SITUATIONS, cells, suggested_priorities
from lokalagenda.materiality.models import DraftEntry


def _entry(code, situation, influence, material=True):
    return DraftEntry(target_id=code, situation=situation, influence=influence, material=material)


def test_suggestions_put_a_major_challenge_with_direct_influence_first():
    entries = [_entry("4.1", "challenge", "indirect"), _entry("11.6", "major_challenge", "direct"),
               _entry("3.4", "challenge", "direct"), _entry("13.2", "major_challenge", "indirect"),
               _entry("7.2", "major_challenge", "little"), _entry("8.5", "mixed", "direct"),
               _entry("6.3", "major_challenge", "direct", material=False)]
    assert [entry.target_id for entry in suggested_priorities(entries)] == ["11.6", "13.2", "3.4", "4.1"]


def test_every_cell_is_there_in_reading_order():
    grid = cells([_entry("11.6", "major_challenge", "direct"), _entry("3.4", "going_well", "little")])
    assert list(grid) == [(row, column) for row in SITUATIONS for column in INFLUENCES]
    assert [entry.target_id for entry in grid[("major_challenge", "direct")]] == ["11.6"]
    assert sum(len(entries) for entries in grid.values()) == 2
