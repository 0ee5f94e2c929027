"""Posts as Arrow tables and Parquet files.

>>> from engagekit.io.arrow import arrow_schema
>>> arrow_schema().field("created_at").type
TimestampType(timestamp[us, tz=UTC])

The schema is derived from the attrs fields of :class:`~engagekit.models.Post`
(see :mod:`engagekit.io._arrow_schema`); ``extra`` is a JSON string and enums
are the strings of their values. The schema version is kept in the schema's
metadata under ``b"engagekit.schema"`` and, in Parquet files, in the file's
key-value metadata. Needs the ``arrow`` extra (pyarrow); importing engagekit
never imports pyarrow.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import tempfile
import typing
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import attrs
import orjson

from engagekit.errors import ArgumentError, ParseError
from engagekit.io import _arrow_schema as _s
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
    "to_arrow",
    "write_parquet",
]

MissingExtra = _s.MissingExtra

_Data = typing.Union["pyarrow.Table", "pyarrow.RecordBatch"]

#: Partition keys derived from ``created_at`` (in UTC) rather than read from a field.
_DERIVED: dict[str, Callable[[Post], object]] = {
    "year": lambda p: p.created_at.year,
    "month": lambda p: f"{p.created_at.month:02d}",
}


def arrow_schema() -> pyarrow.Schema:
    """The Arrow schema of :class:`~engagekit.models.Post`, with its schema version."""
    return _s.model_schema(Post)


def _columns() -> list[tuple[str, Callable[[list[Any]], Any]]]:
    hints = typing.get_type_hints(Post)
    return [(f.name, _s.column_fn(hints[f.name])) for f in attrs.fields(Post)]


def _batch(posts: Sequence[Post], schema: pyarrow.Schema,
           columns: list[tuple[str, Callable[[list[Any]], Any]]]) -> pyarrow.RecordBatch:
    pa = _s.import_pyarrow()
    arrays = [fn([getattr(p, name) for p in posts]) for name, fn in columns]
    batch: pyarrow.RecordBatch = pa.RecordBatch.from_arrays(arrays, schema=schema)
    return batch


def _batches(posts: Iterable[Post], batch_size: int,
             schema: pyarrow.Schema) -> Iterator[pyarrow.RecordBatch]:
    if type(batch_size) is not int or batch_size < 1:
        raise ArgumentError("expected an int >= 1", argument="batch_size", value=batch_size)
    columns = _columns()
    it = iter(posts)
    while chunk := list(itertools.islice(it, batch_size)):
        yield _batch(chunk, schema, columns)


def to_arrow(posts: Iterable[Post], *, batch_size: int = 65536) -> pyarrow.Table:
    """A :class:`pyarrow.Table` of ``posts``, one column per :class:`Post` field.

    It is built one record batch of ``batch_size`` posts at a time.
    """
    pa = _s.import_pyarrow()
    schema = arrow_schema()
    table: pyarrow.Table = pa.Table.from_batches(list(_batches(posts, batch_size, schema)),
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


def _conform(data: _Data, source: str | None) -> _Data:
    """``data`` with exactly the Post columns in order, cast to the schema's types."""
    pa = _s.import_pyarrow()
    schema = arrow_schema()
    names = set(data.schema.names)
    missing = [name for name in schema.names if name not in names]
    if missing:
        raise ParseError(f"missing column(s) {', '.join(map(repr, missing))}",
                         source=source, path=f"$.{missing[0]}")
    arrays = []
    for field in schema:
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


def _posts(data: _Data, version: int, source: str | None,
           first: int) -> Iterator[Post]:
    for i, row in enumerate(data.to_pylist(), first):
        row["extra"] = orjson.loads(row["extra"])
        if version < SCHEMA_VERSION:
            row = migrate(row, "Post", version, source=source, record=i)
        yield structure(row, Post, source=source, record=i)


def from_arrow(table: _Data, *, source: str | None = None) -> list[Post]:
    """The posts of an Arrow table (or record batch), in its row order.

    Columns beyond the Post fields are ignored; a missing column, a column of an
    incompatible type, a bad value or a newer schema version is a
    :class:`~engagekit.errors.ParseError`.
    """
    _s.import_pyarrow()
    version = _version(table.schema.metadata, source)
    data = _conform(table, source)
    out: list[Post] = []
    first = 0
    batches = data.to_batches() if hasattr(data, "to_batches") else [data]
    for batch in batches:
        out.extend(_posts(batch, version, source, first))
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
    """A temporary directory beside ``dest``, renamed over it on success, removed on error."""
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent))
    try:
        yield tmp
        if dest.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".old", dir=dest.parent))
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
        with _atomic_file(path) as tmp, pq.ParquetWriter(tmp, schema) as writer:
            for batch in _batches(posts, batch_size, schema):
                writer.write_batch(batch)
        return
    keys = _partition_keys(partition_by)
    names = list(partition_by)
    columns = _columns()
    with _atomic_dir(path) as folder_tmp, contextlib.ExitStack() as stack:
        writers: dict[tuple[object, ...], Any] = {}
        it = iter(posts)
        if type(batch_size) is not int or batch_size < 1:
            raise ArgumentError("expected an int >= 1", argument="batch_size", value=batch_size)
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
                writer.write_batch(_batch(group, schema, columns))


@contextlib.contextmanager
def _atomic_file(dest: Path) -> Iterator[str]:
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    os.close(fd)
    try:
        yield tmp
        os.replace(tmp, dest)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    def visible(p: Path) -> bool:
        return not any(part.startswith((".", "_")) for part in p.relative_to(root).parts)

    return sorted(p for p in root.rglob("*.parquet") if p.is_file() and visible(p))


def read_parquet(src: str | os.PathLike[str], *, batch_size: int = 65536) -> Iterator[Post]:
    """Stream the posts of a Parquet file, or of a directory written by :func:`write_parquet`.

    A file's posts come in the order written. A directory's files are read in
    sorted path order (so partition by partition, by the partition values as
    strings), each in the order written; partition directories' values are not
    read (the files hold every column). A file written with a newer schema
    version, a missing column or a bad value is a
    :class:`~engagekit.errors.ParseError`.
    """
    pa = _s.import_pyarrow()
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
                data = _conform(batch, source)
                yield from _posts(data, version, source, first)
                first += batch.num_rows
