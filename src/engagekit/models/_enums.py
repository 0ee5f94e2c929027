"""Enumerations: platforms, visibility and media kinds (each accepts its string value)."""

from __future__ import annotations

import enum

__all__ = ["MediaKind", "Platform", "Visibility"]


class Platform(enum.StrEnum):
    """Where a post was published."""

    INSTAGRAM = "instagram"
    FACEBOOK = "facebook"
    TWITTER = "twitter"
    MASTODON = "mastodon"
    BLUESKY = "bluesky"
    OTHER = "other"


class Visibility(enum.StrEnum):
    """Who could see a post when it was published."""

    PUBLIC = "public"
    UNLISTED = "unlisted"
    FOLLOWERS = "followers"
    DIRECT = "direct"
    UNKNOWN = "unknown"


class MediaKind(enum.StrEnum):
    """What a media attachment is."""

    PHOTO = "photo"
    VIDEO = "video"
    AUDIO = "audio"
    OTHER = "other"
