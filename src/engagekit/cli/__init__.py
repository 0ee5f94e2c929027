"""The ``engagekit`` command line: read, stats, report, demo, detect and schema.

Install it with ``pip install 'engagekit[cli]'`` (click and rich); ``import engagekit``
never imports this package. Each command lives in a module of its own and
registers itself on :data:`group` (the click group, for click's ``CliRunner``) when
imported here.
"""

from __future__ import annotations

from typing import Any

from engagekit.cli import _demo, _detect, _read, _report, _schema, _stats
from engagekit.cli._app import group

__all__ = ["group", "main"]

_COMMANDS = (_demo, _detect, _read, _report, _schema, _stats)  # imported for their commands


def main(args: list[str] | None = None, **kwargs: Any) -> Any:
    """Run the command line (the ``engagekit`` script and ``python -m engagekit``)."""
    return group.main(args=args, prog_name="engagekit", **kwargs)
