"""Character classes for the standard ``re`` module, derived from the ``regex`` module's data.

``regex`` knows current Unicode properties (``\\p{L}``, ``\\p{M}``...) but runs
slower than ``re`` on short strings. For hot paths, :func:`bmp_class` turns a
``regex`` class into an ``re`` class listing its ranges in the Basic
Multilingual Plane (which ``re`` tests in constant time); callers handle the
rarer supplementary-plane characters with ``regex`` itself.
"""

from __future__ import annotations

import functools
import re

import regex

__all__ = ["bmp_class"]


@functools.cache
def _bmp() -> str:
    return "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x10000)))


@functools.cache
def bmp_class(pattern: str) -> str:
    """The BMP members of the ``regex`` class ``pattern`` (e.g. ``r"[\\p{L}\\p{M}]"``) as ranges.

    >>> bmp_class(r"[\\p{Nd}]")[:6]
    '0-9٠-٩'
    """
    parts = []
    for m in regex.finditer(pattern + "+", _bmp(), flags=regex.V1):
        first, last = m.group()[0], m.group()[-1]
        parts.append(re.escape(first) if first == last else f"{re.escape(first)}-{re.escape(last)}")
    return "".join(parts)
