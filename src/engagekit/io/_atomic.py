"""Writers that never leave half a file behind, and clear what a killed writer left.

A file is written to a temporary file beside its destination (so that the final
``os.replace`` stays on one filesystem, where it is atomic) and renamed over it at the end.
An exception removes the temporary file. A process killed with SIGKILL (or a power cut)
cannot remove anything, so the temporary name says whose it is,
``.<name>.<pid>.<random>.tmp``, and every write to a destination first removes the
temporaries of that destination whose process is gone. The old file is never touched
until the rename.

Only POSIX systems are cleaned (whether a process is alive is asked with signal 0); a
temporary of a live process, of this process, or in the older name without a process id is
left alone.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> with atomic_binary(folder / "posts.jsonl") as handle:
...     _ = handle.write(b"{}\\n")
>>> sorted(p.name for p in folder.iterdir())
['posts.jsonl']
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

__all__ = ["atomic_binary", "atomic_path", "check_folder", "clear_stale", "temp_prefix",
           "temporary_beside"]


def temp_prefix(dest: Path) -> str:
    """The start of this process's temporary names for ``dest``: ``.<name>.<pid>.``."""
    return f".{dest.name}.{os.getpid()}."


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # not ours to signal: it exists
        return True
    return True


def clear_stale(dest: Path) -> list[str]:
    """Remove the temporary files and folders of ``dest`` left by writers that are gone;
    return their names."""
    if os.name != "posix":
        return []
    own = re.compile(re.escape(f".{dest.name}.") + r"([0-9]+)\.[A-Za-z0-9_]+\.(?:tmp|old)")
    removed = []
    try:
        entries = list(os.scandir(dest.parent))
    except OSError:
        return []
    for entry in entries:
        match = own.fullmatch(entry.name)
        if match is None:
            continue
        pid = int(match.group(1))
        if pid == os.getpid() or _alive(pid):
            continue
        with contextlib.suppress(OSError):
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
            removed.append(entry.name)
    return removed


def _mode(path: Path) -> int:
    """The permissions the finished file gets: those of the file it replaces, or else what
    ``open()`` would give a new file under the process umask (``mkstemp`` makes it 0600)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process umask, read without changing it where Linux allows (``os.umask`` can only
    be read by setting it, which another thread could see)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


def check_folder(dest: str | os.PathLike[str]) -> None:
    """Raise :class:`FileNotFoundError` naming ``dest``'s folder when it does not exist
    (rather than an error about a temporary name inside it)."""
    path = Path(dest)
    if not path.parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, f"no such folder to write {path.name} in",
                                str(path.parent))


def temporary_beside(dest: Path, *, folder: bool = False, suffix: str = ".tmp") -> str:
    """A new temporary file (or ``folder``) named for ``dest``, in ``dest``'s folder.

    When it cannot be made (a folder that is read-only, full, or not a real one), the
    error names the file to write and its folder, not the temporary name.
    """
    try:
        if folder:
            return tempfile.mkdtemp(prefix=temp_prefix(dest), suffix=suffix, dir=dest.parent)
        fd, tmp = tempfile.mkstemp(prefix=temp_prefix(dest), suffix=suffix, dir=dest.parent)
    except OSError as exc:
        raise type(exc)(exc.errno, f"cannot write {dest.name} in this folder ({exc.strerror})",
                        str(dest.parent)) from None
    os.close(fd)
    return tmp


@contextlib.contextmanager
def atomic_path(dest: str | os.PathLike[str]) -> Iterator[str]:
    """The path of an empty temporary file beside ``dest``, for a writer that opens it
    itself; renamed over ``dest`` when the block ends without an exception, removed when
    it raises."""
    path = Path(dest)
    check_folder(path)
    clear_stale(path)
    tmp = temporary_beside(path)
    try:
        yield tmp
        os.chmod(tmp, _mode(path))
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def atomic_binary(dest: str | os.PathLike[str]) -> Iterator[IO[bytes]]:
    """Open a temporary file beside ``dest``; on success flush it to disk and rename it over
    ``dest``.

    On any exception the temporary file is removed and ``dest`` is untouched.
    """
    with atomic_path(dest) as tmp, open(tmp, "wb") as handle:
        yield handle
        handle.flush()
        os.fsync(handle.fileno())
