"""engagekit: typed community-engagement data from social-media posts.

>>> import engagekit as ek
>>> ek.Hashtag(text="#CommunityPolicing").words
('Community', 'Policing')
"""

from engagekit.errors import (
    ArgumentError,
    EngageKitError,
    LimitExceeded,
    ParseError,
    UnsupportedFormat,
    ValidationError,
)
from engagekit.io import (
    SCHEMA_VERSION,
    arrow_schema,
    dumps,
    from_arrow,
    json_schema,
    loads,
    read_jsonl,
    read_parquet,
    to_arrow,
    to_geojson,
    write_jsonl,
    write_parquet,
)
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
from engagekit.sources import (
    Limits,
    ParseReport,
    PostStream,
    Roster,
    detect_format,
    read_posts,
)
from engagekit.text import ParsedText, parse_text

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Account",
    "Agency",
    "ArgumentError",
    "Cashtag",
    "Coordinates",
    "Emoji",
    "EngageKitError",
    "Engagement",
    "Hashtag",
    "LimitExceeded",
    "Limits",
    "Link",
    "Location",
    "Media",
    "MediaKind",
    "Mention",
    "Officer",
    "ParseError",
    "ParseReport",
    "ParsedText",
    "Platform",
    "Post",
    "PostStream",
    "Roster",
    "TextQuality",
    "UnsupportedFormat",
    "ValidationError",
    "Visibility",
    "__version__",
    "arrow_schema",
    "detect_format",
    "dumps",
    "from_arrow",
    "json_schema",
    "loads",
    "parse_text",
    "read_jsonl",
    "read_parquet",
    "read_posts",
    "to_arrow",
    "to_geojson",
    "write_jsonl",
    "write_parquet",
]
