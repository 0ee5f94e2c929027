"""Which hashtags are used together: pairs of keys, and the weighted graph they make.

A pair counts the posts that carry both keys (a post counts once however often
it repeats a tag). Pairs are unordered (``a < b`` in code-point order) and sorted
by posts, descending, then by the two keys.

>>> from datetime import datetime, timezone
>>> from engagekit.models import Post
>>> when = datetime(2024, 5, 2, tzinfo=timezone.utc)
>>> posts = [Post(id=str(i), platform="instagram", created_at=when, hashtags=tags)
...          for i, tags in enumerate([["CoffeeWithACop", "CommunityPolicing"],
...                                    ["communitypolicing", "coffeewithacop", "BikeSafety"]])]
>>> network = cooccurrence(posts)
>>> [(p.a, p.b, p.posts) for p in network]
[('coffeewithacop', 'communitypolicing', 2), ('bikesafety', 'coffeewithacop', 1),
 ('bikesafety', 'communitypolicing', 1)]
>>> [(n.key, n.display, n.posts) for n in network.nodes]
[('coffeewithacop', 'CoffeeWithACop', 2), ('communitypolicing', 'CommunityPolicing', 2),
 ('bikesafety', 'BikeSafety', 1)]
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from itertools import combinations
from typing import Any

import attrs

from engagekit.aggregate._base import Aggregator, check_positive, count, display_of, value
from engagekit.errors import EngageKitError
from engagekit.models import Post

__all__ = ["Cooccurrence", "CooccurrenceCounts", "Node", "Pair", "cooccurrence"]


@attrs.frozen(kw_only=True)
class Pair:
    """Two hashtag keys (``a < b``) and the number of posts carrying both."""

    a: str
    b: str
    posts: int = count()


@attrs.frozen(kw_only=True)
class Node:
    """A hashtag in the graph: its key, most written form and posts."""

    key: str
    display: str = value()
    posts: int = count()


def _networkx() -> Any:
    try:
        import networkx  # an optional extra, imported when asked for
    except ImportError:
        raise EngageKitError(
            "the co-occurrence graph needs networkx: pip install 'engagekit[graph]'"
        ) from None
    return networkx


@attrs.frozen(kw_only=True)
class Cooccurrence:
    """The pairs (iterate over it, or ``pairs``) and the nodes they join, as rows.

    ``to_networkx()`` gives a weighted undirected graph; ``write_gexf`` and
    ``write_graphml`` save it for Gephi (both need the ``graph`` extra).
    """

    pairs: tuple[Pair, ...]
    nodes: tuple[Node, ...]
    min_count: int

    def __iter__(self) -> Iterator[Pair]:
        return iter(self.pairs)

    def __len__(self) -> int:
        return len(self.pairs)

    def to_networkx(self) -> Any:
        """A ``networkx.Graph``: nodes are keys with ``display`` and ``posts``; edges carry
        ``weight`` (posts with both tags)."""
        nx = _networkx()
        graph = nx.Graph(min_count=self.min_count)
        for node in self.nodes:
            graph.add_node(node.key, display=node.display, posts=node.posts)
        for pair in self.pairs:
            graph.add_edge(pair.a, pair.b, weight=pair.posts)
        return graph

    def _labelled(self) -> Any:
        graph = self.to_networkx()
        for node in self.nodes:  # Gephi shows a node's label: the written form, not the key
            graph.nodes[node.key]["label"] = node.display
        return graph

    def write_gexf(self, path: str | os.PathLike[str]) -> None:
        """Save the graph as GEXF (Gephi's own format), nodes labelled with ``display``."""
        _networkx().write_gexf(self._labelled(), os.fspath(path))

    def write_graphml(self, path: str | os.PathLike[str]) -> None:
        """Save the graph as GraphML, nodes labelled with ``display``."""
        _networkx().write_graphml(self._labelled(), os.fspath(path))


class CooccurrenceCounts(Aggregator[Cooccurrence]):
    """The aggregator behind :func:`cooccurrence`."""

    __slots__ = ("_forms", "_pairs", "_posts", "min_count")

    def __init__(self, *, min_count: int = 1) -> None:
        check_positive("min_count", min_count)
        self.min_count = min_count
        self._pairs: dict[tuple[str, str], int] = {}
        self._posts: dict[str, int] = {}
        self._forms: dict[str, dict[str, int]] = {}

    def params(self) -> dict[str, Any]:
        return {"min_count": self.min_count}

    def add(self, post: Post) -> None:
        tags = post.hashtags
        if not tags:
            return
        keys = set()
        forms = self._forms
        for tag in tags:
            key = tag.key
            keys.add(key)
            seen = forms.get(key)
            if seen is None:
                forms[key] = {tag.text: 1}
            else:
                seen[tag.text] = seen.get(tag.text, 0) + 1
        posts = self._posts
        for key in keys:
            posts[key] = posts.get(key, 0) + 1
        if len(keys) < 2:
            return
        pairs = self._pairs
        for pair in combinations(sorted(keys), 2):
            pairs[pair] = pairs.get(pair, 0) + 1

    def _absorb(self, other: CooccurrenceCounts) -> None:
        for pair, n in other._pairs.items():
            self._pairs[pair] = self._pairs.get(pair, 0) + n
        for key, n in other._posts.items():
            self._posts[key] = self._posts.get(key, 0) + n
        for key, theirs in other._forms.items():
            mine = self._forms.setdefault(key, {})
            for form, n in theirs.items():
                mine[form] = mine.get(form, 0) + n

    def result(self) -> Cooccurrence:
        kept = sorted(((pair, n) for pair, n in self._pairs.items() if n >= self.min_count),
                      key=lambda item: (-item[1], item[0]))
        keys = {key for (a, b), _ in kept for key in (a, b)}
        nodes = sorted(keys, key=lambda k: (-self._posts[k], k))
        return Cooccurrence(
            pairs=tuple(Pair(a=a, b=b, posts=n) for (a, b), n in kept),
            nodes=tuple(Node(key=k, display=display_of(self._forms[k]), posts=self._posts[k])
                        for k in nodes),
            min_count=self.min_count,
        )


def cooccurrence(posts: Iterable[Post], *, min_count: int = 1) -> Cooccurrence:
    """Pairs of hashtag keys used in the same post, kept when at least ``min_count`` posts.

    A node's ``posts`` counts every post carrying the tag, alone or with others.
    """
    return CooccurrenceCounts(min_count=min_count).update(posts).result()
