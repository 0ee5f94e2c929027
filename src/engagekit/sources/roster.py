"""Who is who: officers and agencies with their accounts, so posts can name their officer.

A roster is an immutable value. ``read_posts(..., roster=...)`` calls
:meth:`Roster.attach` on every post: when the post's author is an account of
a rostered officer (same platform, and the same handle case-insensitively or
the same account id), the post gets ``Post.officer``, which makes
per-officer statistics work across platforms.

>>> from engagekit.models import Account, Officer
>>> reyes = Officer(name="Jordan Reyes", accounts=[
...     Account(platform="instagram", handle="officer.reyes"),
...     Account(platform="mastodon", handle="reyes@example.social", id="https://example.social/users/reyes")])
>>> roster = Roster(officers=[reyes])
>>> roster.officer_for(Account(platform="instagram", handle="Officer.Reyes")).name
'Jordan Reyes'
>>> roster.officer_for(Account(platform="twitter", handle="officer.reyes")) is None
True

Rosters load from YAML (with PyYAML installed) or CSV: see :meth:`Roster.load`.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import attrs

from engagekit.errors import ParseError, ValidationError
from engagekit.models import Account, Agency, Location, Officer, Platform, Post

__all__ = ["CSV_COLUMNS", "Roster"]

#: The columns of a CSV roster, one row per account. A row without ``officer``
#: is an agency's own account; rows naming the same officer, agency and badge
#: are one officer with several accounts.
CSV_COLUMNS = ("officer", "rank", "badge", "agency", "platform", "handle", "account_id")

_MAX_BYTES = 16 << 20

T = TypeVar("T")

Key = tuple[Platform, str]


def _keys(account: Account) -> Iterator[tuple[str, Key]]:
    if account.id is not None:
        yield "id", (account.platform, account.id)
    yield "handle", (account.platform, account.handle.casefold())


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    if isinstance(value, (str, bytes, dict)):
        raise ValidationError(f"expected a sequence, got {value!r} ({type(value).__name__})")
    return tuple(value)


@attrs.frozen(kw_only=True)
class Roster:
    """Officers and agencies, each with the accounts they post from."""

    officers: tuple[Officer, ...] = attrs.field(default=(), converter=_tuple)
    agencies: tuple[Agency, ...] = attrs.field(default=(), converter=_tuple)
    _by_id: dict[Key, Officer] = attrs.field(init=False, repr=False, eq=False)
    _by_handle: dict[Key, Officer] = attrs.field(init=False, repr=False, eq=False)
    _agency_by: dict[tuple[str, Key], Agency] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        for name, cls, items in (("officers", Officer, self.officers),
                                 ("agencies", Agency, self.agencies)):
            for i, item in enumerate(items):
                if type(item) is not cls:
                    raise ValidationError(f"expected {cls.__name__}, got {item!r}",
                                          field=f"Roster.{name}[{i}]", value=item)
        index: dict[tuple[str, Key], Officer] = {}
        for officer in self.officers:
            for account in officer.accounts:
                for kind, key in _keys(account):
                    other = index.setdefault((kind, key), officer)
                    if other is not officer and other != officer:
                        raise ValidationError(
                            f"the {key[0].value} account {account.handle!r} belongs to both "
                            f"{other.name!r} and {officer.name!r}",
                            field="Roster.officers", value=account,
                        )
        agencies: dict[tuple[str, Key], Agency] = {}
        for agency in self.agencies:
            for account in agency.accounts:
                for kind, key in _keys(account):
                    agencies.setdefault((kind, key), agency)
        object.__setattr__(self, "_by_id", {k: v for (kind, k), v in index.items() if kind == "id"})
        object.__setattr__(self, "_by_handle",
                           {k: v for (kind, k), v in index.items() if kind == "handle"})
        object.__setattr__(self, "_agency_by", agencies)

    def officer_for(self, account: Account) -> Officer | None:
        """The officer who posts from ``account`` (matched by id first, then by handle)."""
        if account.id is not None:
            found = self._by_id.get((account.platform, account.id))
            if found is not None:
                return found
        return self._by_handle.get((account.platform, account.handle.casefold()))

    def agency_for(self, account: Account) -> Agency | None:
        """The agency whose own account ``account`` is (not an officer's)."""
        for key in _keys(account):
            found = self._agency_by.get(key)
            if found is not None:
                return found
        return None

    def attach(self, post: Post) -> Post:
        """``post`` with ``officer`` set when its author is a rostered officer's account."""
        if post.author is None:
            return post
        officer = self.officer_for(post.author)
        if officer is None or post.officer == officer:
            return post
        return attrs.evolve(post, officer=officer)

    # -- loading -------------------------------------------------------------------------

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Roster:
        """Load a roster file: ``.yaml``/``.yml`` (needs PyYAML) or ``.csv``."""
        suffix = Path(path).suffix.lower()
        if suffix in (".yaml", ".yml"):
            return cls.from_yaml(path)
        if suffix == ".csv":
            return cls.from_csv(path)
        raise ParseError(f"expected a .yaml, .yml or .csv roster file, not {suffix!r}"
                         if suffix else "expected a .yaml, .yml or .csv roster file",
                         source=os.fspath(path))

    @classmethod
    def from_csv(cls, source: str | os.PathLike[str] | io.TextIOBase) -> Roster:
        """A roster from CSV with the :data:`CSV_COLUMNS` (a path or an open text file)."""
        name, text = _text(source)
        rows = csv.reader(io.StringIO(text))
        header = [h.strip().lower() for h in next(rows, [])]
        missing = [c for c in ("platform", "handle") if c not in header]
        if missing:
            raise ParseError(f"missing column(s) {', '.join(missing)}; expected "
                             f"{', '.join(CSV_COLUMNS)}", source=name, path="$")
        unknown = [c for c in header if c not in CSV_COLUMNS]
        if unknown:
            raise ParseError(f"unknown column(s) {', '.join(map(repr, unknown))}",
                             source=name, path="$")
        people: dict[tuple[str, str, str], dict[str, Any]] = {}
        agencies: dict[str, list[Account]] = {}
        index = -1
        for row in rows:
            if not any(cell.strip() for cell in row):
                continue  # blank lines are not records
            index += 1
            if len(row) != len(header):
                raise ParseError(f"expected {len(header)} cells, got {len(row)}",
                                 source=name, record=index)
            cells = {k: v.strip() for k, v in zip(header, row, strict=True)}
            account = _account(cells, name, index)
            agency = cells.get("agency", "")
            if agency:
                agencies.setdefault(agency, [])
            officer = cells.get("officer", "")
            if not officer:
                if not agency:
                    raise ParseError("a row needs an officer or an agency", source=name,
                                     record=index, path="$.officer")
                agencies[agency].append(account)
                continue
            entry = people.setdefault((officer, agency, cells.get("badge", "")),
                                      {"name": officer, "rank": None, "accounts": []})
            rank = cells.get("rank") or None
            if rank and entry["rank"] and rank != entry["rank"]:
                raise ParseError(f"rank {rank!r} disagrees with {entry['rank']!r} given before",
                                 source=name, record=index, path="$.rank")
            entry["rank"] = entry["rank"] or rank
            entry["accounts"].append(account)
        built = {n: Agency(name=n, accounts=accounts) for n, accounts in agencies.items()}
        officers = [
            Officer(name=entry["name"], rank=entry["rank"], badge=badge or None,
                    agency=built.get(agency), accounts=entry["accounts"])
            for (_, agency, badge), entry in people.items()
        ]
        return _built(lambda: cls(officers=officers, agencies=list(built.values())), name)

    @classmethod
    def from_yaml(cls, source: str | os.PathLike[str] | io.TextIOBase) -> Roster:
        """A roster from YAML (a path or an open text file); needs PyYAML.

        The document has ``agencies`` (each ``name``, optional ``location``
        and ``accounts``) and ``officers`` (each ``name``, optional ``rank``,
        ``badge``, ``agency`` naming one of the agencies, and ``accounts``);
        an account is ``{platform, handle, id}``. See docs/reading.md.
        """
        name, text = _text(source)
        doc = _yaml_load(text, name)
        if doc is None:
            doc = {}
        if type(doc) is not dict:
            raise ParseError("expected a mapping with 'officers' and 'agencies'",
                             source=name, path="$")
        unknown = sorted(set(doc) - {"officers", "agencies"})
        if unknown:
            raise ParseError(f"unknown key(s) {', '.join(map(repr, unknown))}", source=name,
                             path="$")
        agencies: dict[str, Agency] = {}
        for i, item in enumerate(_list(doc, "agencies", name, "$")):
            where = f"$.agencies[{i}]"
            fields = _mapping(item, {"name", "location", "accounts"}, name, where)
            agency_name = _str(fields, "name", name, where, required=True)
            location = fields.get("location")
            if location is not None:
                location = _location(location, name, f"{where}.location")
            accounts = _accounts(fields, name, where)
            agencies[agency_name] = _built(
                partial(Agency, name=agency_name, location=location, accounts=accounts),
                name, where)
        officers = []
        for i, item in enumerate(_list(doc, "officers", name, "$")):
            where = f"$.officers[{i}]"
            fields = _mapping(item, {"name", "rank", "badge", "agency", "accounts"}, name, where)
            agency_name = _str(fields, "agency", name, where)
            if agency_name is not None and agency_name not in agencies:
                agencies[agency_name] = Agency(name=agency_name)
            values = {k: _str(fields, k, name, where, required=k == "name")
                      for k in ("name", "rank", "badge")}
            values["agency"] = None if agency_name is None else agencies[agency_name]
            values["accounts"] = _accounts(fields, name, where)
            officers.append(_built(partial(Officer, **values), name, where))
        return _built(lambda: cls(officers=officers, agencies=list(agencies.values())), name)


def _text(source: str | os.PathLike[str] | io.TextIOBase) -> tuple[str, str]:
    if isinstance(source, (str, os.PathLike)):
        name = os.fspath(source)
        try:
            with open(source, "rb") as handle:
                data = handle.read(_MAX_BYTES + 1)
        except OSError as exc:
            raise ParseError(f"cannot read the roster: {exc.strerror}", source=name) from None
    else:
        name = str(getattr(source, "name", "<stream>"))
        text = source.read(_MAX_BYTES + 1)
        data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    if len(data) > _MAX_BYTES:
        raise ParseError(f"a roster larger than {_MAX_BYTES} bytes", source=name)
    try:
        return name, data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ParseError(f"not UTF-8 text: {exc.reason} at byte {exc.start}",
                         source=name) from None


def _built(make: Callable[[], T], source: str, where: str = "$") -> T:
    try:
        return make()
    except ValidationError as err:
        raise ParseError(str(err), source=source, path=where) from None


def _account(cells: dict[str, str], source: str, index: int) -> Account:
    try:
        return Account(platform=cells["platform"].lower(), handle=cells["handle"],
                       id=cells.get("account_id") or None)
    except ValidationError as err:
        column = "platform" if err.field == "Account.platform" else "handle"
        raise ParseError(err.message, source=source, record=index, path=f"$.{column}") from None


def _yaml_load(text: str, source: str) -> Any:
    try:
        import yaml
    except ImportError:
        raise ImportError(
            "reading a YAML roster needs PyYAML: pip install 'engagekit[yaml]' "
            "(or write the roster as CSV)"
        ) from None

    class NoAliases(yaml.SafeLoader):
        """SafeLoader without anchors and aliases (no billion-laughs expansion)."""

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()  # type: ignore[no-untyped-call]
                raise yaml.composer.ComposerError(
                    None, None, "aliases are not allowed in a roster", event.start_mark)
            return super().compose_node(parent, index)

    try:
        return yaml.load(text, Loader=NoAliases)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = "" if mark is None else f" (line {mark.line + 1}, column {mark.column + 1})"
        problem = getattr(exc, "problem", None) or str(exc)
        raise ParseError(f"invalid YAML{where}: {problem}", source=source) from None


def _list(doc: dict[str, Any], key: str, source: str, where: str) -> list[Any]:
    value = doc.get(key)
    if value is None:
        return []
    if type(value) is not list:
        raise ParseError(f"expected a list, got {type(value).__name__}", source=source,
                         path=f"{where}.{key}")
    return value


def _mapping(value: Any, allowed: set[str], source: str, where: str) -> dict[str, Any]:
    if type(value) is not dict:
        raise ParseError(f"expected a mapping, got {value!r}", source=source, path=where)
    unknown = sorted(str(k) for k in value if k not in allowed)
    if unknown:
        raise ParseError(f"unknown key(s) {', '.join(map(repr, unknown))}", source=source,
                         path=where)
    return value


def _str(fields: dict[str, Any], key: str, source: str, where: str, *,
         required: bool = False) -> Any:
    value = fields.get(key)
    if value is None:
        if required:
            raise ParseError("required key is missing", source=source, path=f"{where}.{key}")
        return None
    if type(value) is not str:
        hint = " (quote it: YAML reads 0471 as the number 313)" if type(value) is int else ""
        raise ParseError(f"expected a string, got {value!r}{hint}", source=source,
                         path=f"{where}.{key}")
    return value


def _accounts(fields: dict[str, Any], source: str, where: str) -> list[Account]:
    out = []
    for i, item in enumerate(_list(fields, "accounts", source, where)):
        at = f"{where}.accounts[{i}]"
        entry = _mapping(item, {"platform", "handle", "id"}, source, at)
        platform = _str(entry, "platform", source, at, required=True)
        handle = _str(entry, "handle", source, at, required=True)
        account_id = _str(entry, "id", source, at)
        out.append(_built(partial(Account, platform=platform.lower(), handle=handle,
                                  id=account_id), source, at))
    return out


def _location(value: Any, source: str, where: str) -> Location:
    fields = _mapping(value, {"name", "locality", "region", "country"}, source, where)
    values = {k: _str(fields, k, source, where, required=k == "name")
              for k in ("name", "locality", "region", "country")}
    return _built(lambda: Location(**values), source, where)
