"""The engagekit domain model: frozen attrs classes compared by value."""

from engagekit.models._entities import Cashtag, Emoji, Hashtag, Link, Mention
from engagekit.models._enums import MediaKind, Platform, Visibility
from engagekit.models._people import Account, Agency, Officer
from engagekit.models._place import COUNTRY_CODES, Coordinates, Location
from engagekit.models._post import Engagement, Media, Post, PostRef, TextQuality
from engagekit.models._words import split_words, tag_key

__all__ = [
    "COUNTRY_CODES",
    "Account",
    "Agency",
    "Cashtag",
    "Coordinates",
    "Emoji",
    "Engagement",
    "Hashtag",
    "Link",
    "Location",
    "Media",
    "MediaKind",
    "Mention",
    "Officer",
    "Platform",
    "Post",
    "PostRef",
    "TextQuality",
    "Visibility",
    "split_words",
    "tag_key",
]
