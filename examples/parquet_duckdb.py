"""Write posts to Parquet and ask DuckDB questions in SQL: posts per platform and officer, the
top hashtags, posts per month in the agency's time zone.

Needs the ``duckdb`` extra (DuckDB and pyarrow): ``pip install 'engagekit[duckdb]'``.

With no argument it writes the bundled sample (every platform, with its roster) to a
temporary file. Or give the Parquet file to write:

    python examples/parquet_duckdb.py [posts.parquet]
"""

from __future__ import annotations

import importlib.util
import sys
import tempfile
from pathlib import Path

import engagekit as ek
from engagekit.datasets import SAMPLE_TZ, load_sample

# Each row is a post; nested fields stay nested: author and officer are structs, hashtags a
# list of structs, so SQL reaches into them with dots and UNNEST.
QUERIES = {
    "posts per platform and officer": """
        SELECT platform, coalesce(officer.name, '(department)') AS who, count(*) AS posts,
               sum(engagement.likes) AS likes
        FROM posts GROUP BY ALL ORDER BY platform, who
    """,
    # A hashtag's key (case and width folded) is derived, not stored: lower() stands in here.
    "top hashtags": """
        SELECT lower(tag.text) AS hashtag, count(DISTINCT id) AS posts,
               count(DISTINCT platform) AS platforms
        FROM posts, UNNEST(hashtags) AS t(tag)
        GROUP BY ALL ORDER BY posts DESC, hashtag LIMIT 5
    """,
    "posts per month of 2024, in the agency's time zone": f"""
        SELECT strftime(date_trunc('month', timezone('{SAMPLE_TZ}', created_at)), '%Y-%m')
                   AS month, count(*) AS posts
        FROM posts WHERE year(timezone('{SAMPLE_TZ}', created_at)) = 2024
        GROUP BY ALL ORDER BY month LIMIT 6
    """,
}


def missing() -> list[str]:
    return [name for name in ("duckdb", "pyarrow") if importlib.util.find_spec(name) is None]


def run(path: Path) -> str:
    import duckdb

    posts = load_sample()
    ek.write_parquet(posts, path)
    lines = [f"wrote {len(posts)} posts to {path.name}"]
    with duckdb.connect() as db:
        db.execute(f"CREATE VIEW posts AS SELECT * FROM read_parquet('{path.as_posix()}')")
        for title, sql in QUERIES.items():
            cursor = db.execute(sql)
            header = [column[0] for column in cursor.description]
            # NULL is "not known": Instagram, Facebook and Mastodon exports give no like counts
            rows = [["-" if v is None else str(v) for v in row] for row in cursor.fetchall()]
            widths = [max(len(cell) for cell in column) for column in zip(header, *rows,
                                                                           strict=True)]
            lines += ["", title + ":"]
            for row in [header, *rows]:
                cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
                lines.append(("  " + "  ".join(cells)).rstrip())
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if missing():
        print(f"parquet_duckdb.py needs {' and '.join(missing())}: "
              "pip install 'engagekit[duckdb]'", file=sys.stderr)
        return 1
    if len(argv) > 1:
        print(run(Path(argv[1])))
        return 0
    with tempfile.TemporaryDirectory() as folder:
        print(run(Path(folder) / "posts.parquet"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
