"""Zip archives built in memory, for the tests of containers, detection and ``read_posts``."""

from __future__ import annotations

import io
import zipfile


def make_zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip archive holding ``members`` (name to content), in insertion order."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def zip_stream(members: dict[str, bytes]) -> io.BytesIO:
    """A binary stream over a zip archive of ``members``, stored without compression."""
    return io.BytesIO(make_zip(members, zipfile.ZIP_STORED))
