"""Posts and what hangs off them: media, engagement counts and text quality."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import attrs

from engagekit.errors import ValidationError
from engagekit.models import _checks as c
from engagekit.models._entities import Cashtag, Emoji, Hashtag, Link, Mention
from engagekit.models._enums import MediaKind, Platform, Visibility
from engagekit.models._people import Account, Officer
from engagekit.models._place import Location

__all__ = ["Engagement", "Media", "Post", "PostRef", "TextQuality"]


def _spans(inst: Any, attr: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is not tuple:
        raise ValidationError(
            f"expected a sequence of (start, end) pairs, got {value!r} ({type(value).__name__})",
            field=f"TextQuality.{attr.name}",
            value=value,
        )
    for i, item in enumerate(value):
        if (
            type(item) is not tuple
            or len(item) != 2
            or type(item[0]) is not int
            or type(item[1]) is not int
            or not 0 <= item[0] <= item[1]
        ):
            raise ValidationError(
                f"expected a (start, end) pair of ints with 0 <= start <= end, got {item!r}",
                field=f"TextQuality.{attr.name}[{i}]",
                value=item,
            )


def _pairs(value: Iterable[Sequence[int]]) -> tuple[tuple[int, int], ...]:
    items = c.to_tuple(value)
    if type(items) is not tuple:
        return items
    return tuple(tuple(v) if type(v) is list else v for v in items)


_spans.inline = "type(v) is tuple and not v"  # type: ignore[attr-defined]
_pairs.unchanged = "type(v) is tuple and not v"  # type: ignore[attr-defined]


def _hashtags(value: Iterable[Hashtag | str]) -> tuple[Hashtag, ...]:
    return c.wrap_items(value, Hashtag, "text")


def _mentions(value: Iterable[Mention | str]) -> tuple[Mention, ...]:
    return c.wrap_items(value, Mention, "handle")


def _links(value: Iterable[Link | str]) -> tuple[Link, ...]:
    return c.wrap_items(value, Link, "url")


def _cashtags(value: Iterable[Cashtag | str]) -> tuple[Cashtag, ...]:
    return c.wrap_items(value, Cashtag, "text")


for _wrap, _item in ((_hashtags, Hashtag), (_mentions, Mention), (_links, Link),
                     (_cashtags, Cashtag)):  # items only, no str to wrap
    _wrap.unchanged = (c.ALL_OF_TYPE, (frozenset([_item]), _item))  # type: ignore[union-attr]


@attrs.frozen(kw_only=True)
class Media:
    """A photo, video or other attachment; ``uri`` as the source gives it."""

    kind: MediaKind = attrs.field(converter=c.to_media_kind, validator=c.is_enum(MediaKind))
    uri: str = attrs.field(validator=c.is_nonempty_str)
    alt_text: str | None = attrs.field(default=None, converter=c.nfc_opt, validator=c.is_opt_str)
    width: int | None = attrs.field(default=None, validator=c.is_opt_count)
    height: int | None = attrs.field(default=None, validator=c.is_opt_count)
    duration: float | None = attrs.field(default=None, validator=c.is_opt_number)
    created_at: datetime | None = attrs.field(
        default=None, converter=c.to_utc_opt, validator=c.is_opt_datetime
    )


@attrs.frozen(kw_only=True)
class Engagement:
    """Engagement counts; ``None`` means the source did not say (never 0 by accident)."""

    likes: int | None = attrs.field(default=None, validator=c.is_opt_count)
    comments: int | None = attrs.field(default=None, validator=c.is_opt_count)
    shares: int | None = attrs.field(default=None, validator=c.is_opt_count)
    views: int | None = attrs.field(default=None, validator=c.is_opt_count)


@attrs.frozen(kw_only=True)
class TextQuality:
    """What is known to be wrong with a text, and what was repaired.

    ``lost_glyphs`` counts characters an earlier system replaced with ``?`` or
    U+FFFD, ``lost_spans`` says where (code points, end exclusive), and
    ``repairs`` names each repair applied, such as ``"mojibake"``.
    """

    lost_glyphs: int = attrs.field(default=0, validator=c.is_count)
    lost_spans: tuple[tuple[int, int], ...] = attrs.field(
        default=(), converter=_pairs, validator=_spans
    )
    repairs: tuple[str, ...] = attrs.field(
        default=(), converter=c.to_tuple, validator=c.tuple_of(str)
    )

    @property
    def clean(self) -> bool:
        """True when nothing was lost and nothing repaired."""
        return not self.lost_glyphs and not self.repairs


@attrs.frozen(kw_only=True)
class PostRef:
    """Another post, named as far as the source names it: its ``id`` (in the form
    the platform's reader uses for :attr:`Post.id`), its author's ``author`` handle
    (without ``@``), its ``url``. At least one is given.

    An X archive's old-style retweet (``RT @name: ...``) names only the author:

    >>> PostRef(author="@springfieldpd")
    PostRef(id=None, author='springfieldpd', url=None)
    >>> PostRef()
    Traceback (most recent call last):
    ...
    engagekit.errors.ValidationError: PostRef: expected at least one of id, author and url
    """

    id: str | None = attrs.field(default=None, validator=c.is_opt_nonempty_str)
    author: str | None = attrs.field(default=None, converter=c.strip_at_opt,
                                     validator=c.is_opt_nonempty_str)
    url: str | None = attrs.field(default=None, validator=c.is_opt_nonempty_str)

    def __attrs_post_init__(self) -> None:
        if self.id is None and self.author is None and self.url is None:
            raise ValidationError("expected at least one of id, author and url",
                                  field="PostRef", value=None)


_NO_ENGAGEMENT = Engagement()
_CLEAN = TextQuality()


@attrs.frozen(kw_only=True)
class Post:
    """One post by one account, with everything engagekit knows about it.

    ``created_at`` must be timezone-aware and is stored in UTC; entity spans
    index ``text`` (NFC). ``extra`` keeps source fields with no typed home, as plain
    JSON values only (str, 64-bit int, finite float, bool, None, lists, dicts with str
    keys), so every writer keeps them exactly; anything else is a ValidationError
    naming its key path.

    >>> from datetime import datetime, timezone
    >>> post = Post(id="1", platform="instagram",
    ...             created_at=datetime(2024, 5, 2, 22, 47, tzinfo=timezone.utc),
    ...             text="Coffee with a cop #CommunityPolicing",
    ...             hashtags=[Hashtag(text="CommunityPolicing", start=18, end=36)])
    >>> post.platform, post.hashtags[0].key
    (<Platform.INSTAGRAM: 'instagram'>, 'communitypolicing')
    """

    id: str = attrs.field(validator=c.is_nonempty_str)
    platform: Platform = attrs.field(converter=c.to_platform, validator=c.is_enum(Platform))
    created_at: datetime = attrs.field(converter=c.to_utc, validator=c.is_datetime)
    text: str = attrs.field(default="", converter=c.nfc, validator=c.is_str)
    author: Account | None = attrs.field(
        default=None, validator=c.instance_of(Account, optional=True)
    )
    officer: Officer | None = attrs.field(
        default=None, validator=c.instance_of(Officer, optional=True)
    )
    hashtags: tuple[Hashtag, ...] = attrs.field(
        default=(), converter=_hashtags, validator=c.tuple_of(Hashtag)
    )
    mentions: tuple[Mention, ...] = attrs.field(
        default=(), converter=_mentions, validator=c.tuple_of(Mention)
    )
    links: tuple[Link, ...] = attrs.field(default=(), converter=_links, validator=c.tuple_of(Link))
    cashtags: tuple[Cashtag, ...] = attrs.field(
        default=(), converter=_cashtags, validator=c.tuple_of(Cashtag)
    )
    emoji: tuple[Emoji, ...] = attrs.field(
        default=(), converter=c.to_tuple, validator=c.tuple_of(Emoji)
    )
    media: tuple[Media, ...] = attrs.field(
        default=(), converter=c.to_tuple, validator=c.tuple_of(Media)
    )
    location: Location | None = attrs.field(
        default=None, validator=c.instance_of(Location, optional=True)
    )
    engagement: Engagement = attrs.field(
        default=_NO_ENGAGEMENT, validator=c.instance_of(Engagement)
    )
    tagged: tuple[str, ...] = attrs.field(default=(), converter=c.to_tuple,
                                          validator=c.tuple_of(str))
    visibility: Visibility = attrs.field(
        default=Visibility.PUBLIC, converter=c.to_visibility, validator=c.is_enum(Visibility)
    )
    url: str | None = attrs.field(default=None, validator=c.is_opt_str)
    reply_to: str | None = attrs.field(default=None, validator=c.is_opt_str)
    repost_of: PostRef | None = attrs.field(
        default=None, validator=c.instance_of(PostRef, optional=True)
    )
    lang: str | None = attrs.field(default=None, validator=c.is_opt_str)
    quality: TextQuality = attrs.field(default=_CLEAN, validator=c.instance_of(TextQuality))
    extra: dict[str, Any] = attrs.field(factory=dict, validator=c.is_json_object, hash=False)
