"""The PySpark recipe of docs/scaling.md: one aggregator per partition, merged by treeReduce."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from engagekit.aggregate import Aggregator, HashtagCounts, MentionCounts, feed
from engagekit.datasets import sample_posts
from engagekit.models import Post

pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed (the spark extra)")
if shutil.which("java") is None:
    pytest.skip("pyspark needs Java, and no java is on PATH", allow_module_level=True)


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from pyspark.sql import SparkSession

    # Spark's Python workers run this interpreter, and import this module from the checkout
    root = str(Path(__file__).resolve().parents[1])
    monkey = pytest.MonkeyPatch()
    monkey.setenv("PYSPARK_PYTHON", sys.executable)
    monkey.setenv("PYTHONPATH", os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])))
    session = (SparkSession.builder.master("local[2]").appName("engagekit-test")
               .config("spark.pyspark.python", sys.executable)
               .config("spark.pyspark.driver.python", sys.executable)
               .config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "2").getOrCreate())
    try:
        yield session
    finally:
        session.stop()
        monkey.undo()


def _fold(aggregators: tuple[Aggregator[Any], ...]) -> Any:
    def fold(posts: Iterable[Post]) -> Iterator[tuple[Aggregator[Any], ...]]:
        fresh = tuple(agg.empty() for agg in aggregators)
        feed(posts, *fresh)
        yield fresh

    return fold


def _merge(a: tuple[Aggregator[Any], ...],
           b: tuple[Aggregator[Any], ...]) -> tuple[Aggregator[Any], ...]:
    return tuple(x.merge(y) for x, y in zip(a, b, strict=True))


@pytest.mark.parametrize("partitions", [1, 3, 7])
def test_the_recipe_gives_the_results_of_one_process(spark: Any, partitions: int) -> None:
    posts = list(sample_posts())
    aggregators = (HashtagCounts(), MentionCounts(top=5))
    rdd = spark.sparkContext.parallelize(posts, partitions)
    merged = rdd.mapPartitions(_fold(aggregators)).treeReduce(_merge, depth=2)
    assert tuple(agg.result() for agg in merged) == tuple(
        agg.empty().update(posts).result() for agg in aggregators)
