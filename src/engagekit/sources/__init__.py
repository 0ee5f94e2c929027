"""Reading platform exports: one function for every format, and the pieces behind it.

>>> from engagekit.sources import FORMATS
>>> "instagram" in FORMATS and "csv" in FORMATS
True

:func:`read_posts` reads any supported export (a file, a folder, a zip
archive as downloaded, or a binary file object) into
:class:`~engagekit.models.Post` values; :func:`detect_format` says which
format a source holds. Platform modules (``engagekit.sources.instagram``,
...) all have the shape described in ``engagekit.sources._engine.base``, and are
imported only when a source needs them.
"""

from engagekit.sources._engine.base import (
    Container,
    Context,
    ErrorMode,
    Limits,
    ParseReport,
    Reader,
)
from engagekit.sources._engine.containers import open_container
from engagekit.sources._read import PostStream, read_posts
from engagekit.sources.detect import FORMATS, detect_format, reader_for
from engagekit.sources.roster import Roster

__all__ = [
    "FORMATS",
    "Container",
    "Context",
    "ErrorMode",
    "Limits",
    "ParseReport",
    "PostStream",
    "Reader",
    "Roster",
    "detect_format",
    "open_container",
    "read_posts",
    "reader_for",
]
