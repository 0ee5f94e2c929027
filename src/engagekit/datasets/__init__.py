"""Small synthetic data sets bundled with engagekit, for examples, docs and tests.

Everything in them is invented: agencies, officers, the people named in captions,
places and counts.

>>> from engagekit.datasets import sample_posts
>>> posts = list(sample_posts())
>>> len(posts), posts[0].platform.value
(80, 'instagram')
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources

from engagekit.io import read_jsonl
from engagekit.models import Post

__all__ = ["sample_posts"]


def sample_posts() -> Iterator[Post]:
    """Stream the 80 posts of the bundled sample (four fictional agencies, four platforms)."""
    with resources.files(__name__).joinpath("sample_posts.jsonl").open("rb") as handle:
        yield from read_jsonl(handle)
