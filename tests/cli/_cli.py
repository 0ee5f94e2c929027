"""Helpers for the command-line tests: run a command, and small exports to run it on."""

from __future__ import annotations

import json
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

from click.testing import CliRunner, Result

import engagekit as ek
from engagekit.cli._app import group
from engagekit.datasets import sample_posts

__all__ = ["bad_jsonl", "instagram_zip", "run", "sample_jsonl"]

START = datetime(2024, 3, 4, 9, 0, tzinfo=timezone.utc)


def run(*args: str | Path) -> Result:
    """``engagekit ARGS`` in-process; stdout and stderr apart, exceptions not caught."""
    return CliRunner().invoke(group, [str(arg) for arg in args], catch_exceptions=False,
                              prog_name="engagekit")


def sample_jsonl(folder: Path) -> Path:
    """The bundled 80-post sample as engagekit JSON Lines."""
    path = folder / "sample.jsonl"
    ek.write_jsonl(sample_posts(), path)
    return path


def bad_jsonl(folder: Path) -> Path:
    """The sample with records 2 and 4 broken (a missing time; an id given as a number)."""
    lines = sample_jsonl(folder).read_bytes().split(b"\n")
    lines[3] = b'{"id": "x", "platform": "instagram"}'
    lines[5] = b'{"id": 5, "platform": "instagram", "created_at": "2024-05-02T10:00:00Z"}'
    path = folder / "bad.jsonl"
    path.write_bytes(b"\n".join(lines))
    return path


def _instagram_post(caption: str, when: datetime) -> dict[str, object]:
    stamp = int(when.timestamp())
    return {"media": [{"uri": f"media/posts/202403/{stamp}.jpg", "creation_timestamp": stamp,
                       "title": caption}]}


def instagram_zip(folder: Path) -> Path:
    """An Instagram download of 35 posts: 20 tagged #CoffeeWithACop, 12 #BikeSafety, 3 #JaydenBday.

    Published with ``min_count=10``, #JaydenBday is withheld for its 3 posts and
    #BikeSafety with it (else the total would give the 3 back).
    """
    captions = ([f"Coffee with a cop, morning {i} #CoffeeWithACop" for i in range(20)]
                + [f"Bike safety day {i} #BikeSafety" for i in range(12)]
                + [f"Happy birthday from the team #JaydenBday {i}" for i in range(3)])
    posts = [_instagram_post(text, START + timedelta(days=3 * i))
             for i, text in enumerate(captions)]
    profile = {"profile_user": [{"string_map_data": {
        "Username": {"href": "", "value": "springfieldpd", "timestamp": 0},
        "Private Account": {"href": "", "value": "False", "timestamp": 0}}}]}
    path = folder / "instagram-springfieldpd.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("your_instagram_activity/content/posts_1.json", json.dumps(posts))
        archive.writestr("personal_information/personal_information/personal_information.json",
                         json.dumps(profile))
    return path
