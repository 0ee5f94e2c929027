"""Posts (and aggregate rows) as Arrow tables, and posts as Parquet files.

>>> from engagekit.io.arrow import arrow_schema
>>> arrow_schema().field("created_at").type
TimestampType(timestamp[us, tz=UTC])

The schema is derived from the attrs fields of :class:`~engagekit.models.Post`
(see ``engagekit.io._arrow_schema``); ``extra`` is a JSON string and enums
are the strings of their values. The schema version is kept in the schema's
metadata under ``b"engagekit.schema"`` and, in Parquet files, in the file's
key-value metadata. Needs the ``arrow`` extra (pyarrow); importing engagekit
never imports pyarrow.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import itertools
import operator
import os
import shutil
import typing
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import attrs
import orjson

from engagekit.errors import ArgumentError, ParseError
from engagekit.io import _arrow_schema as _s
from engagekit.io._atomic import atomic_path, check_folder, clear_stale, temporary_beside
from engagekit.io._converter import structure
from engagekit.io._schema import SCHEMA_VERSION, migrate
from engagekit.models import Post

if TYPE_CHECKING:
    import pyarrow

__all__ = [
    "MissingExtra",
    "arrow_schema",
    "from_arrow",
    "read_parquet",
    "row_schema",
    "to_arrow",
    "write_parquet",
]

MissingExtra = _s.MissingExtra

T = typing.TypeVar("T")

_Data = typing.Union["pyarrow.Table", "pyarrow.RecordBatch"]

#: Partition keys derived from ``created_at`` (in UTC) rather than read from a field.
_DERIVED: dict[str, Callable[[Post], object]] = {
    "year": lambda p: p.created_at.year,
    "month": lambda p: f"{p.created_at.month:02d}",
}


def arrow_schema() -> pyarrow.Schema:
    """The Arrow schema of :class:`~engagekit.models.Post`, with its schema version."""
    return _s.model_schema(Post)


@functools.cache
def _columns(cls: type = Post) -> list[tuple[Callable[[Any], Any], Callable[[list[Any]], Any]]]:
    hints = typing.get_type_hints(cls)
    return [(operator.attrgetter(f.name), _s.column_fn(hints[f.name])) for f in attrs.fields(cls)]


def _batch(items: Sequence[Any], schema: pyarrow.Schema,
           columns: list[tuple[Callable[[Any], Any], Callable[[list[Any]], Any]]]
           ) -> pyarrow.RecordBatch:
    pa = _s.import_pyarrow()
    with _gc_paused():
        arrays = [fn(list(map(get, items))) for get, fn in columns]
    batch: pyarrow.RecordBatch = pa.RecordBatch.from_arrays(arrays, schema=schema)
    return batch


def _check_batch_size(batch_size: object) -> None:
    if type(batch_size) is not int or batch_size < 1:
        raise ArgumentError("expected an int >= 1", argument="batch_size", value=batch_size)


def _batches(items: Iterable[Any], batch_size: int, schema: pyarrow.Schema,
             cls: type = Post) -> Iterator[pyarrow.RecordBatch]:
    _check_batch_size(batch_size)
    columns = _columns(cls)
    it = iter(items)
    while chunk := list(itertools.islice(it, batch_size)):
        _check_rows(chunk, cls)
        yield _batch(chunk, schema, columns)


def _check_rows(chunk: list[Any], cls: type) -> None:
    if all(map(operator.is_, map(type, chunk), itertools.repeat(cls))):
        return
    odd = next(x for x in chunk if type(x) is not cls)
    raise ArgumentError(f"expected rows of one class ({cls.__name__}), got a "
                        f"{type(odd).__name__}", argument="items", value=odd)


def row_schema(cls: type) -> pyarrow.Schema:
    """The Arrow schema of the attrs class ``cls``: one column per field, derived from the
    annotations like :func:`arrow_schema` (which is ``row_schema(Post)``).

    >>> from engagekit.aggregate import Pair
    >>> print(row_schema(Pair).to_string(show_schema_metadata=False))
    a: string not null
    b: string not null
    posts: int64 not null
    """
    if not (isinstance(cls, type) and attrs.has(cls)):
        raise ArgumentError("expected an attrs class, such as engagekit.aggregate.KeyCount",
                            argument="cls", value=cls)
    try:
        return _s.model_schema(cls)
    except TypeError as exc:
        raise ArgumentError(str(exc), argument="cls", value=cls) from None


def to_arrow(items: Iterable[Any], *, cls: type | None = None,
             batch_size: int = 65536) -> pyarrow.Table:
    """A :class:`pyarrow.Table` of ``items``, one column per attrs field of their class.

    ``items`` are posts (the columns of :func:`arrow_schema`) or rows of one
    attrs class, such as an aggregation's :class:`~engagekit.aggregate.KeyCount`
    rows (the columns of :func:`row_schema`). The class is that of the first
    item; with no items it is ``cls``, or :class:`~engagekit.models.Post` when
    ``cls`` is not given. The table is built one record batch of ``batch_size``
    items at a time.
    """
    pa = _s.import_pyarrow()
    _check_batch_size(batch_size)
    it = iter(items)
    first = next(it, None)
    if first is not None:
        it = itertools.chain((first,), it)
        if cls is None:
            cls = type(first)
            if not attrs.has(cls):
                raise ArgumentError("expected posts or attrs rows of one class, such as "
                                    "hashtag_counts(posts)", argument="items", value=first)
    if cls is None:
        cls = Post
    schema = row_schema(cls)
    table: pyarrow.Table = pa.Table.from_batches(list(_batches(it, batch_size, schema, cls)),
                                                 schema=schema)
    return table


def _version(metadata: dict[bytes, bytes] | None, source: str | None) -> int:
    """The schema version in ``metadata``; absent means this engagekit's (tables from
    other tools, such as DuckDB, carry no metadata)."""
    raw = (metadata or {}).get(_s.SCHEMA_KEY)
    if raw is None:
        return SCHEMA_VERSION
    try:
        version = int(raw)
    except ValueError:
        version = -1
    if version < 1:
        raise ParseError(f"expected a schema version (int >= 1), got {raw!r}", source=source)
    if version > SCHEMA_VERSION:
        raise ParseError(
            f"written with schema version {version}; this engagekit reads up to {SCHEMA_VERSION}",
            source=source,
        )
    return version


def _conform(data: _Data, source: str | None, cls: type = Post,
             version: int = SCHEMA_VERSION) -> _Data:
    """``data`` with exactly the columns of ``cls`` in order, cast to the schema's types.

    A file of an older schema ``version`` lacks the fields added since, all optional:
    those missing columns are read as nulls (their default).
    """
    pa = _s.import_pyarrow()
    schema = row_schema(cls)
    names = set(data.schema.names)
    later = set()
    if version < SCHEMA_VERSION:
        later = {f.name for f in attrs.fields(cls) if f.default is None}
    missing = [name for name in schema.names if name not in names and name not in later]
    if missing:
        raise ParseError(f"missing column(s) {', '.join(map(repr, missing))}",
                         source=source, path=f"$.{missing[0]}")
    arrays = []
    for field in schema:
        if field.name not in names:
            arrays.append(pa.nulls(data.num_rows, field.type))
            continue
        column = data.column(field.name)
        if column.type != field.type:
            try:
                column = column.cast(field.type)
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
                raise ParseError(f"column {field.name!r}: expected {field.type}, got "
                                 f"{column.type} ({exc})", source=source,
                                 path=f"$.{field.name}") from None
        arrays.append(column)
    return type(data).from_arrays(arrays, schema=schema)


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a batch is converted.

    Reading a batch makes hundreds of thousands of dicts, lists and models,
    none in a cycle; each allocation spree would otherwise start collections
    that scan every object alive (the caller's posts too), which can cost more
    than the conversion itself. Writing makes fewer objects, but pays the same
    scans when the caller holds many posts.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _dicts(data: _Data) -> Iterator[dict[str, Any]]:
    """The rows of ``data`` as dicts, converted column by column (faster than ``to_pylist``)
    and made one at a time."""
    names = data.schema.names
    columns = [data.column(i).to_pylist() for i in range(len(names))]
    for values in zip(*columns, strict=True):
        yield dict(zip(names, values, strict=True))


#: Rows of a batch made into posts at once when reading Parquet: the posts of a whole batch
#: of 65,536 rows took about 350 MB; these take a few MB, at the same speed.
_CHUNK = 4096


def _posts(data: _Data, version: int, source: str | None, first: int) -> list[Post]:
    out = []
    with _gc_paused():
        for i, row in enumerate(_dicts(data), first):
            row["extra"] = orjson.loads(row["extra"])
            if version < SCHEMA_VERSION:
                row = migrate(row, "Post", version, source=source, record=i)
            out.append(structure(row, Post, source=source, record=i))
    return out


def _rows(data: _Data, cls: type[T], source: str | None, first: int) -> Iterator[T]:
    hints = typing.get_type_hints(cls)
    fix = [(f.name, fn) for f in attrs.fields(typing.cast(Any, cls))
           if (fn := _s.from_python_fn(hints[f.name])) is not _s.identity]
    for i, row in enumerate(_dicts(data), first):
        for name, fn in fix:
            row[name] = fn(row[name])
        yield structure(row, cls, source=source, record=i)


@typing.overload
def from_arrow(table: _Data, *, source: str | None = None) -> list[Post]: ...


@typing.overload
def from_arrow(table: _Data, *, cls: type[T], source: str | None = None) -> list[T]: ...


def from_arrow(table: _Data, *, cls: type[Any] = Post, source: str | None = None) -> list[Any]:
    """The posts (or rows of ``cls``) of an Arrow table or record batch, in its row order.

    Columns beyond the fields of ``cls`` are ignored; a missing column, a column of an
    incompatible type, a bad value or a newer schema version is a
    :class:`~engagekit.errors.ParseError`. Rows of other classes come back as
    :func:`to_arrow` wrote them, with their times in UTC (equal, as aware times,
    to the times written in another zone).

    >>> from engagekit.aggregate import Pair
    >>> pairs = [Pair(a="bikesafety", b="coffeewithacop", posts=3)]
    >>> from_arrow(to_arrow(pairs), cls=Pair) == pairs
    True
    """
    _s.import_pyarrow()
    version = _version(table.schema.metadata, source)
    data = _conform(table, source, cls, version)
    out: list[Any] = []
    first = 0
    batches = data.to_batches() if hasattr(data, "to_batches") else [data]
    for batch in batches:
        if cls is Post:
            out.extend(_posts(batch, version, source, first))
        else:
            out.extend(_rows(batch, cls, source, first))
        first += batch.num_rows
    return out


# -- Parquet ---------------------------------------------------------------------------------


def _partition_keys(partition_by: Sequence[str]) -> list[Callable[[Post], object]]:
    if isinstance(partition_by, str):
        raise ArgumentError("expected a sequence of names, such as ('platform', 'year')",
                            argument="partition_by", value=partition_by)
    schema = arrow_schema()
    keys: list[Callable[[Post], object]] = []
    for name in partition_by:
        if name in _DERIVED:
            keys.append(_DERIVED[name])
        elif name in schema.names and schema.field(name).type == _s.import_pyarrow().string() \
                and name not in ("extra", "id", "text"):
            keys.append(_field_key(name))
        else:
            raise ArgumentError("expected 'year', 'month' or a Post field holding a short "
                                "string, such as 'platform' or 'lang'",
                                argument="partition_by", value=name)
    return keys


def _field_key(name: str) -> Callable[[Post], object]:
    fn = _s.to_python_fn(typing.get_type_hints(Post)[name])

    def key(post: Post) -> object:
        return fn(getattr(post, name))

    return key


def _hive(name: str, value: object) -> str:
    text = "__HIVE_DEFAULT_PARTITION__" if value is None else quote(str(value), safe="")
    return f"{name}={text}"


@contextlib.contextmanager
def _atomic_dir(dest: Path) -> Iterator[Path]:
    """A temporary directory beside ``dest``, renamed over it on success, removed on error
    (named as :mod:`engagekit.io._atomic` names temporary files, and cleared the same way)."""
    check_folder(dest)
    clear_stale(dest)
    tmp = Path(temporary_beside(dest, folder=True))
    try:
        yield tmp
        if dest.exists():
            old = Path(temporary_beside(dest, folder=True, suffix=".old"))
            os.replace(dest, old / dest.name)
            os.replace(tmp, dest)
            shutil.rmtree(old)
        else:
            os.replace(tmp, dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def write_parquet(
    posts: Iterable[Post],
    dest: str | os.PathLike[str],
    *,
    partition_by: Sequence[str] | None = None,
    batch_size: int = 65536,
) -> None:
    """Write ``posts`` to a Parquet file, or a hive-partitioned directory of them.

    Posts are converted and written ``batch_size`` at a time (one row group per
    batch and partition), so memory is bounded by the batch, not the input.
    Writing is atomic: everything goes to a temporary file or directory beside
    ``dest``, renamed over it at the end; on any error ``dest`` is untouched.

    With ``partition_by`` (such as ``("platform", "year")``), ``dest`` is a
    directory of ``platform=instagram/year=2015/part-0.parquet`` files. ``year``
    and ``month`` are taken from ``created_at`` in UTC; other names are Post
    fields holding short strings (``platform``, ``visibility``, ``lang``). The
    files hold every Post column, partition values included.
    """
    pa = _s.import_pyarrow()
    pq = pa.parquet
    schema = arrow_schema()
    path = Path(dest)
    if partition_by is None:
        with atomic_path(path) as tmp, pq.ParquetWriter(tmp, schema) as writer:
            for batch in _batches(posts, batch_size, schema):
                writer.write_batch(batch)
        return
    keys = _partition_keys(partition_by)
    names = list(partition_by)
    columns = _columns(Post)
    with _atomic_dir(path) as folder_tmp, contextlib.ExitStack() as stack:
        writers: dict[tuple[object, ...], Any] = {}
        it = iter(posts)
        _check_batch_size(batch_size)
        while chunk := list(itertools.islice(it, batch_size)):
            groups: dict[tuple[object, ...], list[Post]] = {}
            for post in chunk:
                groups.setdefault(tuple(k(post) for k in keys), []).append(post)
            for key, group in groups.items():
                writer = writers.get(key)
                if writer is None:
                    parts = (_hive(n, v) for n, v in zip(names, key, strict=True))
                    folder = folder_tmp.joinpath(*parts)
                    folder.mkdir(parents=True, exist_ok=True)
                    writer = stack.enter_context(pq.ParquetWriter(folder / "part-0.parquet",
                                                                  schema))
                    writers[key] = writer
                _check_rows(group, Post)
                writer.write_batch(_batch(group, schema, columns))


def _files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    def visible(p: Path) -> bool:
        return not any(part.startswith((".", "_")) for part in p.relative_to(root).parts)

    return sorted(p for p in root.rglob("*.parquet") if p.is_file() and visible(p))


def read_parquet(src: str | os.PathLike[str], *, batch_size: int = 16384) -> Iterator[Post]:
    """Stream the posts of a Parquet file, or of a directory written by :func:`write_parquet`.

    Rows are decoded ``batch_size`` at a time and made into posts a few thousand at a
    time, so memory does not grow with the file. A file's posts come in the order
    written. A directory's files are read in sorted path order (so partition by
    partition, by the partition values as strings), each in the order written;
    partition directories' values are not read (the files hold every column). A
    file written with a newer schema version, a missing column or a bad value is a
    :class:`~engagekit.errors.ParseError`.
    """
    pa = _s.import_pyarrow()
    _check_batch_size(batch_size)
    root = Path(src)
    if not root.exists():
        raise FileNotFoundError(str(root))
    for file in _files(root):
        source = str(file)
        try:
            handle = pa.parquet.ParquetFile(file)
        except (pa.ArrowInvalid, OSError) as exc:
            raise ParseError(f"not a Parquet file ({exc})", source=source) from None
        with handle:
            version = _version(handle.schema_arrow.metadata, source)
            first = 0
            for batch in handle.iter_batches(batch_size=batch_size):
                data = _conform(batch, source, Post, version)
                for start in range(0, data.num_rows, _CHUNK):  # models for a few rows at a time
                    yield from _posts(data.slice(start, _CHUNK), version, source, first + start)
                first += batch.num_rows
