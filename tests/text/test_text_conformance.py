"""The twitter-text conformance suite, read at test time from ../shared/reference/twitter-text.

Every case of the requested sections runs against the ``twitter`` dialect. The
only cases not followed are tlds.yml URLs whose top-level domain has since been
retired from the root zone: engagekit takes its TLDs from the public suffix list
bundled by ``publicsuffixlist``, which no longer lists them (docs/captions.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from engagekit.text import (
    extract_cashtags,
    extract_hashtags,
    extract_links,
    extract_mentions,
    extract_mentions_or_lists,
    extract_reply,
    tlds,
)

# tests/conftest.py (the repository root has a conftest.py of its own, which mypy finds first)
from tests.conftest import reference

SUITE = Path(__file__).resolve().parents[3] / "shared" / "reference" / "twitter-text"
RETIRED = "TLD retired from the root zone; not in the bundled public suffix list"


def _load(name: str) -> Any:
    path = SUITE / name
    return yaml.safe_load(path.read_text("utf-8")) if path.exists() else None


EXTRACT = _load("extract.yml")
VALIDATE = _load("validate.yml")
TLDS = _load("tlds.yml")


def cases(data: Any, *sections: str) -> list[Any]:
    """One pytest param per case of ``sections``, or one that skips when the suite is absent."""
    if data is None:
        return [pytest.param(None, id="suite-absent")]
    params = []
    for section in sections:
        for i, case in enumerate(data["tests"][section]):
            params.append(pytest.param(case, id=f"{section}-{i}-{case['description'][:60]}"))
    return params


def need(case: Any, name: str) -> dict[str, Any]:
    if case is None:
        reference("twitter-text", name)
    assert isinstance(case, dict)
    return case


@pytest.mark.parametrize("case", cases(EXTRACT, "hashtags", "hashtags_from_astral"))
def test_hashtags(case: Any) -> None:
    c = need(case, "extract.yml")
    assert [t.text for t in extract_hashtags(c["text"])] == c["expected"]


@pytest.mark.parametrize("case", cases(EXTRACT, "hashtags_with_indices"))
def test_hashtags_with_indices(case: Any) -> None:
    c = need(case, "extract.yml")
    got = [{"hashtag": t.text, "indices": [t.start, t.end]} for t in extract_hashtags(c["text"])]
    assert got == c["expected"]


@pytest.mark.parametrize("case", cases(EXTRACT, "mentions"))
def test_mentions(case: Any) -> None:
    c = need(case, "extract.yml")
    assert [m.handle for m in extract_mentions(c["text"])] == c["expected"]


@pytest.mark.parametrize("case", cases(EXTRACT, "mentions_with_indices"))
def test_mentions_with_indices(case: Any) -> None:
    c = need(case, "extract.yml")
    got = [
        {"screen_name": m.handle, "indices": [m.start, m.end]} for m in extract_mentions(c["text"])
    ]
    assert got == c["expected"]


@pytest.mark.parametrize("case", cases(EXTRACT, "mentions_or_lists_with_indices"))
def test_mentions_or_lists_with_indices(case: Any) -> None:
    c = need(case, "extract.yml")
    got = [
        {"screen_name": m.handle, "list_slug": slug, "indices": [m.start, m.end]}
        for m, slug in extract_mentions_or_lists(c["text"])
    ]
    assert got == c["expected"]


@pytest.mark.parametrize("case", cases(EXTRACT, "replies"))
def test_replies(case: Any) -> None:
    c = need(case, "extract.yml")
    assert extract_reply(c["text"]) == c["expected"]


@pytest.mark.parametrize("case", cases(EXTRACT, "urls", "tco_urls_with_params"))
def test_urls(case: Any) -> None:
    c = need(case, "extract.yml")
    assert [link.url for link in extract_links(c["text"])] == c["expected"]


@pytest.mark.parametrize(
    "case", cases(EXTRACT, "urls_with_indices", "urls_with_directional_markers")
)
def test_urls_with_indices(case: Any) -> None:
    c = need(case, "extract.yml")
    got = [{"url": u.url, "indices": [u.start, u.end]} for u in extract_links(c["text"])]
    assert got == c["expected"]


@pytest.mark.parametrize("case", cases(EXTRACT, "cashtags"))
def test_cashtags(case: Any) -> None:
    c = need(case, "extract.yml")
    assert [t.text for t in extract_cashtags(c["text"])] == c["expected"]


@pytest.mark.parametrize("case", cases(EXTRACT, "cashtags_with_indices"))
def test_cashtags_with_indices(case: Any) -> None:
    c = need(case, "extract.yml")
    got = [{"cashtag": t.text, "indices": [t.start, t.end]} for t in extract_cashtags(c["text"])]
    assert got == c["expected"]


@pytest.mark.parametrize("case", cases(VALIDATE, "hashtags"))
def test_validate_hashtags(case: Any) -> None:
    c = need(case, "validate.yml")
    found = extract_hashtags(c["text"])
    valid = len(found) == 1 and "#" + found[0].text == c["text"]
    assert valid is c["expected"]


def tld_cases() -> list[Any]:
    if TLDS is None:
        return [pytest.param(None, id="suite-absent")]
    known = tlds()
    params = []
    for section in ("country", "generic"):
        for case in TLDS["tests"][section]:
            tld = case["text"].rsplit(".", 1)[-1]
            marks = () if tld in known else pytest.mark.xfail(reason=RETIRED, strict=True)
            params.append(pytest.param(case, id=f"{section}-{tld}", marks=marks))
    return params


@pytest.mark.parametrize("case", tld_cases())
def test_tlds(case: Any) -> None:
    c = need(case, "tlds.yml")
    assert [link.url for link in extract_links(c["text"])] == c["expected"]
