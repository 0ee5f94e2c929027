"""Checks shared by the tests of the single-format readers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from engagekit.errors import ParseError
from engagekit.models import Post
from engagekit.sources._engine.base import Container, Context
from engagekit.sources._engine.typed import Typed


def assert_bad_document(
    read: Callable[[Container, Any], tuple[list[Post], Context]],
    container: Callable[[], Container],
) -> None:
    """A bad document is a :class:`ParseError` with ``errors="raise"``; with ``"collect"`` it is
    one too, or it is reported in the context.

    ``read(container, errors)`` reads a container; ``container()`` makes a fresh one each time.
    """
    with pytest.raises(ParseError):
        read(container(), "raise")
    try:
        _, ctx = read(container(), "collect")
    except ParseError:
        return
    assert ctx.errors  # collected instead


def switch_off_typed_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, the JSON layer hands every record over as plain JSON values."""
    monkeypatch.setattr(Typed, "one", lambda self, data, budget: None)
    monkeypatch.setattr(Typed, "many", lambda self, buf, spans: None)
