from typing import Any

import pytest

from tests.fixtures import *  # noqa: F403


@pytest.fixture(autouse=True)
def uploads_in_tmp(settings: Any, tmp_path: Any, data_dir: Any) -> None:
    """Uploaded plan documents go to a temporary folder; the mapping engine reads the real data bundle."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
    settings.LOKALAGENDA_DATA_DIR = str(data_dir)



@pytest.fixture
def oslo_plan(oslo: Any, oslo_editor: Any) -> Any:
    """A draft samfunnsdel of Oslo with one local goal and one action."""
    from lokalagenda.plans.services import save_action, save_goal, save_plan

    plan = save_plan(oslo, oslo_editor, kind="samfunnsdel", title="Kommuneplanens samfunnsdel 2025–2040",
                     start_year=2025, end_year=2040, status="consultation", url="", published=False)
    goal = save_goal(plan, oslo_editor, title="Trygg oppvekst for alle barn",
                     description="Alle barn skal vokse opp i familier med god økonomi og ha en trygg skolevei.",
                     order=1)
    save_action(goal, oslo_editor, title="Gratis skolemat", description="Et sunt måltid hver skoledag.",
                responsible_unit="Utdanningsetaten", budget_nok=None, start_date=None, end_date=None,
                status="planned")
    return plan


@pytest.fixture(autouse=True)
def english_pages(client: Any) -> None:
    """Pages in English, so messages are checked against their msgids whatever the translations say."""
    client.cookies["lokalagenda_language"] = "en"



@pytest.fixture
def vestland_viewer(db: Any) -> Any:
    return make_member("vestland-viewer", "fylkeskommune-46", "viewer")  # noqa: F405


@pytest.fixture
def vestland_plan(vestland: Any, vestland_editor: Any) -> Any:
    """A draft regional plan of Vestland fylkeskommune with one local goal and one action."""
    from lokalagenda.plans.services import save_action, save_goal, save_plan

    plan = save_plan(vestland, vestland_editor, kind="temaplan", title="Regional plan for folkehelse 2025–2035",
                     start_year=2025, end_year=2035, status="consultation", url="", published=False)
    goal = save_goal(plan, vestland_editor, title="God helse i heile fylket",
                     description="Alle skal ha like moglegheiter for god helse, uansett kvar dei bur i fylket.",
                     order=1)
    save_action(goal, vestland_editor, title="Fleire gang- og sykkelvegar",
                description="Trygge vegar til skule og arbeid i alle kommunane.",
                responsible_unit="Samferdsel", budget_nok=None, start_date=None, end_date=None,
                status="planned")
    return plan
