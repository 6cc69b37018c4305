"""``lokalagenda load-network --file FILE``: a membership list, all or nothing, problems as file:row:column."""

import pytest
from django.core.management import CommandError, call_command

from lokalagenda.accounts.models import AuditEntry
from lokalagenda.places.models import Network, NetworkMembership
from lokalagenda.places.networks.queries import network_members

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(db):
    return Network.objects.create(name="Testnettverk for bærekraft", slug="testnettverk")


def _file(tmp_path, text, name="medlemmer.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _load(path, *args):
    call_command("load_network", "--file", str(path), *args, verbosity=0)


def test_a_valid_file_loads_every_member_and_audits_them(tmp_path, network):
    _load(_file(tmp_path, "network,number,joined\nTestnettverk for bærekraft,0301,2019\n"
                          "testnettverk,4601,\nTestnettverk for bærekraft,46,2022\n"))
    assert network_members("testnettverk") == ["0301", "46", "4601"]
    assert NetworkMembership.objects.get(network=network, kommune="0301").joined_year == 2019
    assert NetworkMembership.objects.get(network=network, kommune="4601").joined_year is None
    assert AuditEntry.objects.filter(model="places.NetworkMembership", action="create").count() == 3


def test_loading_the_same_file_again_changes_nothing(tmp_path, network, capsys):
    path = _file(tmp_path, "network;number;joined\ntestnettverk;0301;2019\ntestnettverk;1103;2020\n")
    _load(path)
    call_command("load_network", "--file", str(path))
    assert "0 member(s) added, 2 already stored" in capsys.readouterr().out
    assert NetworkMembership.objects.filter(network=network).count() == 2


def test_every_problem_is_reported_with_row_and_column_and_nothing_is_stored(tmp_path, network):
    path = _file(tmp_path, "network,number,joined\n"
                           "testnettverk,0301,2019\n"      # row 2: fine
                           "testnettverk,9999,2019\n"      # row 3: no such kommune
                           "testnettverk,0219,2019\n"      # row 4: earlier number of Bærum
                           "testnettverk,301,2019\n"       # row 5: three digits
                           "testnettverk,4601,i fjor\n"    # row 6: not a year
                           "Ukjent nettverk,1103,2020\n"   # row 7: no such network
                           "testnettverk,0301,2019\n")     # row 8: repeat of row 2
    with pytest.raises(CommandError) as raised:
        _load(path)
    message = str(raised.value)
    assert "6 problem(s); nothing was loaded" in message
    assert "medlemmer.csv:3:number: 9999 is not a kommune" in message
    assert "medlemmer.csv:4:number: 0219 is an earlier kommunenummer; today it is part of 3201" in message
    assert "medlemmer.csv:5:number: '301' is not a kommunenummer" in message
    assert "medlemmer.csv:6:joined: 'i fjor' is not a year" in message
    assert "medlemmer.csv:7:network: no network named 'Ukjent nettverk'" in message
    assert "medlemmer.csv:8:number: 0301 is listed twice (also row 2)" in message
    assert not NetworkMembership.objects.exists()


def test_missing_columns_are_named(tmp_path, network):
    with pytest.raises(CommandError, match=r"medlemmer.csv:1:: missing column\(s\): joined"):
        _load(_file(tmp_path, "network,number\ntestnettverk,0301\n"))


def test_a_stored_member_with_other_years_is_not_overwritten(tmp_path, network):
    NetworkMembership.objects.create(network=network, kommune_id="0301", joined_year=2017)
    with pytest.raises(CommandError, match=r"medlemmer.csv:3:joined: 0301 is already a member \(joined 2017"):
        _load(_file(tmp_path, "network,number,joined\ntestnettverk,1103,2020\ntestnettverk,0301,2019\n"))
    assert NetworkMembership.objects.get(network=network, kommune="0301").joined_year == 2017
    assert not NetworkMembership.objects.filter(kommune="1103").exists()


def test_left_before_joined_is_refused(tmp_path, network):
    with pytest.raises(CommandError, match=r"medlemmer.csv:2:left: 2018 is before the year it joined \(2019\)"):
        _load(_file(tmp_path, "network,number,joined,left\ntestnettverk,0301,2019,2018\n"))


def test_create_makes_a_network_the_file_names(tmp_path, db):
    _load(_file(tmp_path, "network,number,joined\nKlimanettverk Vest,4601,2021\nKlimanettverk Vest,46,\n"),
          "--create")
    network = Network.objects.get(name="Klimanettverk Vest")
    assert network.slug == "klimanettverk-vest"
    assert network_members("klimanettverk-vest") == ["46", "4601"]


def test_a_missing_file_is_named(tmp_path, db):
    with pytest.raises(CommandError, match="no such file"):
        _load(tmp_path / "finnes-ikke.csv")
