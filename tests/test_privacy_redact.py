"""engagekit.privacy.redact: placeholders for people, officers and agencies kept, spans valid."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from hypothesis import given

import engagekit as ek
from engagekit.privacy import placeholder, redact, redact_post
from engagekit.sources import Roster
from tests._privacy import captioned_posts, mention, spans_ok

WHEN = datetime(2026, 5, 2, tzinfo=timezone.utc)
REYES = ek.Officer(name="Jordan Reyes", accounts=[ek.Account(platform="instagram",
                                                             handle="officer.reyes")],
                   agency=ek.Agency(name="Springfield Police Department",
                                    accounts=[ek.Account(platform="instagram",
                                                         handle="springfieldpd")]))


def _post(text: str, handles: tuple[str, ...] = (), **kwargs: object) -> ek.Post:
    return ek.Post(id="1", platform="instagram", created_at=WHEN, text=text,
                   mentions=[mention(h, text) for h in handles],
                   **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "handles", "expected"),
    [
        ("Great to meet Giselle & Aliyah today!", (),
         "Great to meet [name 1] & [name 2] today!"),
        ("Meet Giselle! Giselle loved the K9 demo.", (),
         "Meet [name 1]! [name 1] loved the K9 demo."),  # same name, same placeholder
        ("Thanks @giselle.mom and Aliyah!", ("giselle.mom",), "Thanks [name 1] and [name 2]!"),
        ("With @officer.reyes and @springfieldpd at Burns Park", ("officer.reyes", "springfieldpd"),
         "With @officer.reyes and @springfieldpd at Burns Park"),  # officer and agency kept
        ("Road closure on Main Street until 5pm.", (), "Road closure on Main Street until 5pm."),
    ],
)
def test_redact_case_table(text: str, handles: tuple[str, ...], expected: str) -> None:
    out = redact_post(_post(text, handles, officer=REYES))
    assert out.text == expected
    assert spans_ok(out)


def test_redacted_mentions_leave_mentions_and_kept_ones_move() -> None:
    text = "Thanks @giselle.mom and @officer.reyes! #CommunityDay"
    post = _post(text, ("giselle.mom", "officer.reyes"), officer=REYES,
                 hashtags=[ek.Hashtag(text="CommunityDay", start=40, end=53)])
    out = redact_post(post)
    assert out.text == "Thanks [name 1] and @officer.reyes! #CommunityDay"
    assert [m.handle for m in out.mentions] == ["officer.reyes"]
    assert spans_ok(out)


def test_roster_says_who_is_an_officer_or_agency() -> None:
    text = "Thanks @cityfire and @neighbour.jo!"
    roster = Roster(agencies=[ek.Agency(name="City Fire", accounts=[
        ek.Account(platform="instagram", handle="CityFire")])])
    post = _post(text, ("cityfire", "neighbour.jo"))
    assert redact_post(post).text == "Thanks [name 1] and [name 2]!"
    assert redact_post(post, roster=roster).text == "Thanks @cityfire and [name 1]!"


def test_tagged_people_and_alt_text() -> None:
    post = _post("Fun with @giselle.m today", tagged=["giselle.m", "aliyah_r"],
                 media=[ek.Media(kind="photo", uri="media/1.jpg",
                                 alt_text="Officer Reyes with Giselle at the fair")])
    out = redact_post(post, roster=None)
    assert out.text == "Fun with [name 1] today"  # a tagged handle written without a span
    assert out.tagged == ("[name 1]", "[name 2]")
    assert out.media[0].alt_text == "Officer [name 3] with [name 4] at the fair"


def test_mentions_without_spans_are_found_in_the_text() -> None:
    post = ek.Post(id="1", platform="instagram", created_at=WHEN,
                   text="Thanks @Giselle.M for the drawing",
                   mentions=[ek.Mention(handle="giselle.m")])
    out = redact_post(post)
    assert out.text == "Thanks [name 1] for the drawing"
    assert out.mentions == ()


def test_a_remote_mastodon_mention_shown_in_short_form_is_replaced() -> None:
    text = "@jkowalski Thanks for the tip about the streetlight on 5th"
    post = ek.Post(id="1", platform="mastodon", created_at=WHEN, text=text,
                   mentions=[ek.Mention(handle="jkowalski@neighbors.example", start=0, end=10)])
    out = redact_post(post)
    assert out.text == "[name 1] Thanks for the tip about the streetlight on 5th"
    assert out.mentions == ()


def test_placeholder_shape() -> None:
    assert placeholder(3) == "[name 3]"


@given(captioned_posts())
def test_spans_stay_valid_after_redaction(post: ek.Post) -> None:
    assert spans_ok(post)
    out = redact_post(post)
    assert spans_ok(out)
    kept = {m.handle for m in out.mentions}
    assert kept <= {m.handle for m in post.mentions}
    assert not kept  # no officer or roster: every mention is a private account's
    assert len(out.tagged) == len(post.tagged)
    assert all(t.startswith("[name ") for t in out.tagged)
    assert len(out.hashtags) == len(post.hashtags)
    assert len(out.links) == len(post.links)


@given(captioned_posts())
def test_redact_is_lazy_and_per_post(post: ek.Post) -> None:
    assert list(redact([post, post])) == [redact_post(post)] * 2


def test_alt_text_loses_redacted_handles_too() -> None:
    post = _post("Thanks @giselle.mom!", ("giselle.mom",),
                 media=[ek.Media(kind="photo", uri="media/1.jpg",
                                 alt_text="@giselle.mom and Aliyah with the K9 team")])
    out = redact_post(post)
    assert out.text == "Thanks [name 1]!"
    assert out.media[0].alt_text == "[name 1] and [name 2] with the K9 team"


def test_free_text_in_extra_is_redacted_with_the_same_numbers() -> None:
    extra = {"media_descriptions": {"media/1.jpg": "Great to meet Giselle & Aliyah today!"},
             "in_reply_to_screen_name": "giselle.mom", "source": "Scheduler",
             "ids": ["1234", "@giselle.mom"], "count": 3}
    post = _post("Thanks @giselle.mom and Giselle!", ("giselle.mom",), extra=extra)
    out = redact_post(post)
    assert out.text == "Thanks [name 1] and [name 2]!"
    assert out.extra == {
        "media_descriptions": {"media/1.jpg": "Great to meet [name 2] & [name 3] today!"},
        "in_reply_to_screen_name": "[name 1]", "source": "Scheduler",
        "ids": ["1234", "[name 1]"], "count": 3}


def test_no_kid_named_in_the_sample_survives_redaction() -> None:
    kids = ("Giselle", "Aliyah", "Valentina", "Sofía", "Tomás", "Isabella", "Mateo")
    posts = ek.datasets.load_sample()
    before = [ek.dumps(p).decode() for p in posts]
    assert any(k in doc for doc in before for k in kids)  # the sample does name them
    for post in redact(posts):
        doc = ek.dumps(post).decode()
        assert not [k for k in kids if k in doc], post.id
