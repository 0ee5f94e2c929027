"""engagekit.privacy name detection: case tables, hard negatives, and measured precision/recall."""

from __future__ import annotations

import importlib.util
import json
from datetime import datetime, timezone
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given

import engagekit as ek
from engagekit.privacy import MEDIA_AND_NAME, POSSIBLE_NAME, flags, name_spans
from engagekit.privacy._edit import entity_spans
from tests._privacy import captioned_posts

ROOT = Path(__file__).resolve().parents[1]
CAPTIONS = ROOT / "tests" / "fixtures" / "privacy" / "captions.jsonl"
WHEN = datetime(2026, 5, 2, tzinfo=timezone.utc)


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("privacy_names", ROOT / "scripts"
                                                  / "privacy_names.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _names(text: str, lang: str | None = None) -> list[str]:
    return [n.text for n in name_spans(text, lang=lang)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # cue words
        ("Great to meet Giselle & Aliyah today!", ["Giselle", "Aliyah"]),
        ("Congrats to Sgt. Maria Lopez on 20 years!", ["Maria Lopez"]),
        ("Shout out to Jayden for returning a wallet.", ["Jayden"]),
        ("Had coffee with Rosa this morning.", ["Rosa"]),
        ("Gracias a María y Lucía por la visita.", ["María", "Lucía"]),
        ("Merci à Chloé et Hugo !", ["Chloé", "Hugo"]),
        ("Danke an Frau Becker für die Bilder!", ["Becker"]),
        ("Mit Jonas und Mia auf dem Schulhof.", ["Jonas", "Mia"]),
        # titles, possessives, lists, vocatives
        ("Officer Diaz visited the school.", ["Diaz"]),
        ("Mrs. Patel's class made cards.", ["Patel"]),
        ("Today Giselle, Aliyah and Marcus joined us.", ["Giselle", "Aliyah", "Marcus"]),
        ("Happy retirement, Linda!", ["Linda"]),
        ("Isabella and her mom brought donuts.", ["Isabella"]),
        ("The Johnson family invited us over.", ["Johnson"]),
        ("Officer McKenzie and Deputy O'Brien helped.", ["McKenzie", "O'Brien"]),
        ("Merci à M. Dupont de la mairie.", ["Dupont"]),
    ],
)
def test_names_found(text: str, expected: list[str]) -> None:
    assert _names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # places and streets
        "Road closure on Main Street between Oak Ave and Elm Street.",
        "Coffee with a Cop at Burns Park in North Little Rock.",
        "We love our neighbors in Maplewood and Springfield!",
        "Fermeture de la rue de la République ce samedi.",
        "Corte de tráfico en la Calle Mayor por obras.",
        "Vollsperrung der Hauptstraße am Samstag.",
        # agencies
        "Thanks to the Springfield Police Department and Oakwood Fire Rescue.",
        "La Policía Municipal de Madrid estará en el parque.",
        "La Gendarmerie nationale recrute !",
        "Die Polizei Berlin sucht Verstärkung.",
        # days, months, holidays, sentence-initial words
        "Monday: bike patrol. Tuesday: foot patrol. Friday: coffee.",
        "National Night Out is in August; Trunk or Treat on October 31.",
        "Happy Thanksgiving from all of us!",
        "Feliz Navidad. Nos vemos en enero.",
        # hashtags, CamelCase, ALL CAPS, mentions, URLs
        "#MeetGiselle #OfficerReyes #CoffeeWithACop",
        "StayCommitted CommunityPolicing SpringfieldStrong",
        "NATIONAL NIGHT OUT IS TUESDAY! SEE YOU AT CITY HALL!",
        "Thanks @maria_lopez and @officer.reyes! https://example.org/Maria",
        "Follow us at www.springfieldpd.org/Giselle",
        # police dogs and saints
        "Meet K9 Bruno, our newest partner.",
        "St. Patrick's Day parade on Main Street.",
    ],
)
def test_hard_negatives_are_not_flagged(text: str) -> None:
    assert _names(text) == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Spiel und Spaß beim Kinderfest.", "de", []),  # German nouns are capitalised
        ("Spiel und Spaß beim Kinderfest.", None, []),  # ... and German is recognised
        ("Treffen mit Lena beim Fest.", "de", ["Lena"]),
    ],
)
def test_german_nouns(text: str, lang: str | None, expected: list[str]) -> None:
    assert _names(text, lang) == expected


def test_the_labelled_set_is_large_and_multilingual() -> None:
    rows = [json.loads(line) for line in CAPTIONS.read_text("utf-8").splitlines()]
    assert len(rows) >= 300
    langs = {r["lang"] for r in rows}
    assert {"en", "es", "fr", "de"} <= langs
    for row in rows:
        for name in row["names"]:
            assert name in row["text"], row
    assert sum(1 for r in rows if not r["names"]) >= 100  # plenty of captions without a name


def test_precision_and_recall_on_the_labelled_set() -> None:
    script = _script()
    scores = script.evaluate(script.load(CAPTIONS))
    total = scores["all"]
    print(script.table(scores))
    assert total.labelled >= 200
    assert total.precision >= 0.9, total
    assert total.recall >= 0.9, total


def test_no_name_found_in_the_labelled_set_touches_a_hashtag_mention_or_url() -> None:
    script = _script()
    for row in script.load(CAPTIONS):
        text = str(row["text"])
        parsed = ek.parse_text(text)
        entities = [(e.start or 0, e.end or 0)
                    for family in (parsed.hashtags, parsed.mentions, parsed.links) for e in family]
        for span in name_spans(text):
            assert all(span.end <= s or e <= span.start for s, e in entities), (row, span)


@given(captioned_posts())
def test_spans_are_names_and_never_touch_entities(post: ek.Post) -> None:
    taken = entity_spans(post)
    for span in name_spans(post.text, skip=taken):
        assert post.text[span.start:span.end] == span.text
        assert all(span.end <= s or e <= span.start for s, e in taken)


def _post(text: str, **kwargs: object) -> ek.Post:
    return ek.Post(id="1", platform="instagram", created_at=WHEN, text=text,
                   **kwargs)  # type: ignore[arg-type]


PHOTO = ek.Media(kind="photo", uri="media/1.jpg")


@pytest.mark.parametrize(
    ("post", "expected"),
    [
        (_post("Great to meet Giselle & Aliyah today!"), {POSSIBLE_NAME}),
        (_post("Great to meet Giselle & Aliyah today!", media=[PHOTO]),
         {POSSIBLE_NAME, MEDIA_AND_NAME}),
        (_post("Fun at the park today!", media=[PHOTO]), set()),
        (_post("Fun at the park today!", tagged=["giselle.m"]), {POSSIBLE_NAME}),
        (_post("Fun at the park today!", tagged=["giselle.m"], media=[PHOTO]),
         {POSSIBLE_NAME, MEDIA_AND_NAME}),
        (_post(""), set()),
        (_post("Road closure on Main Street.", media=[PHOTO]), set()),
        # the caption names nobody, the photo's description does
        (_post("Fun at the park today!", media=[ek.Media(
            kind="photo", uri="media/1.jpg", alt_text="Officer Reyes with Giselle and Aliyah")]),
         {POSSIBLE_NAME, MEDIA_AND_NAME}),
        (_post("Fun at the park today!", media=[ek.Media(
            kind="photo", uri="media/1.jpg", alt_text="Kids on the slide at Burns Park")]),
         set()),
    ],
)
def test_flags_case_table(post: ek.Post, expected: set[str]) -> None:
    assert flags(post) == expected


def test_flags_skip_entity_spans_the_post_gives() -> None:
    # the platform says "Giselle" is a mention's text (a span with no sigil in the caption)
    text = "Great to meet Giselle today"
    post = _post(text, mentions=[ek.Mention(handle="giselle", start=14, end=21)])
    assert flags(post) == frozenset()
    assert flags(_post(text)) == {POSSIBLE_NAME}
