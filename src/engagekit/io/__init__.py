"""Reading and writing engagekit's own formats.

Format modules share one shape: ``engagekit.io.json`` has ``dumps``/``loads``,
``engagekit.io.jsonl`` has ``write_jsonl``/``read_jsonl``; both use the one
converter from :func:`make_converter`.
"""

from engagekit.io._converter import configure_converter, converter, make_converter
from engagekit.io._schema import SCHEMA_VERSION
from engagekit.io.activitystreams import to_activitystreams, to_activitystreams_collection
from engagekit.io.arrow import (
    MissingExtra,
    arrow_schema,
    from_arrow,
    read_parquet,
    row_schema,
    to_arrow,
    write_parquet,
)
from engagekit.io.csv import read_csv, write_csv
from engagekit.io.dataframes import to_pandas, to_polars
from engagekit.io.dicts import from_dict, to_dict
from engagekit.io.geojson import place_rows, to_geojson
from engagekit.io.json import dumps, loads
from engagekit.io.json_schema import json_schema
from engagekit.io.jsonl import read_jsonl, write_jsonl
from engagekit.io.schema_org import to_schema_org

__all__ = [
    "SCHEMA_VERSION",
    "MissingExtra",
    "arrow_schema",
    "configure_converter",
    "converter",
    "dumps",
    "from_arrow",
    "from_dict",
    "json_schema",
    "loads",
    "make_converter",
    "place_rows",
    "read_csv",
    "read_jsonl",
    "read_parquet",
    "row_schema",
    "to_activitystreams",
    "to_activitystreams_collection",
    "to_arrow",
    "to_dict",
    "to_geojson",
    "to_pandas",
    "to_polars",
    "to_schema_org",
    "write_csv",
    "write_jsonl",
    "write_parquet",
]
