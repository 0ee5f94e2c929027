"""The report's charts: inline SVG drawn by matplotlib from aggregated figures only.

matplotlib (the ``report`` extra) is imported on the first chart, never by
``import engagekit``. Figures are made with :class:`matplotlib.figure.Figure`,
not pyplot, so no global figure state is touched; rcParams are set in an
``rc_context`` per chart. Output is deterministic: a fixed ``svg.hashsalt`` per
chart (which also keeps element ids distinct between the charts of one page),
no date or creator metadata, and the XML prolog, DOCTYPE and metadata removed.
Text stays text (``svg.fonttype = "none"``), drawn by the reader's own fonts,
so emoji and every script in a hashtag render as the browser can.
"""

from __future__ import annotations

import contextlib
import io
import re
import warnings
from collections.abc import Iterator, Sequence
from html import escape
from typing import Any

from engagekit.io._arrow_schema import MissingExtra

__all__ = ["ACCENT", "WITHHELD_COLOUR", "bars", "boxes", "scatter", "timeline"]

ACCENT = "#2563a8"
WITHHELD_COLOUR = "#9a9a9a"
_WIDTH = 6.0  # inches; the page scales every chart to its column

_RC: dict[str, Any] = {
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.size": 12.5,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#555555",
    "axes.labelcolor": "#222222",
    "xtick.color": "#333333",
    "ytick.color": "#333333",
    "figure.facecolor": "white",
    "axes.facecolor": "white",
}


@contextlib.contextmanager
def _style(salt: str) -> Iterator[None]:
    """The charts' rcParams (in effect while a figure is made and saved), and quiet fonts."""
    try:
        from matplotlib import rc_context
    except ImportError:
        raise MissingExtra(
            "the HTML report draws its charts with matplotlib: pip install 'engagekit[report]'"
        ) from None
    settings: Any = {**_RC, "svg.hashsalt": f"engagekit-{salt}"}  # rc_context wants literal keys
    with rc_context(settings), warnings.catch_warnings():
        # The browser draws the text: a glyph missing from matplotlib's font does not matter.
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from font")
        warnings.filterwarnings("ignore", message=r"Matplotlib currently does not support")
        yield


def _figure(height: float) -> Any:
    from matplotlib.figure import Figure

    return Figure(figsize=(_WIDTH, height), layout="constrained")




_IDS = re.compile(r'(\bid="|url\(#|href="#)([^")]+)')


def _from_root(svg: str) -> str:
    """``svg`` from its root element on: no XML prolog or doctype (plain string search, so
    the time is linear in any input)."""
    start = svg.find("<svg")
    while start >= 0 and svg[start + 4:start + 5] not in (" ", ">", "\n", "\t", "/"):
        start = svg.find("<svg", start + 4)
    return svg if start < 0 else svg[start:]


def _without_metadata(svg: str) -> str:
    """``svg`` without its ``<metadata>`` elements (and the white space after each)."""
    parts, at = [], 0
    while (start := svg.find("<metadata>", at)) >= 0:
        end = svg.find("</metadata>", start)
        if end < 0:
            break
        parts.append(svg[at:start])
        at = end + len("</metadata>")
        while at < len(svg) and svg[at].isspace():
            at += 1
    parts.append(svg[at:])
    return "".join(parts)


def _own_ids(text: str, prefix: str) -> str:
    """Every element id of ``text``, and every reference to one, prefixed with ``prefix``:
    matplotlib names groups ``figure_1``, ``axes_1`` in every figure, and the charts share
    one page, where ids must be unique."""
    ids = set(re.findall(r'\bid="([^"]+)"', text))
    return _IDS.sub(lambda m: m.group(1) + (f"{prefix}-{m.group(2)}"
                                            if m.group(2) in ids else m.group(2)), text)


def _svg(figure: Any, label: str) -> str:
    """``figure`` as an inline ``<svg>``: no prolog, a viewBox, 100% wide, labelled, with ids
    of its own."""
    from matplotlib import rcParams

    out = io.StringIO()
    figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None,
                                                 "Format": None, "Type": None})
    salt = str(rcParams["svg.hashsalt"])
    text = _own_ids(_without_metadata(_from_root(out.getvalue())), salt)
    end = text.find(">") + 1  # _from_root put the root element first
    if not text.startswith("<svg") or not end:  # pragma: no cover - matplotlib writes one
        raise RuntimeError("matplotlib wrote no <svg> element")
    root = text[:end]
    _, found, after = root.partition('viewBox="')
    view = after.partition('"')[0] if found else "0 0 460.8 288"
    tag = (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
           f'viewBox="{view}" class="chart" role="img" aria-label="{escape(label)}" '
           f'preserveAspectRatio="xMidYMid meet" style="width:100%;height:auto">')
    return tag + text[end:].rstrip() + "\n"


def timeline(labels: Sequence[str], posts: Sequence[int | None], period: str) -> str:
    """Posts per period as bars; a withheld period is a grey mark on the axis."""
    with _style("timeline"):
        figure = _figure(3.4)
        ax = figure.add_subplot()
        xs = range(len(labels))
        shown = [0 if n is None else n for n in posts]
        ax.bar(xs, shown, color=ACCENT, width=0.8, label="posts")
        hidden = [x for x, n in zip(xs, posts, strict=True) if n is None]
        if hidden:
            ax.plot(hidden, [0] * len(hidden), linestyle="none", marker="x",
                    color=WITHHELD_COLOUR, markersize=8, clip_on=False, label="withheld")
            ax.legend(frameon=False, loc="upper left", ncols=2)
        step = max(1, len(labels) // 8)
        tilt = len(labels) > 4
        ax.set_xticks(list(xs)[::step], list(labels)[::step], rotation=30 if tilt else 0,
                      ha="right" if tilt else "center")
        ax.set_ylabel(f"posts per {period}")
        ax.set_ylim(bottom=0)
        ax.margins(x=0.01)
        return _svg(figure, f"Posts per {period}")


def bars(labels: Sequence[str], values: Sequence[int], *, what: str, salt: str,
         label: str) -> str:
    """Horizontal bars, the first label at the top."""
    with _style(salt):
        figure = _figure(0.9 + 0.32 * max(1, len(labels)))
        ax = figure.add_subplot()
        ys = range(len(labels))
        ax.barh(ys, values, color=ACCENT, height=0.7)
        ax.set_yticks(list(ys), list(labels))
        ax.invert_yaxis()
        ax.set_xlabel(what)
        for y, n in zip(ys, values, strict=True):
            ax.annotate(f"{n:,}", (n, y), xytext=(3, 0), textcoords="offset points",
                        va="center", fontsize=9, color="#333333")
        ax.margins(x=0.12)
        return _svg(figure, label)


def scatter(points: Sequence[tuple[float, float]]) -> str:
    """Located posts on longitude and latitude axes (no map, no tiles)."""
    with _style("places"):
        figure = _figure(3.8)
        ax = figure.add_subplot()
        lons = [lon for lon, _ in points]
        lats = [lat for _, lat in points]
        ax.scatter(lons, lats, s=28, color=ACCENT, alpha=0.75, edgecolors="white", linewidths=0.5)
        ax.set_xlabel("longitude (°)")
        ax.set_ylabel("latitude (°)")
        ax.grid(True, color="#e3e3e3", linewidth=0.6)
        ax.set_axisbelow(True)
        ax.margins(0.08)
        return _svg(figure, "Located posts by longitude and latitude")


def _horizontal() -> dict[str, Any]:
    import inspect

    from matplotlib.axes import Axes

    if "orientation" in inspect.signature(Axes.bxp).parameters:  # matplotlib 3.10 and later
        return {"orientation": "horizontal"}
    return {"vert": False}


def boxes(panels: Sequence[tuple[str, Sequence[tuple[str, tuple[float, ...]]]]]) -> str:
    """One panel per metric, one box per platform: whiskers p10 and p90, box p25 to p75."""
    with _style("engagement"):
        horizontal = _horizontal()
        rows = max(len(items) for _, items in panels)
        figure = _figure(0.8 + len(panels) * (0.5 + 0.38 * rows))
        axes = figure.subplots(len(panels), 1, squeeze=False)[:, 0]
        for ax, (metric, items) in zip(axes, panels, strict=True):
            stats = [{"label": label, "whislo": q[0], "q1": q[1], "med": q[2], "q3": q[3],
                      "whishi": q[4], "fliers": []} for label, q in items]
            ax.bxp(stats, **horizontal, widths=0.55, patch_artist=True,
                   boxprops={"facecolor": "#cfe0f3", "edgecolor": ACCENT},
                   medianprops={"color": "#b4361f", "linewidth": 2},
                   whiskerprops={"color": ACCENT}, capprops={"color": ACCENT})
            ax.invert_yaxis()
            ax.set_xlabel(f"{metric} per post")
            ax.grid(True, axis="x", color="#e3e3e3", linewidth=0.6)
            ax.set_axisbelow(True)
        return _svg(figure, "Likes and comments per post, by platform")
