"""Writers that never leave half a file behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

__all__ = ["atomic_binary"]


@contextlib.contextmanager
def atomic_binary(dest: str | os.PathLike[str]) -> Iterator[IO[bytes]]:
    """Open a temporary file beside ``dest``; on success rename it over ``dest``.

    On any exception the temporary file is removed and ``dest`` is untouched.
    """
    path = Path(dest)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
