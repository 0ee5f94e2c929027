"""Tests for engagekit.aggregate._cooccurrence: pairs of tags and the graph they make."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from engagekit.aggregate import CooccurrenceCounts, Node, Pair, cooccurrence
from engagekit.errors import ArgumentError
from engagekit.models import Post
from tests.aggregate._laws import check_laws, crowded_posts, splits

T0 = datetime(2024, 5, 1, tzinfo=UTC)


def posts(*tag_lists: tuple[str, ...]) -> list[Post]:
    return [Post(id=str(i), platform="twitter", created_at=T0, hashtags=tags)
            for i, tags in enumerate(tag_lists)]


@given(st.integers(1, 3),
       crowded_posts().flatmap(lambda ps: st.tuples(st.just(ps), splits(len(ps)))))
def test_laws(min_count: int, drawn: tuple[list[Post], tuple[list[int], list[int]]]) -> None:
    items, (cuts, order) = drawn
    check_laws(lambda: CooccurrenceCounts(min_count=min_count), items, cuts, order)


def test_pairs_count_posts_once_and_are_unordered() -> None:
    found = cooccurrence(posts(("B", "a", "b", "A"), ("a", "c"), ("c", "A"), ("d",)))
    assert found.pairs == (Pair(a="a", b="c", posts=2), Pair(a="a", b="b", posts=1))
    assert found.nodes == (Node(key="a", display="A", posts=3), Node(key="c", display="c", posts=2),
                           Node(key="b", display="B", posts=1))
    assert list(found) == list(found.pairs)
    assert len(found) == 2


def test_min_count_drops_pairs_and_their_lonely_nodes() -> None:
    found = cooccurrence(posts(("a", "b"), ("a", "b"), ("a", "c")), min_count=2)
    assert [(p.a, p.b) for p in found] == [("a", "b")]
    assert [n.key for n in found.nodes] == ["a", "b"]


@pytest.mark.parametrize("bad", [0, -2, None, 2.0])
def test_bad_min_count(bad: object) -> None:
    with pytest.raises(ArgumentError, match="min_count"):
        cooccurrence([], min_count=bad)  # type: ignore[arg-type]


def test_networkx_graph_and_files(tmp_path: Path) -> None:
    found = cooccurrence(posts(("CoffeeWithACop", "CommunityPolicing"),
                              ("coffeewithacop", "communitypolicing", "BikeSafety")))
    graph = found.to_networkx()
    assert graph.number_of_nodes() == 3
    assert graph.edges["coffeewithacop", "communitypolicing"]["weight"] == 2
    assert graph.nodes["bikesafety"] == {"display": "BikeSafety", "posts": 1}
    found.write_gexf(tmp_path / "tags.gexf")
    found.write_graphml(tmp_path / "tags.graphml")
    for back in (nx.read_gexf(tmp_path / "tags.gexf"), nx.read_graphml(tmp_path / "tags.graphml")):
        assert back.number_of_edges() == 3
        assert back.nodes["coffeewithacop"]["label"] == "CoffeeWithACop"
        assert back.nodes["coffeewithacop"]["posts"] == 2
