"""The page around the sections: one self-contained HTML document.

No script, no external style sheet, font or image. A Content-Security-Policy
``<meta>`` forbids the page from loading anything at all, so even a bug that
let markup through could not fetch or run code. The style sheet is inline,
readable on a 390 px phone (tables scroll inside their own box, long words
wrap) and follows the reader's dark mode; charts sit on a light card in both.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from engagekit.report._sections import Section

__all__ = ["CSP", "STYLE", "page"]

#: Nothing may be loaded; inline styles (the style sheet, SVG attributes) are allowed.
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
       "form-action 'none'")

STYLE = """
:root { color-scheme: light dark; --fg: #1b1f24; --muted: #57606a; --bg: #ffffff;
  --card: #f4f6f8; --line: #d0d7de; --accent: #2563a8; --mark: #ffd9a8; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #9da7b1; --bg: #0f1419; --card: #1b232c; --line: #33404d;
    --accent: #7fb0e6; --mark: #7a4a12; }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg); line-height: 1.5;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  overflow-wrap: anywhere; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.5rem 0; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.5rem; padding-top: 0.5rem;
  border-top: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.25rem 0 0.4rem; }
p, li { max-width: 42rem; }
.lead { color: var(--muted); margin-top: 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(9.5rem, 1fr));
  gap: 0.5rem; margin: 0.5rem 0; }
.card { background: var(--card); border-radius: 0.5rem; padding: 0.6rem 0.75rem; min-width: 0; }
.card dt { color: var(--muted); font-size: 0.85rem; }
.card dd { margin: 0; font-size: 1.25rem; font-weight: 600; }
.scroll { overflow-x: auto; max-width: 100%; margin: 0.5rem 0 1rem;
  -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; font-size: 0.9rem; min-width: 100%; }
caption { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%);
  white-space: nowrap; }
th, td { padding: 0.3rem 0.6rem; border-bottom: 1px solid var(--line); vertical-align: top;
  text-align: left; overflow-wrap: normal; }
th { font-weight: 600; vertical-align: bottom; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
td.text { min-width: 6rem; max-width: 22rem; overflow-wrap: break-word; }
td.withheld { color: var(--muted); font-style: italic; }
.chart-box { margin: 0.5rem 0 1rem; padding: 0.25rem; background: #ffffff; max-width: 50rem;
  border-radius: 0.5rem; border: 1px solid var(--line); }
.chart-box svg { display: block; width: 100%; height: auto; max-width: 100%; }
blockquote.example { margin: 0.5rem 0; padding: 0.5rem 0.75rem; background: var(--card);
  border-left: 3px solid var(--accent); border-radius: 0.25rem; }
blockquote.example p { margin: 0 0 0.25rem; }
blockquote.example footer { color: var(--muted); font-size: 0.85rem; }
mark { background: var(--mark); color: inherit; padding: 0 0.1em; border-radius: 0.2em; }
details summary { cursor: pointer; color: var(--accent); }
footer.page { color: var(--muted); font-size: 0.85rem; margin: 2rem 0 1rem; }
"""


def page(title: str, lead: str, sections: Sequence[Section], version: str) -> str:
    """The whole document."""
    nav = "".join(f'<li><a href="#{escape(s.id)}">{escape(s.heading)}</a></li>'
                  for s in sections)
    body = "\n".join(
        f'<section id="{escape(s.id)}" aria-labelledby="{escape(s.id)}-h">'
        f'<h2 id="{escape(s.id)}-h">{escape(s.heading)}</h2>\n{s.body}</section>'
        for s in sections)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{escape(CSP)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f'<meta name="generator" content="engagekit {escape(version)}">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
        f'<header><h1>{escape(title)}</h1><p class="lead">{escape(lead)}</p>'
        f'<nav aria-label="Sections"><details><summary>Sections</summary><ul>{nav}</ul>'
        "</details></nav></header>\n"
        f"{body}\n"
        f'<footer class="page">Made with engagekit {escape(version)}. Every figure is computed '
        "from the posts given; nothing on this page was fetched.</footer>\n"
        "</main>\n</body>\n</html>\n"
    )
