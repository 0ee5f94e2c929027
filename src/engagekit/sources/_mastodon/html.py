"""Mastodon post HTML as plain text, with the position of every anchor.

Mastodon stores a post's text as a small HTML fragment (``<p>``, ``<br>``,
``<a>``, ``<span>``). :func:`html_to_text` turns it into the text a reader sees
and says where each ``<a>`` landed in that text, in code points:

- paragraphs (``<p>`` and other block elements) are separated by one blank
  line, ``<br>`` is a newline, and line breaks are never put at the start or
  the end of the text;
- character references are decoded (``&quot;`` -> ``"``, ``&#39;`` -> ``'``);
- markup is dropped and text kept as written (no whitespace folding; only
  whitespace between two blocks is dropped);
- inside a link, Mastodon splits the URL into ``<span class="invisible">``
  (scheme, tail) and ``<span class="ellipsis">`` (the shown part, to which CSS
  adds "…"): every part is kept, so the text shows the whole URL, and a
  literal "…" ending an ellipsis span is removed; outside links, invisible
  spans are dropped, since no reader sees them.

>>> out = html_to_text('<p>Bike rodeo! <a href="https://x.example/tags/Safe" class="mention '
...                    'hashtag" rel="tag">#<span>Safe</span></a></p><p>See <a href='
...                    '"https://example.org/a/long/path"><span class="invisible">https://'
...                    '</span><span class="ellipsis">example.org/a/lo</span><span class='
...                    '"invisible">ng/path</span></a> &amp; more</p>')
>>> print(out.text)
Bike rodeo! #Safe
<BLANKLINE>
See https://example.org/a/long/path & more
>>> [(a.kind, out.text[a.start:a.end]) for a in out.anchors]
[('hashtag', '#Safe'), ('link', 'https://example.org/a/long/path')]
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Literal

import attrs

from engagekit.errors import ParseError

__all__ = ["Anchor", "HtmlText", "html_to_text"]

AnchorKind = Literal["link", "mention", "hashtag"]

_BLOCKS = frozenset(
    {"p", "div", "blockquote", "pre", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6"}
)


@attrs.frozen(kw_only=True)
class Anchor:
    """An ``<a href>``: where it points, what it is, and its span in the text."""

    href: str
    kind: AnchorKind
    start: int
    end: int


@attrs.frozen(kw_only=True)
class HtmlText:
    """The text of an HTML fragment and the anchors in it, in document order."""

    text: str
    anchors: tuple[Anchor, ...]


def html_to_text(html: str) -> HtmlText:
    """Convert Mastodon post HTML to text; a fragment Python cannot parse is a ParseError."""
    parser = _Parser()
    try:
        parser.feed(html)
        parser.close()
    except AssertionError as exc:  # html.parser reports some bad declarations this way
        raise ParseError(f"unreadable HTML: {exc}") from None
    return HtmlText(text="".join(parser.out), anchors=tuple(parser.anchors))


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.anchors: list[Anchor] = []
        self._length = 0  # code points written so far
        self._pending = ""  # line breaks to write before the next text
        self._spans: list[str] = []  # each open <span>: "invisible", "ellipsis", "h-card" or ""
        self._anchor: tuple[str, AnchorKind] | None = None
        self._anchor_start: int | None = None

    # -- structure -----------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._block()
        elif tag == "br":
            self._pending += "\n"
        elif tag == "li":
            self._pending = self._pending or "\n"
        elif tag == "span":
            classes = _classes(attrs)
            for name in ("invisible", "ellipsis", "h-card"):
                if name in classes:
                    self._spans.append(name)
                    break
            else:
                self._spans.append("")
        elif tag == "a":
            self._close_anchor()
            href = dict(attrs).get("href")
            if href:
                self._anchor = (href, _kind(attrs, self._in_hcard()))
                self._anchor_start = None

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("span", "a"):  # <span/> and <a/> open nothing
            return
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self._block()
        elif tag == "span":
            if self._spans:
                self._spans.pop()
        elif tag == "a":
            self._close_anchor()

    def close(self) -> None:
        super().close()
        self._close_anchor()

    # -- text ----------------------------------------------------------------

    def handle_data(self, data: str) -> None:
        in_anchor = self._anchor is not None
        if "invisible" in self._spans and not in_anchor:
            return
        if in_anchor and self._spans and self._spans[-1] == "ellipsis":
            data = data.rstrip("…")
        if not data or (self._pending and data.isspace()):
            return
        if self.out and self._pending:
            self._write(self._pending)
        self._pending = ""
        if in_anchor and self._anchor_start is None:
            self._anchor_start = self._length
        self._write(data)

    # -- helpers -------------------------------------------------------------

    def _write(self, text: str) -> None:
        self.out.append(text)
        self._length += len(text)

    def _block(self) -> None:
        if len(self._pending) < 2:
            self._pending = "\n\n"

    def _in_hcard(self) -> bool:
        return "h-card" in self._spans

    def _close_anchor(self) -> None:
        if self._anchor is not None and self._anchor_start is not None:
            href, kind = self._anchor
            self.anchors.append(
                Anchor(href=href, kind=kind, start=self._anchor_start, end=self._length)
            )
        self._anchor = None
        self._anchor_start = None


def _classes(attrs: list[tuple[str, str | None]]) -> set[str]:
    return {c for name, value in attrs if name == "class" and value for c in value.split()}


def _kind(attrs: list[tuple[str, str | None]], in_hcard: bool) -> AnchorKind:
    classes = _classes(attrs)
    rel = {r for name, value in attrs if name == "rel" and value for r in value.split()}
    if "hashtag" in classes or "tag" in rel:
        return "hashtag"
    if "mention" in classes or "u-url" in classes or in_hcard:
        return "mention"
    return "link"
