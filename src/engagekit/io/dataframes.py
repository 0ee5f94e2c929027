"""Posts and aggregate rows as pandas and polars DataFrames, through Arrow.

:func:`to_pandas` and :func:`to_polars` take what engagekit hands out and
return one column per attrs field of its rows, typed by the same derived
schema as :func:`~engagekit.io.arrow.to_arrow` (ids and keys are strings,
times are ``timestamp[us, tz=UTC]``, nested models are structs, tuples are
lists, ``Post.extra`` is a JSON string):

* posts, or any iterable of rows of one attrs class (``hashtag_counts(...)``,
  ``timeline(...)``, ``by_platform(...)``, ``cooccurrence(...).nodes``): one row each;
* a result that is a container of rows and iterates over them gives its rows:
  :class:`~engagekit.aggregate.Cooccurrence` is its ``pairs`` (pass
  ``result.nodes`` for the nodes);
* a single row, such as a :class:`~engagekit.aggregate.QualitySummary`: a one-row table;
* a :class:`~engagekit.aggregate.Publication`: one column per published column
  (dotted names such as ``likes.mean``), a withheld cell being null (the reasons
  are in ``publication.suppressed``; ``publication.to_dicts()`` keeps the markers);
* an aggregator itself is an :class:`~engagekit.errors.ArgumentError` asking
  for its ``.result()``.

With no rows the class cannot be seen: pass ``cls=`` (``to_pandas((),
cls=KeyCount)``), or the columns are those of :class:`~engagekit.models.Post`.
``flatten=True`` turns struct columns into dotted columns (``engagement.likes``,
``likes.mean``). Needs the ``pandas`` or ``polars`` extra; importing engagekit
imports neither.

>>> import engagekit as ek
>>> from engagekit.aggregate import hashtag_counts
>>> from engagekit.datasets import sample_posts
>>> frame = ek.to_pandas(hashtag_counts(sample_posts(), top=2))
>>> frame[["display", "posts"]].to_dict("records")
[{'display': 'StayCommitted', 'posts': 24}, {'display': 'CommunityPolicing', 'posts': 22}]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

import attrs

from engagekit.errors import ArgumentError
from engagekit.io import _arrow_schema as _s
from engagekit.io.arrow import to_arrow

if TYPE_CHECKING:
    import pandas
    import polars
    import pyarrow

__all__ = ["to_pandas", "to_polars"]


def _import(module: str, extra: str) -> Any:
    try:
        imported = __import__(module)
    except ImportError:
        raise _s.MissingExtra(
            f"to_{module} needs {module} and pyarrow: pip install 'engagekit[{extra}]'"
        ) from None
    try:
        _s.import_pyarrow()
    except _s.MissingExtra:
        raise _s.MissingExtra(
            f"to_{module} needs pyarrow: pip install 'engagekit[{extra}]'") from None
    return imported


def _publication_table(publication: Any) -> pyarrow.Table:
    pa = _s.import_pyarrow()
    from engagekit.aggregate import Suppressed

    columns: dict[str, list[Any]] = {name: [] for name in publication.names}
    lists = list(columns.values())
    for row in publication.rows:
        for cells, cell in zip(lists, row, strict=True):
            if isinstance(cell, Suppressed):
                cell = None
            elif isinstance(cell, datetime):
                cell = cell.astimezone(timezone.utc)
            cells.append(cell)
    table: pyarrow.Table = pa.Table.from_pydict(columns)
    return table


def _table(data: Any, cls: type | None) -> pyarrow.Table:
    """The Arrow table of what :func:`to_pandas` and :func:`to_polars` accept."""
    from engagekit.aggregate import Aggregator, Publication

    if isinstance(data, Aggregator):
        raise ArgumentError(
            f"expected rows, not an aggregator: pass its result, "
            f"to_pandas({type(data).__name__.lower()}.result())", argument="data", value=data)
    if isinstance(data, Publication):
        return _publication_table(data)
    if attrs.has(type(data)) and not isinstance(data, Iterable):
        data = (data,)  # one row, such as a QualitySummary
    if isinstance(data, (str, bytes, Mapping)) or not isinstance(data, Iterable):
        raise ArgumentError("expected posts, aggregate rows (such as hashtag_counts(posts)) or "
                            "one row", argument="data", value=data)
    return to_arrow(data, cls=cls)


def _flat(table: pyarrow.Table) -> pyarrow.Table:
    pa = _s.import_pyarrow()
    while any(pa.types.is_struct(field.type) for field in table.schema):
        table = table.flatten()
    return table


def to_pandas(data: Any, *, cls: type | None = None, flatten: bool = False) -> pandas.DataFrame:
    """A :class:`pandas.DataFrame` of posts or aggregate rows, one column per field.

    See :mod:`engagekit.io.dataframes` for what ``data`` may be. Integers and
    booleans are pandas' nullable ``Int64`` and ``boolean`` (an unknown like
    count is ``<NA>``, never a float NaN); times are ``datetime64[us, UTC]``;
    strings are pandas' string dtype; lists and structs are Python objects
    (``flatten=True`` spreads structs into dotted columns).
    """
    pd = _import("pandas", "pandas")
    pa = _s.import_pyarrow()
    table = _table(data, cls)
    if flatten:
        table = _flat(table)
    mapping = {pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}
    frame: pandas.DataFrame = table.to_pandas(types_mapper=mapping.get)
    return frame


def to_polars(data: Any, *, cls: type | None = None, flatten: bool = False) -> polars.DataFrame:
    """A :class:`polars.DataFrame` of posts or aggregate rows, one column per field.

    See :mod:`engagekit.io.dataframes` for what ``data`` may be. Types follow
    the Arrow schema: ``String`` ids, ``Datetime("us", "UTC")`` times, ``Struct``
    for nested models (or dotted columns with ``flatten=True``), ``List`` for tuples.
    """
    pl = _import("polars", "polars")
    table = _table(data, cls)
    if flatten:
        table = _flat(table)
    frame: polars.DataFrame = pl.from_arrow(table)
    return frame
