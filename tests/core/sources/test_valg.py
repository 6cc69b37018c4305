"""The Valgdirektoratet (valgresultat.no) turnout connector, on the recorded responses of the data bundle.

No test talks to the network: a fixture blocks every socket, and the plan is tested with a fake API that serves
the recorded documents by URL.
"""

from __future__ import annotations

import copy
import csv
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from lokalagenda.core.codechanges import CodeChange, CodeHistory
from lokalagenda.core.sources import ssb, valg
from lokalagenda.core.sources.registry import ReadOptions
from lokalagenda.core.sources.ssb import FetchError, QueryError, fetch_tasks
from lokalagenda.core.sources.valg import (
    VALG_API,
    DocumentError,
    Election,
    discover,
    district_url,
    election_url,
    kommune_url,
    parse_document,
    read_documents,
)

INDICATOR = "ELECTION_TURNOUT_STORTING"
FILES = sorted(["st_2009_kommune-12-1201.json", "st_2021_kommune-03-0301.json", "st_2021_kommune-12-4601.json",
                "st_2025_fylke-12.json", "st_2025_kommune-03-0301.json", "st_2025_kommune-11-1151.json",
                "st_2025_kommune-12-4601.json", "st_2025_kommune-55-5501.json", "st_2025_norge.json"])
ST_2025 = Election("st", 2025)


@pytest.fixture(scope="module")
def recorded(data_dir: Path) -> Path:
    return data_dir / "recorded" / "valgresultat"


def load(recorded: Path, name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((recorded / name).read_text(encoding="utf-8"))
    return data


def document(recorded: Path, name: str) -> valg.Document:
    return parse_document((recorded / name).read_bytes(), str(recorded / name))


@pytest.fixture(scope="module")
def history(data_dir: Path) -> CodeHistory:
    """The bundle's code history, as the places app loads it."""
    norway = data_dir / "norway"
    with (norway / "municipality_code_changes.csv").open(encoding="utf-8") as handle:
        changes = [CodeChange(row["old_code"], row["code_2024"], float(row["weighting"]),
                              int(row["valid_from_year"]), int(row["valid_to_year"])) for row in csv.DictReader(handle)]
    with (norway / "municipalities.csv").open(encoding="utf-8") as handle:
        current = [row["municipality_code"] for row in csv.DictReader(handle)]
    return CodeHistory(changes, current)


def values(result: Any) -> dict[tuple[str, int], float]:
    return {(row.place, row.year): row.value for row in result.table.itertuples(index=False)}


# --- URLs and documents ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", FILES)
def test_url_builders_give_each_recorded_documents_own_path(recorded: Path, name: str) -> None:
    data = load(recorded, name)
    election = Election(data["id"]["valgtype"].lower(), int(data["id"]["valgaar"]))
    level, number = data["id"]["nivaa"], data["id"]["nr"]
    built = {"land": lambda: election_url(election),
             "fylke": lambda: district_url(election, number),
             "kommune": lambda: kommune_url(election, data["_links"]["up"]["nr"], number)}[level]()
    assert built == VALG_API + data["_links"]["self"]["href"]


@pytest.mark.parametrize("name", FILES)
def test_every_recorded_document_reproduces_its_stated_turnout_from_its_counts(recorded: Path, name: str) -> None:
    data = load(recorded, name)
    parsed = document(recorded, name)
    assert parsed.turnout == pytest.approx(100 * data["stemmer"]["total"] / data["antallsb"])
    assert round(parsed.turnout, 1) == data["frammote"]["prosent"]


def test_bergen_2025_turnout_is_what_the_document_states(recorded: Path) -> None:
    data = load(recorded, "st_2025_kommune-12-4601.json")
    result = read_documents([document(recorded, "st_2025_kommune-12-4601.json")], indicator=INDICATOR)
    (row,) = result.table.itertuples(index=False)
    assert (row.indicator, row.place, row.year, row.unit, row.flag) == (INDICATOR, "4601", 2025, "percent", "")
    assert row.value == round(100 * data["stemmer"]["total"] / data["antallsb"], 2) == 82.52
    assert round(row.value, 1) == data["frammote"]["prosent"] == 82.5
    (source,) = result.provenance["documents"]
    assert source["url"].endswith("st_2025_kommune-12-4601.json")
    assert source["report_generated"] == "2025-09-17T12:10:26"


def test_country_document_gives_the_country(recorded: Path) -> None:
    data = load(recorded, "st_2025_norge.json")
    result = read_documents([document(recorded, "st_2025_norge.json")], indicator=INDICATOR)
    assert values(result) == {("0", 2025): round(100 * 3246318 / 4059218, 2)}
    assert round(values(result)[("0", 2025)], 1) == data["frammote"]["prosent"]


def test_constituency_document_is_no_fylke_but_lists_its_kommuner(recorded: Path) -> None:
    district = document(recorded, "st_2025_fylke-12.json")
    assert (district.level, district.number, district.name) == ("fylke", "12", "Hordaland")
    result = read_documents([district], indicator=INDICATOR, fylker={"46": ["4601"]})
    assert result.table.empty
    assert "12 Hordaland is an electoral district of the Storting election 2025, not a 2024 fylke" in \
        result.provenance["skipped"][0]
    links, _reached = valg.kommune_links(district)
    assert len(links) == 25 and links[0].href == "/2025/st/12/4601" and links[-1].number == "4634"


def test_fylke_turnout_sums_the_counts_of_every_kommune_of_the_fylke(recorded: Path) -> None:
    oslo = document(recorded, "st_2025_kommune-03-0301.json")
    bergen = document(recorded, "st_2025_kommune-12-4601.json")
    result = read_documents([oslo, bergen], indicator=INDICATOR, fylker={"03": ["0301"], "46": ["4601", "4602"]})
    assert values(result)[("03", 2025)] == round(100 * 424036 / 518708, 2)
    assert ("46", 2025) not in values(result)
    assert "fylke 46 in 2025: no counts for 1 of its 2 kommuner (4602)" in result.provenance["skipped"]


def test_older_kommunenummer_map_to_2024_through_the_code_history(recorded: Path, history: CodeHistory) -> None:
    bergen_2009 = document(recorded, "st_2009_kommune-12-1201.json")
    assert values(read_documents([bergen_2009], indicator=INDICATOR, history=history)) == {("4601", 2009): 78.26}
    # Without the history the document's own number stays, for the import to map.
    assert list(read_documents([bergen_2009]).table["place"]) == ["1201"]


def _kommune(recorded: Path, number: str, year: int, entitled: int, ballots: int) -> valg.Document:
    """A kommune document of ``year`` made from the recorded Utsira one, with other counts."""
    data = copy.deepcopy(load(recorded, "st_2025_kommune-11-1151.json"))
    data["id"].update(nr=number, valgaar=str(year))
    data["antallsb"], data["stemmer"]["total"] = entitled, ballots
    data["frammote"]["prosent"] = round(100 * ballots / entitled, 1)
    data["_links"]["self"]["href"] = f"/{year}/st/11/{number}"
    return parse_document(data, f"made-up/{year}/{number}")


def test_a_kept_kommunenummer_that_took_in_others_is_summed_with_them(recorded: Path, history: CodeHistory) -> None:
    # 1103 Stavanger kept its number in 2020 when it took in 1141 Finnøy and 1142 Rennesøy.
    parts = [_kommune(recorded, "1103", 2009, 90000, 70000), _kommune(recorded, "1141", 2009, 2000, 1700),
             _kommune(recorded, "1142", 2009, 3000, 2500)]
    assert values(read_documents(parts, history=history)) == {("1103", 2009): round(100 * 74200 / 95000, 2)}
    alone = read_documents(parts[:1], history=history)
    assert alone.table.empty
    assert "one part of the 2024 kommune 1103" in alone.provenance["unmapped"][0]["reason"]


# --- shapes that are not proven --------------------------------------------------------------------------------

def _without(data: dict[str, Any], path: str) -> dict[str, Any]:
    *parents, last = path.split(".")
    target = data
    for part in parents:
        target = target[part]
    del target[last]
    return data


@pytest.mark.parametrize(("change", "field", "says"), [
    (lambda d: _without(d, "antallsb"), "antallsb", "is missing"),
    (lambda d: d.update(antallsb="215931"), "antallsb", "is str, expected int"),
    (lambda d: d["frammote"].update(prosent=70.0), "frammote.prosent", "stemmer.total/antallsb gives 82.515"),
    (lambda d: d["id"].update(nivaa="bydel"), "id.nivaa", "is 'bydel'"),
    (lambda d: _without(d, "_links.related"), "_links.related", "is missing"),
    (lambda d: d["_links"]["related"].append({"nr": 1}), "_links.related[58]", "lacks the strings nr and href"),
    (lambda d: d["opptellingsStatus"]["andre"]["valgtingslokale"].update(status="pågår"), "opptellingsStatus.andre",
     "valgtingslokale not 'ferdig': the final count is not finished"),
    (lambda d: _without(d, "opptellingsStatus"), "opptellingsStatus.andre", "is missing"),
])
def test_a_document_of_another_shape_is_a_clear_error(recorded: Path, change: Any, field: str, says: str) -> None:
    data = load(recorded, "st_2025_kommune-12-4601.json")
    change(data)
    with pytest.raises(DocumentError, match="not the valgresultat.no document shape") as raised:
        parse_document(data, "https://valgresultat.no/api/2025/st/12/4601")
    assert raised.value.field == field
    assert str(raised.value).startswith("https://valgresultat.no/api/2025/st/12/4601: ") and says in str(raised.value)


def test_a_count_before_2025_must_be_final(recorded: Path) -> None:
    data = load(recorded, "st_2009_kommune-12-1201.json")
    data["opptalt"]["endelig"] = 87.5
    with pytest.raises(DocumentError, match="opptalt.endelig is 87.5: the final count is not finished"):
        parse_document(data, "https://valgresultat.no/api/2009/st/12/1201")


def test_a_document_of_another_election_is_a_clear_error_and_names_unverified_types(recorded: Path) -> None:
    body = (recorded / "st_2025_kommune-12-4601.json").read_bytes()
    with pytest.raises(DocumentError, match="is the Storting election 2025, expected the kommunestyre election "
                                            "2023.*unverified"):
        parse_document(body, "u", expect=Election("ko", 2023))
    with pytest.raises(DocumentError, match="the body is not JSON"):
        parse_document(b"<html>maintenance</html>", "u")


def test_read_bytes_reports_a_shape_problem_instead_of_raising(recorded: Path) -> None:
    data = _without(load(recorded, "st_2025_kommune-12-4601.json"), "stemmer")
    result = valg.read_bytes(json.dumps(data).encode(), ReadOptions(indicator=INDICATOR), "https://x/2025/st/12/4601")
    assert result.table.empty and [problem.column for problem in result.problems] == ["stemmer.total"]
    good = valg.read_bytes((recorded / "st_2025_kommune-12-4601.json").read_bytes(), ReadOptions(indicator=INDICATOR))
    assert good.ok and list(good.table["indicator"]) == [INDICATOR]


def test_elections_follow_the_four_year_cycle_and_kommunestyre_is_unverified() -> None:
    assert [e.year for e in valg.elections("st", range(2008, 2027))] == [2009, 2013, 2017, 2021, 2025]
    assert [e.year for e in valg.elections("ko", range(2008, 2027))] == [2011, 2015, 2019, 2023]
    with pytest.raises(QueryError, match="2024 is not a year of a Storting election"):
        Election("st", 2024)
    with pytest.raises(QueryError, match="unknown election type"):
        valg.elections("fy", [2023])
    assert valg.STORTING.verified and not valg.KOMMUNESTYRE.verified


# --- plan over all kommuner, with a fake API -------------------------------------------------------------------

class FakeApi:
    """Serves documents by URL (404 for any other) and records what was asked; GET only."""

    def __init__(self, documents: Mapping[str, bytes]) -> None:
        self.documents = dict(documents)
        self.got: list[str] = []

    def get(self, url: str) -> ssb.Response:
        self.got.append(url)
        body = self.documents.get(url)
        return (200, {}, body) if body is not None else (404, {}, b'{"title": "not found"}')

    def post(self, url: str, json: Mapping[str, Any]) -> ssb.Response:
        raise AssertionError("valgresultat.no is read with GET")


@pytest.fixture
def api(recorded: Path) -> FakeApi:
    """The recorded 2025 documents at their URLs; the country document's links are cut to the one constituency
    that is recorded (12 Hordaland), so the index can be read in full."""
    country = load(recorded, "st_2025_norge.json")
    country["_links"]["related"] = [link for link in country["_links"]["related"] if link["nr"] == "12"]
    return FakeApi({
        election_url(ST_2025): json.dumps(country).encode(),
        district_url(ST_2025, "12"): (recorded / "st_2025_fylke-12.json").read_bytes(),
        kommune_url(ST_2025, "12", "4601"): (recorded / "st_2025_kommune-12-4601.json").read_bytes(),
    })


def fetcher(api: FakeApi) -> ssb.Fetcher:
    made = valg.make_fetcher(api, sleep=lambda seconds: None, max_attempts=1)
    made.now = lambda: datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    return made


def test_plan_reads_the_index_and_plans_the_wanted_kommuner(api: FakeApi) -> None:
    plan = discover(fetcher(api), ST_2025, wanted={"4601", "0301"})
    assert [task.url for task in plan.tasks] == [election_url(ST_2025), district_url(ST_2025, "12"),
                                                 kommune_url(ST_2025, "12", "4601")]
    assert all(task.method == "GET" and task.body == {} and task.table == "valg-st" for task in plan.tasks)
    assert plan.unreached == ("0301",)  # its constituency is not in this index
    assert api.got == [election_url(ST_2025), district_url(ST_2025, "12")]
    everything = discover(fetcher(api), ST_2025)
    assert len(everything.tasks) == 2 + 25 and everything.unreached == ()
    assert [task.key for task in everything.tasks[:3]] == [task.key for task in plan.tasks]


def test_plan_is_fetched_resumably_with_provenance_per_piece(api: FakeApi) -> None:
    made = fetcher(api)
    plan = discover(made, ST_2025, wanted={"4601"})
    done = {plan.tasks[0].key, plan.tasks[1].key}
    api.got.clear()
    pieces = list(fetch_tasks(made, plan.tasks, done))
    assert api.got == [kommune_url(ST_2025, "12", "4601")]
    result = valg.read_pieces([*plan.index, *pieces], indicator=INDICATOR)
    assert values(result) == {("0", 2025): 79.97, ("4601", 2025): 82.52}
    bergen = result.provenance["documents"][-1]
    assert (bergen["url"], bergen["fetched_at"]) == (kommune_url(ST_2025, "12", "4601"), "2026-03-01T12:00:00+00:00")


def test_plan_stops_at_an_index_link_of_another_shape(api: FakeApi, recorded: Path) -> None:
    # A kommunestyre index is not recorded: if its links skip the constituency level, the plan says so.
    country = load(recorded, "st_2025_norge.json")
    country["id"].update(valgtype="KO", valgaar="2023")
    country["_links"]["self"]["href"] = "/2023/ko"
    country["_links"]["related"] = [{"nr": "0301", "href": "/2023/ko/0301", "navn": "Oslo"}]
    api.documents[election_url(Election("ko", 2023))] = json.dumps(country).encode()
    with pytest.raises(DocumentError, match="/2023/ko/0301.*unverified"):
        discover(fetcher(api), Election("ko", 2023))


def test_plan_stops_when_the_api_does_not_have_the_election(api: FakeApi) -> None:
    with pytest.raises(FetchError, match="HTTP 404") as raised:
        discover(fetcher(api), Election("st", 2005))
    assert raised.value.status == 404
