"""The report's sections as HTML fragments, from the gathered figures.

Every text that came from the posts (hashtags, names of accounts, officers and
places, captions) is escaped with :func:`html.escape` here, where it is put in
the page; nothing else builds markup from data.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from html import escape
from typing import Any
from zoneinfo import ZoneInfo

import attrs

from engagekit.aggregate import Suppressed
from engagekit.aggregate._by import METRICS
from engagekit.models import Post
from engagekit.privacy import redact_post, snap
from engagekit.report import _charts
from engagekit.report._gather import PRIVATE, Gathered
from engagekit.report._tables import (
    WITHHELD,
    Counted,
    Headline,
    Pair,
    Table,
    Tally,
    choose_period,
    fmt,
    group_table,
    published,
    spread,
    trim,
)
from engagekit.sources import ParseReport
from engagekit.text._lost import lost_spans

__all__ = ["Content", "Section", "compose"]

_TOP = 15
_PLACEHOLDER = re.compile(r"\[name \d+\]")


@attrs.frozen(kw_only=True)
class Section:
    """One ``<section>``: its id, heading and body (HTML)."""

    id: str
    heading: str
    body: str


@attrs.frozen(kw_only=True)
class Content:
    """The sections, and what went into them."""

    sections: tuple[Section, ...]
    tally: Tally
    redacted_names: int


def _p(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def table_html(table: Table, caption: str) -> str:
    """A table in its own scrolling container (a wide table never widens the page)."""
    head = "".join(f'<th scope="col"{" class=num" if num else ""}>{escape(c)}</th>'
                   for c, num in zip(table.columns, table.numeric, strict=True))
    body = "".join(
        "<tr>" + "".join(
            f'<td class="{"num" if num else "text"}{" withheld" if cell == WITHHELD else ""}">'
            f"{escape(cell)}</td>" for cell, num in zip(row, table.numeric, strict=True))
        + "</tr>" for row in table.rows)
    return (f'<div class="scroll"><table><caption>{escape(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


def _dropped(n: int, what: str, min_count: int) -> str:
    if not n:
        return ""
    return _p(f"{n:,} {what} with fewer than {min_count} posts (or withheld to protect one) "
              "are not shown.")


class _Composer:
    def __init__(self, found: Gathered, *, min_count: int, redact: bool) -> None:
        self.found = found
        self.min_count = min_count
        self.redact = redact
        self.zone = ZoneInfo(found.tz)
        self.extras = found.extras.result()
        self.tally = Tally()
        self.redacted_names = 0

    def publish(self, rows: Sequence[Any], *, trimmed: int = 0) -> list[dict[str, Any]]:
        dicts, table = published(rows, self.min_count)
        self.tally = self.tally.add(table, trimmed=trimmed)
        return dicts

    # --- sections -------------------------------------------------------------------------

    def summary(self) -> Section:
        f = self.found
        extras = self.extras
        posts = extras.platforms.total()
        accounts = sum(row.group is not None for row in f.authors.result())
        officers = sum(row.group is not None for row in f.officers.result())
        [head] = self.publish([Headline(
            what="all", posts=posts, accounts=accounts, officers=officers,
            platforms=len(extras.platforms), first=extras.first, last=extras.last)])
        quality = f.quality.result()
        [lost] = self.publish([Counted(what="lost glyphs", posts=quality.lost_posts,
                                       share=quality.lost_share)])
        located = extras.places.total()
        [where] = self.publish([Counted(what="located", posts=located,
                                        share=located / posts if posts else None)])
        cards = [("posts", fmt(head["posts"])), ("accounts", fmt(head["accounts"])),
                 ("officers", fmt(head["officers"])), ("platforms", fmt(head["platforms"])),
                 ("first post", "–" if head["first"] is None else fmt(head["first"], self.zone)),
                 ("last post", "–" if head["last"] is None else fmt(head["last"], self.zone)),
                 ("posts with lost glyphs", _share(lost)),
                 ("posts with a place", _share(where))]
        items = "".join(f'<div class="card"><dt>{escape(k)}</dt><dd>{escape(v)}</dd></div>'
                        for k, v in cards)
        lead = _p(f"Dates are local dates in {self.found.tz}.") if posts else _p(
            "There is nothing to show: the report was given no posts.")
        return Section(id="summary", heading="At a glance", body=f'<dl class="cards">{items}</dl>'
                       + lead)

    def timeline(self) -> Section:
        days = [(bucket.start.date(), bucket.posts) for bucket in self.found.days.result()]
        chosen = choose_period(days, self.min_count)
        if chosen is None:
            return Section(id="timeline", heading="Posts over time", body=_p("No posts."))
        period, rows, table = chosen
        self.tally = self.tally.add(table)
        counts = [None if isinstance(row[1], Suppressed) else int(row[1]) for row in table.rows]
        labels = [row.start for row in rows]
        chart = _charts.timeline(labels, counts, period)
        listing = Table(columns=(period, "posts"), numeric=(False, True),
                        rows=tuple((label, WITHHELD if n is None else f"{n:,}")
                                   for label, n in zip(labels, counts, strict=True)))
        note = (f"Posts per {period} of local time in {self.found.tz}: the finest period "
                f"(day, week, month, quarter, year) with at most 60 bars in which at most a "
                f"quarter of the busy periods must be withheld.")
        return Section(id="timeline", heading="Posts over time", body=(
            _p(note) + _figure(chart) + _details("Table", table_html(listing, "Posts per "
                                                                          + period))))

    def hashtags(self) -> Section:
        rows, trimmed = trim(self.found.hashtags.result(), self.min_count)
        dicts = self.publish(rows, trimmed=trimmed)
        shown = [r for r in dicts if not isinstance(r["posts"], Suppressed)][:_TOP]
        dropped = sum(isinstance(r["posts"], Suppressed) for r in dicts) + trimmed
        if not shown:
            body = _p("No hashtag was used in enough posts to show.") + _dropped(
                dropped, "hashtags", self.min_count)
            return Section(id="hashtags", heading="Top hashtags", body=body)
        table = Table(
            columns=("hashtag", "posts", "accounts", "likes", "written as"),
            numeric=(False, True, True, True, False),
            rows=tuple(("#" + fmt(r["display"]), fmt(r["posts"]), fmt(r["authors"]),
                        fmt(r["likes"]), _variants(r["variants"])) for r in shown))
        chart = _charts.bars(["#" + str(r["display"]) for r in shown],
                             [int(r["posts"]) for r in shown], what="posts", salt="hashtags",
                             label="Top hashtags by posts")
        intro = _p("Spellings of one tag are counted together (case, width and accents "
                   "folded); “written as” lists each spelling and how often it was written.")
        return Section(id="hashtags", heading="Top hashtags", body=(
            intro + _figure(chart) + table_html(table, "Top hashtags")
            + _dropped(dropped, "hashtags", self.min_count)))

    def cooccurrence(self) -> Section:
        network = self.found.pairs.result()  # the pairs of at least min_count posts
        display = {node.key: node.display for node in network.nodes}
        rows = [Pair(key=f"{p.a} {p.b}", a=display[p.a], b=display[p.b], posts=p.posts)
                for p in network.pairs]
        small, below = self.found.pairs.small()
        rows.extend(Pair(key=f"{a} {b}", a=a, b=b, posts=n) for a, b, n in small)
        rows, trimmed = trim(rows, self.min_count)
        trimmed += below - len(small)
        dicts = self.publish(rows, trimmed=trimmed)
        shown = [r for r in dicts if not isinstance(r["posts"], Suppressed)][:_TOP]
        dropped = sum(isinstance(r["posts"], Suppressed) for r in dicts) + trimmed
        table = Table(columns=("hashtag", "with", "posts with both"),
                      numeric=(False, False, True),
                      rows=tuple((f"#{r['a']}", f"#{r['b']}", fmt(r["posts"])) for r in shown))
        body = (table_html(table, "Hashtags used together") if shown
                else _p("No pair of hashtags was used together in enough posts to show."))
        return Section(id="cooccurrence", heading="Hashtags used together",
                       body=body + _dropped(dropped, "pairs", self.min_count))

    def activity(self) -> Section:
        parts = []
        for title, group, none, drop in (
                ("Per account", self.found.authors, "no account", False),
                ("Per officer", self.found.officers, "no officer named", False),
                ("Per place", self.found.places, "no place given", True)):
            rows = group.result()
            parts.append(f"<h3>{escape(title)}</h3>")
            if all(row.group is None for row in rows):
                parts.append(_p({
                    "Per account": "No post names its author.",
                    "Per officer": "No post names an officer: give read_posts a roster "
                                   "(roster=...) to link accounts to officers.",
                    "Per place": "No post gives a place."}[title] if rows else "No posts."))
                continue
            table, publication = group_table(rows, self.min_count, self.zone, none=none,
                                             drop_withheld=drop,
                                             accounts=group is not self.found.authors)
            self.tally = self.tally.add(publication)
            parts.append(table_html(table, title) if table.rows else _p("Nothing to show."))
            parts.append(_dropped(table.dropped, "places", self.min_count))
            if table.more:
                parts.append(_p(f"{table.more:,} more with fewer posts are not shown."))
        return Section(id="activity", heading="Activity per account, officer and place",
                       body="".join(parts))

    def places(self) -> Section:
        points = self.extras.points()
        if not points:
            return Section(id="places", heading="Where posts were made",
                           body=_p("No post gives coordinates."))
        if self.redact:
            cells = sorted({(snap(p).longitude, snap(p).latitude) for p, _ in points})
            note = ("Each dot is a place where posts were made, moved to the centre of its "
                    "grid cell of about 1 km (engagekit.privacy.snap); dots carry no counts.")
        else:
            cells = sorted({(p.longitude, p.latitude) for p, _ in points})
            note = "Each dot is a place where posts were made, at the coordinates given."
        return Section(id="places", heading="Where posts were made", body=(
            _p(f"{len(cells):,} distinct places. " + note) + _figure(_charts.scatter(cells))))

    def engagement(self) -> Section:
        extras = self.extras
        platforms = sorted({platform for platform, _ in extras.values}
                           | {platform for platform, _ in extras.unknown})
        summary, panels = [], []
        for metric in METRICS:
            every: Counter[int] = Counter()
            for platform in platforms:
                every.update(extras.values.get((platform, metric), Counter()))
            unknown = sum(extras.unknown[p, metric] for p in platforms)
            [overall] = self.publish([spread(f"{metric}, all", every, unknown)])
            summary.append((metric, overall))
            per = self.publish([spread(platform, extras.values.get((platform, metric), Counter()),
                                       extras.unknown[platform, metric])
                                for platform in platforms])
            items = [(str(r["key"]), tuple(float(r[q]) for q in
                                           ("p10", "p25", "median", "p75", "p90")))
                     for r in per if not isinstance(r["posts"], Suppressed) and r["posts"]]
            if items and metric in ("likes", "comments"):
                panels.append((metric, items))
        table = Table(columns=("count", "posts with it", "unknown", "median", "mean", "p90"),
                      numeric=(False, True, True, True, True, True),
                      rows=tuple((metric, fmt(r["posts"]), fmt(r["unknown"]),
                                  fmt(r["median"]), fmt(r["mean"]), fmt(r["p90"]))
                                 for metric, r in summary))
        intro = _p("A post whose source gave no count is “unknown”, never 0: medians and "
                   "boxes use known counts only. Boxes run from the 25th to the 75th "
                   "percentile, whiskers from the 10th to the 90th, the line is the median; "
                   "a platform with too few known counts is not drawn.")
        chart = _figure(_charts.boxes(panels)) if panels else ""
        return Section(id="engagement", heading="Engagement per post", body=(
            intro + chart + table_html(table, "Engagement per post")))

    def quality(self) -> Section:
        quality = self.found.quality.result()
        posts = quality.posts
        rows: list[Counted] = [Counted(what="lost glyphs", posts=quality.lost_posts,
                                       share=quality.lost_share)]
        rows.extend(Counted(what=f"repaired: {v.text}", posts=v.count,
                            share=v.count / posts if posts else None) for v in quality.repairs)
        figures = [self.publish([row])[0] for row in rows]
        table = Table(columns=("finding", "posts", "share"), numeric=(False, True, True),
                      rows=tuple((str(r["what"]), fmt(r["posts"]), _share(r)) for r in figures))
        parts = [_p("Lost glyphs are characters (often emoji) an earlier system replaced with "
                    "“?” or “\ufffd”; marked below. Mojibake (“CafÃ©”) is repaired "
                    "while reading."), table_html(table, "Text quality")]
        for title, found in (("Posts with lost glyphs", self.extras.lost),
                             ("Posts with repaired text", self.extras.repaired)):
            if found:
                parts.append(f"<h3>{escape(title)}</h3>")
                parts.append("".join(self._example(post) for post in found))
        return Section(id="quality", heading="Text quality", body="".join(parts))

    def _example(self, post: Post) -> str:
        if self.redact:
            shown = redact_post(post)
            before = set(_PLACEHOLDER.findall(post.text))
            self.redacted_names += len(set(_PLACEHOLDER.findall(shown.text)) - before)
            text = shown.text
        else:
            text = post.text
        pieces, last = [], 0
        for s, e in lost_spans(text):
            pieces.append(escape(text[last:s]))
            pieces.append(f'<mark title="lost glyphs">{escape(text[s:e])}</mark>')
            last = e
        pieces.append(escape(text[last:]))
        who = post.author.handle if post.author is not None else "unknown account"
        when = post.created_at.astimezone(self.zone).strftime("%Y-%m-%d")
        meta = f"{post.platform.value} · {who} · {when}"
        repairs = f" · repaired: {', '.join(post.quality.repairs)}" if post.quality.repairs else ""
        return (f'<blockquote class="example"><p>{"".join(pieces)}</p>'
                f"<footer>{escape(meta + repairs)}</footer></blockquote>")

    def reading(self, read_report: ParseReport | None, sources: Sequence[str]) -> Section:
        parts = []
        if sources:
            items = "".join(f"<li>{escape(s)}</li>" for s in sources)
            parts.append(f"<p>Sources:</p><ul class=sources>{items}</ul>")
        if read_report is None:
            parts.append(_p("No reading report was given: the posts were passed in directly."))
            return Section(id="reading", heading="Reading", body="".join(parts))
        if read_report.format:
            parts.append(_p(f"Format: {read_report.format}."))
        rows = [Counted(what="records that failed", posts=len(read_report.errors), share=None)]
        rows.extend(Counted(what=f"skipped: {why}", posts=n, share=None)
                    for why, n in sorted(read_report.skipped.items()))
        rows.extend(Counted(what=f"repaired while decoding: {why}", posts=n, share=None)
                    for why, n in sorted(read_report.repaired.items()))
        figures = [self.publish([row])[0] for row in rows]
        table = Table(columns=("", "records"), numeric=(False, True),
                      rows=tuple((str(r["what"]), fmt(r["posts"])) for r in figures))
        parts.append(table_html(table, "Reading"))
        return Section(id="reading", heading="Reading", body="".join(parts))

    def privacy(self, *, include_private: bool) -> Section:
        m = self.min_count
        excluded = self.found.excluded
        [left] = self.publish([Counted(what="private", posts=excluded, share=None)])
        private = ", ".join(sorted(v.value for v in PRIVATE))
        if include_private:
            kept = ("Followers-only and direct posts were included on request "
                    "(include_private=True).")
        else:
            kept = ("Followers-only and direct posts are left out: the readers skip them "
                    "unless asked (read_posts(..., include_private=True)), and this report "
                    f"left out {fmt(left['posts'])} more ({private}) that it was given.")
        items = [
            (f"Every count comes from a table published with small-cell suppression "
             f"(engagekit.aggregate.publish, min_count={m}): a count from 1 to {m - 1} posts "
             f"is withheld, with its row and with other cells that would give it back. "
             f"{self.tally.cells:,} cells in {self.tally.rows:,} rows were withheld. Tables "
             f"keyed by free text (hashtags, pairs, places) leave withheld rows out."
             if m > 1 else
             "Small-cell suppression is off (min_count=1): every count is shown, however "
             "small."),
            (f"Example texts are redacted (engagekit.privacy.redact): "
             f"{self.redacted_names:,} names, tagged people and mentions of accounts that are "
             "not officers' or agencies' were replaced with placeholders such as [name 1]."
             if self.redact else
             "Redaction is off (redact=False): example texts are shown as written, and "
             "places at their exact coordinates."),
            kept,
            "This page loads nothing: no scripts, fonts, images or style sheets from anywhere.",
        ]
        body = "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"
        return Section(id="privacy", heading="Privacy", body=body)


def _share(row: dict[str, Any]) -> str:
    if isinstance(row["posts"], Suppressed):
        return WITHHELD
    share = row["share"]
    if share is None:
        return "–"
    return f"{row['posts']:,} ({100 * share:.1f}%)"


def _variants(cell: Any) -> str:
    if isinstance(cell, Suppressed):
        return WITHHELD
    return " · ".join(f"#{v['text']} ×{v['count']:,}" for v in cell)


def _figure(svg: str) -> str:
    return f'<figure class="chart-box">{svg}</figure>'


def _details(summary: str, body: str) -> str:
    return f"<details><summary>{escape(summary)}</summary>{body}</details>"


def compose(found: Gathered, *, min_count: int, redact: bool, include_private: bool,
            sources: Sequence[str], read_report: ParseReport | None) -> Content:
    """Every section of the report, in order, with the tally of what was withheld."""
    c = _Composer(found, min_count=min_count, redact=redact)
    sections = [c.summary(), c.timeline(), c.hashtags(), c.cooccurrence(), c.activity(),
                c.places(), c.engagement(), c.quality(), c.reading(read_report, sources)]
    sections.append(c.privacy(include_private=include_private))  # last: it reads the tally
    return Content(sections=tuple(sections), tally=c.tally, redacted_names=c.redacted_names)

