"""Posts and what hangs off them: media, engagement counts and text quality."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import attrs

from engagekit.models import _checks as c
from engagekit.models._entities import Cashtag, Emoji, Hashtag, Link, Mention
from engagekit.models._enums import MediaKind, Platform, Visibility
from engagekit.models._people import Account, Officer
from engagekit.models._place import Location

__all__ = ["Engagement", "Media", "Post", "TextQuality"]


def _spans(inst: Any, attr: attrs.Attribute[Any], value: Any) -> None:
    for i, item in enumerate(value):
        if (
            type(item) is not tuple
            or len(item) != 2
            or type(item[0]) is not int
            or type(item[1]) is not int
            or not 0 <= item[0] <= item[1]
        ):
            raise c.ValidationError(
                f"expected a (start, end) pair of ints with 0 <= start <= end, got {item!r}",
                field=f"TextQuality.{attr.name}[{i}]",
                value=item,
            )


def _pairs(value: Any) -> tuple[Any, ...]:
    return tuple(tuple(v) if type(v) is list else v for v in c.to_tuple(value))


@attrs.frozen(kw_only=True)
class Media:
    """A photo, video or other attachment; ``uri`` as the source gives it."""

    kind: MediaKind = attrs.field(converter=c.named(c.to_enum(MediaKind), "Media.kind"))
    uri: str = attrs.field(validator=c.is_nonempty_str)
    alt_text: str | None = attrs.field(default=None, converter=c.nfc, validator=c.is_opt_str)
    width: int | None = attrs.field(default=None, validator=c.is_opt_count)
    height: int | None = attrs.field(default=None, validator=c.is_opt_count)
    duration: float | None = attrs.field(default=None, validator=c.is_opt_number)
    created_at: datetime | None = attrs.field(
        default=None, converter=c.named(c.to_utc, "Media.created_at"), validator=c.is_opt_datetime
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
        default=(), converter=c.named(_pairs, "TextQuality.lost_spans"), validator=_spans
    )
    repairs: tuple[str, ...] = attrs.field(
        default=(), converter=c.named(c.to_tuple, "TextQuality.repairs"), validator=c.tuple_of(str)
    )

    @property
    def clean(self) -> bool:
        """True when nothing was lost and nothing repaired."""
        return not self.lost_glyphs and not self.repairs


def _tuple(name: str, cls: type[Any], wrap: str | None = None) -> Any:
    """A tuple field; with ``wrap``, plain str items become ``cls(**{wrap: item})``."""
    to_tuple = c.to_tuple if wrap is None else c.wrapping_tuple(cls, wrap)
    return attrs.field(
        default=(), converter=c.named(to_tuple, f"Post.{name}"), validator=c.tuple_of(cls)
    )


_NO_ENGAGEMENT = Engagement()
_CLEAN = TextQuality()


@attrs.frozen(kw_only=True)
class Post:
    """One post by one account, with everything engagekit knows about it.

    ``created_at`` must be timezone-aware and is stored in UTC; entity spans
    index ``text`` (NFC). ``extra`` keeps source fields with no typed home.

    >>> from datetime import datetime, timezone
    >>> post = Post(id="1", platform="instagram",
    ...             created_at=datetime(2024, 5, 2, 22, 47, tzinfo=timezone.utc),
    ...             text="Coffee with a cop #CommunityPolicing",
    ...             hashtags=[Hashtag(text="CommunityPolicing", start=18, end=36)])
    >>> post.platform, post.hashtags[0].key
    (<Platform.INSTAGRAM: 'instagram'>, 'communitypolicing')
    """

    id: str = attrs.field(validator=c.is_nonempty_str)
    platform: Platform = attrs.field(converter=c.named(c.to_enum(Platform), "Post.platform"))
    created_at: datetime = attrs.field(
        converter=c.named(c.to_utc, "Post.created_at"), validator=c.is_datetime
    )
    text: str = attrs.field(default="", converter=c.nfc, validator=c.is_str)
    author: Account | None = attrs.field(
        default=None, validator=c.instance_of(Account, optional=True)
    )
    officer: Officer | None = attrs.field(
        default=None, validator=c.instance_of(Officer, optional=True)
    )
    hashtags: tuple[Hashtag, ...] = _tuple("hashtags", Hashtag, "text")
    mentions: tuple[Mention, ...] = _tuple("mentions", Mention, "handle")
    links: tuple[Link, ...] = _tuple("links", Link, "url")
    cashtags: tuple[Cashtag, ...] = _tuple("cashtags", Cashtag, "text")
    emoji: tuple[Emoji, ...] = _tuple("emoji", Emoji)
    media: tuple[Media, ...] = _tuple("media", Media)
    location: Location | None = attrs.field(
        default=None, validator=c.instance_of(Location, optional=True)
    )
    engagement: Engagement = attrs.field(
        default=_NO_ENGAGEMENT, validator=c.instance_of(Engagement)
    )
    tagged: tuple[str, ...] = _tuple("tagged", str)
    visibility: Visibility = attrs.field(
        default=Visibility.PUBLIC, converter=c.named(c.to_enum(Visibility), "Post.visibility")
    )
    url: str | None = attrs.field(default=None, validator=c.is_opt_str)
    reply_to: str | None = attrs.field(default=None, validator=c.is_opt_str)
    lang: str | None = attrs.field(default=None, validator=c.is_opt_str)
    quality: TextQuality = attrs.field(default=_CLEAN, validator=c.instance_of(TextQuality))
    extra: dict[str, Any] = attrs.field(factory=dict, validator=c.is_dict, hash=False)
