"""Mojibake repair: UTF-8 bytes that were read as Latin-1.

Meta's exports write each UTF-8 byte of a non-ASCII character as its own
``\\u00XX`` escape, so ``Coffee ☕`` arrives as ``Coffee â\\x98\\x95``.
:func:`repair_mojibake` undoes exactly that: it re-encodes as Latin-1 and
decodes as UTF-8, but only when every character is at most U+00FF and the
decode succeeds. Text that was never damaged (or was already repaired) fails
one of the two tests and comes back unchanged, so the repair is idempotent.
For other damage, ``ftfy=True`` (the ``fix`` extra) also runs ``ftfy.fix_text``.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["repair_mojibake", "repair_text"]

MOJIBAKE = "mojibake"
FTFY = "ftfy"


def _latin1_round_trip(text: str) -> str:
    if text.isascii():
        return text
    # Without raising (exceptions are slow): "ignore" drops what Latin-1 cannot encode,
    # and "replace" marks bytes that are not UTF-8 with U+FFFD.
    data = text.encode("latin-1", "ignore")
    if len(data) != len(text):  # a character above U+00FF
        return text
    fixed = data.decode("utf-8", "replace")
    if "\ufffd" in fixed:  # not UTF-8, or "ï¿½" (an encoded U+FFFD): decide strictly
        try:
            fixed = data.decode("utf-8")
        except UnicodeError:
            return text
    return text if fixed == text else fixed


def _ftfy() -> Any:
    try:
        return importlib.import_module("ftfy")
    except ImportError:
        raise ImportError(
            "repairing text with ftfy needs the 'fix' extra: pip install 'engagekit[fix]'"
        ) from None


def repair_text(text: str, *, ftfy: bool = False) -> tuple[str, tuple[str, ...]]:
    """Repair ``text``; return the text and the names of the repairs that changed it.

    >>> repair_text("n\\u00c3\\u00a6sten")
    ('næsten', ('mojibake',))
    >>> repair_text("næsten")
    ('næsten', ())
    """
    repairs: list[str] = []
    fixed = _latin1_round_trip(text)
    if fixed is not text:
        repairs.append(MOJIBAKE)
    if ftfy:
        fixed2 = _ftfy().fix_text(fixed)
        if fixed2 != fixed:
            fixed = fixed2
            repairs.append(FTFY)
    return fixed, tuple(repairs)


def repair_mojibake(text: str, *, ftfy: bool = False) -> str:
    """Undo UTF-8-read-as-Latin-1 damage; return ``text`` itself when nothing applies.

    >>> repair_mojibake("Un Taxi \\u00f0\\u009f\\u0087\\u00a8\\u00f0\\u009f\\u0087\\u00b4")
    'Un Taxi 🇨🇴'
    >>> s = "Café ☕"
    >>> repair_mojibake(s) is s
    True
    """
    fixed, _ = repair_text(text, ftfy=ftfy)
    return fixed
