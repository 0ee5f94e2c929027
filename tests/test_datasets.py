"""The bundled synthetic sample loads and is reproducible from its build script."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import engagekit as ek
from engagekit.datasets import sample_posts

ROOT = Path(__file__).resolve().parents[1]


def test_sample_loads_with_consistent_spans() -> None:
    posts = list(sample_posts())
    assert len(posts) == 80
    assert {p.platform for p in posts} == {ek.Platform.INSTAGRAM, ek.Platform.TWITTER,
                                          ek.Platform.MASTODON, ek.Platform.BLUESKY}
    for post in posts:
        for tag in post.hashtags:
            assert tag.start is not None
            assert tag.end is not None
            assert post.text[tag.start:tag.end] == "#" + tag.text
        for start, end in post.quality.lost_spans:
            assert set(post.text[start:end]) == {"?"}
    assert sum(p.quality.lost_glyphs for p in posts) == 54


def test_build_script_reproduces_the_file() -> None:
    spec = importlib.util.spec_from_file_location("build_sample", ROOT / "scripts" /
                                                  "build_sample_data.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = (ROOT / "src" / "engagekit" / "datasets" / "sample_posts.jsonl").read_bytes()
    assert module.render() == committed, "run: python scripts/build_sample_data.py"
