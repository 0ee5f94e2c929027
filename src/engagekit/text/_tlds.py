"""Top-level domains, read from the public suffix list that ``publicsuffixlist`` bundles.

Protocol-less URLs (``example.com/path``) are recognized only when they end in
a real top-level domain. The list comes from the ICANN section of the public
suffix list shipped inside the ``publicsuffixlist`` package: it is read from
the installed package, never fetched, and updated by upgrading that package.
"""

from __future__ import annotations

import functools
from importlib import resources

__all__ = ["TLDs", "tlds"]

_BEGIN = "===BEGIN ICANN DOMAINS==="
_END = "===END ICANN DOMAINS==="


class TLDs:
    """The set of top-level domains, split into ASCII and internationalized ones."""

    __slots__ = ("ascii", "idn", "idn_first", "idn_sizes")

    def __init__(self, names: frozenset[str]) -> None:
        self.ascii = frozenset(n for n in names if n.isascii())
        self.idn = frozenset(n for n in names if not n.isascii())
        #: First characters (either case) and lengths of the internationalized TLDs, longest first.
        self.idn_first = frozenset(n[0] for n in self.idn) | frozenset(
            n[0].upper() for n in self.idn
        )
        self.idn_sizes = tuple(sorted({len(n) for n in self.idn}, reverse=True))

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and (name.lower() in self.ascii or name.lower() in self.idn)

    def __len__(self) -> int:
        return len(self.ascii) + len(self.idn)

    def __repr__(self) -> str:
        return f"<TLDs: {len(self.ascii)} ASCII, {len(self.idn)} internationalized>"


def parse_suffix_list(data: str) -> frozenset[str]:
    """The top-level labels of the ICANN rules in public-suffix-list text, lower case.

    >>> sorted(parse_suffix_list('''// ===BEGIN ICANN DOMAINS===
    ... com
    ... *.ck
    ... !www.ck
    ... co.uk
    ... // ===END ICANN DOMAINS===
    ... // ===BEGIN PRIVATE DOMAINS===
    ... blogspot.example
    ... '''))
    ['ck', 'com', 'uk']
    """
    names: set[str] = set()
    icann = False
    for raw in data.splitlines():
        line = raw.strip()
        if line.startswith("//"):
            if _BEGIN in line:
                icann = True
            elif _END in line:
                icann = False
            continue
        if icann and line:
            label = line.split()[0].rsplit(".", 1)[-1].lstrip("!*")
            if label:
                names.add(label.lower())
    return frozenset(names)


@functools.cache
def tlds() -> TLDs:
    """The top-level domains known to the installed ``publicsuffixlist`` package."""
    text = resources.files("publicsuffixlist").joinpath("public_suffix_list.dat").read_text("utf-8")
    return TLDs(parse_suffix_list(text))
