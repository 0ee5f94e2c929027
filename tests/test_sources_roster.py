"""Rosters: officers and agencies with their accounts, and Post.officer."""

from __future__ import annotations

import io
import sys
from datetime import UTC, datetime
from pathlib import Path

import attrs
import pytest

from engagekit.errors import ParseError, ValidationError
from engagekit.models import Account, Agency, Officer, Post
from engagekit.sources.roster import Roster

FIXTURES = Path(__file__).parent / "fixtures" / "roster"

REYES_IG = Account(platform="instagram", handle="officer.reyes")


def post(author: Account | None) -> Post:
    return Post(id="1", platform="instagram", created_at=datetime(2024, 5, 2, tzinfo=UTC),
                author=author)


@pytest.fixture(params=["roster.yaml", "roster.csv"])
def roster(request: pytest.FixtureRequest) -> Roster:
    return Roster.load(FIXTURES / request.param)


def test_both_files_hold_the_same_roster() -> None:
    from_yaml = Roster.load(FIXTURES / "roster.yaml")
    from_csv = Roster.load(FIXTURES / "roster.csv")
    assert [o.name for o in from_yaml.officers] == [o.name for o in from_csv.officers]
    for a, b in zip(from_yaml.officers, from_csv.officers, strict=True):
        assert (a.rank, a.badge, a.accounts) == (b.rank, b.badge, b.accounts)
        assert (a.agency and a.agency.accounts) == (b.agency and b.agency.accounts)
    assert {a.name for a in from_yaml.agencies} == {a.name for a in from_csv.agencies}


MATCHES = [
    # account, officer name (None: no match)
    (Account(platform="instagram", handle="Officer.Reyes"), "Jordan Reyes"),  # case
    (Account(platform="mastodon", handle="someone-else",
             id="https://police.example.social/users/reyes"), "Jordan Reyes"),  # by id
    (Account(platform="mastodon", handle="REYES@police.example.social"), "Jordan Reyes"),
    (Account(platform="twitter", handle="sgtokafor"), "Sam Okafor"),  # '@' stripped on load
    (Account(platform="twitter", handle="renamed", id="2000002"), "Sam Okafor"),
    (Account(platform="twitter", handle="officer.reyes"), None),  # another platform
    (Account(platform="instagram", handle="springfieldpd"), None),  # an agency's account
]


@pytest.mark.parametrize(("account", "name"), MATCHES)
def test_officer_for(roster: Roster, account: Account, name: str | None) -> None:
    found = roster.officer_for(account)
    assert (found and found.name) == name


def test_agencies(roster: Roster) -> None:
    agency = roster.agency_for(Account(platform="twitter", handle="x", id="1000001"))
    assert agency is not None
    assert agency.name == "Springfield PD"
    reyes = roster.officer_for(REYES_IG)
    assert reyes is not None
    assert reyes.agency == agency
    assert (reyes.rank, reyes.badge) == ("Officer", "4471")
    assert roster.agency_for(REYES_IG) is None


def test_attach(roster: Roster) -> None:
    attached = roster.attach(post(REYES_IG))
    assert attached.officer is not None
    assert attached.officer.name == "Jordan Reyes"
    assert attrs.evolve(attached, officer=None) == post(REYES_IG)
    unknown = post(Account(platform="instagram", handle="someone"))
    assert roster.attach(unknown) is unknown
    assert roster.attach(post(None)).officer is None


def test_a_roster_is_an_immutable_value() -> None:
    reyes = Officer(name="Jordan Reyes", accounts=[REYES_IG])
    a, b = Roster(officers=[reyes]), Roster(officers=(reyes,), agencies=())
    assert a == b
    assert hash(a) == hash(b)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        a.officers = ()  # type: ignore[misc]


def test_one_account_cannot_belong_to_two_officers() -> None:
    with pytest.raises(ValidationError, match="belongs to both 'A' and 'B'"):
        Roster(officers=[Officer(name="A", accounts=[REYES_IG]),
                         Officer(name="B", accounts=[attrs.evolve(REYES_IG,
                                                                  handle="OFFICER.REYES")])])
    with pytest.raises(ValidationError, match=r"Roster.agencies\[0\]"):
        Roster(agencies=[Officer(name="A")])


CSV_ERRORS = [
    # text, message, record, path
    ("officer,handle\nA,x\n", "missing column(s) platform", None, "$"),
    ("officer,platform,handle,email\n", "unknown column(s) 'email'", None, "$"),
    ("officer,platform,handle\nA,myspace,x\n", "expected one of", 0, "$.platform"),
    ("officer,platform,handle\n\nA,twitter,\n", "non-empty str", 0, "$.handle"),
    ("officer,platform,handle\n,twitter,x\n", "an officer or an agency", 0, "$.officer"),
    ("officer,platform,handle\nA,twitter\n", "expected 3 cells, got 2", 0, None),
    ("officer,rank,platform,handle\nA,Sgt,twitter,a\nA,Lt,twitter,b\n", "disagrees", 1, "$.rank"),
    ("officer,platform,handle\nA,twitter,a\nB,twitter,A\n", "belongs to both", None, "$"),
]


@pytest.mark.parametrize(("text", "message", "record", "path"), CSV_ERRORS)
def test_csv_errors(text: str, message: str, record: int | None, path: str | None) -> None:
    with pytest.raises(ParseError, match=message.replace("(", r"\(").replace(")", r"\)")) as info:
        Roster.from_csv(io.StringIO(text))
    assert (info.value.record, info.value.path) == (record, path)


YAML_ERRORS = [
    ("officers: [{name: A, accounts: [{platform: twitter}]}]", "required key is missing",
     "$.officers[0].accounts[0].handle"),
    ("officers: [{name: A, badge: 0471}]", "quote it", "$.officers[0].badge"),
    ("officers: [{name: A, email: a@example.org}]", "unknown key(s) 'email'", "$.officers[0]"),
    ("officers: {name: A}", "expected a list", "$.officers"),
    ("people: []", "unknown key(s) 'people'", "$"),
    ("[1, 2]", "expected a mapping", "$"),
    ("officers: [{name: ''}]", "non-empty", "$.officers[0]"),
    ("agencies: [{name: X, location: {region: IL}}]", "required key is missing",
     "$.agencies[0].location.name"),
    ("officers: [{name: A", "invalid YAML (line 1", None),
    ("a: &x [1]\nb: *x", "aliases are not allowed", None),
]


@pytest.mark.parametrize(("text", "message", "path"), YAML_ERRORS)
def test_yaml_errors(text: str, message: str, path: str | None) -> None:
    pytest.importorskip("yaml")
    with pytest.raises(ParseError) as info:
        Roster.from_yaml(io.StringIO(text))
    assert message in info.value.message
    assert info.value.path == path


def test_empty_yaml_is_an_empty_roster() -> None:
    pytest.importorskip("yaml")
    assert Roster.from_yaml(io.StringIO("")) == Roster()


def test_yaml_needs_pyyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "yaml", None)
    with pytest.raises(ImportError, match=r"engagekit\[yaml\]"):
        Roster.load(FIXTURES / "roster.yaml")
    assert Roster.load(FIXTURES / "roster.csv").officers  # CSV needs nothing


def test_load_errors(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match=r"expected a \.yaml, \.yml or \.csv roster file, "
                       r"not '\.txt'") as caught:
        Roster.load(tmp_path / "roster.txt")
    assert caught.value.source == str(tmp_path / "roster.txt")
    with pytest.raises(ParseError, match="cannot read the roster"):
        Roster.load(tmp_path / "missing.csv")
    bad = tmp_path / "latin1.csv"
    bad.write_bytes("officer,platform,handle\nJosé,twitter,j\n".encode("latin-1"))
    with pytest.raises(ParseError, match="not UTF-8"):
        Roster.load(bad)


def test_agency_named_only_by_an_officer() -> None:
    pytest.importorskip("yaml")
    roster = Roster.from_yaml(io.StringIO("officers: [{name: A, agency: Shelbyville Sheriff}]"))
    assert roster.agencies == (Agency(name="Shelbyville Sheriff"),)
    assert roster.officers[0].agency == Agency(name="Shelbyville Sheriff")
