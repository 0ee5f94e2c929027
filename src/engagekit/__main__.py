"""``python -m engagekit``: the command line, as the ``engagekit`` script runs it."""

from __future__ import annotations

import sys

__all__ = ["main"]


def main() -> None:
    """Run the command line, or say in one line that its extra is not installed."""
    try:
        from engagekit.cli import main as run
    except ModuleNotFoundError as exc:
        if exc.name not in ("click", "rich"):
            raise
        sys.exit(f"engagekit: error: the command line needs {exc.name}: "
                 "pip install 'engagekit[cli]'")
    run()


if __name__ == "__main__":
    main()
