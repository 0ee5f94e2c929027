"""Source fidelity on the licensed real samples: every leaf of every record a reader turned into a
post is in the posts, or on the reader's documented list of fields it does not keep.

"In the posts" means the leaf's value appears among the values of the posts read from the same
file, as ``ek.dumps`` writes them (``extra`` included), after the normalizations a reader makes:
times compared in UTC to the second, Unix times as dates, HTML entities unescaped, ``#``, ``@``
and ``$`` signs and letter case ignored. It is a check that nothing is lost silently, not that
each value lands in the right field (the reader tests check that). Records a reader leaves out
on purpose and counts (retweets, reposts) are not checked. The posts must also survive a
``dumps``/``loads`` and a JSON Lines round trip unchanged.
"""

from __future__ import annotations

import csv
import fnmatch
import html
import io
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

import engagekit as ek
from engagekit.sources import read_posts
from tests.conftest import reference

# -- what each reader deliberately does not keep (path patterns, fnmatch; [] is any item) ------

_BLOB = {
    "*.$type": "the type tag of a record or object: implied by the field it fills",
    "*.image.mimeType": "blob metadata: the kind is Media.kind",
    "*.image.size": "blob metadata: the byte size of the stored image",
    "*.image.ref.$link": "blob metadata: the content id; the image is kept by its view URL",
    "*.aspectRatio.*": "display hint: the model has no image dimensions",
}
DROPPED: dict[str, dict[str, str]] = {
    "instagram": {
        "*.media[].backup_uri": "a second CDN address of the same media file, which expires",
        "*.camera_metadata.has_camera_metadata": "a flag with no camera data behind it",
    },
    "twitter-api": {
        "$.edit_history_tweet_ids[]": "the ids of the tweet's earlier versions; this one is kept",
        "$.edit_controls.*": "how long and how often the author could still edit it",
        "$.context_annotations[]*": "Twitter's topic guesses, not the author's content",
        "$.entities.annotations[]*": "named-entity guesses with probabilities, not entities",
        "$.entities.*[].start": "offsets re-computed on the text as code points",
        "$.entities.*[].end": "offsets re-computed on the text as code points",
        "$.entities.urls[].display_url": "the shortened display form of a kept URL",
        "$.entities.urls[].images[]*": "link-card preview images",
        "$.entities.urls[].status": "the HTTP status of the link when Twitter fetched it",
        "$.entities.urls[].title": "the link card's title, fetched by Twitter",
        "$.entities.urls[].description": "the link card's description, fetched by Twitter",
        "$.entities.urls[].media_key": "the key of attached media, kept as Media",
        "$.entities.urls[].unwound_url": "the final URL after redirects",
        "$.entities.mentions[].id": "the user id of a mention: the handle is kept",
        "$.attachments.media_keys[]": "keys resolved into Post.media",
        "$.geo.coordinates.type": "always 'Point'",
        "$.geo.place_id": "resolved into Post.location",
        "$.possibly_sensitive": "a content warning flag the model has no field for",
        "$.reply_settings": "who may reply, a setting rather than content",
        "$.referenced_tweets[].type": "kept as reply_to and extra['quoted_id']",
        "$.author_id": "resolved into Post.author",
        "$.in_reply_to_user_id": "the replied-to tweet's id is kept instead",
        "$.public_metrics.impression_count": "views are Engagement.views when public",
    },
    "bluesky": {
        **_BLOB,
        "$.cursor": "the paging cursor of the response",
        "*.cid": "a content hash; the post is kept by its at:// URI",
        "*.indexedAt": "when the AppView indexed the post, not when it was written",
        "*.viewer.*": "the relation of the account that made the request, not of the post",
        "*.facets[].index.*": "byte offsets, turned into entity spans in code points",
        "*.embed.external.title": "the link card's title: the link itself is kept",
        "*.embed.external.description": "the link card's description: the link itself is kept",
        "*.embed.external.thumb*": "the link card's thumbnail",
        "*.embed.media.external.*": "the link card of a post with media and a quote",
        "*.embed.images[].thumb": "the thumbnail URL of an image kept by its full-size URL",
        "*.reply.root.uri": "the thread's root: the parent is kept as reply_to",
        "$.post.author.associated.*": "profile settings of the author (who may chat)",
        "$.post.author.avatar": "the author's profile picture",
        "$.post.author.createdAt": "when the author's account was created",
        "$.post.embed.*": "the AppView's rendering of the record's own embed, read from the record",
    },
    "csv": {
        "$.__twarc.*": "when and how twarc fetched the page",
        "$.author.*": "the author's profile at fetch time; handle, id and name are kept",
        "$.context_annotations[]*": "Twitter's topic guesses, not the author's content",
        "$.entities.annotations[]*": "named-entity guesses with probabilities, not entities",
        "$.edit_controls.*": "how long and how often the author could still edit it",
        "$.edit_history_tweet_ids[]": "the ids of the tweet's earlier versions; this one is kept",
        "$.attachments.media_keys[]": "keys of the media kept in Post.media",
        "$.attachments.media[].media_key": "the key of a media item kept in Post.media",
        "$.geo.coordinates.type": "always 'Point'",
        "$.geo.geo.type": "always 'Feature'",
        "$.geo.geo.bbox[]": "the place's bounding box: its name and country are kept",
        "$.possibly_sensitive": "a content warning flag the model has no field for",
        "$.reply_settings": "who may reply, a setting rather than content",
        "$.in_reply_to_user_id": "the replied-to tweet's id is kept instead",
        "$.author_id": "kept as Post.author.id",
        "$.public_metrics.impression_count": "views are Engagement.views when public",
        "$.geo.name": "the place is kept by its full name (geo.full_name)",
        "$.geo.country": "the country is kept by its code (geo.country_code)",
        "$.geo.place_type": "the kind of place (city, admin), which the model has no field for",
    },
}


# -- the samples and the records of each that became posts -----------------------------------

SAMPLES = [
    ("instagram", "i2b_test_image_posts.json"),
    ("instagram", "i2b_test_images_posts.json"),
    ("instagram", "i2b_test_mixed_media_posts.json"),
    ("instagram", "i2b_test_mixed_media_reels.json"),
    ("instagram", "i2b_test_video_posts.json"),
    ("instagram", "i2b_test_video_reels.json"),
    *(("twitter_api_v2", f"twarc_{name}.jsonl") for name in (
        "cashtags", "geo_tweets", "many_urls", "media_tweet", "mentions_tweet", "two_tweets")),
    ("bluesky", "listRecords.app.bsky.feed.post.bskyr.json"),
    ("bluesky", "getAuthorFeed.excerpt.bskyr.json"),
    *(("csv", f"twarc_csv_output.{name}.csv") for name in (
        "cashtags", "geo_tweets", "many_urls", "mentions_tweet")),
]


def _records(folder: str, path: Path) -> Iterator[Any]:
    """The source records of a sample that a reader turns into posts (not the ones it skips
    and counts, such as retweets and reposts)."""
    if folder == "instagram":
        doc = json.loads(path.read_bytes())
        yield from doc["ig_reels_media"] if isinstance(doc, dict) else doc
    elif folder == "twitter_api_v2":
        for line in path.read_text(encoding="utf-8").splitlines():
            for tweet in json.loads(line).get("data", []):
                kinds = {ref["type"] for ref in tweet.get("referenced_tweets", [])}
                if "retweeted" not in kinds:
                    yield tweet
    elif folder == "bluesky":
        doc = json.loads(path.read_bytes())
        for entry in doc.get("records", []):
            yield entry["value"]
        for item in doc.get("feed", []):
            if "reasonRepost" not in item.get("reason", {}).get("$type", ""):
                yield {"post": item["post"]}
    else:
        for row in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))):
            if not row.get("retweeted_user_id"):
                yield row


def leaves(node: Any, path: str = "$") -> Iterator[tuple[str, Any]]:
    """Every scalar of ``node`` with its path, array indices written ``[]``."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from leaves(value, f"{path}.{key}")
    elif isinstance(node, list):
        for value in node:
            yield from leaves(value, f"{path}[]")
    else:
        yield path, node


def _cells(row: dict[str, str]) -> Iterator[tuple[str, Any]]:
    """A CSV row's leaves: JSON cells opened up, ``True``/``False`` and integers typed."""
    for column, cell in row.items():
        if cell[:1] in ("[", "{"):
            try:
                yield from leaves(json.loads(cell), f"$.{column}")
                continue
            except ValueError:
                pass
        if cell in ("True", "False"):
            yield f"$.{column}", cell == "True"
        elif re.fullmatch(r"-?[0-9]+", cell):
            yield f"$.{column}", int(cell)
        else:
            yield f"$.{column}", cell


def _utc(text: str) -> str | None:
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return None if when.tzinfo is None else when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def _values(posts: list[ek.Post]) -> set[Any]:
    found: set[Any] = set()
    for post in posts:
        for _, value in leaves(json.loads(ek.dumps(post))):
            found.add(value)
            if isinstance(value, str):
                found.add(value.casefold())
                found.add(_utc(value))
    return found


def _kept(value: Any, values: set[Any]) -> bool:
    if value is None or value == "" or (isinstance(value, bool) and not value):
        return True  # an absent or false value is what the model says by default
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value in values or str(value) in values:
            return True
        return (isinstance(value, int) and 10**9 < value < 10**10
                and datetime.fromtimestamp(value, UTC).strftime("%Y-%m-%dT%H:%M:%S") in values)
    if not isinstance(value, str):
        return value in values
    if _utc(value) in values - {None}:
        return True
    forms = (value, value.strip(), html.unescape(value), value.replace("\\n", "\n"),
             value.lstrip("#@$"))
    return any(form in values or form.casefold() in values for form in forms)


def _dropped(reader: str, path: str) -> bool:
    return any(fnmatch.fnmatchcase(path, pattern) for pattern in DROPPED[reader])


@pytest.mark.parametrize(("folder", "name"), SAMPLES, ids=[name for _, name in SAMPLES])
def test_every_source_field_is_kept_or_listed(folder: str, name: str) -> None:
    path = reference("formats", folder, name)
    report = read_posts(path, errors="collect")
    assert report.errors == []
    assert report.posts or report.skipped  # a sample of retweets alone gives none
    reader = report.format or ""
    values = _values(report.posts)
    lost: dict[str, Any] = {}
    for record in _records(folder, path):
        pairs = _cells(record) if folder == "csv" else leaves(record)
        for where, value in pairs:
            if not _kept(value, values) and not _dropped(reader, where):
                lost.setdefault(where, value)
    assert lost == {}, f"fields neither kept nor listed in DROPPED[{reader!r}]"


@pytest.mark.parametrize(("folder", "name"), SAMPLES, ids=[name for _, name in SAMPLES])
def test_the_posts_survive_dumps_and_jsonl(folder: str, name: str) -> None:
    posts = list(read_posts(reference("formats", folder, name)))
    assert [ek.loads(ek.dumps(post), ek.Post) for post in posts] == posts
    buf = io.BytesIO()
    ek.write_jsonl(posts, buf)
    assert list(ek.read_jsonl(io.BytesIO(buf.getvalue()))) == posts


def test_every_listed_field_has_a_reason() -> None:
    for reader, fields in DROPPED.items():
        for pattern, reason in fields.items():
            assert pattern.startswith(("$", "*")), (reader, pattern)
            assert len(reason) > 10, (reader, pattern)
