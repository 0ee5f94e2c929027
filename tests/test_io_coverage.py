"""Every writer keeps every field: the CSV header, the Arrow schema and the JSON Schema each
hold every attrs field of Post and of every model inside it, so a field added later cannot be
dropped by one writer without a test failing here."""

from __future__ import annotations

import typing
from typing import Any

import attrs
import pytest

import engagekit as ek
from engagekit.io.csv import COLUMNS

pa = pytest.importorskip("pyarrow", reason="the Arrow schema needs the arrow extra")


def _models(cls: type, seen: dict[str, type] | None = None) -> dict[str, type]:
    """``cls`` and every attrs class reachable through its fields' type hints, by name."""
    seen = {} if seen is None else seen
    seen[cls.__name__] = cls
    for hint in typing.get_type_hints(cls).values():
        for inner in _types_in(hint):
            if attrs.has(inner) and inner.__name__ not in seen:
                _models(inner, seen)
    return seen


def _types_in(hint: Any) -> list[Any]:
    args = typing.get_args(hint)
    return [hint] if not args else [t for a in args for t in _types_in(a)]


MODELS = _models(ek.Post)


def test_the_walk_finds_the_nested_models() -> None:
    assert {"Post", "Account", "Officer", "Agency", "Hashtag", "Location", "Coordinates",
            "Media", "Engagement", "TextQuality"} <= set(MODELS)


def test_the_csv_header_has_a_column_for_every_post_field() -> None:
    missing = [f.name for f in attrs.fields(ek.Post) if f.name not in COLUMNS]
    assert missing == []


def _arrow_fields(typ: Any) -> dict[str, Any]:
    """The struct fields under an Arrow type, looking through lists."""
    while pa.types.is_list(typ) or pa.types.is_fixed_size_list(typ):
        typ = typ.value_type
    return {f.name: f.type for f in typ} if pa.types.is_struct(typ) else {}


def _arrow_model_fields() -> dict[str, set[str]]:
    """For each model name, the field names its Arrow struct (or the schema) holds."""
    found: dict[str, set[str]] = {"Post": set(ek.arrow_schema().names)}
    hints_of = {name: typing.get_type_hints(cls) for name, cls in MODELS.items()}
    todo: list[tuple[str, dict[str, Any]]] = [
        ("Post", {f.name: f.type for f in ek.arrow_schema()})]
    while todo:
        name, fields = todo.pop()
        for field, typ in fields.items():
            inner = [t for t in _types_in(hints_of[name].get(field, object)) if attrs.has(t)]
            children = _arrow_fields(typ)
            if inner and children:
                model = inner[0].__name__
                if model not in found:
                    found[model] = set(children)
                    todo.append((model, children))
    return found


@pytest.mark.parametrize("name", sorted(MODELS))
def test_the_arrow_schema_has_every_field_of_every_model(name: str) -> None:
    arrow = _arrow_model_fields()
    assert name in arrow, f"{name} has no struct in the Arrow schema"
    assert {f.name for f in attrs.fields(MODELS[name])} == arrow[name]


@pytest.mark.parametrize("name", sorted(MODELS))
def test_the_json_schema_has_every_field_of_every_model(name: str) -> None:
    defs = ek.json_schema(ek.Post)["$defs"]
    assert set(defs[name]["properties"]) == {f.name for f in attrs.fields(MODELS[name])}


def _set_fields(value: Any, found: dict[str, set[str]]) -> dict[str, set[str]]:
    """For each model class met in ``value``, the fields set away from their default in at
    least one of its instances."""
    if isinstance(value, tuple):
        for item in value:
            _set_fields(item, found)
    if not attrs.has(type(value)):
        return found
    names = found.setdefault(type(value).__name__, set())
    for field in attrs.fields(type(value)):
        inner = getattr(value, field.name)
        default = field.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            default = default.factory()
        if inner != default:
            names.add(field.name)
        _set_fields(inner, found)
    return found


def test_a_post_with_every_field_set_survives_every_writer(tmp_path: Any) -> None:
    """The field lists above are necessary; this checks the values arrive too."""
    from datetime import UTC, datetime

    post = ek.Post(
        id="42", platform="instagram", created_at=datetime(2024, 5, 2, 9, 30, 1, 5, tzinfo=UTC),
        text="Great to meet you today! #StayCommitted @springfieldpd $SPY 🚲 https://e.x/a",
        author=ek.Account(platform="instagram", handle="springfieldpd", id="17",
                          display_name="Springfield PD"),
        officer=ek.Officer(
            name="Dana Reyes", rank="Sergeant", badge="4471",
            accounts=[ek.Account(platform="mastodon", handle="reyes@police.example")],
            agency=ek.Agency(name="Springfield Police Department",
                             location=ek.Location(name="Springfield", region="IL"),
                             accounts=[ek.Account(platform="twitter", handle="SpringfieldPD")])),
        hashtags=[ek.Hashtag(text="StayCommitted", start=25, end=39)],
        mentions=[ek.Mention(handle="springfieldpd", start=40, end=54, id="17")],
        cashtags=[ek.Cashtag(text="SPY", start=55, end=59)],
        emoji=[ek.Emoji(text="🚲", start=60, end=61)],
        links=[ek.Link(url="https://e.x/a", start=62, end=75,
                       expanded_url="https://example.org/a")],
        media=[ek.Media(kind="video", uri="media/a.mp4", width=1080, height=1920,
                        duration=12.5, alt_text="Bike rodeo",
                        created_at=datetime(2024, 5, 1, tzinfo=UTC))],
        location=ek.Location(name="Washington Park", locality="Springfield", region="IL",
                             country="US", address="1 Park Ave", id="99",
                             coordinates=ek.Coordinates(latitude=39.78, longitude=-89.65)),
        engagement=ek.Engagement(likes=5, comments=1, shares=2, views=300),
        tagged=["neighbour.watch"], visibility="followers", url="https://e.x/p/42",
        reply_to="41", lang="en",
        repost_of=ek.PostRef(id="40", author="rivertonpd", url="https://e.x/p/40"),
        quality=ek.TextQuality(lost_glyphs=2, lost_spans=[(3, 5)], repairs=["mojibake"]),
        extra={"surface": "post", "nested": [1, 2.5, None, {"ok": True}]},
    )
    found = _set_fields(post, {})
    assert found == {name: {f.name for f in attrs.fields(cls)} for name, cls in MODELS.items()}
    ek.write_csv([post], tmp_path / "p.csv")
    ek.write_parquet([post], tmp_path / "p.parquet")
    assert list(ek.read_csv(tmp_path / "p.csv")) == [post]
    assert list(ek.read_parquet(tmp_path / "p.parquet")) == [post]
    assert ek.from_dict(ek.to_dict(post), ek.Post) == post
