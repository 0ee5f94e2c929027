"""The X/Twitter archive's tweet as a msgspec schema: the one decoder of ``tweets.js`` items.

:data:`ITEM` is an item of ``tweets.js`` (``{"tweet": {...}}`` and nothing
else) and :data:`TWEET` the tweet itself (the oldest archives list tweets
without the wrapper). They declare every key the archive reader reads, with
the types a tweet may have: archives write numbers as strings (``"favorite_count":
"12"``, ``"indices": ["0", "5"]``), so counts, ids and offsets are ``int | str``
and :func:`count` and :func:`pair` read both. Keys the reader does not read are
skipped; keys whose value it only tests (``retweeted_status``) or keeps as it is
(``editTweetIds``, a place's bounding box) are plain JSON values.

A record that does not fit is an error derived from that same decoding:
:func:`decode` turns msgspec's message and path into a
:class:`~engagekit.errors.ParseError` and quotes the offending value from the
record:

>>> from engagekit.errors import ParseError
>>> try:
...     decode({"tweet": {"id_str": 1}}, "tweets.js", 3)
... except ParseError as err:
...     print(err)
tweets.js: record 3 (0-based) at $.tweet.id_str: expected str, got 1 (int)

Rules on values that a type cannot say (a count string must hold digits, an id
must be exact) raise :class:`Bad` with the key's path inside the tweet; the
reader positions it.
"""

from __future__ import annotations

from typing import Any

import msgspec
from msgspec import UNSET, UnsetType

from engagekit.sources._engine.typed import located, typed

__all__ = [
    "ITEM",
    "TWEET",
    "WH",
    "Bad",
    "Body",
    "Box",
    "Edit",
    "EditInfo",
    "Entities",
    "Extended",
    "Initial",
    "Item",
    "Media",
    "Mention",
    "Place",
    "Point",
    "Size",
    "Sizes",
    "Tag",
    "Tweet",
    "Unwound",
    "Url",
    "User",
    "Variant",
    "Video",
    "count",
    "decode",
    "id_of",
    "pair",
    "show",
]

Number = int | str | None | UnsetType  # archives write numbers as strings
Text = str | None | UnsetType
Indices = list[int | str] | None | UnsetType


class Tag(msgspec.Struct, gc=False):
    """A hashtag or a cashtag (``symbols``)."""

    text: str
    indices: Indices = UNSET


class Mention(msgspec.Struct, gc=False):
    screen_name: str
    indices: Indices = UNSET
    id_str: Text = UNSET
    id: Number = UNSET


class Unwound(msgspec.Struct, gc=False):
    url: Text = UNSET


class Url(msgspec.Struct, gc=False):
    url: str
    expanded_url: Text = UNSET
    indices: Indices = UNSET
    unwound: Unwound | UnsetType | None = UNSET


class Size(msgspec.Struct, gc=False):
    width: Number = UNSET
    height: Number = UNSET


class WH(msgspec.Struct, gc=False):
    w: Number = UNSET
    h: Number = UNSET


class Sizes(msgspec.Struct, gc=False):
    large: WH | UnsetType | None = UNSET


class Variant(msgspec.Struct, gc=False):
    url: Text = UNSET
    content_type: Text = UNSET
    bitrate: Number = UNSET


class Video(msgspec.Struct, gc=False):
    duration_millis: Number = UNSET
    variants: list[Variant] | UnsetType | None = UNSET


class Media(msgspec.Struct, gc=False):
    """An item of ``entities.media`` / ``extended_entities.media``."""

    type: Text = UNSET
    url: Text = UNSET
    expanded_url: Text = UNSET
    indices: Indices = UNSET
    media_url_https: Text = UNSET
    media_url: Text = UNSET
    ext_alt_text: Text = UNSET
    original_info: Size | UnsetType | None = UNSET
    sizes: Sizes | UnsetType | None = UNSET
    video_info: Video | UnsetType | None = UNSET


class Entities(msgspec.Struct, gc=False):
    hashtags: list[Tag] | UnsetType | None = UNSET
    symbols: list[Tag] | UnsetType | None = UNSET
    user_mentions: list[Mention] | UnsetType | None = UNSET
    urls: list[Url] | UnsetType | None = UNSET
    media: list[Media] | UnsetType | None = UNSET


class Extended(msgspec.Struct, gc=False):
    media: list[Media] | UnsetType | None = UNSET


class Initial(msgspec.Struct, gc=False):
    editTweetIds: list[Any] | UnsetType | None = UNSET


class Edit(msgspec.Struct, gc=False):
    editControlInitial: Initial | UnsetType | None = UNSET


class EditInfo(msgspec.Struct, gc=False):
    initial: Initial | UnsetType | None = UNSET
    edit: Edit | UnsetType | None = UNSET


class User(msgspec.Struct, gc=False):
    screen_name: Text = UNSET
    id_str: Text = UNSET
    id: Number = UNSET
    name: Text = UNSET
    protected: bool | UnsetType | None = UNSET


class Box(msgspec.Struct, gc=False):
    coordinates: list[Any] | UnsetType | None = UNSET  # kept only when every point is a pair


class Place(msgspec.Struct, gc=False):
    full_name: Text = UNSET
    name: Text = UNSET
    id: Text = UNSET
    place_id: Text = UNSET
    place_type: Text = UNSET
    country_code: Text = UNSET
    bounding_box: Box | UnsetType | None = UNSET


class Point(msgspec.Struct, gc=False):
    coordinates: list[int | float] | UnsetType | None = UNSET


class Body(msgspec.Struct, gc=False):
    """What a tweet and the streaming API's ``extended_tweet`` share: the text and entities."""

    full_text: Text = UNSET
    text: Text = UNSET
    entities: Entities | UnsetType | None = UNSET
    extended_entities: Extended | UnsetType | None = UNSET
    display_text_range: Indices = UNSET


class Tweet(Body, gc=False):
    id_str: Text = UNSET
    id: Number = UNSET
    created_at: Text = UNSET
    lang: Text = UNSET
    source: Text = UNSET
    edit_info: EditInfo | UnsetType | None = UNSET
    favorite_count: Number = UNSET
    retweet_count: Number = UNSET
    reply_count: Number = UNSET
    quote_count: Number = UNSET
    possibly_sensitive: bool | UnsetType | None = UNSET
    extended_tweet: Body | UnsetType | None = UNSET
    retweeted_status: Any = UNSET  # only whether there is one matters
    user: User | UnsetType | None = UNSET
    place: Place | UnsetType | None = UNSET
    coordinates: Point | UnsetType | None = UNSET
    geo: Point | UnsetType | None = UNSET
    quoted_status_id_str: Text = UNSET
    quoted_status_id: Number = UNSET
    in_reply_to_status_id_str: Text = UNSET
    in_reply_to_status_id: Number = UNSET
    in_reply_to_user_id_str: Text = UNSET
    in_reply_to_user_id: Number = UNSET


class Item(msgspec.Struct, gc=False, forbid_unknown_fields=True):
    tweet: Tweet


ITEM = Item
TWEET = Tweet

_ITEM_DECODER = msgspec.json.Decoder(Item)
_TWEET_DECODER = msgspec.json.Decoder(Tweet)


# --- records that did not decode on the way in ----------------------------------------------


def decode(value: Any, source: str, record: int) -> Item | Tweet:
    """An item the streaming decoder gave as plain JSON values, through the same schema.

    That happens when it did not fit :data:`ITEM` (then this raises the
    positioned error, see :func:`engagekit.sources._engine.typed.located`) or when the
    streaming decoder declined to try (more brackets than the depth budget,
    where the dict decoder measured the real depth). An object that is not
    exactly ``{"tweet": ...}`` is a bare tweet.
    """
    bare = type(value) is dict and not (len(value) == 1 and "tweet" in value)
    try:
        result: Item | Tweet = typed(TWEET if bare else ITEM).exact(value)
    except msgspec.ValidationError as exc:
        raise located(exc, value).located(source=source, record=record) from None
    return result


def show(value: Any) -> str:
    """A value quoted for a message: its repr (cut at 60 characters) and its type."""
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} ({type(value).__name__})"


# --- rules on values, beyond their types ----------------------------------------------------


class Bad(Exception):
    """A value of the right type that breaks a rule; ``key`` is its path inside the tweet."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(key, message)
        self.key = key
        self.message = message

    def inside(self, prefix: str) -> Bad:
        """The same error with its key under ``prefix`` (``"entities.hashtags[0]"``)."""
        return Bad(f"{prefix}.{self.key}", self.message)


def _number(value: str, key: str) -> int:
    """An integer written as a string: ASCII digits, perhaps after a ``-``, at most 20."""
    digits = value[1:] if value[:1] == "-" else value
    if len(value) <= 20 and digits.isascii() and digits.isdigit():
        return int(value)
    if len(value) > 20:
        raise Bad(key, f"expected an integer string, got {value[:20]!r}...")
    raise Bad(key, f"expected an integer string, got {show(value)}")


def count(value: int | str | UnsetType | None, key: str) -> int | None:
    """A count given as an int or (in archives) a string of digits; None when absent."""
    if type(value) is int:
        return value
    if type(value) is str:
        if value.isascii() and value.isdigit() and len(value) <= 20:
            return int(value)  # the usual case
        return _number(value, key)
    return None


def pair(values: list[int | str] | UnsetType | None, key: str) -> tuple[int, int] | None:
    """``[start, end]`` (ints, or strings in archives) as ints; None when absent or empty."""
    if not values:
        return None
    if len(values) != 2:
        raise Bad(key, f"expected [start, end], got {len(values)} values")
    start, end = values
    if (type(start) is str and type(end) is str and start.isascii() and end.isascii()
            and start.isdigit() and end.isdigit() and len(start) + len(end) <= 20):
        return int(start), int(end)  # archives write indices as strings
    if isinstance(start, str):
        start = _number(start, f"{key}[0]")
    if isinstance(end, str):
        end = _number(end, f"{key}[1]")
    return start, end


def id_of(value_str: str | UnsetType | None, value: int | str | UnsetType | None,
          key: str) -> str | None:
    """An id: ``<key>_str`` wins; a bare int only when exactly representable; None if absent."""
    if type(value_str) is str:
        return value_str
    if type(value) is str:
        return value
    if type(value) is int:
        if 0 <= value < 1 << 53:  # larger ids may have been rounded on the way
            return str(value)
        raise Bad(key, f"numeric id {value} may be rounded and no {key}_str is given")
    return None
