"""Small synthetic data sets bundled with engagekit, for examples, docs and tests.

Everything in them is invented: agencies, officers, the people named in captions,
places, ids and counts.

Two samples ship:

* :func:`sample_exports`: the Maple Harbor Police Department and three of its officers on
  Instagram, Facebook, X, Mastodon and Bluesky, 2023-2024, each platform's part in that
  platform's own export layout (zips as the platforms send them), with a roster. It is read
  through the real readers, so it shows what reading your own downloads gives;
  :func:`load_sample` reads it all.
* :func:`sample_posts`: 80 posts of four agencies, already in engagekit's JSON Lines.

>>> from engagekit.datasets import load_sample, sample_exports, sample_posts
>>> sorted(sample_exports())
['bluesky', 'facebook', 'instagram', 'mastodon', 'roster', 'twitter']
>>> posts = load_sample()
>>> len(posts), sorted({p.officer.name for p in posts if p.officer})
(304, ['Daniela Ortiz', 'Marcus Bell', 'Priya Raman'])
>>> posts = list(sample_posts())
>>> len(posts), posts[0].platform.value
(80, 'instagram')
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from engagekit.io import read_jsonl
from engagekit.models import Post
from engagekit.sources import read_posts

__all__ = ["SAMPLE_TZ", "load_sample", "sample_exports", "sample_posts"]

#: The time zone of the sample's fictional city (on the US west coast): count its days, weeks
#: and months in it, as the department would.
SAMPLE_TZ = "America/Los_Angeles"

_FOLDER = "sample_exports"
#: Each part of the sample and its file, as ``scripts/build_sample_exports.py`` writes them.
_FILES = {
    "instagram": f"{_FOLDER}/instagram-mapleharborpd-2025-01-14-hQ7rK2pX.zip",
    "facebook": f"{_FOLDER}/facebook-danielaortizmhpd-2025-01-14-Vb3nT8sE.zip",
    "twitter": f"{_FOLDER}/twitter-2025-01-14-8d41c6b0e29a7f35.zip",
    "mastodon": f"{_FOLDER}/archive-20250114183012-5c0e9f2d7a4b18e63f9d2c7b01a5e4d8.zip",
    "bluesky": f"{_FOLDER}/bluesky-getAuthorFeed-2025-01-14.jsonl",
    "roster": "sample_roster.csv",
}


def sample_posts() -> Iterator[Post]:
    """Stream the 80 posts of the bundled sample (four fictional agencies, four platforms)."""
    with resources.files(__name__).joinpath("sample_posts.jsonl").open("rb") as handle:
        yield from read_jsonl(handle)


def sample_exports() -> dict[str, Path]:
    """The paths of the sample exports, by platform, and of their roster.

    The keys are the platform names (``"instagram"``, ``"facebook"``, ``"twitter"``,
    ``"mastodon"``, ``"bluesky"``) and ``"roster"``; each value is a path that
    :func:`~engagekit.sources.read_posts` and :func:`~engagekit.sources.detect_format` take
    as it is, and ``roster=`` takes the roster's. The fictional Maple Harbor Police Department
    posts on Instagram, X and Bluesky; Officer Daniela Ortiz on Facebook and Bluesky,
    Sergeant Marcus Bell on Mastodon and Officer Priya Raman on Bluesky. Each platform's part
    is what that platform's own download gives: an Instagram, Facebook, X or Mastodon
    archive zip, and ``getAuthorFeed`` responses for the three Bluesky accounts, one page
    per line. The media files are left out.

    The five exports sit side by side in one folder, the roster beside that folder, so the
    folder (``sample_exports()["instagram"].parent``) is also a folder of exports as
    ``read_posts`` reads one. A fresh dict each call; the files must not be changed.
    """
    root = _root()
    return {name: root / relative for name, relative in _FILES.items()}


def load_sample(*, include_private: bool = False, include_reposts: bool = False,
                roster: bool = True) -> list[Post]:
    """Every post of :func:`sample_exports`, read through the real readers, export by export.

    As with :func:`~engagekit.sources.read_posts`, followers-only posts, direct messages and
    reposts are left out unless ``include_private`` or ``include_reposts``. With ``roster``
    (the default) the sample's roster is attached, so the officers' posts name their
    officer (``Post.officer``).
    """
    paths = sample_exports()
    roster_path = paths.pop("roster")
    return list(read_posts(list(paths.values()), include_private=include_private,
                           include_reposts=include_reposts,
                           roster=roster_path if roster else None))


@functools.cache
def _root() -> Path:
    """The folder of the package's data, as a real folder.

    From a normal install it is the package's own folder. From a zip (zipimport), the
    files are copied once per process into a temporary folder, removed at exit.
    """
    root = resources.files(__name__)
    if isinstance(root, Path):
        return root
    target = Path(tempfile.mkdtemp(prefix="engagekit-sample-"))
    atexit.register(shutil.rmtree, target, True)
    for relative in _FILES.values():
        source = root
        for part in relative.split("/"):
            source = source.joinpath(part)
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        (target / relative).write_bytes(source.read_bytes())
    return target
