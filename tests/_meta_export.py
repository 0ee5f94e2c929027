"""Helpers for the tests of the Meta export readers (Facebook and Instagram).

Meta writes its JSON as pure ASCII with one ``\\u00XX`` escape per UTF-8 byte, so a reader sees
mojibake; :func:`meta_json` writes test data the same way.  :class:`MetaExport` binds one reader
and the file name its single-file tests use.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import strategies as st

from engagekit.errors import ParseError
from engagekit.models import Post
from engagekit.sources._engine.base import Container, Context, Limits
from engagekit.sources._engine.containers import FileContainer
from tests._mutate import json_values

#: The values the mutation tests put into a record.
META_VALUES = json_values(
    st.none() | st.booleans() | st.integers(-(2**40), 2**40) | st.floats(allow_nan=False)
    | st.text(max_size=8),
    max_size=3,
    key_size=6,
    max_leaves=6,
)


def map_strings(value: Any, change: Callable[[str], str]) -> Any:
    """``value`` with ``change`` applied to every string in it (object keys excepted)."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, list):
        return [map_strings(v, change) for v in value]
    if isinstance(value, dict):
        return {k: map_strings(v, change) for k, v in value.items()}
    return value


def mojibake(value: Any) -> Any:
    """Every string as Meta writes it: UTF-8 bytes read back as Latin-1."""
    return map_strings(value, lambda s: s.encode("utf-8").decode("latin-1"))


def repaired(value: Any) -> Any:
    """The reverse of :func:`mojibake`: what a user who already fixed the encoding would have."""
    return map_strings(value, lambda s: s.encode("latin-1").decode("utf-8"))


def meta_json(value: Any, *, broken: bool = True) -> bytes:
    """JSON the way a Meta export looks: pure ASCII, ``\\u00XX`` per UTF-8 byte."""
    return json.dumps(mojibake(value) if broken else value, indent=2, ensure_ascii=True).encode()


@dataclass(frozen=True)
class MetaExport:
    """One reader under test (``facebook.read``, ``instagram.read``) and its usual file name."""

    reader: Callable[[Container, Context], Iterator[Post]]
    file_name: str

    def bare(self, data: bytes, name: str | None = None) -> Container:
        """``data`` as a lone file called ``name`` (by default :attr:`file_name`)."""
        handle = io.BytesIO(data)
        handle.name = self.file_name if name is None else name
        return FileContainer(handle, Limits())

    def read(self, container: Container, errors: Any = "raise") -> tuple[list[Post], Context]:
        """Every post the reader yields, and the context it reported into."""
        ctx = Context(errors=errors)
        return list(self.reader(container, ctx)), ctx

    def assert_bad_record(self, good: Any, record: Any, where: str) -> None:
        """``record`` between two ``good`` ones: with ``errors="raise"`` a :class:`ParseError`
        naming record 1 and ``where``; with ``"collect"`` one error, one skip, two posts."""
        data = meta_json([good, record, good])
        with pytest.raises(ParseError, match="record 1") as info:
            self.read(self.bare(data))
        assert where in str(info.value)
        got, ctx = self.read(self.bare(data), errors="collect")
        assert len(got) == 2
        assert len(ctx.errors) == 1
        assert ctx.skipped["invalid"] == 1
