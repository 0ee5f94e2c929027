"""The caption text layer: entities, emoji, lost glyphs, mojibake and offsets.

:func:`parse_text` takes a caption apart under a platform's rules (a
*dialect*: ``twitter``, the reference, ``instagram``, ``mastodon`` or
``bluesky``); each step is also available on its own. :func:`text_fields`
builds a :class:`~engagekit.models.Post`'s text fields, the one path every
source parser shares.

>>> from engagekit.text import parse_text
>>> parsed = parse_text("Coffee with @CityPD ☕ #CoffeeWithACop https://example.org/events")
>>> [t.text for t in parsed.hashtags], [m.handle for m in parsed.mentions], parsed.links[0].url
(['CoffeeWithACop'], ['CityPD'], 'https://example.org/events')
"""

from engagekit.text._cashtags import extract_cashtags
from engagekit.text._dialects import DIALECTS
from engagekit.text._emoji import extract_emoji
from engagekit.text._hashtags import extract_hashtags
from engagekit.text._lost import find_lost_glyphs
from engagekit.text._mentions import extract_mentions, extract_mentions_or_lists, extract_reply
from engagekit.text._mojibake import repair_mojibake, repair_text
from engagekit.text._parse import ParsedText, TextFields, parse_text, text_fields
from engagekit.text._tlds import tlds
from engagekit.text._urls import extract_links
from engagekit.text.offsets import (
    OffsetError,
    OffsetMap,
    codepoint_to_utf8,
    codepoint_to_utf16,
    utf8_to_codepoint,
    utf16_to_codepoint,
)

__all__ = [
    "DIALECTS",
    "OffsetError",
    "OffsetMap",
    "ParsedText",
    "TextFields",
    "codepoint_to_utf8",
    "codepoint_to_utf16",
    "extract_cashtags",
    "extract_emoji",
    "extract_hashtags",
    "extract_links",
    "extract_mentions",
    "extract_mentions_or_lists",
    "extract_reply",
    "find_lost_glyphs",
    "parse_text",
    "repair_mojibake",
    "repair_text",
    "text_fields",
    "tlds",
    "utf8_to_codepoint",
    "utf16_to_codepoint",
]
