"""Every compiled regular expression in engagekit, found by walking its modules, and the input
that makes each one work hardest.

:func:`patterns` imports every ``engagekit`` module and collects the ``re.Pattern`` and
``regex.Pattern`` objects held at module level, in classes, and one or two levels down in the
tuples, lists and dicts of either (``_SNIFF[0][1]``), named ``module:attribute``. ``CASES``
maps each name to how the package uses the pattern (``"search"``: anywhere in its input, so
tried at every position with ``finditer``; ``"match"``: anchored at one position) and a
function of ``n`` building about ``n`` characters (or bytes) of its worst case: long runs of
what it may consume followed by what makes it fail, near-misses of its literals, the
ambiguity between two of its quantifiers. The test (``tests/test_regex.py``) runs every case
at growing sizes as a hang guard; ``benchmarks/bench_regex.py`` times them and prints the
growth ratio.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable, Iterator
from typing import Any

import regex

import engagekit

__all__ = ["CASES", "UNIMPORTED", "patterns", "run"]


#: Modules :func:`patterns` could not import (an optional extra missing), with the reason.
UNIMPORTED: dict[str, str] = {}


def patterns() -> dict[str, Any]:
    """Every compiled pattern in engagekit by ``module:attribute`` (a pattern seen twice keeps
    its first name)."""
    found: dict[int, tuple[str, Any]] = {}

    def visit(name: str, value: Any, depth: int) -> None:
        if isinstance(value, (re.Pattern, regex.Pattern)):
            found.setdefault(id(value), (name, value))
        elif depth < 2 and isinstance(value, (tuple, list)):
            for i, item in enumerate(value):
                visit(f"{name}[{i}]", item, depth + 1)
        elif depth < 2 and isinstance(value, dict):
            for key, item in value.items():
                visit(f"{name}[{key!r}]", item, depth + 1)

    for info in pkgutil.walk_packages(engagekit.__path__, "engagekit."):
        try:
            module = importlib.import_module(info.name)
        except ModuleNotFoundError as exc:  # a module of an extra that is not installed
            if (exc.name or "").startswith("engagekit"):
                raise
            UNIMPORTED[info.name] = f"needs {exc.name}"
            continue
        for attr, value in vars(module).items():
            if inspect.isclass(value) and value.__module__ == module.__name__:
                for inner, item in vars(value).items():
                    visit(f"{info.name}:{attr}.{inner}", item, 0)
            else:
                visit(f"{info.name}:{attr}", value, 0)
    return dict(found.values())


def _s(unit: str, tail: str = "", head: str = "") -> Callable[[int], str]:
    return lambda n: head + (unit * (n // len(unit) + 1))[:n] + tail


def _b(unit: bytes, tail: bytes = b"", head: bytes = b"") -> Callable[[int], bytes]:
    return lambda n: head + (unit * (n // len(unit) + 1))[:n] + tail


_WS = " \t\n\u3000\u00a0"
_LATIN = "À"  # a letter in the accented ranges Twitter's rules use

#: name -> (how the package runs it, a worst-case input of about n characters)
CASES: dict[str, tuple[str, Callable[[int], Any]]] = {
    # -- writers and CSV cells
    "engagekit.io.csv:_NUMBER": ("match", _s("1", "x", "-")),
    "engagekit.sources._csv.mappings:_OFFSET": ("match", _s("1", "", "+")),
    "engagekit.sources._csv.row:_MANGLED": ("match", _s("1", "x")),
    "engagekit.sources._csv.row:_GROUPED": ("match", _s("1,234", ",12")),
    "engagekit.sources._csv.row:_ZONE_SUFFIX": ("search", _s(" ", "1")),
    "engagekit.sources._csv.row:_NAME": ("match", _s("a", "-")),
    # -- the JSON engine
    "engagekit.sources._engine.arrays:_INDENT": ("search", _s("\n ", "x")),
    "engagekit.sources._engine.arrays:_SURROGATES": ("search", _s("\\ud800\\", "")),
    "engagekit.sources._engine.guard:_DRIVE": ("match", _s("a")),
    "engagekit.sources._engine.scan:_WS": ("match", _b(b" \t\r\n", b"x")),
    "engagekit.sources._engine.scan:_SKIP": ("match", _b(b'"\\"a', b"")),
    "engagekit.sources._engine.scan:_STRING": ("match", _b(b"\\\"", b"", b'"')),
    "engagekit.sources._engine.scan:_SCALAR": ("match", _b(b"1", b" ")),
    "engagekit.sources._engine.scan:_FOREIGN[0][0]": ("match", _b(b"\x00")),
    "engagekit.sources._engine.scan:_FOREIGN[1][0]": ("match", _b(b"\x00")),
    "engagekit.sources._engine.scan:_FOREIGN[2][0]": ("match", _b(b"a\x00")),
    "engagekit.sources._engine.scan:_FOREIGN[3][0]": ("match", _b(b"\x00a")),
    "engagekit.sources._engine.typed:_AT": ("match", _s(" - at `$", "")),
    "engagekit.sources._engine.typed:_EXPECTED": ("match", _s("`", "", "Expected `")),
    "engagekit.sources._engine.typed:_MISSING_FIELD": (
        "match", _s("`", "", "Object missing required field `")),
    "engagekit.sources._engine.typed:_STEP": ("search", _s(".a[1", "")),
    # -- platform readers: member names and first bytes
    "engagekit.sources._meta.common:_PART": ("search", _s("_1", ".jso")),
    "engagekit.sources._twitter.common:_ESCAPE": ("search", _s("&am", "")),
    "engagekit.sources._twitter.common:_CLASSIC": ("match", _s("Mon Jan 01 ", "")),
    "engagekit.sources._twitter.common:_SOURCE": ("search", _s("<a>", "")),
    "engagekit.sources._twitter.reposts:_RT": ("match", _s("a", " ", "RT @")),
    "engagekit.sources.bluesky:_FIRST_KEY": ("match", _b(b" ", b"{")),
    "engagekit.sources.bluesky:_MARKER": ("search", _b(b'"uri": "at://', b"")),
    "engagekit.sources.bluesky:_AT_URI": ("match", _s("a/", "", "at://")),
    "engagekit.sources.facebook:_BY_NAME": ("search", _s("/posts/your_posts_1", "")),
    "engagekit.sources.facebook:_CANDIDATE": ("search", _s("/your_posts", "")),
    "engagekit.sources.facebook:_PROFILE": ("search", _s("/profile_information", "")),
    "engagekit.sources.facebook:_HEAD": ("match", _b(b" [", b"")),
    "engagekit.sources.facebook:_HEAD_TIME": ("search", _b(b'"timestamp" : ', b"")),
    "engagekit.sources.facebook:_HEAD_BODY": ("search", _b(b'"data" : ', b"")),
    "engagekit.sources.facebook:_EMPTY": ("match", _b(b" [ ", b"x")),
    "engagekit.sources.facebook:_SCHEME": ("match", _s("a", "")),
    "engagekit.sources.instagram:_BY_NAME": ("search", _s("/content/posts_1", "")),
    "engagekit.sources.instagram:_CANDIDATE": ("search", _s("/posts_1", "")),
    "engagekit.sources.instagram:_PROFILE": ("search", _s("/personal_information", "")),
    "engagekit.sources.instagram:_SNIFF[0][1]": ("match", _b(b"\\\"", b"", b'[{"title": "')),
    "engagekit.sources.instagram:_SNIFF[1][1]": ("match", _b(b" ", b"", b"{")),
    "engagekit.sources.instagram:_SNIFF[2][1]": ("match", _b(b" ", b"", b"{")),
    "engagekit.sources.instagram:_SNIFF[3][1]": ("match", _b(b'"photos": [ {', b"", b"{")),
    "engagekit.sources.mastodon:_AT_NAME": ("search", _s("/@a", "")),
    "engagekit.sources.twitter_api:_PAGE": ("match", _b(b" ", b"", b"[")),
    "engagekit.sources.twitter_archive:_TWEETS": ("search", _s("/tweets-part1", "")),
    # -- privacy
    "engagekit.privacy._places:_POINT_NAME": ("match", _s("1", ",x", " 1.")),
    # -- captions
    "engagekit.text._cashtags:_CASHTAG": ("search", _s(" $AB.", "")),
    "engagekit.text._emoji:_EMOJI": ("search", _s("\U0001f3f4\U000e0067", "")),
    "engagekit.text._emoji:_MAYBE": ("search", _s("a")),
    "engagekit.text._hashtags:_TWITTER": ("search", _s("#a\u200d", "")),
    "engagekit.text._hashtags:_LETTER": ("search", _s("1")),
    "engagekit.text._hashtags:_INSTAGRAM": ("search", _s("#a\u200c", "")),
    "engagekit.text._hashtags:_IG_LETTER": ("search", _s("1")),
    "engagekit.text._hashtags:_MASTODON": ("search", _s("#a·", "")),
    "engagekit.text._hashtags:_MA_LETTER": ("search", _s("1")),
    "engagekit.text._hashtags:_BLUESKY": ("search", _s("#a", "")),
    "engagekit.text._hashtags:_BS_CONTENT": ("search", _s("1.")),
    "engagekit.text._hashtags:_PUNCT_RUN": ("match", _s(".", "a")),
    "engagekit.text._hashtags:_GRAPHEME": ("search", _s("e\u0301")),
    "engagekit.text._lost:_LOST": ("search", _s("a?", "")),
    "engagekit.text._mentions:_TWITTER": ("search", _s("@a/", "")),
    "engagekit.text._mentions:_TWITTER_END": ("match", _s("a")),
    "engagekit.text._mentions:_TWITTER_MENTION": ("search", _s("@" + "a" * 21, "")),
    "engagekit.text._mentions:_TWITTER_MENTION_AT": ("search", _s("@" + "a" * 21, "")),
    "engagekit.text._mentions:_REPLY": ("match", _s(" ", "")),
    "engagekit.text._mentions:_INSTAGRAM": ("search", _s("@a.", "")),
    "engagekit.text._mentions:_MASTODON": ("search", _s("@a-", "-")),
    "engagekit.text._mentions:_MASTODON_ASCII": ("search", _s("@a-", "-")),
    "engagekit.text._mentions:_BLUESKY": ("search", _s("@a.", "")),
    "engagekit.text._urls:_RUN_CHARS": ("match", _s("a.", " ")),
    "engagekit.text._urls:_ALNUM_RUN": ("match", _s("a", "-")),
    "engagekit.text._urls:_PUNY_RUN": ("match", _s("a-", " ")),
    # -- the command line and the report (their inputs are engagekit's own messages and SVG)
    "engagekit.cli._detect:_FORMAT_START": ("search", _s("; instagram", "")),
    "engagekit.report._charts:_IDS": ("search", _s('id="a', "")),
    "engagekit.report._sections:_PLACEHOLDER": ("search", _s("[name 1", "")),
    # -- the privacy name detector
    "engagekit.privacy._names:_TOKEN": ("search", _s("a-", "")),
    "engagekit.privacy._names:_MASK": ("search", _s("a.", "")),
    "engagekit.privacy._names:_PREFIXED": ("match", _s("a", "1", "McA")),
    "engagekit.privacy._names:_ELISION": ("match", _s("l'", "")),
    "engagekit.privacy._names:_SPACE": ("match", _s(" ", "x")),
    "engagekit.privacy._names:_TITLE_GAP": ("match", _s(" ", "x", ".")),
    "engagekit.privacy._names:_CUE_GAP": ("match", _s(" ,-", "x")),
    "engagekit.privacy._names:_LINK": ("match", _s(" ", "x")),
    "engagekit.privacy._names:_ABBREVIATED": ("search", _s("Mr. ", "x")),
    "engagekit.privacy._names:_K9": ("search", _s("K9 ", "x")),
    "engagekit.privacy._names:_SAINT": ("search", _s("St. ", "x")),
    "engagekit.text._urls:_PATH": ("match", _s("a(", " ")),
    "engagekit.text._urls:_PATH_END": ("match", _s(".")),
    "engagekit.text._urls:_QUERY": ("match", _s("a=", " ")),
    "engagekit.text._urls:_ASCII_LABEL": ("search", _s(".")),
    "engagekit.text._urls:_ASCII_TAIL": ("match", _s("a-" + _LATIN, " ")),
    "engagekit.text._urls:_ASCII_HOST": ("match", _s("a.", ". ")),
    "engagekit.text._urls:_PROTOCOL": ("search", _s("http:/", "")),
    "engagekit.text._urls:_TCO": ("search", _s("https://t.c", "")),
    "engagekit.text._urls:_DIGITS": ("match", _s("1", "a")),
    "engagekit.text._urls:_TLD_START": ("search", _s(".1", "")),
    "engagekit.text._urls_bluesky:_BSKY_START": ("search", _s("a1", "")),
    "engagekit.text._urls_bluesky:_BSKY_DOMAIN": ("match", _s("a.a", ".")),
    "engagekit.text._urls_bluesky:_NONSPACE": ("match", _s("a", " ")),
    "engagekit.text._urls_bluesky:_DOT_ALNUM": ("search", _s(". ", "")),
}


def run(pattern: Any, how: str, data: Any) -> int:
    """Run ``pattern`` on ``data`` as the package does; how many matches it found.

    A text input is encoded as UTF-8 for a pattern over bytes."""
    if isinstance(pattern.pattern, bytes) and isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    if how == "search":
        return sum(1 for _ in _all(pattern, data))
    return 0 if pattern.match(data) is None else 1


def _all(pattern: Any, data: Any) -> Iterator[Any]:
    return pattern.finditer(data)  # type: ignore[no-any-return]
