"""Streaming JSON out of container members: engagekit.sources._engine.arrays."""

from __future__ import annotations

import contextlib
import io
import json
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from engagekit.errors import LimitExceeded, ParseError
from engagekit.sources._engine import arrays as _json
from engagekit.sources._engine import scan as _scan
from engagekit.sources._engine.arrays import iter_array, iter_items, iter_lines, load
from engagekit.sources._engine.base import Context, Limits
from engagekit.sources._engine.containers import FileContainer

MEMBER = "<stream>"


def container(data: bytes, limits: Limits | None = None) -> FileContainer:
    return FileContainer(io.BytesIO(data), limits or Limits())


def items(data: bytes, *, errors: Any = "collect", prefix: bytes = b"",
          limits: Limits | None = None) -> tuple[list[tuple[int, Any]], Context]:
    ctx = Context(errors=errors, limits=limits)
    return list(iter_array(container(data, limits), MEMBER, ctx, prefix=prefix)), ctx


@pytest.fixture
def tiny_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read 7 bytes at a time, so every boundary case of the scanner happens."""
    monkeypatch.setattr(_scan, "_CHUNK", 7)


# -- arrays -------------------------------------------------------------------------------

ARRAYS = [
    # description, document, expected items
    ("empty", b"[]", []),
    ("empty, Meta style", b"[\n  \n]", []),
    ("scalars", b'[1, -2.5, "a", null, true, false]', [1, -2.5, "a", None, True, False]),
    ("nested", b'[{"a": [1, {"b": "]}"}]}, [[]]]', [{"a": [1, {"b": "]}"}]}, [[]]]),
    ("escapes in strings", b'["\\"[", "\\\\", "\\u00e9"]', ['"[', "\\", "é"]),
    ("pretty", orjson.dumps([{"a": {"b": [1]}}, {"c": "}"}], option=orjson.OPT_INDENT_2),
     [{"a": {"b": [1]}}, {"c": "}"}]),
    ("byte order mark", b"\xef\xbb\xbf[1]", [1]),
    ("CRLF pretty", b'[\r\n  {\r\n    "a": 1\r\n  }\r\n]\r\n', [{"a": 1}]),
    ("Jackson style, as in Twitter archives",
     b'[ {\n  "a" : [ 1, 2 ]\n}, {\n  "b" : {\n    "c" : "\\n}"\n  }\n}, 3, {\n}, [ ] ]',
     [{"a": [1, 2]}, {"b": {"c": "\n}"}}, 3, {}, []]),
]


@pytest.mark.parametrize(("description", "document", "expected"), ARRAYS,
                         ids=[a[0] for a in ARRAYS])
@pytest.mark.parametrize("chunks", ["default", "tiny"])
def test_iter_array(description: str, document: bytes, expected: list[Any], chunks: str,
                    monkeypatch: pytest.MonkeyPatch) -> None:
    if chunks == "tiny":
        monkeypatch.setattr(_scan, "_CHUNK", 7)
    got, ctx = items(document)
    assert [v for _, v in got] == expected
    assert [i for i, _ in got] == list(range(len(expected)))
    assert not ctx.errors


@pytest.mark.parametrize(("option", "scans"), [(orjson.OPT_INDENT_2, 1), (0, 100)])
def test_indented_items_are_split_without_scanning(monkeypatch: pytest.MonkeyPatch,
                                                   option: int, scans: int) -> None:
    calls = []
    scan = _scan.scan_container

    def counting(*args: Any) -> None:
        calls.append(args)
        scan(*args)

    monkeypatch.setattr(_json, "scan_container", counting)
    doc = orjson.dumps([{"i": i, "tags": ["}", "]"], "m": {"x": [i]}} for i in range(100)],
                       option=option)
    got, ctx = items(doc)
    assert [v["i"] for _, v in got] == list(range(100))
    assert not ctx.errors
    assert len(calls) == scans


def test_twitter_archive_prefix() -> None:
    doc = b'window.YTD.tweets.part0 = [ {\n  "tweet" : {"id" : "1"}\n} ];\n'
    got, ctx = items(doc, prefix=b"window.YTD.")
    assert got == [(0, {"tweet": {"id": "1"}})]
    assert not ctx.errors


def test_prefix_must_match() -> None:
    _, ctx = items(b"var x = [1]", prefix=b"window.YTD.")
    assert "expected 'window.YTD.' followed by an array" in str(ctx.errors[0])


def test_inconsistent_indentation_falls_back_to_scanning() -> None:
    doc = b'[\n  {"a": {\n  }, "b": 1},\n  {"c": 2\n  }\n]'
    got, ctx = items(doc)
    assert [v for _, v in got] == [{"a": {}, "b": 1}, {"c": 2}]
    assert not ctx.errors


STRUCTURAL = [
    # description, document, message part, items read before it
    ("truncated in a string", b'[{"a": "x', "unterminated string", 0),
    ("truncated after an item", b'[{"a": 1}', "expected ',' or ']'", 1),
    ("truncated in an object", b'[{"a": [1, 2', "unclosed array or object", 0),
    ("missing comma", b"[1 2]", "expected ',' or ']' after record 0, got '2'", 1),
    ("trailing comma", b"[1,]", "trailing comma", 1),
    ("garbage after the document", b"[1] x", "unexpected 'x' after the JSON document", 1),
    ("an object, not an array", b'{"a": 1}', "expected a JSON array, got '{'", 0),
    ("empty input", b"", "expected a JSON array, got end of input", 0),
    ("another format", b"id,created_at,text\n1,2,3\n", "expected a JSON array, got 'i'", 0),
]


@pytest.mark.parametrize(("description", "document", "message", "count"), STRUCTURAL,
                         ids=[s[0] for s in STRUCTURAL])
def test_structural_errors_end_the_member(description: str, document: bytes, message: str,
                                          count: int) -> None:
    got, ctx = items(document)
    assert len(got) == count
    assert len(ctx.errors) == 1
    assert message in ctx.errors[0].message
    assert ctx.skipped == {"invalid": 1}
    with pytest.raises(ParseError, match="byte"):
        items(document, errors="raise")


def test_a_bad_record_is_counted_and_reading_goes_on() -> None:
    doc = b'[{"a": "\xff"}, {"b": 2}, {"c": tru}, 4]'
    got, ctx = items(doc)
    assert got == [(1, {"b": 2}), (3, 4)]
    assert [e.record for e in ctx.errors] == [0, 2]
    assert "not valid UTF-8" in ctx.errors[0].message
    assert "record at byte 1" in ctx.errors[0].message
    assert ctx.skipped == {"invalid": 2}


def test_raise_mode_stops_at_the_first_bad_record() -> None:
    with pytest.raises(ParseError) as info:
        items(b'[1, {"b": x}, 3]', errors="raise")
    assert info.value.source == MEMBER
    assert info.value.record == 1


@pytest.mark.parametrize("escape", [b"\\ud800", b"\\udc00", b"\\uDBFF"])
def test_lone_surrogates_become_replacement_characters(escape: bytes) -> None:
    got, ctx = items(b'[{"text": "a' + escape + b'b"}, "\\ud83d\\ude00", "\\\\ud800"]')
    assert [v for _, v in got] == [{"text": "a\ufffdb"}, "😀", "\\ud800"]
    assert ctx.repaired == {"lone-surrogate": 1}
    assert not ctx.errors


# -- limits -------------------------------------------------------------------------------


@pytest.mark.parametrize("pretty", [False, True])
def test_depth_limit(pretty: bool) -> None:
    limits = Limits(max_depth=4)
    ok: list[Any] = [[[]]]  # inside the top-level array: 4 levels
    option = orjson.OPT_INDENT_2 if pretty else 0
    got, _ = items(orjson.dumps([ok], option=option), limits=limits)
    assert got == [(0, ok)]
    with pytest.raises(LimitExceeded, match="max_depth=4"):
        items(orjson.dumps([[ok]], option=option), limits=limits)


def test_depth_bomb_fails_fast_in_skip_mode_too() -> None:
    bomb = b"[" * 5_000_000
    with pytest.raises(LimitExceeded, match="max_depth=256"):
        items(bomb, errors="skip")


def test_record_limit() -> None:
    limits = Limits(max_record_bytes=64)
    got, _ = items(b'[{"a": "' + b"x" * 40 + b'"}]', limits=limits)
    assert len(got) == 1
    with pytest.raises(LimitExceeded, match="max_record_bytes=64"):
        items(b'[{"a": "' + b"x" * 100 + b'"}]', limits=limits)
    with pytest.raises(LimitExceeded, match="max_record_bytes=64"):
        items(orjson.dumps([{"a": "x" * 100}], option=orjson.OPT_INDENT_2), limits=limits)


def test_an_unterminated_string_is_not_read_to_the_end(tiny_chunks: None) -> None:
    reads = []

    class Counting(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            data = super().read(size)
            reads.append(len(data))
            return data

    data = b'[{"a": "' + b"x" * 5_000_000
    ctx = Context(limits=Limits(max_record_bytes=100))
    with pytest.raises(LimitExceeded):
        list(iter_array(FileContainer(Counting(data), Limits()), MEMBER, ctx))
    assert sum(reads) < 200_000  # a buffer's worth, not the member


def test_items_stream_before_the_member_is_read() -> None:
    doc = orjson.dumps([{"i": i, "pad": "x" * 200} for i in range(20_000)])
    handle = io.BytesIO(doc)
    first = next(iter(iter_array(FileContainer(handle, Limits()), MEMBER, Context())))
    assert first == (0, {"i": 0, "pad": "x" * 200})
    assert handle.tell() < len(doc) // 2


# -- arrays inside objects ----------------------------------------------------------------


def test_iter_items_reads_every_duplicate_key() -> None:
    doc = (b'{"@context": ["x", {"a": "]"}], "orderedItems": [], "totalItems": 3,'
           b' "nested": {"orderedItems": [9]}, "orderedItems": [{"id": 1}, {"id": 2}],'
           b' "orderedItems": [3]}')
    ctx = Context(errors="collect")
    got = list(iter_items(container(doc), MEMBER, ctx, "orderedItems"))
    assert got == [(0, {"id": 1}), (1, {"id": 2}), (2, 3)]
    assert not ctx.errors


def test_iter_items_dotted_path(tiny_chunks: None) -> None:
    doc = b'{"a": {"x": 1, "b": [1]}, "a": {"b": [2, 3]}, "b": [4]}'
    got = list(iter_items(container(doc), MEMBER, Context(), "a.b"))
    assert got == [(0, 1), (1, 2), (2, 3)]


@pytest.mark.parametrize(("document", "message"), [
    (b'{"a": 1}', "expected an array, found none"),
    (b'{"orderedItems": {"a": 1}}', "expected an array, got '{'"),
    (b"[1]", "expected a JSON object"),
    (b'{"orderedItems": [1], 3: 4}', "expected an object key"),
    (b'{"orderedItems" [1]}', "expected ':'"),
])
def test_iter_items_errors(document: bytes, message: str) -> None:
    ctx = Context(errors="collect")
    list(iter_items(container(document), MEMBER, ctx, "orderedItems"))
    assert message in ctx.errors[0].message


# -- JSON Lines and whole documents --------------------------------------------------------


def test_iter_lines() -> None:
    doc = b'\xef\xbb\xbf{"a": 1}\n\n  \n[1,\n{"b": "\\udc00"}\r\n"last"'
    ctx = Context(errors="collect")
    got = list(iter_lines(container(doc), MEMBER, ctx))
    assert got == [(0, {"a": 1}), (2, {"b": "\ufffd"}), (3, "last")]
    assert [e.record for e in ctx.errors] == [1]
    assert ctx.repaired == {"lone-surrogate": 1}


def test_iter_lines_limits() -> None:
    limits = Limits(max_record_bytes=16, max_depth=3)
    ctx = Context(limits=limits)
    assert list(iter_lines(container(b'{"a": [1]}\n', limits), MEMBER, ctx)) == [(0, {"a": [1]})]
    with pytest.raises(LimitExceeded, match="max_record_bytes=16"):
        list(iter_lines(container(b'{"a": "' + b"x" * 20 + b'"}\n', limits), MEMBER, ctx))
    with pytest.raises(LimitExceeded, match="max_depth=3"):
        list(iter_lines(container(b"[[[[]]]]\n", limits), MEMBER, ctx))


def test_load() -> None:
    ctx = Context()
    assert load(container(b'{"a": 1}'), MEMBER, ctx) == {"a": 1}
    account = b'window.YTD.account.part0 = [ {"account": {"username": "x"}} ];\n'
    assert load(container(account), MEMBER, ctx, prefix=b"window.YTD.") == [
        {"account": {"username": "x"}}]
    with pytest.raises(ParseError, match="invalid JSON"):
        load(container(b'{"a": '), MEMBER, ctx)
    with pytest.raises(LimitExceeded):
        load(container(b"[" + b" " * 100 + b"]"), MEMBER,
             Context(limits=Limits(max_record_bytes=50)))


# -- properties ---------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner,
                                                                max_size=4),
    max_leaves=20,
)


def _dump(values: list[Any], style: str) -> bytes:
    if style == "orjson":
        return orjson.dumps(values)
    if style == "orjson-indent":
        return orjson.dumps(values, option=orjson.OPT_INDENT_2)
    indents: dict[str, int | str | None] = {"json-indent-4": 4, "json-tab": "\t",
                                             "json-ascii": None}
    indent = indents[style]
    return json.dumps(values, indent=indent, ensure_ascii=style == "json-ascii").encode()


@given(st.lists(json_values, max_size=8),
       st.sampled_from(["orjson", "orjson-indent", "json-indent-4", "json-tab", "json-ascii"]),
       st.sampled_from([3, 7, 64, 1 << 20]))
def test_any_array_streams_back_unchanged(values: list[Any], style: str, chunk: int) -> None:
    saved = _scan._CHUNK
    _scan._CHUNK = chunk
    try:
        got, _ = items(_dump(values, style), errors="raise")
    finally:
        _scan._CHUNK = saved
    assert got == list(enumerate(values))


@given(st.lists(json_values, max_size=6), st.data())
def test_truncations_give_a_prefix_and_a_parse_error(values: list[Any],
                                                     data: st.DataObject) -> None:
    doc = orjson.dumps(values, option=orjson.OPT_INDENT_2)
    cut = data.draw(st.integers(0, len(doc) - 1))
    got, ctx = items(doc[:cut])
    assert [v for _, v in got] == values[: len(got)]
    assert ctx.errors
    assert all(type(e) is ParseError for e in ctx.errors)


@given(st.binary(max_size=300), st.sampled_from(["array", "items", "lines", "load"]))
def test_random_bytes_raise_only_parse_errors(data: bytes, how: str) -> None:
    ctx = Context(errors="raise", limits=Limits(max_depth=8, max_record_bytes=200))
    box = container(data, ctx.limits)
    with contextlib.suppress(ParseError):  # anything else fails
        if how == "array":
            list(iter_array(box, MEMBER, ctx))
        elif how == "items":
            list(iter_items(box, MEMBER, ctx, "orderedItems"))
        elif how == "lines":
            list(iter_lines(box, MEMBER, ctx))
        else:
            load(box, MEMBER, ctx)


@given(st.lists(json_values, max_size=4), st.lists(json_values, max_size=4),
       st.dictionaries(st.text(max_size=4).filter(lambda k: k != "orderedItems"), json_values,
                       max_size=3))
def test_iter_items_reads_both_occurrences(first: list[Any], second: list[Any],
                                           other: dict[str, Any]) -> None:
    body = orjson.dumps(other)[1:-1]
    doc = (b'{"orderedItems": ' + orjson.dumps(first) + (b", " + body if body else b"")
           + b', "orderedItems": ' + orjson.dumps(second) + b"}")
    got = list(iter_items(container(doc), MEMBER, Context(), "orderedItems"))
    assert got == list(enumerate(first + second))


_DOC = '[{"a": "ü"}]'


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le",
                                      "utf-32-be"])
@pytest.mark.parametrize("read", [
    lambda c: list(iter_array(c, c.members()[0], Context())),
    lambda c: load(c, c.members()[0], Context()),
    lambda c: list(iter_lines(c, c.members()[0], Context())),
], ids=["array", "load", "lines"])
def test_utf16_and_utf32_json_is_an_error_naming_the_encoding(encoding: str, read: Any) -> None:
    with pytest.raises(ParseError, match=r"encoded in UTF-(16|32)[LB]E; engagekit reads JSON in "
                                         r"UTF-8 \(save the file as UTF-8\)"):
        read(container(_DOC.encode(encoding)))


@pytest.mark.parametrize(("head", "name"), [
    (_DOC.encode("utf-16"), "UTF-16LE"), (_DOC.encode("utf-16-be"), "UTF-16BE"),
    (_DOC.encode("utf-32-le"), "UTF-32LE"), (b"\x00\x00\xfe\xff", "UTF-32BE"),
    (_DOC.encode(), None), (b"\xef\xbb\xbf[]", None), (b"", None), (b"[", None),
])
def test_foreign_encoding(head: bytes, name: str | None) -> None:
    assert _scan.foreign_encoding(head) == name


@pytest.mark.parametrize("depth", [1025, 100_000])
@pytest.mark.parametrize("read", [
    lambda c: load(c, c.members()[0], Context()),
    lambda c: list(iter_lines(c, c.members()[0], Context())),
], ids=["load", "lines"])
def test_nesting_past_the_json_decoders_own_limit_is_a_limit_not_invalid_json(
        depth: int, read: Any) -> None:
    # orjson stops at 1024 levels with its own error; it is still a depth limit, never skipped
    data = b'{"a": ' + b"[" * depth + b"]" * depth + b"}"
    with pytest.raises(LimitExceeded, match="JSON nested too deeply"):
        read(container(data))
