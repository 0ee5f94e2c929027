"""engagekit.privacy pseudonyms: stable under one key and namespace, unlinkable across them."""

from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

import engagekit as ek
from engagekit.errors import ArgumentError
from engagekit.privacy import MIN_KEY_BYTES, PSEUDONYM_BITS, Pseudonymizer, pseudonymize
from tests._privacy import identified_posts, identifiers, spans_ok

KEY = b"test-key-0123456789abcdef"
OTHER_KEY = b"another-key-0123456789abcdef"
WHEN = datetime(2026, 5, 2, 15, 30, tzinfo=timezone.utc)
SHAPE = re.compile(r"[uipob]_[a-z2-7]{18}")


def _one(post: ek.Post, key: bytes = KEY, namespace: str = "study") -> ek.Post:
    [out] = pseudonymize([post], key=key, namespace=namespace)
    return out


def _pseudonyms(post: ek.Post) -> set[str]:
    found = {post.id, *post.tagged}
    if post.author is not None:
        found.add(post.author.handle)
        found.update([post.author.id] if post.author.id else [])
    found.update(m.handle for m in post.mentions)
    return found


@given(identified_posts())
def test_same_key_and_namespace_give_the_same_output(post: ek.Post) -> None:
    assert _one(post) == _one(post)
    assert _one(post) == next(Pseudonymizer(key=KEY, namespace="study")(p) for p in [post])


@given(identified_posts())
def test_different_namespaces_share_no_pseudonym(post: ek.Post) -> None:
    a, b = _one(post, namespace="study-a"), _one(post, namespace="study-b")
    assert not _pseudonyms(a) & _pseudonyms(b)
    assert not _pseudonyms(a) & _pseudonyms(_one(post, key=OTHER_KEY, namespace="study-a"))


@given(identified_posts())
def test_no_original_identifier_survives_anywhere(post: ek.Post) -> None:
    out = _one(post)
    dumped = ek.dumps(out).decode("utf-8").casefold()
    for ident in identifiers(post):
        assert ident.casefold() not in dumped, ident
    assert KEY.decode() not in dumped
    assert KEY.hex() not in dumped
    assert "jordan reyes" not in dumped  # display names and officer names go too


@given(identified_posts())
def test_spans_index_the_new_text(post: ek.Post) -> None:
    assert spans_ok(post)
    out = _one(post)
    assert spans_ok(out)
    assert len(out.mentions) == len(post.mentions)
    assert all(m.start is not None for m in out.mentions)  # every span still has a place


@given(identified_posts())
def test_pseudonyms_have_their_shape_and_are_valid_handles(post: ek.Post) -> None:
    out = _one(post)
    for value in _pseudonyms(out):
        assert SHAPE.fullmatch(value), value
    # they are handles the twitter dialect reads back whole
    text = " ".join("@" + m.handle for m in out.mentions)
    assert [m.handle for m in ek.parse_text(text).mentions] == [m.handle for m in out.mentions]


def test_a_caption_mention_becomes_the_pseudonym_and_spans_shift() -> None:
    text = "Thanks @giselle.m & @Officer_Reyes! #CoffeeWithACop https://example.org/giselle.m"
    parsed = ek.parse_text(text, dialect="instagram")
    post = ek.Post(id="1781", platform="instagram", created_at=WHEN, **parsed.fields())
    out = _one(post)
    p = Pseudonymizer(key=KEY, namespace="study")
    g, r = p.handle("instagram", "giselle.m"), p.handle("instagram", "officer_reyes")
    assert out.text == f"Thanks @{g} & @{r}! #CoffeeWithACop https://example.org/{g}"
    assert [m.handle for m in out.mentions] == [g, r]
    tag = out.hashtags[0]
    assert out.text[tag.start:tag.end] == "#CoffeeWithACop"
    assert out.links[0].url == f"https://example.org/{g}"
    assert spans_ok(out)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (("instagram", "Officer.Reyes"), ("instagram", "officer.reyes"), True),
        (("instagram", "@officer.reyes"), ("instagram", "officer.reyes"), True),
        (("instagram", "officer.reyes"), ("twitter", "officer.reyes"), False),  # per platform
        (("instagram", "officer.reyes"), ("instagram", "officer.reyes2"), False),
    ],
)
def test_handle_pseudonym_case_table(a: tuple[str, str], b: tuple[str, str], same: bool) -> None:
    p = Pseudonymizer(key=KEY, namespace="study")
    assert (p.handle(*a) == p.handle(*b)) is same


def test_replies_still_point_at_their_parent() -> None:
    parent = ek.Post(id="100", platform="twitter", created_at=WHEN)
    reply = ek.Post(id="101", platform="twitter", created_at=WHEN, reply_to="100")
    a, b = pseudonymize([parent, reply], key=KEY, namespace="study")
    assert b.reply_to == a.id != "100"


def test_extra_values_are_walked() -> None:
    post = ek.Post(id="55", platform="twitter", created_at=WHEN,
                   author=ek.Account(platform="twitter", handle="neighbour_jo", id="98765"),
                   extra={"user": {"screen_name": "neighbour_jo", "id": 98765},
                          "quoted": ["see @neighbour_jo", {"friend_handle": "x"}],
                          "neighbour_jo": True})
    out = _one(post)
    dumped = ek.dumps(out).decode()
    assert "neighbour_jo" not in dumped
    assert "98765" not in dumped
    assert out.extra["quoted"][1] == {"friend_handle": "x"}


@pytest.mark.parametrize(
    ("key", "why"),
    [
        (b"short", "at least 16 bytes"),
        (b"x" * (MIN_KEY_BYTES - 1), "at least 16 bytes"),
        ("a-str-key-that-is-long-enough", "expected bytes"),
        (None, "expected bytes"),
    ],
)
def test_short_or_wrong_keys_are_refused(key: object, why: str) -> None:
    with pytest.raises(ArgumentError, match=why) as info:
        pseudonymize([], key=key, namespace="study")  # type: ignore[arg-type]
    assert info.value.argument == "key"
    if isinstance(key, (bytes, str)) and len(key) > 3:
        assert str(key) not in str(info.value)
        assert repr(key) not in str(info.value)


@pytest.mark.parametrize("namespace", ["", None, 7])
def test_namespace_must_be_a_nonempty_str(namespace: object) -> None:
    with pytest.raises(ArgumentError, match="non-empty str"):
        pseudonymize([], key=KEY, namespace=namespace)  # type: ignore[arg-type]


def test_refused_at_call_time_and_lazy_after() -> None:
    def posts() -> object:
        raise AssertionError("read before iterating")
        yield  # pragma: no cover

    result = pseudonymize(posts(), key=KEY, namespace="study")  # type: ignore[arg-type]
    with pytest.raises(AssertionError):
        next(result)


def test_repr_hides_the_key() -> None:
    p = Pseudonymizer(key=KEY, namespace="study")
    assert KEY.decode() not in repr(p)
    assert "hidden" in repr(p)


@given(st.binary(min_size=MIN_KEY_BYTES, max_size=64), st.text(min_size=1, max_size=20))
def test_pseudonym_bits(key: bytes, handle: str) -> None:
    value = Pseudonymizer(key=key, namespace="n").handle("mastodon", handle + "x")
    assert len(value) == 2 + PSEUDONYM_BITS // 5


def test_a_mention_spanning_a_display_name_is_replaced_whole() -> None:
    text = "Great day with Giselle Martin at the fair"
    post = ek.Post(id="9", platform="facebook", created_at=WHEN, text=text,
                   mentions=[ek.Mention(handle="100044", id="100044", start=15, end=29)])
    out = _one(post)
    [m] = out.mentions
    assert out.text == f"Great day with @{m.handle} at the fair"
    assert out.text[m.start:m.end] == "@" + m.handle


def test_an_unknown_platform_is_an_argument_error() -> None:
    with pytest.raises(ArgumentError, match="expected one of") as info:
        Pseudonymizer(key=KEY, namespace="study").handle("myspace", "tom")
    assert info.value.argument == "platform"
