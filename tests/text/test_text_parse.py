"""parse_text and text_fields: the one caption path every source shares."""

from __future__ import annotations

import unicodedata
from datetime import datetime, timezone
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engagekit.errors import ValidationError
from engagekit.models import Cashtag, Emoji, Hashtag, Link, Mention, Post, TextQuality
from engagekit.text import DIALECTS, ParsedText, parse_text, text_fields


def test_everything_at_once() -> None:
    text = "Coffee with @CityPD ☕ #CoffeeWithACop $ABC https://example.org/x?@me ??????"
    parsed = parse_text(text)
    assert isinstance(parsed, ParsedText)
    assert [t.text for t in parsed.hashtags] == ["CoffeeWithACop"]
    assert [m.handle for m in parsed.mentions] == ["CityPD"]
    assert [c.text for c in parsed.cashtags] == ["ABC"]
    assert [link.url for link in parsed.links] == ["https://example.org/x?@me"]
    assert [e.text for e in parsed.emoji] == ["☕"]
    assert parsed.quality.lost_glyphs == 6


def test_mentions_inside_urls_are_dropped() -> None:
    parsed = parse_text("see https://medium.com/@ada/post now")
    assert parsed.mentions == ()
    assert [link.url for link in parsed.links] == ["https://medium.com/@ada/post"]


def test_repairs_and_normalizes() -> None:
    parsed = parse_text("Caf\u00c3\u00a9 #caf\u00c3\u00a9")
    assert parsed.text == "Café #café"
    assert parsed.quality.repairs == ("mojibake",)
    decomposed = parse_text("Cafe\u0301 #cafe\u0301")
    assert decomposed.text == "Café #café"
    assert decomposed.hashtags == (Hashtag(text="café", start=5, end=10),)


def test_unknown_dialect() -> None:
    with pytest.raises(ValidationError, match="dialect"):
        parse_text("x", dialect="friendster")


def test_text_fields_build_a_post() -> None:
    fields = text_fields("Bike rodeo today! 🚲 #SafeStreets", dialect="mastodon")
    post = Post(
        id="1", platform="mastodon", created_at=datetime(2024, 5, 1, tzinfo=timezone.utc), **fields
    )
    assert post.hashtags[0].text == "SafeStreets"
    assert post.text[post.hashtags[0].start : post.hashtags[0].end] == "#SafeStreets"
    assert set(fields) == {"text", "hashtags", "mentions", "links", "cashtags", "emoji", "quality"}


def test_text_fields_prefers_the_platform_entities() -> None:
    text = "Thanks @salvini #Tag"
    fields = text_fields(
        text,
        mentions=[Mention(handle="Salvini", start=7, end=15, id="42")],
        links=[Link(url="https://t.co/x", expanded_url="https://example.org")],
    )
    assert fields["mentions"] == (Mention(handle="Salvini", start=7, end=15, id="42"),)
    assert fields["links"][0].start is None
    assert [t.text for t in fields["hashtags"]] == ["Tag"]


def test_text_fields_remaps_spans_when_nfc_changes_the_text() -> None:
    text = "Cafe\u0301 cafe\u0301 #Tag"
    start = text.index("#")
    fields = text_fields(text, hashtags=[Hashtag(text="Tag", start=start, end=start + 4)])
    assert fields["text"] == "Café café #Tag"
    (tag,) = fields["hashtags"]
    assert fields["text"][tag.start : tag.end] == "#Tag"


def test_text_fields_remaps_spans_after_mojibake_repair() -> None:
    text = "\u00e2\u0098\u0095 #Coffee"  # "☕ #Coffee" as Meta stores it
    start = text.index("#")
    fields = text_fields(text, hashtags=[Hashtag(text="Coffee", start=start, end=start + 7)])
    (tag,) = fields["hashtags"]
    assert (tag.start, tag.end) == (2, 9)
    assert fields["quality"].repairs == ("mojibake",)


def test_a_span_inside_a_changed_character_is_dropped() -> None:
    text = "\u00e2\u0098\u0095 x"
    fields = text_fields(text, hashtags=[Hashtag(text="x", start=1, end=2)])
    assert fields["hashtags"][0].start is None


def test_repairs_from_the_source_are_recorded_once() -> None:
    fields = text_fields("Café", repairs=("mojibake",))
    assert fields["quality"].repairs == ("mojibake",)
    assert text_fields("plain")["quality"].repairs == ()


CAPTION = st.lists(
    st.sampled_from(
        [
            "#tag",
            "#Día",
            "@ada",
            "$AB",
            "example.com",
            "https://x.org/a#b",
            " ",
            "!",
            "??",
            "👍🏽",
            "e\u0301",
            "\u00c3\u00a9",
            "日本",
            ".",
            "\ufffd",
            "·",
            "/",
            "_",
        ]
    ),
    max_size=15,
).map("".join)


@pytest.mark.parametrize("dialect", DIALECTS)
@given(text=CAPTION)
def test_spans_always_index_the_text(dialect: str, text: str) -> None:
    parsed = parse_text(text, dialect=dialect)
    t = parsed.text
    assert unicodedata.is_normalized("NFC", t)
    spans: list[tuple[int | None, int | None]] = []
    for tag in parsed.hashtags:
        assert t[tag.start : tag.end][1:] == tag.text
        spans.append((tag.start, tag.end))
    for m in parsed.mentions:
        assert t[m.start : m.end][1:] == m.handle
        spans.append((m.start, m.end))
    for link in parsed.links:
        assert t[link.start : link.end] == link.url
        spans.append((link.start, link.end))
    for c in parsed.cashtags:
        assert t[c.start : c.end] == "$" + c.text
        spans.append((c.start, c.end))
    for emoji in parsed.emoji:
        assert t[emoji.start : emoji.end] == emoji.text
    spans.sort(key=lambda span: span[0] or 0)
    ends = [(s, e) for s, e in spans if s is not None and e is not None]
    assert len(ends) == len(spans)
    assert all(a[1] <= b[0] for a, b in pairwise(ends))
    for s, e in parsed.quality.lost_spans:
        assert set(t[s:e]) <= {"?", "\ufffd"}


@given(text=CAPTION)
def test_parse_is_idempotent_on_its_own_output(text: str) -> None:
    once = parse_text(text)
    twice = parse_text(once.text)
    assert (twice.hashtags, twice.mentions, twice.links, twice.emoji) == (
        once.hashtags,
        once.mentions,
        once.links,
        once.emoji,
    )


@given(text=CAPTION)
def test_fast_built_objects_equal_constructed_ones(text: str) -> None:
    """The extractors' direct slot-setting builds exactly what the constructors build."""
    parsed = parse_text(text + " ??")
    for tag in parsed.hashtags:
        again = Hashtag(text=tag.text, start=tag.start, end=tag.end)
        assert (again, hash(again), repr(again), again.key) == (tag, hash(tag), repr(tag), tag.key)
    for m in parsed.mentions:
        assert Mention(handle=m.handle, start=m.start, end=m.end) == m
    for link in parsed.links:
        assert Link(url=link.url, start=link.start, end=link.end) == link
    for e in parsed.emoji:
        assert Emoji(text=e.text, start=e.start, end=e.end) == e
    for c in parsed.cashtags:
        assert Cashtag(text=c.text, start=c.start, end=c.end) == c
    q = parsed.quality
    assert TextQuality(lost_glyphs=q.lost_glyphs, lost_spans=q.lost_spans, repairs=q.repairs) == q


def test_text_fields_does_not_repair_twice() -> None:
    # The source already repaired this caption; what remains looks like mojibake on purpose.
    fields = text_fields("Encoding bugs look like Ã© #mojibake", repairs=("mojibake",))
    assert fields["text"] == "Encoding bugs look like Ã© #mojibake"
    assert fields["quality"].repairs == ("mojibake",)
    assert text_fields("Encoding bugs look like Ã©")["text"] == "Encoding bugs look like é"


@given(st.text(max_size=80), st.sampled_from(sorted(DIALECTS)))
def test_supplied_families_give_the_same_emoji_and_quality(text: str, dialect: str) -> None:
    text = text_fields(text, dialect=dialect)["text"]  # spans given index the text as passed
    full = text_fields(text, dialect=dialect)
    assert full["text"] == text
    given_all = text_fields(text, dialect=dialect, hashtags=full["hashtags"],
                            mentions=full["mentions"], links=full["links"],
                            cashtags=full["cashtags"])
    assert given_all == full


@pytest.mark.parametrize("text", [None, b"#bytes", 17])
def test_text_that_is_not_a_str_is_named(text: object) -> None:
    with pytest.raises(TypeError, match=f"^expected the text as a str, got {type(text).__name__}$"):
        parse_text(text)  # type: ignore[arg-type]
