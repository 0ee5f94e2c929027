"""Read a report page with html.parser: its elements, sections, resources and text."""

from __future__ import annotations

from html.parser import HTMLParser

__all__ = ["Page", "parse"]


class Page(HTMLParser):
    """Every start tag with its attributes, the text by section, and parse problems."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.section_text: dict[str, list[str]] = {}
        self._section: str | None = None
        self._stack: list[str] = []
        self.doctype: str | None = None

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if tag == "section":
            self._section = found.get("id")
            self.section_text.setdefault(self._section or "", [])

    def handle_endtag(self, tag: str) -> None:
        if tag == "section":
            self._section = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._section is not None:
            self.section_text[self._section].append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]

    def section(self, ident: str) -> str:
        return " ".join(" ".join(self.section_text[ident]).split())


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page
