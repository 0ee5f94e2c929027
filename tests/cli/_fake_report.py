"""A stand-in for engagekit.report with the agreed API, to test what the commands pass it.

``write_report(posts, dest, *, tz, min_count, redact, title, sources, read_report)``
returns a ``Report`` with ``.html`` and headline figures. The stand-in records its
call and writes a small page; the real module is tested with it when it is installed.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from engagekit.models import Post

__all__ = ["install"]


def install(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Put the stand-in at ``engagekit.report``; returns the list its calls are recorded in."""
    calls: list[dict[str, Any]] = []

    def write_report(posts: Iterable[Post], dest: str | Path, **options: Any) -> Any:
        held = list(posts)
        calls.append({"posts": held, "dest": dest, **options})
        html = f"<html><body>{len(held)} posts</body></html>"
        Path(dest).write_text(html)
        times = [p.created_at for p in held]
        return types.SimpleNamespace(
            html=html, title=options["title"] or "Engagement", tz=options["tz"],
            posts=len(held), accounts=len({p.author for p in held}), officers=0,
            platforms=tuple(sorted({p.platform.value for p in held})),
            first=min(times, default=None), last=max(times, default=None), located_posts=0,
            lost_posts=1, lost_share=1 / len(held) if held else None, repaired_posts=0,
            excluded=0, min_count=options["min_count"], redacted=options["redact"],
            suppressed_cells=2, withheld_rows=1, redacted_names=0, sources=options["sources"])

    module = types.ModuleType("engagekit.report")
    module.write_report = write_report  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "engagekit.report", module)
    return calls
