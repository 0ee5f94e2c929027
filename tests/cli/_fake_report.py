"""A stand-in for engagekit.report with the agreed API, to test what the commands pass it.

``write_report(posts, dest, *, tz, min_count, redact, title, sources, read_report)``
returns a ``Report`` with ``.html`` and headline figures. The stand-in records its
call and writes a small page; the real module is tested with it when it is installed.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest

from engagekit.models import Post

__all__ = ["FakeReport", "install"]


@attrs.frozen(kw_only=True)
class FakeReport:
    html: str
    posts: int
    accounts: int
    first_day: date
    title: str


def install(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Put the stand-in at ``engagekit.report``; returns the list its calls are recorded in."""
    calls: list[dict[str, Any]] = []

    def write_report(posts: Iterable[Post], dest: str | Path, **options: Any) -> FakeReport:
        held = list(posts)
        calls.append({"posts": held, "dest": dest, **options})
        html = f"<html><body>{len(held)} posts</body></html>"
        Path(dest).write_text(html)
        return FakeReport(html=html, posts=len(held),
                          accounts=len({p.author for p in held}),
                          first_day=min(p.created_at for p in held).date(),
                          title=options["title"] or "Engagement")

    module = types.ModuleType("engagekit.report")
    module.write_report = write_report  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "engagekit.report", module)
    return calls
