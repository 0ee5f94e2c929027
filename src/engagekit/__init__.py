"""engagekit: typed community-engagement data from social-media posts.

>>> import engagekit as ek
>>> ek.Hashtag(text="#CommunityPolicing").words
('Community', 'Policing')
"""

from engagekit.errors import (
    EngageKitError,
    LimitExceeded,
    ParseError,
    UnsupportedFormat,
    ValidationError,
)
from engagekit.io import SCHEMA_VERSION, dumps, loads, read_jsonl, write_jsonl
from engagekit.models import (
    Account,
    Agency,
    Cashtag,
    Coordinates,
    Emoji,
    Engagement,
    Hashtag,
    Link,
    Location,
    Media,
    MediaKind,
    Mention,
    Officer,
    Platform,
    Post,
    TextQuality,
    Visibility,
)
from engagekit.text import ParsedText, parse_text

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Account",
    "Agency",
    "Cashtag",
    "Coordinates",
    "Emoji",
    "EngageKitError",
    "Engagement",
    "Hashtag",
    "LimitExceeded",
    "Link",
    "Location",
    "Media",
    "MediaKind",
    "Mention",
    "Officer",
    "ParseError",
    "ParsedText",
    "Platform",
    "Post",
    "TextQuality",
    "UnsupportedFormat",
    "ValidationError",
    "Visibility",
    "__version__",
    "dumps",
    "loads",
    "parse_text",
    "read_jsonl",
    "write_jsonl",
]
