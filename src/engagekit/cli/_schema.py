"""``engagekit schema``: the JSON Schema of a model's documents (:func:`engagekit.json_schema`)."""

from __future__ import annotations

import sys
from typing import Any

import attrs
import click

from engagekit import aggregate, models
from engagekit.cli._app import group
from engagekit.cli._output import json_bytes
from engagekit.io import json_schema

__all__ = ["MODELS", "schema"]


def _classes() -> dict[str, type]:
    found: dict[str, type] = {}
    for module in (models, aggregate):
        for name in module.__all__:
            value = getattr(module, name)
            if isinstance(value, type) and attrs.has(value):
                found[name] = value
    return found


#: Every model and aggregation row class by name: the models first, then the rows.
MODELS = _classes()

_EPILOG = """\b
Examples:
  engagekit schema > post.schema.json
  engagekit schema KeyCount
  engagekit schema --rows Bucket    (a document holding a list of rows)"""


def _model(_: click.Context, __: click.Parameter, value: str) -> type:
    by_key = {name.casefold(): cls for name, cls in MODELS.items()}
    cls = by_key.get(value.casefold())
    if cls is None:
        raise click.BadParameter(f"{value!r} is not a model; expected one of "
                                 + ", ".join(MODELS))
    return cls


@group.command(epilog=_EPILOG, short_help="Print the JSON Schema of a model.")
@click.argument("model", default="Post", callback=_model)
@click.option("--rows", is_flag=True,
              help="The schema of a document holding a list of MODEL (as rows are saved).")
def schema(model: type, rows: bool) -> None:
    """Print the JSON Schema of engagekit documents holding a MODEL (default: Post).

    MODEL is a model (Post, Account, ...) or an aggregation row (KeyCount,
    Bucket, GroupRow, ...), in any case.
    """
    target: Any = tuple[model, ...] if rows else model  # type: ignore[valid-type]
    sys.stdout.buffer.write(json_bytes(json_schema(target)))
